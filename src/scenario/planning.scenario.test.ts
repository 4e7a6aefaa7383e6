import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../core/config.js';
import { openTestDatabase, type TestDatabase } from '../db/test-databases.js';
import { createServices, type Services } from '../server/services.js';
import { councilsScenario } from './councils.scenario.js';
import { identityScenario } from './identity.scenario.js';
import { planningScenario } from './planning.scenario.js';
import { productionScenario } from './production.scenario.js';
import { Rng } from './rng.js';
import { SCENARIO_PARTS } from './scenario.js';
import { supplyScenario } from './supply.scenario.js';

describe('planning scenario (city)', () => {
  let test: TestDatabase;
  let services: Services;
  beforeAll(async () => {
    test = await openTestDatabase('sqlite');
    services = await createServices(test.database, defaultConfig({ logLevel: 'silent' }));
    const root = new Rng(1972);
    const shared = new Map<string, unknown>();
    // 75 households per JAP (3,000 in all), not the demo's 300,000
    for (const part of [
      identityScenario,
      councilsScenario,
      productionScenario,
      supplyScenario,
      planningScenario,
    ])
      await part.load({
        services,
        rng: root.fork(part.name),
        scale: 'city',
        shared,
        householdsPerCommittee: 75,
        progress: () => {},
      });
  }, 180_000);
  afterAll(async () => {
    await test.dispose();
  });

  it('runs after production and supply', () => {
    const names = SCENARIO_PARTS.map((p) => p.name);
    expect(names.indexOf('planning')).toBeGreaterThan(names.indexOf('production'));
    expect(names.indexOf('planning')).toBeGreaterThan(names.indexOf('supply'));
  });

  it('leaves an adopted plan with quotas and a draft before the assembly with a solved amendment', async () => {
    const { plans } = services.planning;
    const list = await plans.list();
    expect(list.map((p) => p.status).sort()).toEqual(['adopted', 'before-assembly']);
    const adopted = await plans.get(list.find((p) => p.status === 'adopted')!.id);
    expect(adopted.quotas.length).toBeGreaterThan(5);
    for (const q of adopted.quotas) expect(q.quantity).toBeLessThanOrEqual(q.capacity);
    const milk = (await services.production.register.listProducts()).find((p) => p.code === 'milk')!;
    expect(adopted.targets.find((t) => t.productId === milk.id)?.consumption).toBeGreaterThan(0);
    const outcome = adopted.solve?.outcome;
    if (outcome?.status !== 'planned') throw new Error(`adopted plan ${outcome?.status}`);
    expect(outcome.bottlenecks.length).toBeGreaterThan(0);

    const draft = await plans.get(list.find((p) => p.status === 'before-assembly')!.id);
    expect(draft.amendments).toHaveLength(1);
    expect(draft.amendments[0]!.consequences?.labourHoursDelta).toBeGreaterThan(0);

    const fulfilment = await plans.fulfilment(adopted.id);
    expect(fulfilment.products.some((p) => p.reported > 0)).toBe(true);
  });
});
