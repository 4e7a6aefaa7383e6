import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFederation, createTestServices, personPrincipal } from '../../test/factories.js';
import { PostgresLeases } from '../db/process-leases.js';
import {
  openTestDatabase,
  postgresAvailable,
  TEST_DATABASE_URL,
  type TestDatabase,
} from '../db/test-databases.js';
import type { Services } from '../server/services.js';
import { solveInWorker } from './core/solve-in-worker.js';
import { createLogisticsArea } from './logistics-area.js';
import type { RouteSolver } from './route-planning.service.js';

const DAY = '1972-10-20';

// Two server instances on one PostgreSQL, each with its own leases (its own process, as far as
// PostgreSQL can tell): one starting up must not fail the plan the other is still solving.
describe.skipIf(!postgresAvailable)('route planning with several instances [postgres]', () => {
  let db: TestDatabase;
  let services: Services;
  let fed: Awaited<ReturnType<typeof createFederation>>;
  beforeAll(async () => {
    db = await openTestDatabase('postgres');
    services = await createTestServices(db.database);
    fed = await createFederation(services);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('leaves a plan another live instance is solving alone, and fails it once that instance is gone', async () => {
    const delegate = personPrincipal(fed.people.cordonDelegate);
    // instance one solves only when the test lets it
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const gated: RouteSolver = async (problem, options) => {
      await gate;
      return solveInWorker(problem, options);
    };
    const leasesOne = new PostgresLeases(TEST_DATABASE_URL);
    const one = createLogisticsArea(db.database, services.audit, services.councils, {
      solver: gated,
      seconds: 0.2,
      leases: leasesOne,
    });
    const two = createLogisticsArea(db.database, services.audit, services.councils, {
      leases: new PostgresLeases(TEST_DATABASE_URL),
    });

    const depot = await one.places.create(delegate, {
      name: 'Bodega Cerrillos',
      kind: 'depot',
      latitude: -33.4925,
      longitude: -70.7163,
      bodyId: fed.bodies.cordon,
    });
    const point = await one.places.create(personPrincipal(fed.people.admin, { isAdmin: true }), {
      name: 'JAP Lo Valledor',
      kind: 'distribution-point',
      latitude: -33.4831,
      longitude: -70.6933,
    });
    await one.pool.register(delegate, {
      plate: 'HB-1972',
      capacityKg: 3000,
      capacityM3: 12,
      owner: 'Transportes Andes',
      status: 'requisitioned',
      bodyId: fed.bodies.cordon,
      depotPlaceId: depot.id,
    });
    const request = () =>
      one.shipments.requestShipment(delegate, {
        bodyId: fed.bodies.cordon,
        fromPlaceId: depot.id,
        toPlaceId: point.id,
        priority: 'food',
        weightKg: 400,
        dueDate: DAY,
        goods: [{ good: 'harina', quantity: 400, unit: 'kg' }],
      });
    await request();

    const plan = await one.planning.start(delegate, { bodyId: fed.bodies.cordon, date: DAY });
    expect(plan.status).toBe('solving');
    // instance two starts up while one solves: nothing of one's is interrupted
    expect(await two.planning.recoverInterrupted()).toBe(0);
    release();
    await one.planning.settled(plan.id);
    expect((await two.planning.get(plan.id)).status).toBe('solved');

    // a second plan, then instance one "dies" mid-solve: its session ends and its lease with it
    await request();
    const stalled = createLogisticsArea(db.database, services.audit, services.councils, {
      solver: () => new Promise(() => {}),
      leases: leasesOne,
    });
    const second = await stalled.planning.start(delegate, { bodyId: fed.bodies.cordon, date: DAY });
    expect(await two.planning.recoverInterrupted()).toBe(0);
    const held = leasesOne as unknown as { client: { end(): Promise<void> } | null; held: Set<string> };
    await held.client?.end();
    await expect.poll(() => two.planning.recoverInterrupted(), { timeout: 5000 }).toBe(1);
    const failed = await two.planning.get(second.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('interrupted');
    held.held.clear();
    held.client = null;
  });
});
