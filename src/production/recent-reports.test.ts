import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import {
  createFederation,
  createTestServices,
  createTestWorkplace,
  personPrincipal,
  reportDay,
} from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { Services } from '../server/services.js';
import { ReportsService } from './reports.service.js';

// Ingest puts reports into `recent_reports` and moves them into `reports` in bulk every so many
// (migration 0016). Wherever a report is, it is read, checked for duplicates and totalled alike.
describeEachDialect('reports buffered in recent_reports', (database) => {
  let services: Services;
  let fed: Awaited<ReturnType<typeof createFederation>>;
  /** The workplace of assembly A, registered by the first test. */
  let workplaceId: string;

  beforeAll(async () => {
    services = await createTestServices(database());
    fed = await createFederation(services);
  });

  const counts = async () => {
    const { db } = database();
    const n = async (table: string) =>
      Number(
        (await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db))
          .rows[0]!.n,
      );
    return { reports: await n('reports'), recent: await n('recent_reports') };
  };

  it('reads, refuses twice and totals every report the same before and after a move', async () => {
    const system = { kind: 'system', name: 'test' } as const;
    const sec = personPrincipal(fed.people.secretaryA);
    const product = await services.production.register.createProduct(system, {
      code: 'TELA-01',
      name: 'Tela',
      unit: 'm',
      category: 'textiles',
      basicGood: false,
    });
    const workplace = await createTestWorkplace(services, fed.bodies.assemblyA);
    const [cloth, energy] = await services.production.register.createIndicators(sec, workplace.id, [
      { name: 'Tela', kind: 'output', productId: product.id, unit: 'm' },
      { name: 'Energía', kind: 'energy', unit: 'kWh' },
    ]);
    workplaceId = workplace.id;
    // a service that moves the buffer once it has taken 5 reports
    const reports = new ReportsService(database(), services.audit, services.councils, { mergeEvery: 5 });
    const items = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => [
        { indicatorId: cloth!.id, period: reportDay(from + k), value: 100 + from + k },
        { indicatorId: energy!.id, period: reportDay(from + k), value: 50 },
      ]).flat();

    // 4 reports: all in the buffer
    expect(await reports.ingest(sec, items(0, 2))).toMatchObject({ accepted: 4, rejected: [] });
    expect(await counts()).toEqual({ reports: 0, recent: 4 });
    const buffered = await services.production.alerts.series(sec, cloth!.id);
    expect(buffered.points.map((p) => p.value)).toEqual([100, 101]);

    // 4 more make 8 ≥ 5: this batch moves all 8, its own included
    expect(await reports.ingest(sec, items(2, 4))).toMatchObject({ accepted: 4 });
    expect(await counts()).toEqual({ reports: 8, recent: 0 });
    // 2 more stay in the buffer
    expect(await reports.ingest(sec, items(4, 5))).toMatchObject({ accepted: 2 });
    expect(await counts()).toEqual({ reports: 8, recent: 2 });

    // a chart reads both tables, newest `limit` of the two together, oldest first
    const s = await services.production.alerts.series(sec, cloth!.id);
    expect(s.points.map((p) => [p.period, p.value])).toEqual(
      Array.from({ length: 5 }, (_, d) => [reportDay(d), 100 + d]),
    );
    expect((await services.production.alerts.series(sec, cloth!.id, 3)).points.map((p) => p.value)).toEqual([
      102, 103, 104,
    ]);
    expect(s.points.slice(0, 2)).toEqual(buffered.points);

    // a re-sent report is a duplicate, another value refused, in either table
    const again = await reports.ingest(sec, [
      { indicatorId: cloth!.id, period: reportDay(1), value: 101 },
      { indicatorId: cloth!.id, period: reportDay(4), value: 104 },
      { indicatorId: energy!.id, period: reportDay(1), value: 51 },
      { indicatorId: energy!.id, period: reportDay(4), value: 51 },
    ]);
    expect(again.accepted).toBe(0);
    expect(again.duplicates).toBe(2);
    expect(again.rejected.map((r) => [r.index, r.code])).toEqual([
      [2, 'already-reported'],
      [3, 'already-reported'],
    ]);

    // planning's totals count both tables
    expect(await services.production.reports.outputTotals(reportDay(0), reportDay(4))).toEqual([
      {
        workplaceId: workplace.id,
        productId: product.id,
        total: 100 + 101 + 102 + 103 + 104,
        lastPeriod: reportDay(4),
      },
    ]);
  });

  it('stores every report once when concurrent batches each move the buffer', async () => {
    const sec = personPrincipal(fed.people.secretaryA);
    const indicators = await services.production.register.createIndicators(
      sec,
      workplaceId,
      Array.from({ length: 12 }, (_, i) => ({ name: `Línea ${i}`, kind: 'custom' as const, unit: 'unit' })),
    );
    const before = await counts();
    // one batch per indicator, so that on PostgreSQL none waits for another's series lock and they
    // run at once; every batch crosses the count of 1 and tries to move what the buffer holds
    const reports = new ReportsService(database(), services.audit, services.councils, { mergeEvery: 1 });
    const value = (i: number, d: number) => 100 * i + d;
    const outs = await Promise.all(
      indicators.map((ind, i) =>
        reports.ingest(
          sec,
          Array.from({ length: 3 }, (_, d) => ({
            indicatorId: ind.id,
            period: reportDay(d),
            value: value(i, d),
          })),
        ),
      ),
    );
    expect(outs.reduce((n, o) => n + o.accepted, 0)).toBe(36);
    const after = await counts();
    expect(after.reports + after.recent - before.reports - before.recent).toBe(36);
    for (const [i, ind] of indicators.entries()) {
      const s = await services.production.alerts.series(sec, ind.id);
      expect(s.points.map((p) => [p.period, p.value])).toEqual(
        Array.from({ length: 3 }, (_, d) => [reportDay(d), value(i, d)]),
      );
    }
  });
});
