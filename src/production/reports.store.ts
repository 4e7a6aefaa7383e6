import { CompiledQuery, sql } from 'kysely';
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
export async function indicatorHeaders(
  db: ProductionDb,
  kind: DialectKind,
  ids: readonly string[],
): Promise<IndicatorHeader[]> {
  const out: IndicatorHeader[] = [];
  for (const chunk of idChunks(kind, ids)) {
    out.push(
      ...(await db
        .selectFrom('indicators')
        .select(['id', 'body_id', 'workplace_id', 'frequency'])
        .where(idIn(kind, chunk))
        .execute()),
    );
  }
  return out;
}

// PostgreSQL gets one array parameter (`id = any($1)`): planning an IN list of hundreds of
// constants costs more than the lookup; SQLite gets IN lists under its parameter limit.
function idChunks(kind: DialectKind, ids: readonly string[]): string[][] {
  if (kind === 'postgres') return ids.length > 0 ? [[...ids]] : [];
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(ids.slice(i, i + 500));
  return out;
}

function idIn(kind: DialectKind, chunk: string[]) {
  return kind === 'postgres'
    ? sql<boolean>`id = any(${chunk}::text[])`
    : sql<boolean>`id in (${sql.join(chunk)})`;
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
  for (const chunk of idChunks(kind, sorted)) {
    let q = db.selectFrom('indicators').selectAll().where(idIn(kind, chunk)).orderBy('id');
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

// Hot-path writes are built as SQL text with parameters and run directly: the query builder's
// per-row work costs more than the database's for thousand-row batches. SQLite: `(?, ?), (?, ?)`.
function placeholders(rows: number, columns: number): string {
  const row = `(${new Array<string>(columns).fill('?').join(', ')})`;
  return new Array<string>(rows).fill(row).join(', ');
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

// PostgreSQL column types of REPORT_COLUMNS, for unnest() of one array per column.
const REPORT_TYPES = ['text', 'text', 'bigint', 'text', 'float8', 'float8', 'float8', 'float8', 'float8'];

/**
 * Inserts reports: on PostgreSQL one statement with an array per column (`unnest`), on SQLite
 * multi-row statements of at most 500 rows (under its parameter limit).
 */
export async function insertReports(
  db: ProductionDb,
  kind: DialectKind,
  rows: readonly T['reports'][],
): Promise<void> {
  if (rows.length === 0) return;
  if (kind === 'postgres') {
    const columns = REPORT_COLUMNS.map((c) => rows.map((r) => r[c]));
    const arrays = REPORT_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
    await db.executeQuery(
      CompiledQuery.raw(
        `insert into reports (${REPORT_COLUMNS.join(', ')}) select * from unnest(${arrays})`,
        columns,
      ),
    );
    return;
  }
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const parameters: unknown[] = [];
    for (const r of chunk) for (const c of REPORT_COLUMNS) parameters.push(r[c]);
    await db.executeQuery(
      CompiledQuery.raw(
        `insert into reports (${REPORT_COLUMNS.join(', ')}) values ${placeholders(chunk.length, REPORT_COLUMNS.length)}`,
        parameters,
      ),
    );
  }
}

/** Stores the monitor state and last period of each indicator (one statement; 500 rows each on SQLite). */
export async function saveIndicatorStates(
  db: ProductionDb,
  kind: DialectKind,
  rows: readonly { id: string; state: string; lastPeriodIndex: number | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  if (kind === 'postgres') {
    await db.executeQuery(
      CompiledQuery.raw(
        `update indicators set state = v.state, last_period_index = v.lpi
         from unnest($1::text[], $2::text[], $3::integer[]) as v(id, state, lpi) where indicators.id = v.id`,
        [rows.map((r) => r.id), rows.map((r) => r.state), rows.map((r) => r.lastPeriodIndex)],
      ),
    );
    return;
  }
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const parameters: unknown[] = [];
    for (const r of chunk) parameters.push(r.id, r.state, r.lastPeriodIndex);
    // UPDATE … FROM a VALUES list (SQLite since 3.33)
    await db.executeQuery(
      CompiledQuery.raw(
        `with v(id, state, lpi) as (values ${placeholders(chunk.length, 3)})
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
