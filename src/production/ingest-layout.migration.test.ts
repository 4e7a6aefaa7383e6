import { type Kysely, sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import {
  createFederation,
  createTestServices,
  createTestWorkplace,
  personPrincipal,
  reportDay,
} from '../../test/factories.js';
import * as m0013 from '../db/migrations/0013-ingest-layout.js';
import * as m0016 from '../db/migrations/0016-recent-reports.js';
import * as m0017 from '../db/migrations/0017-recent-reports-rowid.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { Services } from '../server/services.js';
import { decodeMonitorState } from './monitor-state-codec.js';

// Migration 0013 on a database with data: reports and forecaster states written in the new layout
// are moved back by `down` to the layout before it (state as `b1:` text on `indicators`, reports
// keyed by indicator id), then forward again by `up`, and nothing is lost or changed on the way.
describeEachDialect('migration 0013-ingest-layout', (database) => {
  let services: Services;
  let fed: Awaited<ReturnType<typeof createFederation>>;

  beforeAll(async () => {
    services = await createTestServices(database());
    fed = await createFederation(services);
  });

  it('moves states and reports down and up again, and ingest goes on where it stopped', async () => {
    const db = database().db as unknown as Kysely<unknown>;
    const sec = personPrincipal(fed.people.secretaryA);
    const workplace = await createTestWorkplace(services, fed.bodies.assemblyA);
    const [a, b, quiet] = await services.production.register.createIndicators(sec, workplace.id, [
      { name: 'Tela', kind: 'custom', unit: 'm' },
      { name: 'Energía', kind: 'energy', unit: 'kWh' },
      { name: 'Sin reportes', kind: 'custom', unit: 'unit' },
    ]);
    const day = (d: number, value: number, id: string) => ({
      indicatorId: id,
      period: reportDay(d),
      value,
    });
    const batch = Array.from({ length: 40 }, (_, d) => [
      day(d, 1000 + (d % 7), a!.id),
      day(d, 50 + (d % 3), b!.id),
    ]).flat();
    expect((await services.production.reports.ingest(sec, batch)).accepted).toBe(80);
    const seriesBefore = await services.production.alerts.series(sec, a!.id);
    const statesBefore = await sql<{
      indicator_id: string;
      state: Uint8Array;
      last_period_index: number | null;
    }>`
      select indicator_id, state, last_period_index from indicator_series order by indicator_id`.execute(db);
    expect(statesBefore.rows).toHaveLength(3);

    // the buffer of 0016 (as 0017 left it) goes first (it moves its reports into `reports`), as
    // migrateDown would
    await m0017.down(db);
    await m0016.down(db);
    await m0013.down(db);
    // the layout before 0013: text states on the indicator rows, reports by indicator id
    const old = await sql<{ id: string; state: string; last_period_index: number | null }>`
      select id, state, last_period_index from indicators where workplace_id = ${workplace.id} order by id`.execute(
      db,
    );
    expect(old.rows).toHaveLength(3);
    for (const [i, row] of old.rows.entries()) {
      const before = statesBefore.rows[i]!;
      expect(row.id).toBe(before.indicator_id);
      expect(row.state.startsWith('b1:')).toBe(true);
      expect(decodeMonitorState(row.state)).toEqual(decodeMonitorState(before.state));
      expect(row.last_period_index).toBe(before.last_period_index);
    }
    const oldReports = await sql<{ n: number | string }>`
      select count(*) as n from reports where indicator_id in (${a!.id}, ${b!.id})`.execute(db);
    expect(Number(oldReports.rows[0]!.n)).toBe(80);
    // a state written as JSON before 0013 (an unknown layout) must move too
    const jsonState = JSON.stringify(decodeMonitorState(old.rows.find((r) => r.id === quiet!.id)!.state));
    await sql`update indicators set state = ${jsonState} where id = ${quiet!.id}`.execute(db);

    await m0013.up(db);
    await m0016.up(db);
    await m0017.up(db);
    expect(await services.production.alerts.series(sec, a!.id)).toEqual(seriesBefore);
    const statesAfter = await sql<{
      indicator_id: string;
      state: Uint8Array;
      last_period_index: number | null;
    }>`
      select indicator_id, state, last_period_index from indicator_series order by indicator_id`.execute(db);
    expect(
      statesAfter.rows.map((r) => [r.indicator_id, decodeMonitorState(r.state), r.last_period_index]),
    ).toEqual(
      statesBefore.rows.map((r) => [r.indicator_id, decodeMonitorState(r.state), r.last_period_index]),
    );
    expect(
      Buffer.from(statesAfter.rows.find((r) => r.indicator_id === quiet!.id)!.state).toString('utf8'),
    ).toBe(jsonState);

    // idempotency per (indicator, period) still holds across the move, and new days are forecast
    const again = await services.production.reports.ingest(sec, [
      day(39, 1000 + (39 % 7), a!.id),
      day(39, 999, b!.id),
      day(40, 1005, a!.id),
      day(0, 7, quiet!.id),
    ]);
    expect(again.accepted).toBe(2);
    expect(again.duplicates).toBe(1);
    expect(again.rejected.map((r) => r.code)).toEqual(['already-reported']);
    const after = await services.production.alerts.series(sec, a!.id);
    expect(after.points).toHaveLength(seriesBefore.points.length + 1);
    expect(after.points.at(-1)!.expected).not.toBeNull();
  });
});
