import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../core/config.js';
import { openTestDatabase, type TestDatabase } from '../db/test-databases.js';
import { createLogisticsArea } from '../logistics/logistics-area.js';
import { createServices, type Services } from '../server/services.js';
import { BODIES_BY_NAME, councilsScenario } from './councils.scenario.js';
import { identityScenario } from './identity.scenario.js';
import { CITY_TRUCKS, logisticsScenario } from './logistics.scenario.js';
import { Rng } from './rng.js';
import { SCENARIO_PARTS } from './scenario.js';

describe('logistics scenario (city)', () => {
  let test: TestDatabase;
  let services: Services;
  const shared = new Map<string, unknown>();
  beforeAll(async () => {
    test = await openTestDatabase('sqlite');
    services = await createServices(test.database, defaultConfig({ logLevel: 'silent' }));
    const root = new Rng(1972);
    for (const part of [identityScenario, councilsScenario, logisticsScenario])
      await part.load({ services, rng: root.fork(part.name), scale: 'city', shared, progress: () => {} });
  }, 60_000);
  afterAll(async () => {
    await test.dispose();
  });

  it('runs after councils and production', () => {
    const names = SCENARIO_PARTS.map((p) => p.name);
    expect(names.indexOf('logistics')).toBeGreaterThan(names.indexOf('production'));
  });

  it('loads about 200 trucks, mostly requisitioned, some volunteered, returned or out of service, each with its history', async () => {
    const trucks = await services.logistics.pool.list();
    expect(trucks).toHaveLength(CITY_TRUCKS);
    const count = (status: string) => trucks.filter((t) => t.status === status).length;
    expect(count('requisitioned')).toBeGreaterThan(80);
    expect(count('volunteered')).toBeGreaterThan(30);
    expect(count('returned')).toBeGreaterThan(5);
    expect(count('out-of-service')).toBeGreaterThan(0);
    const returned = trucks.find((t) => t.status === 'returned')!;
    expect((await services.logistics.pool.get(returned.id)).history.map((h) => h.status)).toEqual([
      expect.stringMatching(/^(requisitioned|volunteered)$/),
      'returned',
    ]);
    const depots = await services.logistics.places.list('depot');
    expect(depots).toHaveLength(3);
    const points = await services.logistics.places.list('distribution-point');
    expect(points.length).toBeGreaterThanOrEqual(20);
    for (const p of [...depots, ...points]) {
      expect(p.latitude).toBeGreaterThan(-33.6);
      expect(p.latitude).toBeLessThan(-33.38);
      expect(p.longitude).toBeGreaterThan(-70.8);
      expect(p.longitude).toBeLessThan(-70.5);
    }
  });

  it("gives each cordón a day's requests whose plan names the heavy and the unreachable shipment", async () => {
    const bodies = shared.get(BODIES_BY_NAME) as Map<string, string>;
    const cordon = bodies.get('Cordón Cerrillos-Maipú')!;
    const requested = await services.logistics.shipments.list({ bodyId: cordon, status: 'requested' });
    expect(requested.length).toBeGreaterThanOrEqual(40);
    const logistics = createLogisticsArea(test.database, services.audit, services.councils, {
      seconds: 5,
      maxIterations: 3000,
    });
    const date = requested[0]!.dueDate;
    const plan = await logistics.planning.start({ kind: 'system', name: 'test' }, { bodyId: cordon, date });
    await logistics.planning.settled(plan.id);
    const done = await logistics.planning.get(plan.id);
    expect(done.status).toBe('partial');
    expect(done.unplaced.map((u) => u.reason).sort()).toEqual([
      'demand-exceeds-capacity',
      'time-window-unreachable',
    ]);
    expect(done.routes.flatMap((r) => r.stops)).toHaveLength(requested.length - 2);
  });
});
