import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import qrcode from 'qrcode-generator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe-violations.js';
import {
  chromiumMissing,
  type E2e,
  type E2ePerson,
  fakeCameraArgs,
  PHONE,
  signInAs,
  startE2e,
} from './browser.js';

// Set CORDONES_SCREENSHOTS=<folder> to keep a PNG of the point page after each step checked.
const SHOTS = process.env.CORDONES_SCREENSHOTS;
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

/**
 * Writes a Y4M video (4:2:0, 640×480, two identical frames that Chromium loops) showing `text` as a
 * QR code (error correction M, 4-module quiet zone) in black on white, as a card held up to a
 * camera would fill most of the picture.
 */
function writeQrVideo(file: string, text: string): void {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const width = 640;
  const height = 480;
  const modules = qr.getModuleCount();
  const scale = Math.floor(height / (modules + 8));
  const left = Math.floor((width - modules * scale) / 2);
  const top = Math.floor((height - modules * scale) / 2);
  const luma = Buffer.alloc(width * height, 255);
  for (let r = 0; r < modules; r++)
    for (let c = 0; c < modules; c++) {
      if (!qr.isDark(r, c)) continue;
      for (let y = 0; y < scale; y++)
        luma.fill(
          0,
          (top + r * scale + y) * width + left + c * scale,
          (top + r * scale + y) * width + left + (c + 1) * scale,
        );
    }
  // Neutral chroma: a grey-scale picture.
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]),
  );
}

/**
 * The distribution point on a phone with a real (fake-fed) camera: Chromium's fake capture device
 * plays a video of a real card's QR code; the page reads it (BarcodeDetector where Chromium has
 * one, jsQR otherwise), verifies it, shows what is due and hands it over. Then a household without
 * its card is found by search and served, and found again offline from the page's own copy.
 */
