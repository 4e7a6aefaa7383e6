import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFederation, personPrincipal } from '../test/factories.js';
import { axeViolations } from './axe-violations.js';
import { chromiumMissing, DESKTOP, type E2e, PHONE, signInAs, startE2e } from './browser.js';

// Set CORDONES_SCREENSHOTS=<folder> to keep a PNG of every production page checked.
const SHOTS = process.env.CORDONES_SCREENSHOTS;
// Generous: the machine running the tests may be busy, and sign-in hashes with argon2id.
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });
const DAY = 86_400_000;

/** The UTC day `daysAgo` days before now, as a report period. */
function day(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);
}

// One server and one federation (assembly A → cordón → region → nation) for the walk, in order:
// a steady series, then a collapse → the alert on the workplace page and the assembly's board →
// its deadline passes → the cordón delegate's board shows it at level 1, live.
describe.skipIf(chromiumMissing !== null)('production pages in Chromium', () => {
  let e2e: E2e;
  let fed: Awaited<ReturnType<typeof createFederation>>;
  let workplaceId: string;
  let stockId: string;
  let cordonName: string;

  async function check(page: Page, shot: string): Promise<void> {
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `production-${shot}.png`), fullPage: true });
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

  async function signIn(page: Page, username: string): Promise<void> {
    await signInAs(page, username);
    await page.locator('.bodies').waitFor();
  }

  beforeAll(async () => {
    e2e = await startE2e();
    const { services } = e2e;
    fed = await createFederation(services);
    const secretary = personPrincipal(fed.people.secretaryA);
    const workplace = await services.production.register.createWorkplace(secretary, {
      bodyId: fed.bodies.assemblyA,
      name: 'Textil Sumar',
      sector: 'textiles',
      latitude: -33.4895,
      longitude: -70.6156,
      workforce: 1200,
      status: 'occupied',
      since: '1972-10-11',
    });
    workplaceId = workplace.id;
    const [indicator, stock] = await services.production.register.createIndicators(secretary, workplaceId, [
      { name: 'Consumo de energía', kind: 'energy', unit: 'kWh' },
      { name: 'Existencias de algodón', kind: 'stock', unit: 'kg' },
    ]);
    const indicatorId = indicator!.id;
    stockId = stock!.id;
    const bodies = (await services.councils.federation()).bodies;
    cordonName = bodies.find((b) => b.id === fed.bodies.cordon)!.name;

    // 40 steady days up to three days ago, then the level collapses for the last three days
    let seed = 12345;
    const steady = Array.from({ length: 40 }, (_, k) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return {
        indicatorId,
        period: day(42 - k),
        value: Math.round(1000 + ((seed / 2147483648) * 2 - 1) * 8),
      };
    });
    const first = await services.production.reports.ingest(secretary, [
      ...steady,
      ...steady.map((r) => ({ ...r, indicatorId: stockId })),
    ]);
    expect(first).toMatchObject({ accepted: 80, rejected: [], alertsRaised: 0 });
    const collapse = await services.production.reports.ingest(
      secretary,
      [2, 1, 0].map((ago) => ({ indicatorId, period: day(ago), value: 300 })),
    );
    expect(collapse).toMatchObject({ accepted: 3, rejected: [], alertsRaised: 1 });
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it("shows the alert on the workplace page and the assembly's board", async () => {
    const { context, page } = await e2e.newPage(DESKTOP);
    try {
      await signIn(page, fed.people.secretaryA.username);
      await page
        .getByRole('navigation', { name: 'Áreas' })
        .getByRole('link', { name: 'Producción', exact: true })
        .click();
      await poll(() => page.locator('main h1').textContent()).toBe('Producción');
      const board = page.locator(`.alert-board[data-body-id="${fed.bodies.assemblyA}"]`);
      const item = board.locator('.alert-item');
      await poll(() => item.count()).toBe(1);
      // the indicator's name arrives with the workplace's indicators, after the board
      await poll(() => item.textContent()).toContain('Consumo de energía');
      // so does the workplace's name, asked for by id (the register is not loaded whole)
      await poll(() => item.textContent()).toContain('Textil Sumar');
      const text = (await item.textContent()) ?? '';
      expect(text).toContain('0 · lugar de trabajo');
      expect(text).toMatch(/Quedan \d/);
      expect(await item.getAttribute('data-level')).toBe('0');
      // the countdown runs
      const countdown = item.locator('[data-countdown]');
      const before = await countdown.textContent();
      await poll(() => countdown.textContent()).not.toBe(before);
      expect(await page.locator('.workplace-list li').first().textContent()).toContain('el suyo');
      // the register, a page at a time, searched by name without accents or case
      const register = page.locator('section', { has: page.locator('#workplaces-title') });
      await page.getByLabel('Buscar por nombre').fill('SUMAR');
      await poll(() => register.locator('[role="status"]').textContent()).toBe('1–1 de 1');
      expect(await register.locator('.workplace-list li').textContent()).toContain('Textil Sumar');
      await page.getByLabel('Buscar por nombre').fill('ninguno así');
      await poll(() => register.textContent()).toContain('Ningún lugar de trabajo tiene ese nombre.');
      await page.getByLabel('Buscar por nombre').fill('');
      await poll(() => page.locator('.stream-status').textContent()).toBe('En vivo');
      await check(page, 'board-desktop');

      await item.getByRole('link', { name: 'Textil Sumar' }).click();
      await poll(() => page.locator('main h1').textContent()).toBe('Textil Sumar');
      const energy = page.locator('.indicator', { hasText: 'Consumo de energía' });
      const chart = energy.locator('.indicator-chart svg');
      await chart.waitFor();
      expect(await energy.locator('.chart-alert').count()).toBe(1);
      expect(await energy.locator('.chart-band').count()).toBeGreaterThan(0);
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await chart.locator('desc').textContent()).toContain('alertas marcadas: 1');
      expect(await energy.locator('.indicator-alerts').textContent()).toBe('1 alerta sin resolver.');
      expect(await energy.locator('.alert-item').count()).toBe(1);
      await energy.getByText('Tabla de los últimos 30 períodos').click();
      const rows = energy.locator('.chart-table tbody tr');
      expect(await rows.count()).toBe(30);
      expect(await rows.first().textContent()).toContain('300');
      await check(page, 'workplace-desktop');
    } finally {
      await context.close();
    }
  });

  it("moves the unacknowledged alert to the cordón delegate's board at its deadline, live", async () => {
    const { context, page } = await e2e.newPage(DESKTOP);
    try {
      await signIn(page, fed.people.cordonDelegate.username);
      await page.goto('/production');
      const board = page.locator(`.alert-board[data-body-id="${fed.bodies.cordon}"]`);
      await poll(() => board.textContent()).toContain('No hay alertas abiertas.');
      await poll(() => page.locator('.stream-status').textContent()).toBe('En vivo');

      // two days later nobody at the workplace has acknowledged it
      const moved = await e2e.services.production.escalation.escalateDue(Date.now() + 48 * 3600_000);
      expect(moved).toEqual({ escalated: 1, atTop: 0 });
      const item = board.locator('.alert-item');
      await poll(() => item.count()).toBe(1);
      expect(await item.getAttribute('data-level')).toBe('1');
      expect(await page.locator('[data-live-news]').textContent()).toBe(
        'Una alerta sin acusar recibo subió a un tablero.',
      );
      expect(await item.locator('.alert-level').textContent()).toBe(`1 · cordón — ${cordonName}`);
      expect(await item.textContent()).toContain('Textil Sumar');
      await check(page, 'cordon-board-desktop');

      // the delegate takes it in hand; the countdown stops
      await item.getByRole('button', { name: 'Acusar recibo' }).click();
      await poll(() => item.textContent()).toContain('Recibida');
      expect(await item.locator('[data-countdown]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("shows the server's refusal, and both pages at phone width without serious axe violations", async () => {
    const { context, page } = await e2e.newPage(PHONE);
    try {
      await signIn(page, fed.people.memberA.username);
      await page.goto('/production');
      const item = page.locator(`.alert-board[data-body-id="${fed.bodies.assemblyA}"] .alert-item`);
      await poll(() => item.count()).toBe(1);
      await item.getByLabel('Comentario o resolución').fill('Falta carbón desde el lunes');
      await item.getByRole('button', { name: 'Resolver' }).click();
      await poll(() => item.locator('.error-box').count()).toBe(1);
      expect((await item.locator('.error-box').textContent())?.length).toBeGreaterThan(0);
      await item.getByLabel('Comentario o resolución').fill('Falta carbón desde el lunes');
      await item.getByRole('button', { name: 'Comentar' }).click();
      await poll(() => item.locator('.success-box').textContent()).toBe('Comentario agregado.');
      await item.getByText('Comentarios', { exact: true }).click();
      await poll(() => item.locator('.alert-comment-list').textContent()).toContain(
        'Falta carbón desde el lunes',
      );
      await check(page, 'board-phone');
      await page.goto(`/production/workplaces/${workplaceId}`);
      await page.locator('.indicator-chart svg').first().waitFor();
      await poll(() => page.locator('.stream-status').textContent()).toBe('En vivo');
      // the cotton stock runs out while the page is open: its chart and alert appear live
      const stock = page.locator(`.indicator[data-indicator-id="${stockId}"]`);
      await poll(() => stock.locator('.indicator-alerts').textContent()).toBe('0 alertas sin resolver.');
      const out = await e2e.services.production.reports.ingest(
        personPrincipal(fed.people.secretaryA),
        [2, 1, 0].map((ago) => ({ indicatorId: stockId, period: day(ago), value: 300 })),
      );
      expect(out.alertsRaised).toBe(1);
      await poll(() => stock.locator('.indicator-alerts').textContent()).toBe('1 alerta sin resolver.');
      expect(await stock.locator('.chart-alert').count()).toBe(1);
      expect(await stock.locator('.alert-item').textContent()).toContain('Existencias de algodón');
      await check(page, 'workplace-phone');
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('html[lang="en"]').waitFor();
      await poll(() => stock.locator('.indicator-alerts').textContent()).toBe('1 unresolved alert.');
      await check(page, 'workplace-phone-english');
    } finally {
      await context.close();
    }
  });
});
