import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe-violations.js';
import { chromiumMissing, DESKTOP, type E2e, type E2ePerson, PHONE, signInAs, startE2e } from './browser.js';

// Set CORDONES_SCREENSHOTS=<folder> to keep a PNG of every land page checked.
const SHOTS = process.env.CORDONES_SCREENSHOTS;
// Generous: the machine running the tests may be busy, and sign-in hashes with argon2id.
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

const COUNCIL = 'Consejo Comunal Campesino de Melipilla';
const COMMITTEE = 'Comité Campesino Culiprán';
const MOTION = 'Expropiar el fundo Culiprán';

function square(x: number, y: number, d: number) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
      ],
    ],
  };
}

// One server and one person for the walk, in order: occupy → expropriate by the council's
// motion → assign to the committee → report the harvest → see the stock; axe on every land page.
describe.skipIf(chromiumMissing !== null)('land pages in Chromium', () => {
  let e2e: E2e;
  let person: E2ePerson;
  let parcelId: string;

  async function check(page: Page, shot: string): Promise<void> {
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `land-${shot}.png`), fullPage: true });
    }
    expect(await axeViolations(page), shot).toEqual([]);
    const overflow = await page.evaluate(() => {
      const root = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow, `${shot} scrolls sideways`).toBeLessThanOrEqual(0);
  }

  async function signIn(page: Page): Promise<void> {
    await signInAs(page, person.username, person.password);
    await page.locator('.bodies').waitFor();
  }

  beforeAll(async () => {
    e2e = await startE2e();
    person = await e2e.createPerson({
      displayName: 'Rosa Catrileo Huenchumán',
      bodies: [
        { name: COUNCIL, kind: 'peasant-committee', role: 'chair' },
        { name: COMMITTEE, kind: 'peasant-committee', role: 'secretary' },
      ],
    });
    const { services } = e2e;
    const bodies = (await services.councils.federation()).bodies;
    const council = bodies.find((b) => b.name === COUNCIL)!.id;
    const session = await services.identity.signIn(person.username, person.password);
    if (session.status !== 'signed-in') throw new Error('service sign-in failed');
    const { motionId } = await services.councils.motions.propose(session.principal, council, {
      title: MOTION,
      text: 'El consejo acuerda pedir la expropiación del fundo Culiprán.',
    });
    await services.councils.motions.vote(session.principal, motionId, 'for');
    await services.councils.motions.close(session.principal, motionId);
    const system = { kind: 'system' as const, name: 'e2e' };
    const parcel = await services.land.parcels.create(system, {
      name: 'Fundo Culiprán',
      region: 'Metropolitana',
      landClass: 'irrigated',
      areaHectares: 412.5,
      previousOwner: 'Sucesión Ossa',
      since: '1969-05-01',
      boundary: square(-71.3, -33.72, 0.02),
    });
    parcelId = parcel.id;
    for (const [i, region] of ['Maule', 'Ñuble', "O'Higgins"].entries())
      await services.land.parcels.create(system, {
        name: `Fundo ${region}`,
        region,
        landClass: i === 1 ? 'dry' : 'forest',
        areaHectares: 120 + i * 40,
        since: '1970-02-01',
        status: i === 0 ? 'occupied' : 'private',
        boundary: square(-71.8 + i * 0.3, -35 - i * 0.6, 0.03),
      });
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('occupies, expropriates by the motion, assigns, reports a harvest and shows the stock', async () => {
    const { context, page } = await e2e.newPage(DESKTOP);
    try {
      await signIn(page);
      await page
        .getByRole('navigation', { name: 'Áreas' })
        .getByRole('link', { name: 'Tierra', exact: true })
        .click();
      await poll(() => page.locator('main h1').textContent()).toBe('Tierra');
      await page.locator('.land-map svg').waitFor();
      expect(await page.locator('.land-parcel').count()).toBe(4);
      await check(page, 'register-desktop');

      await page.getByLabel('Región').selectOption('Metropolitana');
      await page.getByRole('button', { name: 'Mostrar' }).click();
      await poll(() => page.locator('.land-table tbody tr').first().textContent()).toContain(
        'Fundo Culiprán',
      );
      await poll(() => page.locator('.land-parcel').count()).toBe(1);
      await page.getByRole('link', { name: 'Fundo Culiprán' }).click();
      await poll(() => page.locator('main h1').textContent()).toBe('Fundo Culiprán');
      await check(page, 'parcel-desktop');

      const status = page.locator('.parcel-status');
      const decide = async (verb: string, date: string, extra: () => Promise<void> = async () => {}) => {
        await page.getByLabel('Decisión', { exact: true }).selectOption({ label: verb });
        await page.getByLabel('Desde (fecha)').fill(date);
        await page.getByLabel('Órgano que decide').selectOption({ label: COUNCIL });
        await extra();
        await page.getByRole('button', { name: 'Registrar la decisión' }).click();
      };
      await decide('Ocupar', '1970-11-20');
      await poll(() => status.textContent()).toContain('Ocupada');

      // Expropriation needs the council's adopted motion: the page marks the field required.
      await decide('Expropiar', '1971-03-15', async () => {
        await poll(() => page.locator('#land-move-motion option').count()).toBe(2);
        await page.getByLabel('Moción aprobada (obligatoria)').selectOption({ label: MOTION });
      });
      await poll(() => status.textContent()).toContain('Expropiada');
      expect(await page.locator('.land-table').first().textContent()).toContain(COUNCIL);

      await decide('Asignar a un comité', '1971-05-02', async () => {
        await page.getByLabel('Comité que trabajará la tierra').selectOption({ label: COMMITTEE });
      });
      await poll(() => status.textContent()).toContain('Asignada');

      await page.getByLabel('Producto').fill('wheat');
      await page.getByLabel('Cantidad (kg)').fill('8400');
      await page.getByLabel('Cosechada el').fill('1972-02-10');
      await page.getByRole('button', { name: 'Informar la cosecha' }).click();
      await poll(() => page.locator('.land-stock').textContent()).toBe('wheat: 8.400 kg');
      await check(page, 'parcel-assigned-desktop');

      const stock = await e2e.services.land.harvests.harvestStock({ product: 'wheat' });
      expect(stock.quantityKg).toBe(8400);
      const detail = await e2e.services.land.parcels.parcel(parcelId);
      expect(detail.history.map((h) => h.status)).toEqual([
        'private',
        'occupied',
        'expropriated',
        'assigned',
      ]);
    } finally {
      await context.close();
    }
  });

  it('shows the register and the parcel at phone width without serious axe violations', async () => {
    const { context, page } = await e2e.newPage(PHONE);
    try {
      await signIn(page);
      await page.goto('/land');
      await page.locator('.land-map svg').waitFor();
      await page.locator('.land-table tbody tr').first().waitFor();
      await check(page, 'register-phone');
      await page.goto(`/land/parcels/${parcelId}`);
      await page.locator('.land-stock').waitFor();
      await check(page, 'parcel-phone');
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('html[lang="en"]').waitFor();
      await poll(() => page.locator('.parcel-status').textContent()).toContain('Assigned');
      await check(page, 'parcel-phone-english');
    } finally {
      await context.close();
    }
  });
});
