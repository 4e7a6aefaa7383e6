import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../core/config.js';
import { openTestDatabase, type TestDatabase } from '../db/test-databases.js';
import { createServices, type Services } from '../server/services.js';
import { supplyDb } from '../supply/supply-db.js';
import { BODIES_BY_NAME, CITY_JAPS, councilsScenario } from './councils.scenario.js';
import { identityScenario } from './identity.scenario.js';
import { Rng } from './rng.js';
import { SCENARIO_PARTS } from './scenario.js';
import {
  censusHousehold,
  HOUSEHOLDS_PER_JAP,
  SUPPLY_SCENARIO_WEEK,
  supplyScenario,
} from './supply.scenario.js';

// The full city is 40 × 7,500 households; the database tests load 60 per JAP.
const PER_JAP = 60;

describe('census households', () => {
  it('have the 1970 shape: about 4.9 persons, two in five under 15, one in twenty 65 or over', () => {
    const rng = new Rng(1970);
    let n = 0;
    const next = () => String(++n);
    const bands = new Map<string, number>();
    const households = 20_000;
    let pregnant = 0;
    for (let h = 0; h < households; h++)
      for (const m of censusHousehold(rng, next)) {
        bands.set(m.ageBand, (bands.get(m.ageBand) ?? 0) + 1);
        if (m.pregnant) pregnant++;
      }
    const share = (band: string) => (bands.get(band) ?? 0) / n;
    expect(n / households).toBeGreaterThan(4.6);
    expect(n / households).toBeLessThan(5.2);
    expect(share('0-4')).toBeGreaterThan(0.11);
    expect(share('0-4')).toBeLessThan(0.15);
    expect(share('5-14')).toBeGreaterThan(0.23);
    expect(share('5-14')).toBeLessThan(0.29);
    expect(share('15-64')).toBeGreaterThan(0.52);
    expect(share('15-64')).toBeLessThan(0.6);
    expect(share('65+')).toBeGreaterThan(0.035);
    expect(share('65+')).toBeLessThan(0.065);
    expect(pregnant).toBeGreaterThan(0);
  });

  it('register 300,000 households in the city by default', () => {
    expect(CITY_JAPS).toHaveLength(40);
    expect(CITY_JAPS.length * HOUSEHOLDS_PER_JAP).toBe(300_000);
  });
});

describe('supply scenario (city, 60 households per JAP)', () => {
  let test: TestDatabase;
  let services: Services;
  const shared = new Map<string, unknown>();
  beforeAll(async () => {
    test = await openTestDatabase('sqlite');
    services = await createServices(test.database, defaultConfig({ logLevel: 'silent' }));
    const root = new Rng(1972);
    for (const part of [identityScenario, councilsScenario, supplyScenario]) {
      await part.load({
        services,
        rng: root.fork(part.name),
        scale: 'city',
        shared,
        householdsPerCommittee: PER_JAP,
        progress: () => {},
      });
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
    expect(households).toHaveLength(CITY_JAPS.length * PER_JAP);
    const committees = await db.selectFrom('supply_households').select('committee_id').distinct().execute();
    expect(committees).toHaveLength(40);
    const bands = await db
      .selectFrom('supply_members')
      .select(['age_band', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('age_band')
      .execute();
    const count = new Map(bands.map((b) => [b.age_band, Number(b.n)]));
    const persons = [...count.values()].reduce((a, b) => a + b, 0);
    expect(persons / households.length).toBeGreaterThan(4.3);
    expect(count.get('15-64')! / persons).toBeGreaterThan(0.45);
    expect(count.get('0-4')! + count.get('5-14')!).toBeGreaterThan(5 * count.get('65+')!);
    const needs = await db
      .selectFrom('supply_members')
      .select('needs')
      .where('needs', 'like', '%pregnant%')
      .execute();
    expect(needs.length).toBeGreaterThan(0);
  });

  it('leaves a week of claims within entitlements, flagged doubles, stock and price reports in La Victoria', async () => {
    const japId = (shared.get(BODIES_BY_NAME) as Map<string, string>).get('JAP Población La Victoria')!;
    const week = shared.get(SUPPLY_SCENARIO_WEEK) as string;
    const db = supplyDb(test.database.db);
    const claims = await db
      .selectFrom('supply_claims')
      .select(['household_id', 'good_id', 'quantity'])
      .where('committee_id', '=', japId)
      .where('period', '=', week)
      .execute();
    const claimants = new Set(claims.map((c) => c.household_id));
    // about 85 % of households came by, each for the goods they were due
    expect(claimants.size).toBeGreaterThan(PER_JAP * 0.6);
    expect(claimants.size).toBeLessThan(PER_JAP);
    const { householdIds, dues } = await services.supply.entitlements.committeeEntitlements(
      db,
      japId,
      (await import('../supply/period.js')).parsePeriod(week)!,
    );
    const dueOf = new Map(householdIds.map((h, i) => [h, dues[i]!]));
    for (const c of claims) expect(Number(c.quantity)).toBe(dueOf.get(c.household_id)!.get(c.good_id)!.units);
    const flags = await db
      .selectFrom('supply_claim_flags')
      .select('reason')
      .where('committee_id', '=', japId)
      .execute();
    expect(flags.map((f) => f.reason)).toEqual(['double-claim', 'double-claim', 'double-claim']);
    const totals = await services.supply.entitlements.committeeTotals(japId, week);
    expect(totals.map((g) => g.code)).toEqual(['milk', 'sugar', 'oil']);
    const stock = await db.selectFrom('supply_point_stock').select(['good_id', 'quantity']).execute();
    const milk = totals.find((t) => t.code === 'milk')!;
    const left = stock.find((s) => s.good_id === milk.goodId)!;
    // stocked with a tenth over the week's entitlement, less what was handed over (the offline
    // doubles took some too, less than that tenth)
    const handed = claims
      .filter((c) => c.good_id === milk.goodId)
      .reduce((a, c) => a + Number(c.quantity), 0);
    expect(Number(left.quantity) + handed).toBeLessThanOrEqual(Math.ceil(milk.units * 1.1));
    expect(Number(left.quantity) + handed).toBeGreaterThan(milk.units);
    const reports = await db
      .selectFrom('supply_price_reports')
      .select('id')
      .where('committee_id', '=', japId)
      .execute();
    expect(reports).toHaveLength(3);
  });
});
