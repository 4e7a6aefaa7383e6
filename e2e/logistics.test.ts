import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonPrincipal } from '../src/identity/principal.js';
import { axeViolations } from './axe-violations.js';
import { chromiumMissing, DESKTOP, type E2e, type E2ePerson, PHONE, startE2e } from './browser.js';

// Set CORDONES_SCREENSHOTS=<folder> to keep a PNG of every page checked.
const SHOTS = process.env.CORDONES_SCREENSHOTS;
// Generous: the machine running the tests may be busy and the plan is solved in a worker.
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });
const SYSTEM = { kind: 'system', name: 'e2e' } as const;

/**
 * Plan → dispatch → deliver in the browser. The delivered quantity shows at the destination (the
 * place page, from logistics' deliveries ledger), and the JAP's distribution point that the place
 * is linked to has its stock raised by the same delivery (src/server/area-links.ts).
 */
describe.skipIf(chromiumMissing !== null)('logistics in the browser', () => {
  let e2e: E2e;
  let person: E2ePerson;
  let pointId = '';
  let supplyPoint = { id: '', flourId: '' };
  let japChair: PersonPrincipal;

  async function check(page: Page, shot: string): Promise<void> {
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `logistics-${shot}.png`), fullPage: true });
    }
    expect(await axeViolations(page), shot).toEqual([]);
  }

  beforeAll(async () => {
    e2e = await startE2e();
    person = await e2e.createPerson({
      displayName: 'Ana Rojas Fuentes',
      bodies: [{ name: 'Asamblea Textil Sumar', kind: 'workplace-assembly', role: 'secretary' }],
    });
    const outcome = await e2e.services.identity.signIn(person.username, person.password);
    if (outcome.status !== 'signed-in') throw new Error('sign-in failed');
    const bodyId = (await e2e.services.councils.bodiesOf(person.personId))[0]!.bodyId;
    const chair = await e2e.createPerson({
      displayName: 'Luis Muñoz Tapia',
      bodies: [{ name: 'JAP La Legua', kind: 'supply-committee', role: 'chair' }],
    });
    const chairIn = await e2e.services.identity.signIn(chair.username, chair.password);
    if (chairIn.status !== 'signed-in') throw new Error('sign-in failed');
    japChair = chairIn.principal;
    const japId = (await e2e.services.councils.bodiesOf(chair.personId))[0]!.bodyId;
    const flour = await e2e.services.supply.entitlements.addGood(japChair, japId, {
      code: 'harina',
      name: 'Harina',
      unit: 'g',
    });
    const japPoint = await e2e.services.supply.claims.addPoint(japChair, japId, 'Punto La Legua');
    supplyPoint = { id: japPoint.id, flourId: flour.id };
    const { places, pool, shipments } = e2e.services.logistics;
    const [depot, point, other] = await places.importMany(SYSTEM, [
      { name: 'Bodega Vicuña Mackenna', kind: 'depot', latitude: -33.4985, longitude: -70.6105, bodyId },
      {
        name: 'JAP La Legua',
        kind: 'distribution-point',
        latitude: -33.4941,
        longitude: -70.6331,
        supplyPointId: japPoint.id,
      },
      { name: 'JAP San Gregorio', kind: 'distribution-point', latitude: -33.5371, longitude: -70.6222 },
    ]);
    pointId = point!;
    const at = '1972-10-14T09:00:00.000Z';
    await pool.importMany(SYSTEM, [
      {
        plate: 'HB-1972',
        capacityKg: 6000,
        capacityM3: 24,
        owner: 'Transportes Andes',
        depotPlaceId: depot!,
        driverAccountId: outcome.principal.accountId,
        history: [{ status: 'requisitioned', bodyId, at }],
      },
    ]);
    const today = new Date().toISOString().slice(0, 10);
    const base = { bodyId, fromPlaceId: depot!, priority: 'food' as const, dueDate: today };
    await shipments.importMany(SYSTEM, [
      { ...base, toPlaceId: point!, weightKg: 1200, goods: [{ good: 'harina', quantity: 1200, unit: 'kg' }] },
      {
        ...base,
        toPlaceId: other!,
        weightKg: 20_000,
        goods: [{ good: 'carbón', quantity: 20_000, unit: 'kg' }],
      },
    ]);
  }, 240_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it('plans the day, draws it, dispatches it; the driver delivers and the quantity appears at the point', async () => {
    const { context, page } = await e2e.newPage(DESKTOP);
    try {
      await page.goto('/sign-in');
      await page.getByLabel('Nombre de usuario').fill(person.username);
      await page.getByLabel('Contraseña').fill(person.password);
      await page.getByRole('button', { name: 'Iniciar sesión' }).click();
      await page.locator('.bodies').waitFor();

      await page.getByRole('navigation', { name: 'Áreas' }).getByRole('link', { name: 'Logística' }).click();
      await poll(() => page.locator('h1').textContent()).toBe('Logística');
      await check(page, 'desktop-home');
      await page.getByRole('button', { name: 'Planificar rutas' }).click();
      // 202 at once: the plan page shows it solving, then the worker's result
      await poll(() => page.url()).toMatch(/\/logistics\/plans\/[0-9a-f-]{36}$/);
      await poll(() => page.locator('.card [role="status"] .status').textContent()).toBe('parcial');
      expect(await page.locator('svg.route-map polyline').count()).toBe(1);
      expect(await page.locator('#route-text').textContent()).toContain('JAP La Legua');
      expect(await page.locator('#plan-unplaced + p + ul').textContent()).toContain(
        'pesa más de lo que carga cualquier camión',
      );
      await check(page, 'desktop-plan');
      await page.getByRole('button', { name: 'Despachar a los choferes' }).click();
      await poll(() => page.locator('.card [role="status"] .status').textContent()).toBe('despachado');

      await page.getByRole('link', { name: 'Flota' }).click();
      await page.locator('.logistics-table tbody tr').first().waitFor();
      expect(await page.locator('.logistics-table tbody').textContent()).toContain('HB-1972');
      await check(page, 'desktop-fleet');
      await page.getByRole('link', { name: 'Envíos' }).click();
      await page.getByLabel('Estado').selectOption('');
      await poll(() => page.locator('.logistics-table tbody tr').count()).toBe(2);
      await check(page, 'desktop-shipments');

      // the phone-first driver page
      await page.setViewportSize(PHONE);
      await page.getByRole('link', { name: 'Mis rutas' }).click();
      await page.getByRole('button', { name: 'Cargado para JAP La Legua' }).click();
      await page.getByRole('button', { name: 'Entregado en JAP La Legua' }).waitFor();
      await check(page, 'phone-drive');
      await page.getByRole('button', { name: 'Entregado en JAP La Legua' }).click();
      await poll(() => page.locator('.success-box').textContent()).toBe(
        'Entrega registrada en JAP La Legua.',
      );
      await poll(() => page.locator('.driver-stop .status').textContent()).toBe('entregado');
      await page.getByRole('link', { name: 'JAP La Legua' }).click();
      await poll(() => page.locator('.delivered-list').textContent()).toBe('1.200 kg de harina');
      await check(page, 'phone-place');
      const plan = (await e2e.services.logistics.planning.list())[0]!;
      await page.goto(`/logistics/plans/${plan.id}`);
      await page.locator('svg.route-map').waitFor();
      await check(page, 'phone-plan');
      expect((await e2e.services.logistics.places.get(pointId)).delivered).toEqual([
        { good: 'harina', unit: 'kg', quantity: 1200 },
      ]);
      // the JAP's distribution point received the flour: 1,200 kg = 1,200,000 g in its stock
      expect((await e2e.services.supply.claims.stock(japChair, supplyPoint.id)).stock).toEqual([
        { goodId: supplyPoint.flourId, quantity: 1_200_000 },
      ]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
