import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFederation } from '../test/factories.js';
import { axeViolations } from './axe-violations.js';
import { chromiumMissing, DESKTOP, type E2e, PHONE, signInAs, startE2e } from './browser.js';

// Generous: the machine running the tests may be busy, and sign-in hashes with argon2id.
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });
const SYSTEM = { kind: 'system', name: 'e2e' } as const;

// One walk: assembly A's secretary posts a need on the workplace page → the maker B is proposed and
// chosen → B's secretary accepts on B's page → the need shows as ordered on the cordón's board.
describe.skipIf(chromiumMissing !== null)('spare parts in Chromium', () => {
  let e2e: E2e;
  let fed: Awaited<ReturnType<typeof createFederation>>;
  let sumar: string;
  let maestranza: string;

  async function signIn(page: Page, username: string): Promise<void> {
    await signInAs(page, username);
    await page.locator('.bodies').waitFor();
  }

  beforeAll(async () => {
    e2e = await startE2e();
    const { services } = e2e;
    fed = await createFederation(services);
    const place = (bodyId: string, name: string, latitude: number) =>
      services.production.register.createWorkplace(SYSTEM, {
        bodyId,
        name,
        sector: 'metalmecánica',
        latitude,
        longitude: -70.62,
        workforce: 400,
        status: 'occupied',
        since: '1972-10-11',
      });
    sumar = (await place(fed.bodies.assemblyA, 'Textil Sumar', -33.49)).id;
    maestranza = (await place(fed.bodies.assemblyB, 'Maestranza Cerrillos', -33.5)).id;
    await services.production.spareParts.setCapabilities(SYSTEM, maestranza, [
      { capability: 'machining', detail: 'torno paralelo de 2 m' },
    ]);
  });

  async function noSidewaysScroll(page: Page, what: string): Promise<void> {
    const overflow = await page.evaluate(() => {
      const root = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow, `${what} scrolls sideways`).toBeLessThanOrEqual(0);
  }

  afterAll(async () => {
    await e2e?.close();
  });

  it('a posted need gets a maker, the maker accepts, and the cordón board shows it', async () => {
    const needer = await e2e.newPage(DESKTOP);
    const maker = await e2e.newPage(DESKTOP);
    const delegate = await e2e.newPage(DESKTOP);
    try {
      const page = needer.page;
      await signIn(page, fed.people.secretaryA.username);
      await page.goto(`/production/workplaces/${sumar}`);
      const section = page.locator('.spare-parts');
      await section.getByLabel('Pieza', { exact: true }).fill('Engranaje de telar');
      await section.getByLabel('Cantidad (piezas)').fill('6');
      await section.getByLabel('Urgencia').selectOption('critical');
      await section.getByLabel('Capacidad necesaria').selectOption('machining');
      await section.getByRole('button', { name: 'Publicar la necesidad' }).click();
      const need = section.locator('.spare-need', { hasText: 'Engranaje de telar' });
      await need.waitFor();
      await need.getByRole('button', { name: 'Buscar quién lo fabrique' }).click();
      const proposal = need.locator(`[data-maker-id="${maestranza}"]`);
      await poll(() => proposal.textContent()).toContain('Maestranza Cerrillos');
      expect(await proposal.textContent()).toMatch(/1,\d km/);
      await proposal.getByRole('button', { name: 'Proponer a Maestranza Cerrillos' }).click();
      await poll(() => need.locator('.order-status').textContent()).toBe('propuesto');
      expect(await axeViolations(page), 'workplace page').toEqual([]);

      await signIn(maker.page, fed.people.secretaryB.username);
      await maker.page.goto(`/production/workplaces/${maestranza}`);
      const order = maker.page.locator('.spare-parts .spare-order', { hasText: 'Engranaje de telar' });
      await order.getByRole('button', { name: 'Aceptar' }).click();
      await poll(() => order.locator('.order-status').textContent()).toBe('aceptado');
      // the needing workplace's page follows live
      await poll(() => need.locator('.need-status').textContent()).toBe('pedida');

      await signIn(delegate.page, fed.people.cordonDelegate.username);
      await delegate.page.goto('/production');
      await delegate.page.getByRole('link', { name: /^Tablero de repuestos de Cordón/ }).click();
      const onBoard = delegate.page.locator('.spare-need', { hasText: 'Engranaje de telar' });
      await poll(() => onBoard.textContent()).toContain('Textil Sumar');
      expect(await onBoard.locator('.order-status').textContent()).toBe('aceptado');
      expect(await onBoard.textContent()).toContain('crítica');
      expect(await axeViolations(delegate.page), 'cordón board').toEqual([]);
    } finally {
      await Promise.all([needer.context.close(), maker.context.close(), delegate.context.close()]);
    }
  });

  it("fits the workplace page's forms and the board at phone width", async () => {
    const { context, page } = await e2e.newPage(PHONE);
    try {
      await signIn(page, fed.people.secretaryA.username);
      await page.goto(`/production/workplaces/${sumar}`);
      await page.locator('.spare-parts .spare-need').first().waitFor();
      await page.getByLabel('Cantidad (piezas)').waitFor();
      await noSidewaysScroll(page, 'workplace page');
      expect(await axeViolations(page), 'workplace page at phone width').toEqual([]);
      await page.goto(`/production/spare-parts/${fed.bodies.cordon}`);
      await page.locator('.spare-need').first().waitFor();
      await noSidewaysScroll(page, 'cordón board');
    } finally {
      await context.close();
    }
  });
});
