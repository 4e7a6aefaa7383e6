import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, personPrincipal, type TestApp } from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';
import { createPlanningWorld } from './planning.fixture.js';
import { PlansService } from './plans.service.js';
import type { PlanSolver } from './solve-plan-in-worker.js';

describeEachDialect('plans service: outcomes that are not plans', (database) => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof createPlanningWorld>>;
  const loop = { x: '', y: '' };
  const serviceWith = (solver: PlanSolver) => {
    const s = t.services;
    return new PlansService(s.database, s.audit, s.councils, s.production, s.supply, s.clock, { solver });
  };

  beforeAll(async () => {
    t = await createTestApp(database());
    world = await createPlanningWorld(t.services);
    // Two products each needing more of the other than it makes: 1.5 × 1 > 1, no plan exists.
    const system = { kind: 'system', name: 'test' } as const;
    const { register } = t.services.production;
    loop.x = (
      await register.createProduct(system, {
        code: 'X',
        name: 'Equis',
        unit: 'kg',
        category: 'c',
        basicGood: false,
      })
    ).id;
    loop.y = (
      await register.createProduct(system, {
        code: 'Y',
        name: 'Ye',
        unit: 'kg',
        category: 'c',
        basicGood: false,
      })
    ).id;
    await register.setTechnique(system, world.workplaces.a, {
      productId: loop.x,
      labourMilliHours: 1,
      inputs: [{ productId: loop.y, quantityMilli: 1500 }],
    });
    await register.setTechnique(system, world.workplaces.b, {
      productId: loop.y,
      labourMilliHours: 1,
      inputs: [{ productId: loop.x, quantityMilli: 1000 }],
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('names the products of a non-productive economy, and adoption then goes back before the assembly', async () => {
    const { plans } = t.services.planning;
    const delegate = personPrincipal(world.people.nationDelegate);
    const chair = personPrincipal(world.people.nationChair);
    const draft = await plans.draftFromEntitlements(delegate, {
      bodyId: world.bodies.nation,
      period: '1972-10',
    });
    await plans.idle();
    const plan = await plans.get(draft.id);
    expect(plan.solve?.status).toBe('solved');
    const outcome = plan.solve?.outcome;
    expect(outcome?.status).toBe('non-productive');
    if (outcome?.status === 'non-productive')
      expect([...outcome.productIds].sort()).toEqual([loop.x, loop.y].sort());

    const { motionId } = await plans.propose(delegate, draft.id);
    await t.services.councils.motions.vote(delegate, motionId!, 'for');
    await t.services.councils.motions.close(chair, motionId!);
    expect((await plans.adopt(chair, draft.id)).status).toBe('adopting');
    await plans.idle();
    const after = await plans.get(draft.id);
    expect(after.status).toBe('before-assembly');
    expect(after.error).toMatch(/^non-productive: /);
    expect(after.quotas).toEqual([]);
  });

  it('records a solver that breaks as a failed solve, not a crash', async () => {
    const broken = serviceWith(async () => {
      throw new Error('out of memory in the worker');
    });
    const draft = await broken.draftFromEntitlements(personPrincipal(world.people.nationDelegate), {
      bodyId: world.bodies.nation,
      period: '1972-11',
    });
    await broken.idle();
    const solve = (await broken.get(draft.id)).solve!;
    expect(solve).toMatchObject({ status: 'failed', error: 'out of memory in the worker', outcome: null });
  });

  it('fails the solves a stopped process left running, once the server listens again', async () => {
    // this instance's solve never ends: as if the process stopped while solving
    const stopped = serviceWith(
      (_problem, onProgress) =>
        new Promise(() => {
          onProgress?.('fulfilment', 0.2);
        }),
    );
    const draft = await stopped.draftFromEntitlements(personPrincipal(world.people.nationDelegate), {
      bodyId: world.bodies.nation,
      period: '1972-12',
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const running = await stopped.solve(draft.solve!.id);
    expect(running).toMatchObject({ status: 'solving', progress: { phase: 'fulfilment', fraction: 0.2 } });
    const restarted = serviceWith(async () => {
      throw new Error('not called');
    });
    expect(await restarted.recoverInterrupted()).toBe(1);
    expect(await restarted.solve(draft.solve!.id)).toMatchObject({
      status: 'failed',
      error: 'interrupted: the server stopped while solving',
      progress: null,
    });
  });
});
