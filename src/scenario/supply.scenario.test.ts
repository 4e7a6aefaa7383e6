import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../core/config.js';
import { openTestDatabase, type TestDatabase } from '../db/test-databases.js';
import { createServices, type Services } from '../server/services.js';
import { supplyDb } from '../supply/supply-db.js';
import { BODIES_BY_NAME, CITY_JAPS, councilsScenario } from './councils.scenario.js';
import { identityScenario } from './identity.scenario.js';
import { Rng } from './rng.js';
import { SCENARIO_PARTS } from './scenario.js';
import { HOUSEHOLDS_PER_JAP, SUPPLY_SCENARIO_WEEK, supplyScenario } from './supply.scenario.js';

describe('supply scenario (city)', () => {
  let test: TestDatabase;
  let services: Services;
  const shared = new Map<string, unknown>();
  beforeAll(async () => {
    test = await openTestDatabase('sqlite');
    services = await createServices(test.database, defaultConfig({ logLevel: 'silent' }));
    const root = new Rng(1972);
    for (const part of [identityScenario, councilsScenario, supplyScenario]) {
      await part.load({ services, rng: root.fork(part.name), scale: 'city', shared, progress: () => {} });
    }
  }, 60_000);
  afterAll(async () => {
    await test.dispose();
  });

  it('runs after councils', () => {
    const names = SCENARIO_PARTS.map((p) => p.name);
    expect(names.indexOf(supplyScenario.name)).toBeGreaterThan(names.indexOf('councils'));
  });

  it('registers households in every JAP with children, elderly and pregnant members', async () => {
    const db = supplyDb(test.database.db);
    const households = await db.selectFrom('supply_households').select('id').execute();
    expect(households).toHaveLength(CITY_JAPS.length * HOUSEHOLDS_PER_JAP);
    const bands = await db
      .selectFrom('supply_members')
      .select(['age_band', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('age_band')
      .execute();
    const count = new Map(bands.map((b) => [b.age_band, Number(b.n)]));
    const persons = [...count.values()].reduce((a, b) => a + b, 0);
    expect(persons / households.length).toBeGreaterThan(3.5);
    expect(count.get('15-64')! / persons).toBeGreaterThan(0.4);
    expect(count.get('0-4')! + count.get('5-14')!).toBeGreaterThan(count.get('65+')!);
  });

  it('leaves a week of claims, flagged doubles and price reports in La Victoria', async () => {
    const japId = (shared.get(BODIES_BY_NAME) as Map<string, string>).get('JAP Población La Victoria')!;
    const week = shared.get(SUPPLY_SCENARIO_WEEK) as string;
    const db = supplyDb(test.database.db);
    const claims = await db
      .selectFrom('supply_claims')
      .select('id')
      .where('committee_id', '=', japId)
      .where('period', '=', week)
      .execute();
    expect(claims.length).toBeGreaterThan(HOUSEHOLDS_PER_JAP);
    const flags = await db
      .selectFrom('supply_claim_flags')
      .select('reason')
      .where('committee_id', '=', japId)
      .execute();
    expect(flags.map((f) => f.reason)).toEqual(['double-claim', 'double-claim', 'double-claim']);
    const totals = await services.supply.entitlements.committeeTotals(japId, week);
    expect(totals.map((g) => g.code)).toEqual(['milk', 'sugar', 'oil']);
    const reports = await db
      .selectFrom('supply_price_reports')
      .select('id')
      .where('committee_id', '=', japId)
      .execute();
    expect(reports).toHaveLength(3);
  });
});
