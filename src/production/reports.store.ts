import { CompiledQuery } from 'kysely';
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

// Hot-path writes are built as SQL text with positional parameters and run directly: the query
// builder's per-row work costs more than the database's for thousand-row batches.
function placeholders(
  kind: DialectKind,
  rows: number,
  columns: number,
  casts: readonly string[] = [],
): string {
  const out: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < columns; c++) {
      n++;
      const p = kind === 'postgres' ? `$${n}` : '?';
      const cast = casts[c];
      cells.push(cast ? `cast(${p} as ${cast})` : p);
    }
    out.push(`(${cells.join(', ')})`);
  }
  return out.join(', ');
}

const REPORT_COLUMNS = [
  'indicator_id',
  'period',
  'value',
  'received_at',
  'expected',
  'forecast',
  'band_low',
  'band_high',
  'anomaly_score',
] as const;

/** Inserts reports (in statements of at most 500 rows, under both dialects' parameter limits). */
export async function insertReports(
  db: ProductionDb,
  kind: DialectKind,
  rows: readonly T['reports'][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const parameters: unknown[] = [];
    for (const r of chunk) for (const c of REPORT_COLUMNS) parameters.push(r[c]);
    await db.executeQuery(
      CompiledQuery.raw(
        `insert into reports (${REPORT_COLUMNS.join(', ')}) values ${placeholders(kind, chunk.length, REPORT_COLUMNS.length)}`,
        parameters,
      ),
    );
  }
}

/** Stores the monitor state and last period of each indicator (one statement per 500). */
export async function saveIndicatorStates(
  db: ProductionDb,
  kind: DialectKind,
  rows: readonly { id: string; state: string; lastPeriodIndex: number | null }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const parameters: unknown[] = [];
    for (const r of chunk) parameters.push(r.id, r.state, r.lastPeriodIndex);
    // UPDATE … FROM a VALUES list: PostgreSQL, and SQLite since 3.33
    await db.executeQuery(
      CompiledQuery.raw(
        `with v(id, state, lpi) as (values ${placeholders(kind, chunk.length, 3, ['', '', 'integer'])})
         update indicators set state = v.state, last_period_index = v.lpi from v where indicators.id = v.id`,
        parameters,
      ),
    );
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
