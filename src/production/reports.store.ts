import { sql } from 'kysely';
import type { DialectKind } from '../db/database.js';
import type { ProductionTables } from './production.tables.js';
import type { ProductionDb } from './production-db.js';

type T = ProductionTables;

/** What ingest needs of an indicator before it takes the write lock: where it belongs. */
export interface IndicatorHeader {
  readonly id: string;
  readonly body_id: string;
  readonly workplace_id: string;
  readonly frequency: string;
}

/** Indicators' owners and frequencies, for the permission check of a batch. */
export async function indicatorHeaders(db: ProductionDb, ids: readonly string[]): Promise<IndicatorHeader[]> {
  const out: IndicatorHeader[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('indicators')
        .select(['id', 'body_id', 'workplace_id', 'frequency'])
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

/**
 * The indicators' full rows, locked for the rest of the transaction on PostgreSQL (in id order,
 * so two batches never deadlock); SQLite serialises writers itself.
 */
export async function lockIndicators(
  db: ProductionDb,
  kind: DialectKind,
  ids: readonly string[],
): Promise<T['indicators'][]> {
  const sorted = [...ids].sort();
  const out: T['indicators'][] = [];
  for (let i = 0; i < sorted.length; i += 500) {
    let q = db
      .selectFrom('indicators')
      .selectAll()
      .where('id', 'in', sorted.slice(i, i + 500))
      .orderBy('id');
    if (kind === 'postgres') q = q.forUpdate();
    out.push(...(await q.execute()));
  }
  return out;
}

/** Stored reports among the given indicator × period pairs. */
export async function existingReports(
  db: ProductionDb,
  pairs: readonly { indicatorId: string; period: string }[],
): Promise<{ indicator_id: string; period: string; value: number }[]> {
  if (pairs.length === 0) return [];
  const indicators = [...new Set(pairs.map((p) => p.indicatorId))];
  const periods = [...new Set(pairs.map((p) => p.period))];
  const out: { indicator_id: string; period: string; value: number }[] = [];
  // indicators × periods is a superset of the pairs; the caller matches exact pairs
  for (let i = 0; i < indicators.length; i += 300) {
    for (let j = 0; j < periods.length; j += 300) {
      out.push(
        ...(await db
          .selectFrom('reports')
          .select(['indicator_id', 'period', 'value'])
          .where('indicator_id', 'in', indicators.slice(i, i + 300))
          .where('period', 'in', periods.slice(j, j + 300))
          .execute()),
      );
    }
  }
  return out.map((r) => ({ ...r, value: Number(r.value) }));
}

/** Inserts reports (in statements of at most 500 rows, under both dialects' parameter limits). */
export async function insertReports(db: ProductionDb, rows: T['reports'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('reports')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** Stores the monitor state and last period of each indicator. */
export async function saveIndicatorStates(
  db: ProductionDb,
  kind: DialectKind,
  rows: readonly { id: string; state: string; lastPeriodIndex: number | null }[],
): Promise<void> {
  if (kind === 'postgres') {
    // one statement per chunk instead of a round trip per indicator
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const values = sql.join(
        chunk.map((r) => sql`(${r.id}, ${r.state}, ${r.lastPeriodIndex}::integer)`),
        sql`, `,
      );
      await sql`update indicators set state = v.state, last_period_index = v.lpi
        from (values ${values}) as v(id, state, lpi) where indicators.id = v.id`.execute(db);
    }
    return;
  }
  for (const r of rows) {
    await db
      .updateTable('indicators')
      .set({ state: r.state, last_period_index: r.lastPeriodIndex })
      .where('id', '=', r.id)
      .execute();
  }
}

/** The reports of an indicator, oldest first, optionally from a period on; at most `limit`. */
export async function seriesOf(
  db: ProductionDb,
  indicatorId: string,
  options: { from?: string; limit: number },
): Promise<T['reports'][]> {
  let q = db.selectFrom('reports').selectAll().where('indicator_id', '=', indicatorId);
  if (options.from !== undefined) q = q.where('period', '>=', options.from);
  // the newest `limit`, returned oldest first
  const rows = await q.orderBy('period', 'desc').limit(options.limit).execute();
  return rows.reverse().map((r) => ({ ...r, value: Number(r.value) }));
}
