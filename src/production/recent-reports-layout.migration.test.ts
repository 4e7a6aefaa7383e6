import { type Kysely, sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import {
  createFederation,
  createTestServices,
  createTestWorkplace,
  personPrincipal,
  reportDay,
} from '../../test/factories.js';
import * as m0017 from '../db/migrations/0017-recent-reports-rowid.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { Services } from '../server/services.js';

// Migration 0017 on a buffer holding reports: down (SQLite: back to WITHOUT ROWID) and up again
// keep every row, and ingest goes on reading them (duplicates, already reported) either way.
describeEachDialect('migration 0017-recent-reports-rowid', (database, kind) => {
  let services: Services;
  let fed: Awaited<ReturnType<typeof createFederation>>;

  beforeAll(async () => {
    services = await createTestServices(database());
    fed = await createFederation(services);
  });

  it('keeps the buffered reports down and up, and ingest still finds them', async () => {
    const db = database().db as unknown as Kysely<unknown>;
    const sec = personPrincipal(fed.people.secretaryA);
    const workplace = await createTestWorkplace(services, fed.bodies.assemblyA);
    const [cloth, energy] = await services.production.register.createIndicators(sec, workplace.id, [
      { name: 'Tela', kind: 'custom', unit: 'm' },
      { name: 'Energía', kind: 'energy', unit: 'kWh' },
    ]);
    const day = (d: number, id: string, value: number) => ({
      indicatorId: id,
      period: reportDay(d),
      value,
    });
    const items = Array.from({ length: 30 }, (_, d) => [
      day(d, cloth!.id, 500 + (d % 5)),
      day(d, energy!.id, 90 + (d % 3)),
    ]).flat();
    expect((await services.production.reports.ingest(sec, items)).accepted).toBe(60);
    const rows = async () =>
      (await sql`select * from recent_reports order by indicator_no, period`.execute(db)).rows;
    const layout = async () =>
      kind === 'sqlite'
        ? String(
            (
              await sql<{ sql: string }>`select sql from sqlite_master where name = 'recent_reports'`.execute(
                db,
              )
            ).rows[0]!.sql,
          ).toLowerCase()
        : 'postgres';
    const before = await rows();
    expect(before).toHaveLength(60);
    if (kind === 'sqlite') expect(await layout()).not.toContain('without rowid');

    await m0017.down(db);
    expect(await rows()).toEqual(before);
    if (kind === 'sqlite') expect(await layout()).toContain('without rowid');

    await m0017.up(db);
    expect(await rows()).toEqual(before);
    if (kind === 'sqlite') expect(await layout()).not.toContain('without rowid');
    // the key still holds: the same report again is a duplicate, another value for it is refused
    const again = await services.production.reports.ingest(sec, [
      day(29, cloth!.id, 500 + (29 % 5)),
      day(29, energy!.id, 1),
      day(30, cloth!.id, 503),
    ]);
    expect([again.accepted, again.duplicates, again.rejected.map((r) => r.code)]).toEqual([
      1,
      1,
      ['already-reported'],
    ]);
    await expect(
      sql`insert into recent_reports (indicator_no, period, value, received_at)
          select indicator_no, period, value, received_at from recent_reports limit 1`.execute(db),
    ).rejects.toThrow(/unique|duplicate/i);
  });
});
