import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personPrincipal, type TestApp } from '../../test/factories.js';
import { PostgresLeases } from '../db/process-leases.js';
import {
  openTestDatabase,
  postgresAvailable,
  TEST_DATABASE_URL,
  type TestDatabase,
} from '../db/test-databases.js';
import { createPlanningWorld } from './planning.fixture.js';
import { PlansService } from './plans.service.js';
import type { PlanSolver } from './solve-plan-in-worker.js';

// Two server instances on one PostgreSQL, each with the leases of its own process: one starting up
// must not fail the solve the other is still running, and must fail it once that one is gone.
describe.skipIf(!postgresAvailable)('plan solves with several instances [postgres]', () => {
  let db: TestDatabase;
  let t: TestApp;
  let world: Awaited<ReturnType<typeof createPlanningWorld>>;
  beforeAll(async () => {
    db = await openTestDatabase('postgres');
    t = await createTestApp(db.database);
    world = await createPlanningWorld(t.services);
  });
  afterAll(async () => {
    await t?.app.close();
    await db?.dispose();
  });

  it("leaves another live instance's solve alone, and fails it once that instance is gone", async () => {
    const s = t.services;
    const instance = (solver: PlanSolver, leases: PostgresLeases) =>
      new PlansService(s.database, s.audit, s.councils, s.production, s.supply, s.clock, { solver, leases });
    const leasesOne = new PostgresLeases(TEST_DATABASE_URL);
    // instance one's solve never ends while the test runs
    const one = instance(() => new Promise(() => {}), leasesOne);
    const two = instance(async () => {
      throw new Error('not called');
    }, new PostgresLeases(TEST_DATABASE_URL));
    const draft = await one.draftFromEntitlements(personPrincipal(world.people.nationDelegate), {
      bodyId: world.bodies.nation,
      period: '1972-12',
    });
    const solveId = draft.solve!.id;
    // its lease is taken just after the row commits
    await expect.poll(async () => (await two.solve(solveId)).status).toBe('solving');
    await expect.poll(() => leasesOne.isFree(`plan-solve:${solveId}`)).toBe(false);
    expect(await two.recoverInterrupted()).toBe(0);
    expect((await two.solve(solveId)).status).toBe('solving');

    // instance one dies: its session ends and PostgreSQL frees its lease
    const held = leasesOne as unknown as { client: { end(): Promise<void> } | null; held: Set<string> };
    await held.client?.end();
    held.held.clear();
    held.client = null;
    await expect.poll(() => two.recoverInterrupted(), { timeout: 5000 }).toBe(1);
    expect(await two.solve(solveId)).toMatchObject({
      status: 'failed',
      error: 'interrupted: the server stopped while solving',
    });
  });
});