describe.skipIf(chromiumMissing !== null)('the distribution point reads cards and finds households', () => {
  let e2e: E2e;
  let chair: E2ePerson;
  let pointId = '';
  let token = '';
  let dir = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cordones-camera-'));
    const video = join(dir, 'card.y4m');
    e2e = await startE2e({ chromiumArgs: fakeCameraArgs(video) });
    chair = await e2e.createPerson({
      displayName: 'Elena Contreras Araya',
      bodies: [{ name: 'JAP La Victoria', kind: 'supply-committee', role: 'chair' }],
    });
    const signedIn = await e2e.services.identity.signIn(chair.username, chair.password);
    if (signedIn.status !== 'signed-in') throw new Error('sign-in failed');
    const who = signedIn.principal;
    const committeeId = (await e2e.services.councils.bodiesOf(chair.personId))[0]!.bodyId;
    const { entitlements, households, claims, cards } = e2e.services.supply;
    const milk = (await entitlements.addGood(who, committeeId, { code: 'milk', name: 'Leche', unit: 'mL' }))
      .id;
    await entitlements.adoptRules(who, committeeId, {
      motionId: null,
      rules: [{ goodId: milk, category: 'everyone', quantity: 250, per: 'day', priority: 0 }],
    });
    const register = async (name: string | null, address: string, registryNumber: string) => {
      const r = await households.register(who, committeeId, {
        ...(name ? { name } : {}),
        address,
        members: [{ registryNumber, ageBand: '15-64' }],
      });
      if (r.status !== 'registered') throw new Error('not registered');
      return r.householdId;
    };
    const rojas = await register('Familia Rojas Pérez', 'Pasaje Ñuble 1245', '6.111.111-1');
    await register(null, 'Avenida Central 230', '6.222.222-2');
    await register('Familia Soto Vergara', 'Calle Nueva 7', '6.333.333-3');
    pointId = (await claims.addPoint(who, committeeId, 'Sede La Victoria')).id;
    await claims.receiveStock(who, pointId, milk, 100_000);
    token = (await cards.issue(who, rojas, new Date().toISOString().slice(0, 7))).token;
    // Chromium opens the file when the page starts the camera, after this.
    writeQrVideo(video, token);
  }, 240_000);

  afterAll(async () => {
    await e2e?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function check(page: Page, shot: string): Promise<void> {
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `supply-point-${shot}.png`), fullPage: true });
    }
    expect(await axeViolations(page), shot).toEqual([]);
  }

  async function signIn(page: Page): Promise<void> {
    await signInAs(page, chair.username, chair.password);
    await poll(() => new URL(page.url()).pathname).toBe('/');
  }

  it('reads a card with the camera, shows what is due and hands it over; finds a household by search, also offline', async () => {
    const { context, page } = await e2e.newPage(PHONE);
    try {
      await context.grantPermissions(['camera']);
      await signIn(page);
      await page.goto(`/supply/points/${pointId}`);
      await poll(() => page.locator('h1').textContent()).toBe('Sede La Victoria');

      await page.getByRole('button', { name: 'Leer la tarjeta con la cámara' }).click();
      await poll(() => page.locator('#verdict-title').textContent()).toBe('Tarjeta válida');
      expect(await page.getByLabel('Código de la tarjeta').inputValue()).toBe(token);
      const hint = await page.locator('.supply-verdict .hint').textContent();
      expect(hint).toMatch(/Leída con (jsQR|el lector de códigos del navegador)\./);
      console.log(`camera card read: ${hint}`);
      // The camera is released once the card is read.
      expect(await page.locator('video').count()).toBe(0);
      expect(await page.locator('.supply-due').textContent()).toMatch(/Leche: [\d.]+ mL por entregar/);
      await check(page, 'scanned');
      await page.getByRole('button', { name: 'Entregar Leche' }).click();
      await poll(() => page.locator('.supply-due .success-box').textContent()).toBe('Entrega registrada.');

      // A household without its card: found by a word of its address, served by household id.
      const search = async (text: string) => {
        await page.getByLabel('Nombre, dirección, RUT o código de tarjeta').fill(text);
        await page.getByRole('button', { name: 'Buscar', exact: true }).click();
      };
      await search('central');
      await page.getByRole('button', { name: 'Avenida Central 230' }).click();
      await poll(() => page.locator('#household-title').textContent()).toBe('Avenida Central 230');
      await page.getByRole('button', { name: 'Entregar Leche' }).click();
      await poll(() => page.locator('.supply-due .success-box').textContent()).toBe('Entrega registrada.');

      // Fragments of name and address, without accents; the card's household already received.
      await search('roj nub');
      await page.getByRole('button', { name: 'Familia Rojas Pérez' }).click();
      await poll(() => page.locator('#household-title').textContent()).toBe('Familia Rojas Pérez');
      await poll(() => page.locator('.supply-due').textContent()).toContain('Ya lo recibió');
      expect(await page.getByRole('button', { name: 'Entregar Leche' }).count()).toBe(0);
      await check(page, 'searched');

      // Offline, the page searches the households it has found before.
      await context.setOffline(true);
      await search('avenida');
      await poll(() => page.locator('search .hint').last().textContent()).toBe(
        'Sin red: se buscan los hogares que este equipo ya encontró antes.',
      );
      await page.getByRole('button', { name: 'Avenida Central 230' }).click();
      await poll(() => page.locator('.supply-verdict .hint').first().textContent()).toMatch(
        /^Sin red: lo que le correspondía al consultarlo el /,
      );
      expect(await page.locator('.supply-due').textContent()).toContain('Ya lo recibió');
      await context.setOffline(false);

      // A household found online and served offline by its id: queued, then synced once.
      await search('soto');
      await page.getByRole('button', { name: 'Familia Soto Vergara' }).click();
      await poll(() => page.locator('#household-title').textContent()).toBe('Familia Soto Vergara');
      await context.setOffline(true);
      await search('vergara');
      await page.getByRole('button', { name: 'Familia Soto Vergara' }).click();
      await poll(() => page.locator('.supply-verdict .hint').first().textContent()).toMatch(/^Sin red:/);
      await page.getByRole('button', { name: 'Entregar Leche' }).click();
      await poll(() => page.locator('.supply-due .success-box').textContent()).toBe(
        'Sin red: entrega guardada en este dispositivo; se sincronizará.',
      );
      await context.setOffline(false);
      await poll(() => page.locator('.supply-synced').textContent()).toBe(
        'Sincronizado: 1 registradas, 0 marcadas para la junta.',
      );
    } finally {
      await context.close();
    }
  }, 180_000);
});
