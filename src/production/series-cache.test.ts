import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createFederation,
  createTestServices,
  createTestWorkplace,
  personPrincipal,
  reportDay,
} from '../../test/factories.js';
import { type Database, openDatabase } from '../db/database.js';
import { migrateUp } from '../db/migrator.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { Services } from '../server/services.js';
import { DETECTION_DEFAULTS } from './core/detection-defaults.js';
import { initialMonitorState, monitorStep } from './core/monitor-step.js';
import { productionDb } from './production-db.js';
import { periodIndex } from './report-period.js';
import { ReportsService } from './reports.service.js';
import { insertReports } from './reports.store.js';

const system = { kind: 'system', name: 'test' } as const;

/** A workplace of assembly A with `count` indicators; returns their ids. */
async function indicators(services: Services, count: number): Promise<string[]> {
  const fed = await createFederation(services);
  const workplace = await createTestWorkplace(services, fed.bodies.assemblyA, 'Textil Progreso');
  const created = await services.production.register.createIndicators(
    personPrincipal(fed.people.secretaryA),
    workplace.id,
    Array.from({ length: count }, (_, i) => ({ name: `Telar ${i}`, kind: 'custom' as const, unit: 'm' })),
  );
  return created.map((i) => i.id);
}

/** Day `d`'s batch: a level per indicator with a little deterministic wobble. */
const batch = (ids: readonly string[], d: number) =>
  ids.map((indicatorId, i) => ({
    indicatorId,
    period: reportDay(d),
    value: 1000 + 50 * i + ((d * 7 + i * 3) % 11),
  }));

/**
 * Every stored forecast of an indicator is what the forecaster gives when its forecast reports are
 * fed again, in period order, from a fresh state: the state each batch started from was the one the
 * batch before it committed, not an older or a rolled-back one. Returns how many were checked.
 */
async function expectForecastsReplay(database: Database, ids: readonly string[]): Promise<number> {
  let checked = 0;
  for (const id of ids) {
    const rows = (
      await sql<{ period: string; value: number | string; expected: number | null; forecast: number | null }>`
        select r.period, r.value, r.expected, r.forecast
        from (select indicator_no, period, value, expected, forecast from reports
              union all select indicator_no, period, value, expected, forecast from recent_reports) r
        join indicator_series s on s.no = r.indicator_no
        where s.indicator_id = ${id} order by r.period`.execute(database.db)
    ).rows;
    let state = initialMonitorState(DETECTION_DEFAULTS);
    let last: number | null = null;
    for (const r of rows) {
      // a late report was stored without a forecast and fed nothing
      if (r.forecast === null) continue;
      const p = periodIndex(r.period, 'daily')!;
      if (last !== null)
        for (let g = 0; g < Math.min(p - last - 1, 60); g++) state = monitorStep(state, null).state;
      const step = monitorStep(state, Number(r.value));
      state = step.state;
      last = p;
      const expected = Number.isFinite(step.update.expected) ? step.update.expected : null;
      expect({ id, period: r.period, expected: r.expected }).toEqual({ id, period: r.period, expected });
      expect(r.forecast).toBe(step.update.forecast);
      checked++;
    }
  }
  return checked;
}

