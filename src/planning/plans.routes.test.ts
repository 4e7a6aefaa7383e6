import { afterAll, beforeAll, expect, it } from 'vitest';
import { as, createTestApp, problem, signIn, type TestApp, type TestSession } from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { AmendmentView, PlanView } from './plan-views.js';
import { createPlanningWorld } from './planning.fixture.js';

type Who = 'secretaryA' | 'cordonDelegate' | 'regionDelegate' | 'nationDelegate' | 'nationChair' | 'outsider';

describeEachDialect('planning HTTP API', (database) => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof createPlanningWorld>>;
  const s = {} as Record<Who, TestSession>;
  let planId = '';

  const call = (who: Who | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: who ? as(s[who]) : {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const refused = (res: { statusCode: number }, code = 'forbidden', status = 403) => {
    expect(res.statusCode).toBe(status);
    expect(problem(res as never).code).toBe(code);
  };
  const settled = async (): Promise<PlanView> => {
    await t.services.planning.plans.idle();
    return (await call('outsider', 'GET', `/api/planning/plans/${planId}`)).json<PlanView>();
  };

  beforeAll(async () => {
    t = await createTestApp(database());
    world = await createPlanningWorld(t.services);
    for (const who of [
      'secretaryA',
      'cordonDelegate',
      'regionDelegate',
      'nationDelegate',
      'nationChair',
      'outsider',
    ] as const)
      s[who] = await signIn(t.app, world.people[who].username);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it("drafts from the committees' entitlements (delegates of the national assembly only) and solves in the background", async () => {
    const body = { bodyId: world.bodies.nation, period: '1972-10' };
    expect((await call(null, 'POST', '/api/planning/plans', body)).statusCode).toBe(401);
    refused(await call('outsider', 'POST', '/api/planning/plans', body));
    refused(await call('regionDelegate', 'POST', '/api/planning/plans', body));
    const badPeriod = await call('nationDelegate', 'POST', '/api/planning/plans', {
      ...body,
      period: '1972-13',
    });
    expect(badPeriod.statusCode).toBe(400);
    expect(problem(badPeriod).field).toContain('period');

    const res = await call('nationDelegate', 'POST', '/api/planning/plans', body);
    expect(res.statusCode).toBe(202);
    const draft = res.json<PlanView>();
    planId = draft.id;
    expect(draft.status).toBe('draft');
    expect(draft.solve?.status).toBe('solving');
    // 10 children × 500 mL × 31 days = 155 l of milk; sugar has no product: listed, not planned
    expect(draft.targets).toEqual([
      { productId: world.products.milk, consumption: 155, investment: 0, reserves: 0 },
    ]);
    expect(draft.unmappedGoods).toEqual([
      // supply rounds each household's due: 2 × 250 g × 31/7 → 2,214 g each
      expect.objectContaining({ code: world.sugarCode, unit: 'g', units: 22_140 }),
    ]);

    const plan = await settled();
    expect(plan.solve?.status).toBe('solved');
    const outcome = plan.solve!.outcome!;
    if (outcome.status !== 'planned') throw new Error(outcome.status);
    // 100 l of milk capacity for 155 l: θ = 100/155, milk binds with shadow price 1/155 per litre
    expect(outcome.theta).toBeCloseTo(100 / 155, 9);
    expect(outcome.bottlenecks).toEqual([
      {
        productId: world.products.milk,
        level: expect.closeTo(100 / 155, 9),
        shadowPrice: expect.closeTo(1 / 155, 12),
      },
    ]);
    const solve = await call('outsider', 'GET', `/api/planning/solves/${plan.solve!.id}`);
    expect(solve.json()).toMatchObject({ status: 'solved', progress: null });
  });

  it('takes investment and reserves from the national assembly or a regional council, not from others', async () => {
    const items = [{ productId: world.products.pasta, kind: 'investment', quantity: 500 }];
    refused(
      await call('outsider', 'PUT', `/api/planning/plans/${planId}/targets`, {
        bodyId: world.bodies.region,
        items,
      }),
    );
    // a cordón delegate decides in the cordón, but a cordón does not enter national targets
    const cordon = await call('cordonDelegate', 'PUT', `/api/planning/plans/${planId}/targets`, {
      bodyId: world.bodies.cordon,
      items,
    });
    expect(cordon.statusCode).toBe(400);
    expect(problem(cordon).field).toBe('body.bodyId');
    const consumption = await call('regionDelegate', 'PUT', `/api/planning/plans/${planId}/targets`, {
      bodyId: world.bodies.region,
      items: [{ ...items[0], kind: 'consumption' }],
    });
    expect(consumption.statusCode).toBe(400);
    const res = await call('regionDelegate', 'PUT', `/api/planning/plans/${planId}/targets`, {
      bodyId: world.bodies.region,
      items,
    });
    expect(res.statusCode).toBe(202);
    const plan = await settled();
    expect(plan.targets.find((r) => r.productId === world.products.pasta)).toEqual({
      productId: world.products.pasta,
      consumption: 0,
      investment: 500,
      reserves: 0,
    });
    const outcome = plan.solve!.outcome!;
    if (outcome.status !== 'planned') throw new Error(outcome.status);
    // 500 kg of pasta at 12 mh/kg, uncapped wheat: 1.15 × 500 kg; milk still binds
    expect(outcome.labourHours).toBeCloseTo(6, 9);
    expect(outcome.products.find((p) => p.productId === world.products.wheat)?.output).toBeCloseTo(575, 9);
  });

  it('puts the draft before the assembly; amendments are solved before the vote with their consequences', async () => {
    refused(await call('outsider', 'POST', `/api/planning/plans/${planId}/motion`));
    const proposed = await call('nationDelegate', 'POST', `/api/planning/plans/${planId}/motion`);
    expect(proposed.statusCode).toBe(200);
    const motionId = proposed.json<PlanView>().motionId!;
    expect(motionId).toBeTruthy();
    refused(
      await call('regionDelegate', 'PUT', `/api/planning/plans/${planId}/targets`, {
        bodyId: world.bodies.region,
        items: [{ productId: world.products.pasta, kind: 'reserves', quantity: 1 }],
      }),
      'plan-wrong-status',
      409,
    );
    const changes = [{ productId: world.products.pasta, kind: 'investment', quantity: 900 }];
    refused(await call('regionDelegate', 'POST', `/api/planning/plans/${planId}/amendments`, { changes }));
    const unknown = await call('nationDelegate', 'POST', `/api/planning/plans/${planId}/amendments`, {
      changes: [{ ...changes[0], productId: '01930000-0000-7000-8000-000000000000' }],
    });
    expect(unknown.statusCode).toBe(404);
    expect(problem(unknown).field).toBe('body.changes.0.productId');

    const res = await call('nationDelegate', 'POST', `/api/planning/plans/${planId}/amendments`, { changes });
    expect(res.statusCode).toBe(202);
    const amendment = res.json<AmendmentView>();
    const plan = await settled();
    const solved = plan.amendments.find((a) => a.id === amendment.id)!;
    // 900 kg of pasta against 800 of capacity: pasta binds too; 300 kg more at 12 mh/kg
    expect(solved.consequences).toEqual({
      labourHoursDelta: expect.closeTo(3.6, 9),
      thetaBefore: expect.closeTo(100 / 155, 9),
      thetaAfter: expect.closeTo(100 / 155, 9),
      newBottlenecks: [
        {
          productId: world.products.pasta,
          level: expect.closeTo(800 / 900, 9),
          shadowPrice: expect.closeTo(1 / 900, 12),
        },
      ],
      removedBottlenecks: [],
      outputChanges: expect.arrayContaining([
        { productId: world.products.pasta, before: expect.closeTo(500, 6), after: expect.closeTo(800, 6) },
      ]),
    });
    // the amendment is a motion of the assembly, with the changes in its text
    const motion = (await call('nationDelegate', 'GET', `/api/motions/${motionId}`)).json<{
      amendments: { id: string; text: string }[];
    }>();
    expect(motion.amendments.map((a) => a.id)).toEqual([amendment.motionId]);
    expect(motion.amendments[0]!.text).toContain('500 → 900');
  });

  it('adopts after the vote, issuing quotas that sum exactly within capacity; fulfilment counts output reports', async () => {
    const plan0 = (await call('outsider', 'GET', `/api/planning/plans/${planId}`)).json<PlanView>();
    refused(
      await call('nationChair', 'POST', `/api/planning/plans/${planId}/adoption`),
      'plan-motion-undecided',
      409,
    );
    const amendmentMotion = plan0.amendments[0]!.motionId;
    for (const m of [amendmentMotion, plan0.motionId!]) {
      expect(
        (await call('nationDelegate', 'POST', `/api/motions/${m}/votes`, { choice: 'for' })).statusCode,
      ).toBe(201);
      expect((await call('nationChair', 'POST', `/api/motions/${m}/close`)).statusCode).toBe(200);
    }
    refused(await call('outsider', 'POST', `/api/planning/plans/${planId}/adoption`));
    const res = await call('nationChair', 'POST', `/api/planning/plans/${planId}/adoption`);
    expect(res.statusCode).toBe(202);
    expect(res.json<PlanView>().status).toBe('adopting');
    const plan = await settled();
    expect(plan.status).toBe('adopted');
    // the adopted amendment is in: pasta at 800 of its 900 kg target, milk at its 100 l capacity
    expect(plan.quotas).toEqual(
      expect.arrayContaining([
        { workplaceId: world.workplaces.a, productId: world.products.pasta, quantity: 800, capacity: 800 },
        { workplaceId: world.workplaces.b, productId: world.products.milk, quantity: 100, capacity: 100 },
      ]),
    );
    expect(plan.quotas).toHaveLength(2);
    refused(
      await call('nationChair', 'POST', `/api/planning/plans/${planId}/adoption`),
      'plan-wrong-status',
      409,
    );

    const quotas = await call('secretaryA', 'GET', `/api/planning/workplaces/${world.workplaces.a}/quotas`);
    expect(quotas.json().quotas).toEqual([
      expect.objectContaining({ planId, period: '1972-10', productId: world.products.pasta, quantity: 800 }),
    ]);

    const system = { kind: 'system', name: 'test' } as const;
    const [indicator] = await t.services.production.register.createIndicators(system, world.workplaces.a, [
      { name: 'Producción de fideos', kind: 'output', productId: world.products.pasta, unit: 'kg' },
    ]);
    await t.services.production.reports.ingest(system, [
      { indicatorId: indicator!.id, period: '1972-09-30', value: 99 },
      { indicatorId: indicator!.id, period: '1972-10-01', value: 30 },
      { indicatorId: indicator!.id, period: '1972-10-02', value: 25 },
    ]);
    const f = await call('outsider', 'GET', `/api/planning/plans/${planId}/fulfilment`);
    expect(f.statusCode).toBe(200);
    const fulfilment = f.json();
    expect(fulfilment.workplaces).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          workplaceId: world.workplaces.a,
          cordonId: world.bodies.cordon,
          quota: 800,
          reported: 55,
        }),
        expect.objectContaining({ workplaceId: world.workplaces.b, quota: 100, reported: 0 }),
      ]),
    );
    expect(fulfilment.products).toEqual(
      expect.arrayContaining([{ productId: world.products.pasta, quota: 800, reported: 55 }]),
    );
    expect(fulfilment.cordones).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          cordonId: world.bodies.cordon,
          productId: world.products.pasta,
          quota: 800,
        }),
      ]),
    );
    // the test clock stands at 1972-10-11 08:00: 10⅓ of 31 days gone
    expect(fulfilment.elapsed).toBeCloseTo((10 + 8 / 24) / 31, 9);
  });

  it('marks a plan rejected when the assembly rejects its motion', async () => {
    const draft = (
      await call('nationDelegate', 'POST', '/api/planning/plans', {
        bodyId: world.bodies.nation,
        period: '1972-Q4',
      })
    ).json<PlanView>();
    await t.services.planning.plans.idle();
    const { motionId } = (
      await call('nationDelegate', 'POST', `/api/planning/plans/${draft.id}/motion`)
    ).json<PlanView>();
    await call('nationDelegate', 'POST', `/api/motions/${motionId}/votes`, { choice: 'against' });
    await call('nationChair', 'POST', `/api/motions/${motionId}/close`);
    const res = await call('nationDelegate', 'POST', `/api/planning/plans/${draft.id}/adoption`);
    expect(res.json<PlanView>().status).toBe('rejected');
    // a quarter's consumption is the sum of its months': 92 days of milk
    expect(draft.targets[0]?.consumption).toBe((10 * 500 * 92) / 1000);
  });

  it('returns the first draft for a retried request with the same Idempotency-Key', async () => {
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/planning/plans',
        headers: { ...as(s.nationDelegate), 'idempotency-key': 'draft-1973-01-retry' },
        payload: { bodyId: world.bodies.nation, period: '1973-01' },
      });
    const first = await send();
    const again = await send();
    expect(again.statusCode).toBe(202);
    expect(again.json<PlanView>().id).toBe(first.json<PlanView>().id);
    await t.services.planning.plans.idle();
    const list = (await call('outsider', 'GET', '/api/planning/plans?period=1973-01')).json<{
      plans: PlanView[];
    }>();
    expect(list.plans).toHaveLength(1);
  });

  it('answers a retried proposal with the plan as it stands, without a second motion', async () => {
    const draft = (
      await call('nationDelegate', 'POST', '/api/planning/plans', {
        bodyId: world.bodies.nation,
        period: '1973-02',
      })
    ).json<PlanView>();
    await t.services.planning.plans.idle();
    const propose = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/planning/plans/${draft.id}/motion`,
        headers: { ...as(s.nationDelegate), 'idempotency-key': 'propose-1973-02' },
      });
    const first = (await propose()).json<PlanView>();
    const again = await propose();
    expect(again.statusCode).toBe(200);
    expect(again.json<PlanView>().motionId).toBe(first.motionId);
    const motions = (await call('nationDelegate', 'GET', `/api/bodies/${world.bodies.nation}/motions`)).json<
      { id: string; title: string }[] | { motions: { id: string; title: string }[] }
    >();
    const list = Array.isArray(motions) ? motions : motions.motions;
    expect(list.filter((m) => m.title === draft.title)).toHaveLength(1);
    // without a key, proposing twice is a conflict
    refused(
      await call('nationDelegate', 'POST', `/api/planning/plans/${draft.id}/motion`),
      'plan-wrong-status',
      409,
    );
  });
});
