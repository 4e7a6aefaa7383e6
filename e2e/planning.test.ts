import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlanningWorld } from '../src/planning/planning.fixture.js';
import { personPrincipal } from '../test/factories.js';
import { axeViolations } from './axe-violations.js';
import { chromiumMissing, DESKTOP, type E2e, PHONE, signInAs, startE2e } from './browser.js';

// Generous: the machine running the tests may be busy, and sign-in hashes with argon2id.
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

// One server and one small economy: pasta (capacity 800 kg) and milk (100 l for 155 l of
// entitlements). A delegate amends the pasta investment past capacity on the plan page, sees the
// consequences, votes; the chair closes the votes and adopts; the quota shows on the workplace.
describe.skipIf(chromiumMissing !== null)('planning pages in Chromium', () => {
  let e2e: E2e;
  let world: Awaited<ReturnType<typeof createPlanningWorld>>;
  let planId: string;

  beforeAll(async () => {
    e2e = await startE2e();
    world = await createPlanningWorld(e2e.services);
    const { plans } = e2e.services.planning;
    const delegate = personPrincipal(world.people.nationDelegate);
    const draft = await plans.draftFromEntitlements(delegate, {
      bodyId: world.bodies.nation,
      period: new Date().toISOString().slice(0, 7),
      title: 'Plan del mes',
    });
    planId = draft.id;
    await plans.setTargets(personPrincipal(world.people.regionDelegate), planId, {
      bodyId: world.bodies.region,
      items: [{ productId: world.products.pasta, kind: 'investment', quantity: 500 }],
    });
    await plans.idle();
    await plans.propose(delegate, planId);
  });

  afterAll(async () => {
    await e2e?.close();
  });

  it('amend a target → consequences recomputed → vote → quotas on the workplace page', async () => {
    const delegate = await e2e.newPage(DESKTOP);
    const chair = await e2e.newPage(DESKTOP);
    try {
      const page = delegate.page;
      await signInAs(page, world.people.nationDelegate.username);
      await page
        .getByRole('navigation', { name: 'Áreas' })
        .getByRole('link', { name: 'Planificación', exact: true })
        .click();
      await page.getByRole('link', { name: 'Plan del mes' }).click();
      await poll(() => page.locator('main h1').textContent()).toBe('Plan del mes');
      await poll(() => page.getByTestId('plan-status').textContent()).toBe('Ante la asamblea');
      // milk binds: 100 l of capacity for 10 children × ½ l a day over the month
      const now = new Date();
      const days = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
      const theta = new Intl.NumberFormat('es-CL').format(Math.round((100 / (5 * days)) * 1000) / 10);
      await poll(() => page.getByTestId('plan-theta').textContent()).toBe(`${theta} %`);
      expect(await page.getByRole('list', { name: 'Cuellos de botella' }).textContent()).toContain('Leche');

      const form = page.locator('form.target-form');
      await form.getByLabel('Producto').selectOption({ label: 'Fideos (kg)' });
      await form.getByLabel('Tipo de meta').selectOption({ label: 'Inversión' });
      await form.getByLabel('Nueva cantidad (unidades por período)').fill('900');
      await form.getByRole('button', { name: 'Proponer la enmienda' }).click();

      const amendment = page.locator('.amendment');
      await amendment.waitFor();
      // 300 kg more pasta at 12 milli-hours per kg; pasta now binds at 800 of 900 kg
      await poll(() => amendment.getByTestId('labour-delta').textContent()).toBe('+3,6 h');
      expect(
        await amendment.getByRole('list', { name: 'Cuellos de botella nuevos' }).textContent(),
      ).toContain('Fideos');
      expect(await axeViolations(page), 'plan page with an amendment').toEqual([]);

      await amendment
        .getByRole('group', { name: 'Votación de la enmienda' })
        .getByRole('button', { name: 'A favor' })
        .click();
      await page
        .getByRole('group', { name: 'Votación del plan' })
        .getByRole('button', { name: 'A favor' })
        .click();

      const c = chair.page;
      await signInAs(c, world.people.nationChair.username);
      await c.goto(`/planning/plans/${planId}`);
      const chairAmendment = c.locator('.amendment');
      await chairAmendment.getByRole('button', { name: 'Cerrar la votación' }).click();
      await poll(() => chairAmendment.locator('.motion-outcome').getAttribute('data-outcome')).toBe(
        'adopted',
      );
      await c
        .getByRole('group', { name: 'Votación del plan' })
        .getByRole('button', { name: 'Cerrar la votación' })
        .click();
      await c.getByRole('button', { name: 'Adoptar el plan y asignar las cuotas' }).click();
      await poll(() => c.getByTestId('plan-status').textContent()).toBe('Adoptado');
      await c.getByRole('heading', { name: 'Cumplimiento' }).waitFor();
      expect(await axeViolations(c), 'adopted plan with quotas and fulfilment').toEqual([]);

      // the delegate's page follows live; the quota is on Carozzi's page
      await poll(() => page.getByTestId('plan-status').textContent()).toBe('Adoptado');
      await page.getByRole('link', { name: 'Carozzi' }).click();
      await poll(() => page.locator('main h1').textContent()).toBe('Carozzi');
      await poll(() => page.getByTestId('workplace-quota').first().textContent()).toContain(
        '800 kg de Fideos',
      );
    } finally {
      await delegate.context.close();
      await chair.context.close();
    }
  });

  it('fits a phone: the adopted plan scrolls no page sideways and passes axe', async () => {
    const { context, page } = await e2e.newPage(PHONE);
    try {
      await signInAs(page, world.people.outsider.username);
      await page.goto(`/planning/plans/${planId}`);
      await page.getByRole('heading', { name: 'Cumplimiento' }).waitFor();
      await page.locator('.fulfilment-chart svg').first().waitFor();
      expect(await axeViolations(page), 'plan page on a phone').toEqual([]);
      const overflow = await page.evaluate(() => {
        const root = (
          globalThis as unknown as {
            document: { documentElement: { scrollWidth: number; clientWidth: number } };
          }
        ).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow, 'the plan page scrolls sideways').toBeLessThanOrEqual(0);
      // an outsider sees the plan but no vote buttons
      expect(await page.getByRole('button', { name: 'A favor' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('drafts a plan from the plans page and enters a council target on it', async () => {
    const { context, page } = await e2e.newPage(DESKTOP);
    try {
      await signInAs(page, world.people.nationDelegate.username);
      await page.goto('/planning');
      const form = page.locator('form', { hasText: 'Preparar un plan' });
      await form.getByLabel('Período (AAAA-MM o AAAA-Qn)').fill('1980-Q1');
      await form.getByRole('button', { name: 'Preparar el plan' }).click();
      await poll(() => page.getByTestId('plan-status').textContent()).toBe('Borrador');
      // 10 children × ½ l × 91 days of milk in the first quarter of 1980 (a leap year)
      await poll(() =>
        page.locator(`tr[data-product-id="${world.products.milk}"] td`).first().textContent(),
      ).toBe('455');
      const targets = page.locator('form.target-form');
      await targets.getByLabel('Consejo que la ingresa').selectOption({
        label: (await e2e.services.councils.federation()).bodies.find((b) => b.id === world.bodies.nation)!
          .name,
      });
      await targets.getByLabel('Producto').selectOption({ label: 'Fideos (kg)' });
      await targets.getByLabel('Nueva cantidad (unidades por período)').fill('300');
      await targets.getByRole('button', { name: 'Guardar la meta' }).click();
      await poll(() =>
        page.locator(`tr[data-product-id="${world.products.pasta}"] td`).nth(1).textContent(),
      ).toBe('300');
      await poll(() => page.getByTestId('plan-labour').textContent()).toBe('3,6 h');
      expect(await axeViolations(page), 'a draft with its forms').toEqual([]);
    } finally {
      await context.close();
    }
  });
});