// SQLite keeps each series' stored state in memory between batches (ReportsService, SeriesCache);
// PostgreSQL reads and locks it in every batch. Either way, each batch must start from the state
// the previous one committed.
describeEachDialect('series states between batches', (database) => {
  let services: Services;
  let ids: string[];

  beforeAll(async () => {
    services = await createTestServices(database());
    ids = await indicators(services, 6);
  });

  it('batches sent at once are taken one after the other, each from the state the one before committed', async () => {
    for (let d = 0; d < 20; d++) await services.production.reports.ingest(system, batch(ids, d));
    // eight days at once, and each day's batch twice (a retry racing its original)
    const days = Array.from({ length: 8 }, (_, k) => 20 + k);
    const outcomes = await Promise.all(
      [...days, ...days].map((d) => services.production.reports.ingest(system, batch(ids, d))),
    );
    expect(outcomes.reduce((n, o) => n + o.accepted, 0)).toBe(8 * ids.length);
    expect(outcomes.reduce((n, o) => n + o.duplicates, 0)).toBe(8 * ids.length);
    // on SQLite in the order they came; on PostgreSQL a later day may commit first, and an earlier
    // one is then late (stored, not forecast)
    expect(await expectForecastsReplay(database(), ids)).toBeGreaterThan(20 * ids.length);
  });

  it('stores report rows with any text and missing figures exactly (PostgreSQL: array literals made by hand)', async () => {
    const { no } = (
      await sql<{ no: number }>`select no from indicator_series where indicator_id = ${ids[0]!}`.execute(
        database().db,
      )
    ).rows[0]!;
    const odd = ['NULL', 'null', 'a "quoted", {braced} \\ text', '', '1972-10-11T12:00:00.000Z'];
    const rows = odd.map((text, i) => ({
      indicator_no: Number(no),
      period: `1999-01-0${i + 1}`,
      value: 9_007_199_254_740_991 - i,
      received_at: text,
      expected: i % 2 === 0 ? null : 1e-7 * i,
      forecast: 0.5 - 0.1 * i,
      band_low: null,
      band_high: 1e21,
      anomaly_score: i / 3,
    }));
    const db = productionDb(database().db);
    await insertReports(db, database().kind, rows);
    const back = (
      await sql<(typeof rows)[number]>`select indicator_no, period, value, received_at, expected, forecast,
        band_low, band_high, anomaly_score from recent_reports where indicator_no = ${no} and period like '1999-%'
        order by period`.execute(database().db)
    ).rows.map((r) => ({ ...r, indicator_no: Number(r.indicator_no), value: Number(r.value) }));
    expect(back).toEqual(rows);
    await sql`delete from recent_reports where indicator_no = ${no} and period like '1999-%'`.execute(
      database().db,
    );
  });
});

// The cache is per SQLite connection: another connection's commits (a second process on the same
// file) and a batch that rolls back must not leave it holding a state the database does not.
const dir = mkdtempSync(join(tmpdir(), 'cordones-series-cache-'));
const file = join(dir, 'cordones.db');
let first: Database;
let second: Database;
let servicesA: Services;
let ids: string[];

beforeAll(async () => {
  first = await openDatabase({ kind: 'sqlite', path: file });
  const migrated = await migrateUp(first.db);
  if (migrated.status !== 'ok') throw new Error(String(migrated.error));
  servicesA = await createTestServices(first);
  ids = await indicators(servicesA, 4);
  second = await openDatabase({ kind: 'sqlite', path: file });
});

afterAll(async () => {
  await second?.close();
  await first?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('SQLite: a batch committed through another connection is seen by the next batch on this one', async () => {
  const servicesB = await createTestServices(second);
  for (let d = 0; d < 20; d++) await servicesA.production.reports.ingest(system, batch(ids, d));
  // days 20–21 through the other connection (its own services, its own cache), then back here
  for (const d of [20, 21]) await servicesB.production.reports.ingest(system, batch(ids, d));
  for (const d of [22, 23]) await servicesA.production.reports.ingest(system, batch(ids, d));
  await servicesB.production.reports.ingest(system, batch(ids, 24));
  await servicesA.production.reports.ingest(system, batch(ids, 25));
  expect(await expectForecastsReplay(first, ids)).toBe(26 * ids.length);
});

it('SQLite: a batch that rolls back leaves the states as they were committed', async () => {
  // a real failure after the states are computed: the report insert of a marked value aborts
  await sql`create trigger refuse_marked before insert on recent_reports when new.value = 424242
            begin select raise(abort, 'refused by test'); end`.execute(first.db);
  const reports = new ReportsService(first, servicesA.audit, servicesA.councils);
  const failing = batch(ids, 26).map((item, i) => (i === 0 ? { ...item, value: 424242 } : item));
  await expect(reports.ingest(system, failing)).rejects.toThrow(/refused by test/);
  await sql`drop trigger refuse_marked`.execute(first.db);
  // the same day again, then more: each from the state committed before the failed batch
  for (let d = 26; d < 30; d++) await reports.ingest(system, batch(ids, d));
  expect(await expectForecastsReplay(first, ids)).toBe(30 * ids.length);
});
