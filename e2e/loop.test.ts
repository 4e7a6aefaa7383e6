import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonPrincipal } from '../src/identity/principal.js';
import { createBody } from '../test/factories.js';
import { axeViolations } from './axe-violations.js';
import { chromiumMissing, DESKTOP, type E2e, type E2ePerson, PHONE, signInAs, startE2e } from './browser.js';

// Set CORDONES_SCREENSHOTS=<folder> to keep a PNG of every page checked.
const SHOTS = process.env.CORDONES_SCREENSHOTS;
// Generous: the machine may be busy, and route plans are solved in a worker thread.
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 150 });
const SYSTEM = { kind: 'system', name: 'e2e' } as const;

/**
 * The connected loop walked in the browser, each arrow where it happens: a JAP's entitlements
 * become the milk target of the month's draft plan → the national assembly votes it → the adopted
 * plan gives the dairy its quota → the dairy's output report shows against the quota → the JAP's
 * milk still owed and not in stock shows as a shortfall → the committee asks for it → a shipment
 * on the trucks → a route plan → the driver delivers → the point's stock rises and the request is
 * settled → the delivery is split among households → a card → the handover at the point.
 */
describe.skipIf(chromiumMissing !== null)('the loop in the browser', () => {
  let e2e: E2e;
  let marta: E2ePerson;
  let principal: PersonPrincipal;
  let committeeId = '';
  let pointId = '';
  let milkId = '';
  let pedro: E2ePerson;
  let planId = '';
  let dairyId = '';
  let dairyToken = '';
  let indicatorId = '';

  async function check(page: Page, shot: string): Promise<void> {
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `loop-${shot}.png`), fullPage: true });
    }
    expect(await axeViolations(page), shot).toEqual([]);
  }

  beforeAll(async () => {
    e2e = await startE2e();
    // One neighbour who chairs her JAP, is secretary of the assembly that runs a truck pool, and drives.
    marta = await e2e.createPerson({
      displayName: 'Marta Gálvez Rojas',
      bodies: [
        { name: 'JAP Población La Victoria', kind: 'supply-committee', role: 'chair' },
        { name: 'Asamblea Madeco', kind: 'workplace-assembly', role: 'secretary' },
      ],
    });
    const signedIn = await e2e.services.identity.signIn(marta.username, marta.password);
    if (signedIn.status !== 'signed-in') throw new Error('sign-in failed');
    principal = signedIn.principal;
    const bodies = await e2e.services.councils.bodiesOf(marta.personId);
    committeeId = bodies.find((b) => b.kind === 'supply-committee')!.bodyId;
    const assemblyId = bodies.find((b) => b.kind === 'workplace-assembly')!.bodyId;

    const { entitlements, households, claims } = e2e.services.supply;
    milkId = (await entitlements.addGood(principal, committeeId, { code: 'milk', name: 'Leche', unit: 'mL' }))
      .id;
    await entitlements.adoptRules(principal, committeeId, {
      motionId: null,
      rules: [{ goodId: milkId, category: 'child', quantity: 500, per: 'day', priority: 0 }],
    });
    for (const [address, registry] of [
      ['Pasaje 7 nº 120', '8.100.001-1'],
      ['Pasaje 9 nº 44', '8.100.002-2'],
    ] as const) {
      const r = await households.register(principal, committeeId, {
        address,
        members: [
          { registryNumber: registry, ageBand: '0-4' },
          { registryNumber: `${registry}0`, ageBand: '15-64' },
        ],
      });
      if (r.status !== 'registered') throw new Error('household not registered');
    }
    pointId = (await claims.addPoint(principal, committeeId, 'Sede La Victoria')).id;

    // The federation the plan is voted in: the dairy's assembly → a cordón → the region → the
    // national assembly, where Pedro holds the region's seat and Marta chairs.
    pedro = await e2e.createPerson({ displayName: 'Pedro Lagos Mena' });
    const dairyHand = await e2e.createPerson({
      displayName: 'Irma Soto Díaz',
      bodies: [{ name: 'Asamblea Lechera Central', kind: 'workplace-assembly', role: 'secretary' }],
    });
    const dairyAssembly = (await e2e.services.councils.bodiesOf(dairyHand.personId))[0]!.bodyId;
    const cordon = await createBody(e2e.services, {
      kind: 'cordon',
      name: 'Cordón Santa Rosa',
      seats: [{ constituencyId: dairyAssembly, holderPersonId: null }],
    });
    const region = await createBody(e2e.services, {
      kind: 'regional-council',
      name: 'Consejo Regional Metropolitano',
      seats: [{ constituencyId: cordon, holderPersonId: null }],
    });
    const nation = await createBody(e2e.services, {
      kind: 'national-assembly',
      name: 'Asamblea Popular',
      members: [{ personId: marta.personId, role: 'chair' }],
      seats: [{ constituencyId: region, holderPersonId: pedro.personId }],
    });
    const { register } = e2e.services.production;
    // The product's code is the JAP good's code: the committee's milk becomes the plan's target.
    const milkProduct = (
      await register.createProduct(SYSTEM, {
        code: 'milk',
        name: 'Leche',
        unit: 'l',
        category: 'alimentos',
        basicGood: true,
      })
    ).id;
    dairyId = (
      await register.createWorkplace(SYSTEM, {
        bodyId: dairyAssembly,
        name: 'Lechera Central',
        sector: 'alimentos',
        latitude: -33.47,
        longitude: -70.69,
        workforce: 300,
        status: 'social-area',
        since: '1972-01-01',
      })
    ).id;
    const month = new Date().toISOString().slice(0, 7);
    await register.setCapacities(SYSTEM, dairyId, [
      { productId: milkProduct, period: month, quantity: 1000 },
    ]);
    await register.setTechnique(SYSTEM, dairyId, {
      productId: milkProduct,
      labourMilliHours: 20,
      inputs: [],
    });
    const [indicator] = await register.createIndicators(SYSTEM, dairyId, [
      { name: 'Leche envasada', kind: 'output', productId: milkProduct, unit: 'l' },
    ]);
    const irma = await e2e.services.identity.signIn(dairyHand.username, dairyHand.password);
    if (irma.status !== 'signed-in') throw new Error('sign-in failed');
    dairyToken = (
      await e2e.services.identity.createApiToken(irma.principal, {
        name: 'envasadora',
        scopes: ['production:report'],
        bodyId: dairyAssembly,
      })
    ).token;
    indicatorId = indicator!.id;
    const pedroIn = await e2e.services.identity.signIn(pedro.username, pedro.password);
    if (pedroIn.status !== 'signed-in') throw new Error('sign-in failed');
    const { plans } = e2e.services.planning;
    planId = (
      await plans.draftFromEntitlements(pedroIn.principal, {
        bodyId: nation,
        period: month,
        title: 'Plan de octubre',
      })
    ).id;
    await plans.idle();
    await plans.propose(pedroIn.principal, planId);

    const { places, pool } = e2e.services.logistics;
    const [depot] = await places.importMany(SYSTEM, [
      { name: 'Bodega Madeco', kind: 'depot', latitude: -33.4985, longitude: -70.6105, bodyId: assemblyId },
      {
        name: 'JAP La Victoria',
        kind: 'distribution-point',
        latitude: -33.5186,
        longitude: -70.6512,
        supplyPointId: pointId,
      },
    ]);
    await pool.importMany(SYSTEM, [
      {
        plate: 'LV-1972',
        capacityKg: 3000,
        capacityM3: 12,
        owner: 'Transportes Andes',
        depotPlaceId: depot!,
        driverAccountId: principal.accountId,
        history: [{ status: 'requisitioned', bodyId: assemblyId, at: '1972-10-14T09:00:00.000Z' }],
      },
    ]);
  }, 240_000);

  afterAll(async () => {
    await e2e?.close();
  });

  const signIn = (page: Page, who: E2ePerson) => signInAs(page, who.username, who.password);

  it('walks entitlements → plan → vote → quota → report → shortfall → request → shipment → route plan → delivery → stock → split → card → handover', async () => {
    const days = (() => {
      const d = new Date();
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    })();
    const fmt = (n: number) => n.toLocaleString('es-CL');
    // two children × ½ l a day for the month, in litres (the product's unit)
    const litres = days;

    // 0. the plan: the JAP's milk is the target; Pedro votes it in the national assembly
    const delegate = await e2e.newPage(DESKTOP);
    try {
      const p = delegate.page;
      await signIn(p, pedro);
      await p.goto(`/planning/plans/${planId}`);
      await poll(() => p.getByTestId('plan-status').textContent()).toBe('Ante la asamblea');
      await poll(() => p.locator('tr', { hasText: 'Leche' }).locator('td').first().textContent()).toBe(
        fmt(litres),
      );
      const voted = p.waitForResponse((r) => r.url().endsWith('/votes') && r.request().method() === 'POST');
      await p
        .getByRole('group', { name: 'Votación del plan' })
        .getByRole('button', { name: 'A favor' })
        .click();
      expect((await voted).ok()).toBe(true);
      await check(p, 'plan-voted');
    } finally {
      await delegate.context.close();
    }

    const { context, page } = await e2e.newPage(DESKTOP);
    try {
      await signIn(page, marta);
      // the overview: figures of every area, each a link to where it happens
      await page.locator('.loop-figures').waitFor();
      expect(await page.locator('.loop-figures').textContent()).toContain('hogares abastecidos por las JAP');
      await check(page, 'home');

      // 1. Marta, chairing the assembly, closes the vote and adopts: the dairy gets its quota
      await page.goto(`/planning/plans/${planId}`);
      await page
        .getByRole('group', { name: 'Votación del plan' })
        .getByRole('button', { name: 'Cerrar la votación' })
        .click();
      await page.getByRole('button', { name: 'Adoptar el plan y asignar las cuotas' }).click();
      await poll(() => page.getByTestId('plan-status').textContent()).toBe('Adoptado');
      await page.goto(`/production/workplaces/${dairyId}`);
      await poll(() => page.getByTestId('workplace-quota').first().textContent()).toContain(
        `${fmt(litres)} l de Leche`,
      );

      // 2. the dairy reports its output over the API; the plan shows it against the quota
      const reported = await page.evaluate(
        async ([token, indicator]) => {
          const res = await fetch('/api/reports', {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              items: [{ indicatorId: indicator, period: new Date().toISOString().slice(0, 10), value: 12 }],
            }),
          });
          return res.status;
        },
        [dairyToken, indicatorId] as const,
      );
      expect(reported).toBe(200);
      await page.goto(`/planning/plans/${planId}`);
      const byProduct = page
        .locator('section[aria-labelledby="fulfilment-title"] tr', { hasText: 'Leche' })
        .first();
      await poll(() => byProduct.locator('td').last().textContent()).toBe('12 l');
      await check(page, 'plan-fulfilment');

      // 1. the committee's shortfall: two children × 0.5 L a day for the month, nothing in stock
      await page.goto(`/supply/committees/${committeeId}`);
      const resupply = page.locator('section[aria-labelledby="resupply-title"]');
      const milkRow = resupply.locator('tr', { hasText: 'Leche' });
      const due = 2 * 500 * days;
      await poll(() => milkRow.locator('td').last().textContent()).toBe(fmt(due));
      await check(page, 'shortfall');
      // 2. asked for: it becomes a shipment on the trucks, and is no longer short
      await resupply.getByRole('button', { name: 'Solicitar lo que falta' }).click();
      await poll(() => resupply.locator('[role="status"]').textContent()).toBe(
        'Solicitado: el envío está en la lista del cordón.',
      );
      await poll(() => resupply.locator('li[data-request-status="requested"]').count()).toBe(1);
      await poll(() => milkRow.locator('td').nth(3).textContent()).toBe(fmt(due));
      expect(await milkRow.locator('td').last().textContent()).toBe('0');

      // 3. the pool plans the day's routes and dispatches them
      await page.getByRole('navigation', { name: 'Áreas' }).getByRole('link', { name: 'Logística' }).click();
      await page.getByRole('button', { name: 'Planificar rutas' }).click();
      await poll(() => page.url()).toMatch(/\/logistics\/plans\/[0-9a-f-]{36}$/);
      await poll(() => page.locator('#route-text').textContent()).toContain('JAP La Victoria');
      await page.getByRole('button', { name: 'Despachar a los choferes' }).click();
      await poll(() => page.locator('.card [role="status"] .status').textContent()).toBe('despachado');

      // 4. the driver, on a phone, picks it up and delivers it
      await page.setViewportSize(PHONE);
      await page.getByRole('link', { name: 'Mis rutas' }).click();
      await page.getByRole('button', { name: 'Cargado para JAP La Victoria' }).click();
      await page.getByRole('button', { name: 'Entregado en JAP La Victoria' }).click();
      await poll(() => page.locator('.driver-stop .status').textContent()).toBe('entregado');

      // 5. the point's stock rose and the request is settled, live on the committee page
      await page.setViewportSize(DESKTOP);
      await page.goto(`/supply/committees/${committeeId}`);
      await poll(() => resupply.locator('li[data-request-status="delivered"]').count()).toBe(1);
      await poll(() => milkRow.locator('td').nth(2).textContent()).toBe(fmt(due));
      expect(await milkRow.locator('td').last().textContent()).toBe('0');
      await check(page, 'delivered');

      // 6. the delivery is split among the households (previewed, then confirmed)
      await page.getByLabel('Cantidad entregada (mL)').fill(String(due));
      await page.getByRole('button', { name: 'Registrar y ver el reparto' }).click();
      await poll(() => page.locator('.supply-table tbody tr').count()).toBe(2);
      await page.getByRole('button', { name: 'Confirmar este reparto' }).click();
      await poll(() => page.locator('.success-box').textContent()).toMatch(/^Confirmado: /);

      // 7. a card, and the handover at the point
      await page.getByRole('button', { name: 'Emitir tarjeta de Pasaje 7 nº 120' }).click();
      const token = await page.locator('#issued-token').inputValue();
      await page.setViewportSize(PHONE);
      await page.goto(`/supply/points/${pointId}`);
      await page.getByLabel('Código de la tarjeta').fill(token);
      await page.getByRole('button', { name: 'Verificar tarjeta' }).click();
      await poll(() => page.locator('#verdict-title').textContent()).toBe('Tarjeta válida');
      await page.getByRole('button', { name: 'Entregar Leche' }).click();
      await poll(() => page.locator('.supply-due .success-box').textContent()).toBe('Entrega registrada.');
      await check(page, 'handover');

      const half = due / 2;
      const stock = await e2e.services.supply.claims.stock(principal, pointId);
      expect(stock.stock).toEqual([{ goodId: milkId, quantity: due - half }]);
      const [request] = await e2e.services.supply.resupply.list(principal, committeeId);
      expect(request?.status).toBe('delivered');
    } finally {
      await context.close();
    }
  }, 240_000);
});
