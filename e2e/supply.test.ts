import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonPrincipal } from '../src/identity/principal.js';
import type { MemberInput } from '../src/supply/households.service.js';
import { axeViolations } from './axe-violations.js';
import { chromiumMissing, DESKTOP, type E2e, type E2ePerson, PHONE, signInAs, startE2e } from './browser.js';

// Set CORDONES_SCREENSHOTS=<folder> to keep a PNG of every page checked.
const SHOTS = process.env.CORDONES_SCREENSHOTS;
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

let registry = 0;
const member = (ageBand: MemberInput['ageBand']): MemberInput => ({
  registryNumber: `7.${String(100 + registry++)}.000-K`,
  ageBand,
});

/**
 * A JAP in the browser: a scarce milk delivery is previewed (children first) and confirmed, a
 * household's card is issued, verified at the distribution point on a phone, the milk handed over,
 * and a second handover on the same card refused with the server's reason; two offline handovers on
 * one card wait in IndexedDB and, once online, sync as one recorded and one flagged double.
 */
describe.skipIf(chromiumMissing !== null)('supply in the browser', () => {
  let e2e: E2e;
  let chair: E2ePerson;
  let committeeId = '';
  let pointId = '';
  let milkId = '';
  let calleNueva = '';
  let chairPrincipal: PersonPrincipal;

  async function check(page: Page, shot: string): Promise<void> {
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `supply-${shot}.png`), fullPage: true });
    }
    expect(await axeViolations(page), shot).toEqual([]);
  }

  beforeAll(async () => {
    e2e = await startE2e();
    chair = await e2e.createPerson({
      displayName: 'Rosa Cárdenas Vera',
      bodies: [{ name: 'JAP Villa Francia', kind: 'supply-committee', role: 'chair' }],
    });
    const signedIn = await e2e.services.identity.signIn(chair.username, chair.password);
    if (signedIn.status !== 'signed-in') throw new Error('sign-in failed');
    const who = signedIn.principal;
    chairPrincipal = who;
    committeeId = (await e2e.services.councils.bodiesOf(chair.personId))[0]!.bodyId;
    const { entitlements, households, claims } = e2e.services.supply;
    const milk = (await entitlements.addGood(who, committeeId, { code: 'milk', name: 'Leche', unit: 'mL' }))
      .id;
    await entitlements.adoptRules(who, committeeId, {
      motionId: null,
      rules: [
        // 0.5 L a day per child under 15, first under scarcity; 0.25 L a day for everyone else
        { goodId: milk, category: 'child', quantity: 500, per: 'day', priority: 0 },
        { goodId: milk, category: 'adult', quantity: 250, per: 'day', priority: 1 },
      ],
    });
    const homes: [string, MemberInput[]][] = [
      ['Pasaje Las Rosas 14', [member('0-4'), member('5-14'), member('15-64')]],
      ['Avenida Central 230', [member('15-64')]],
      ['Calle Nueva 7', [member('5-14'), member('15-64')]],
    ];
    for (const [address, members] of homes) {
      const r = await households.register(who, committeeId, { address, members });
      if (r.status !== 'registered') throw new Error(`not registered: ${JSON.stringify(r)}`);
      if (address === 'Calle Nueva 7') calleNueva = r.householdId;
    }
    pointId = (await claims.addPoint(who, committeeId, 'Sede vecinal Villa Francia')).id;
    await claims.receiveStock(who, pointId, milk, 100_000);
    milkId = milk;
  }, 240_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it('previews and confirms a scarce delivery, issues a card, hands it over once and refuses the second; offline doubles are flagged at sync', async () => {
    const { context, page } = await e2e.newPage(DESKTOP);
    try {
      await page.goto('/sign-in');
      await page.getByLabel('Nombre de usuario').fill(chair.username);
      await page.getByLabel('Contraseña').fill(chair.password);
      await page.getByRole('button', { name: 'Iniciar sesión' }).click();
      await page.locator('.bodies').waitFor();

      await page
        .getByRole('navigation', { name: 'Áreas' })
        .getByRole('link', { name: 'Abastecimiento' })
        .click();
      await poll(() => page.locator('h1').textContent()).toBe('Juntas de abastecimientos (JAP)');
      await page.getByRole('link', { name: 'JAP Villa Francia' }).click();
      await poll(() => page.url()).toContain(`/supply/committees/${committeeId}`);
      await page.getByText('Pasaje Las Rosas 14').waitFor();
      await page.getByText('Sede vecinal Villa Francia').waitFor();

      // 40 L for a month: the children's group alone is due more, so adults get nothing yet
      await page.getByLabel('Cantidad entregada (mL)').fill('40000');
      await page.getByRole('button', { name: 'Registrar y ver el reparto' }).click();
      const rows = page.locator('.supply-table tbody tr');
      await poll(() => rows.count()).toBe(3);
      const awards = await page.locator('.supply-table tbody td:nth-child(3)').allTextContents();
      expect(awards.map((a) => Number(a.replace(/\./g, ''))).reduce((x, y) => x + y, 0)).toBe(40_000);
      expect(await rows.filter({ hasText: 'Avenida Central 230' }).locator('td').last().textContent()).toBe(
        '0',
      );
      const firstAward = Number(
        (await rows.filter({ hasText: 'Pasaje Las Rosas 14' }).locator('td').last().textContent())?.replace(
          /\./g,
          '',
        ),
      );
      expect(firstAward).toBeGreaterThan(0);
      expect(await page.locator('.supply-groups').textContent()).toContain('Grupo de prioridad 0');
      await check(page, 'desktop-preview');
      await page.getByRole('button', { name: 'Confirmar este reparto' }).click();
      await poll(() => page.locator('.success-box').textContent()).toMatch(
        /^Confirmado: 40\.000 repartidos entre \d hogares\.$/,
      );

      await page.getByRole('button', { name: 'Emitir tarjeta de Pasaje Las Rosas 14' }).click();
      const tokenBox = page.locator('#issued-token');
      await tokenBox.waitFor();
      const token = await tokenBox.inputValue();
      expect(token).toMatch(/^[A-Za-z0-9_-]{80,}$/);
      // the card is also drawn as a printable QR code of the same token
      const qr = page.getByRole('img', { name: 'Tarjeta de racionamiento: código QR para imprimir' });
      await qr.waitFor();
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
      expect(await page.evaluate("document.querySelector('img.supply-qr').naturalWidth")).toBeGreaterThan(
        100,
      );
      await check(page, 'desktop-committee');
      await page.setViewportSize(PHONE);
      await check(page, 'phone-committee');

      await page.getByRole('link', { name: 'Sede vecinal Villa Francia' }).click();
      await poll(() => page.locator('h1').textContent()).toBe('Sede vecinal Villa Francia');
      const verify = async (text: string) => {
        await page.getByLabel('Código de la tarjeta').fill(text);
        await page.getByRole('button', { name: 'Verificar tarjeta' }).click();
      };
      // a changed signature character is caught in the browser, before any request
      const flipped = token.slice(0, -6) + (token.at(-6) === 'A' ? 'B' : 'A') + token.slice(-5);
      await verify(flipped);
      await poll(() => page.locator('#verdict-title').textContent()).toBe(
        'Tarjeta falsificada: la firma no coincide',
      );

      await verify(token);
      await poll(() => page.locator('#verdict-title').textContent()).toBe('Tarjeta válida');
      expect(await page.locator('.supply-due').textContent()).toMatch(/Leche: [\d.]+ mL por entregar/);
      await check(page, 'phone-point-valid');
      await page.getByRole('button', { name: 'Entregar Leche' }).click();
      await poll(() => page.locator('.supply-due .success-box').textContent()).toBe('Entrega registrada.');

      // the same card read again is a new handover: the server refuses it and says why
      await verify(token);
      await poll(() => page.locator('.supply-due .success-box').count()).toBe(0);
      await page.getByRole('button', { name: 'Entregar Leche' }).click();
      await poll(() => page.locator('.supply-due .error-box').textContent()).toMatch(
        /^El hogar ya recibió este bien para \d{4}-\d{2}/,
      );
      await check(page, 'phone-point-refused');
      await page.setViewportSize(DESKTOP);
      await check(page, 'desktop-point-refused');
      const stock = await e2e.services.supply.claims.stock(chairPrincipal, pointId);
      expect(stock.stock).toEqual([{ goodId: milkId, quantity: 100_000 - firstAward }]);

      // offline: two handovers on one card wait in IndexedDB; at sync the double is kept and flagged
      const period = new Date().toISOString().slice(0, 7);
      const card = await e2e.services.supply.cards.issue(chairPrincipal, calleNueva, period);
      const due = card.items[0]!.quantity;
      await page.setViewportSize(PHONE);
      // the service worker keeps the app shell: without the network the point page still opens
      await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
      await context.setOffline(true);
      await page.reload();
      await poll(() => page.locator('h1').first().textContent()).toBeTruthy();
      expect(await page.locator('h1').first().textContent()).not.toMatch(/Iniciar sesión/);
      for (let i = 0; i < 2; i++) {
        await verify(card.token);
        await poll(() => page.locator('#verdict-title').textContent()).toBe('Tarjeta válida');
        await poll(() => page.locator('.supply-due .success-box').count()).toBe(0);
        await page.getByRole('button', { name: 'Entregar Leche' }).click();
        await poll(() => page.locator('.supply-due .success-box').textContent()).toBe(
          'Sin red: entrega guardada en este dispositivo; se sincronizará.',
        );
      }
      expect(await page.locator('#offline-title + p').textContent()).toBe(
        '2 entregas esperan sincronizarse.',
      );
      await context.setOffline(false);
      await poll(() => page.locator('.supply-synced').textContent()).toBe(
        'Sincronizado: 1 registradas, 1 marcadas para la junta.',
      );
      expect(await page.locator('.supply-flagged').textContent()).toContain('Retiro doble');
      await check(page, 'phone-point-synced');
      const after = await e2e.services.supply.claims.stock(chairPrincipal, pointId);
      // the goods left the point twice, so the flagged handover lowers the stock too
      expect(after.stock).toEqual([{ goodId: milkId, quantity: 100_000 - firstAward - 2 * due }]);

      await page.goto(`/supply/committees/${committeeId}`);
      await poll(() =>
        page.locator('section[aria-labelledby="flags-title"] .supply-list').textContent(),
      ).toContain('Retiro doble');
    } finally {
      await context.close();
    }
  }, 180_000);

  it('takes an anonymous price report from a resident; the committee checks and resolves it on its board', async () => {
    const resident = await e2e.createPerson({ displayName: 'Juana Pérez Soto' });
    const signIn = async (page: Page, who: E2ePerson) => {
      await signInAs(page, who.username, who.password);
      await poll(() => new URL(page.url()).pathname).toBe('/');
    };
    const phone = await e2e.newPage(PHONE);
    try {
      await signIn(phone.page, resident);
      await phone.page.goto(`/supply/committees/${committeeId}/report`);
      await poll(() => phone.page.locator('h1').textContent()).toBe('Denunciar sobreprecio o acaparamiento');
      await phone.page.getByLabel('Código del producto').fill('milk');
      await phone.page.getByLabel('Lugar (almacén, calle)').fill('Almacén El Sol, Calle Nueva 12');
      await phone.page.getByLabel('Precio cobrado, en escudos (opcional)').fill('18,50');
      await phone.page.getByLabel('Lo que viste').fill('Leche a más del doble del precio oficial.');
      await phone.page.getByLabel('Denunciar de forma anónima').check();
      // A real JPEG drawn by the browser, with an EXIF segment holding a GPS position put in.
      const drawn = (await phone.page.evaluate(`(() => {
        const c = document.createElement('canvas');
        c.width = 64; c.height = 48;
        const g = c.getContext('2d');
        g.fillStyle = '#c33'; g.fillRect(0, 0, 64, 48);
        g.fillStyle = '#fff'; g.fillRect(8, 8, 20, 20);
        return c.toDataURL('image/jpeg', 0.9);
      })()`)) as string;
      const jpeg = Buffer.from(drawn.split(',')[1]!, 'base64');
      const exif = Buffer.from('Exif\0\0MM\0*GPSLatitude -33.4569 GPSLongitude -70.6483', 'latin1');
      const app1 = Buffer.concat([
        Buffer.from([0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff]),
        exif,
      ]);
      await phone.page.getByLabel('Foto (opcional)').setInputFiles({
        name: 'almacen.jpg',
        mimeType: 'image/jpeg',
        buffer: Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]),
      });
      await check(phone.page, 'phone-report');
      await phone.page.getByRole('button', { name: 'Enviar denuncia' }).click();
      await poll(() => phone.page.locator('.success-box').textContent()).toContain(
        'Denuncia enviada a la junta.',
      );
    } finally {
      await phone.context.close();
    }

    const { context, page } = await e2e.newPage(DESKTOP);
    try {
      await signIn(page, chair);
      await page.goto(`/supply/committees/${committeeId}`);
      const board = page.locator('section[aria-labelledby="board-title"]');
      await poll(() => board.locator('.supply-list').textContent()).toContain(
        'Almacén El Sol, Calle Nueva 12',
      );
      expect(await board.locator('.supply-list').textContent()).toContain('Precio: 18,50 escudos.');
      // The photo is shown on the board, decodable, and kept without its EXIF.
      const photo = board.getByRole('img', {
        name: 'Foto enviada con la denuncia sobre Almacén El Sol, Calle Nueva 12',
      });
      await photo.waitFor();
      await poll(() =>
        photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      ).toBe(64);
      const kept = await page.request.get((await photo.getAttribute('src'))!);
      expect(kept.headers()['content-type']).toBe('image/jpeg');
      expect((await kept.body()).toString('latin1')).not.toMatch(/Exif|GPS/);
      expect(await board.locator('.tag').textContent()).toBe('abierta');
      await board.getByLabel('Notas').fill('Visitado: precio confirmado.');
      await board.getByRole('button', { name: 'Marcar comprobada' }).click();
      await poll(() => board.locator('.tag').textContent()).toBe('comprobada');
      await board.getByLabel('Notas').fill('Multa cursada por la DIRINCO.');
      await board.getByRole('button', { name: 'Marcar resuelta' }).click();
      await poll(() => board.locator('.tag').textContent()).toBe('resuelta');
      expect(await board.getByRole('button').count()).toBe(0);
      await check(page, 'desktop-board');
    } finally {
      await context.close();
    }
  }, 120_000);
});
