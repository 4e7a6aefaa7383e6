import { CompiledQuery, sql } from 'kysely';
import type { DialectKind } from '../db/database.js';
import type { ProductionTables } from './production.tables.js';
import type { ProductionDb } from './production-db.js';

type T = ProductionTables;

/**
 * What ingest needs of an indicator before it takes the write lock: where it belongs, its settings
 * and the number its reports are keyed by. None of it changes after the indicator is created.
 */
export type IndicatorHeader = Pick<
  T['indicators'],
  | 'id'
  | 'workplace_id'
  | 'body_id'
  | 'frequency'
  | 'step_threshold_pm'
  | 'slope_threshold_pm'
  | 'outlier_threshold_pm'
  | 'ack_hours_low'
  | 'ack_hours_medium'
  | 'ack_hours_high'
> & { readonly no: number };

/** Indicators' rows and numbers, for the permission check and the settings of a batch. */
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
        .innerJoin('indicator_series', 'indicator_series.indicator_id', 'indicators.id')
        .select([
          'indicators.id',
          'indicators.workplace_id',
          'indicators.body_id',
          'indicators.frequency',
          'indicators.step_threshold_pm',
          'indicators.slope_threshold_pm',
          'indicators.outlier_threshold_pm',
          'indicators.ack_hours_low',
          'indicators.ack_hours_medium',
          'indicators.ack_hours_high',
          'indicator_series.no',
        ])
        .where(idIn(kind, 'indicators.id', chunk))
        .execute()),
    );
  }
  return out;
}

// PostgreSQL gets one array parameter (`id = any($1)`): planning an IN list of hundreds of
// constants costs more than the lookup; SQLite gets IN lists under its parameter limit.
function idChunks<K>(kind: DialectKind, ids: readonly K[]): K[][] {
  if (kind === 'postgres') return ids.length > 0 ? [[...ids]] : [];
  const out: K[][] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(ids.slice(i, i + 500));
  return out;
}

function idIn(kind: DialectKind, column: string, chunk: readonly string[]) {
  return kind === 'postgres'
    ? sql<boolean>`${sql.ref(column)} = any(${chunk}::text[])`
    : sql<boolean>`${sql.ref(column)} in (${sql.join(chunk)})`;
}

/** An indicator's forecaster state as ingest reads and rewrites it. */
export interface SeriesState {
  readonly no: number;
  readonly state: Uint8Array;
  readonly last_period_index: number | null;
}

/**
 * The series states of indicators by number, locked for the rest of the transaction on PostgreSQL
 * (in number order, so two batches never deadlock; `no key update`, the lock an UPDATE of non-key
 * columns takes anyway); SQLite serialises writers itself.
 */
export async function lockSeries(
  db: ProductionDb,
  kind: DialectKind,
  numbers: readonly number[],
): Promise<SeriesState[]> {
  if (numbers.length === 0) return [];
  if (kind === 'postgres') {
    const r = await db.executeQuery<SeriesState>(
      CompiledQuery.raw(
        `select no, state, last_period_index from indicator_series where no = any($1::integer[])
         order by no for no key update`,
        [[...numbers]],
      ),
    );
    return [...r.rows];
  }
  const out: SeriesState[] = [];
  for (const chunk of idChunks(kind, numbers))
    out.push(
      ...(await db
        .selectFrom('indicator_series')
        .select(['no', 'state', 'last_period_index'])
        .where('no', 'in', chunk)
        .execute()),
    );
  return out;
}

/**
 * SQLite's count of commits by other connections to the database file (`PRAGMA data_version`):
 * unchanged by this connection's own commits, changed by any other process's or connection's. A
 * cache of rows this connection wrote stays true while it is unchanged.
 */
export async function dataVersion(db: ProductionDb): Promise<number> {
  const r = await db.executeQuery<{ data_version: number }>(CompiledQuery.raw('pragma data_version'));
  return Number(r.rows[0]?.data_version);
}

/** Stored reports (in `reports` or `recent_reports`) among the given indicator number × period pairs. */
export async function existingReports(
  db: ProductionDb,
  pairs: readonly { no: number; period: string }[],
): Promise<{ indicator_no: number; period: string; value: number }[]> {
  if (pairs.length === 0) return [];
  const numbers = [...new Set(pairs.map((p) => p.no))];
  const periods = [...new Set(pairs.map((p) => p.period))];
  const out: { indicator_no: number; period: string; value: number }[] = [];
  // numbers × periods is a superset of the pairs; the caller matches exact pairs
  for (let i = 0; i < numbers.length; i += 300) {
    for (let j = 0; j < periods.length; j += 300) {
      const n = numbers.slice(i, i + 300);
      const p = periods.slice(j, j + 300);
      out.push(
        ...(await db
          .selectFrom('reports')
          .select(['indicator_no', 'period', 'value'])
          .where('indicator_no', 'in', n)
          .where('period', 'in', p)
          .unionAll(
            db
              .selectFrom('recent_reports')
              .select(['indicator_no', 'period', 'value'])
              .where('indicator_no', 'in', n)
              .where('period', 'in', p),
          )
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
  'indicator_no',
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
const REPORT_TYPES = ['integer', 'text', 'bigint', 'text', 'float8', 'float8', 'float8', 'float8', 'float8'];

/**
 * Inserts reports into `recent_reports` (see `mergeRecentReports`): on PostgreSQL one statement
 * with an array per column (`unnest`), on SQLite multi-row statements of at most 500 rows (under
 * its parameter limit).
 */
export async function insertReports(
  db: ProductionDb,
  kind: DialectKind,
  rows: readonly T['reports'][],
): Promise<void> {
  if (rows.length === 0) return;
  if (kind === 'postgres') {
    // Each column as an array literal made here: node-postgres would quote and escape each of the
    // ~9,000 elements; numbers, periods and ISO times need neither (no space, comma, brace, quote
    // or backslash), and a missing figure is NULL.
    const columns = REPORT_COLUMNS.map((c) => arrayLiteral(rows.map((r) => r[c])));
    const arrays = REPORT_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
    await db.executeQuery(
      CompiledQuery.raw(
        `insert into recent_reports (${REPORT_COLUMNS.join(', ')}) select * from unnest(${arrays})`,
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
        `insert into recent_reports (${REPORT_COLUMNS.join(', ')}) values ${placeholders(chunk.length, REPORT_COLUMNS.length)}`,
        parameters,
      ),
    );
  }
}

/**
 * A PostgreSQL array literal of numbers and strings; a string is written bare when it is plain
 * (letters, digits, `-`, `:`, `.`, `+`: periods and ISO times), else quoted with `"` and `\\`
 * escaped.
 */
function arrayLiteral(values: readonly (string | number | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'number') out += String(v);
    else
      out +=
        PLAIN.test(v) && (v.length !== 4 || v.toUpperCase() !== 'NULL')
          ? v
          : `"${v.replace(/["\\]/g, '\\$&')}"`;
  }
  return `${out}}`;
}

const PLAIN = /^[0-9A-Za-z:.+-]+$/;

// Any number, the same in every process: the PostgreSQL advisory lock of the move below.
const MERGE_LOCK = 7_214_011_972;

/**
 * Moves every committed row of `recent_reports` into `reports`, in key order, in the caller's
 * transaction; returns how many moved. A report is in one table before and in the other after,
 * never in both or neither for any reader. PostgreSQL: one statement (the rows deleted are the
 * rows inserted, whatever other transactions commit meanwhile), by one transaction at a time (an
 * advisory lock; a transaction that does not get it moves nothing and returns 0). SQLite has one
 * writer.
 */
export async function mergeRecentReports(db: ProductionDb, kind: DialectKind): Promise<number> {
  const columns = REPORT_COLUMNS.join(', ');
  if (kind === 'postgres') {
    const lock = await db.executeQuery<{ got: boolean }>(
      CompiledQuery.raw('select pg_try_advisory_xact_lock($1) as got', [MERGE_LOCK]),
    );
    if (!lock.rows[0]?.got) return 0;
    const r = await db.executeQuery(
      CompiledQuery.raw(
        `with moved as (delete from recent_reports returning ${columns})
         insert into reports (${columns}) select ${columns} from moved order by indicator_no, period`,
      ),
    );
    return Number(r.numAffectedRows ?? 0);
  }
  const r = await db.executeQuery(
    CompiledQuery.raw(
      `insert into reports (${columns}) select ${columns} from recent_reports order by indicator_no, period`,
    ),
  );
  await db.executeQuery(CompiledQuery.raw('delete from recent_reports'));
  return Number(r.numAffectedRows ?? 0);
}

/** Stores the monitor state and last period of each indicator series (one statement; 500 rows each on SQLite). */
export async function saveSeriesStates(
  db: ProductionDb,
  kind: DialectKind,
  rows: readonly { no: number; state: Uint8Array; lastPeriodIndex: number | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  if (kind === 'postgres') {
    // The states travel as one binary parameter, cut apart by offset in the statement: as a
    // bytea[] they went as text, each byte two hex digits inside an array literal, which
    // node-postgres spent ~8 % of the server's ingest time building and PostgreSQL parsing.
    const starts = new Array<number>(rows.length);
    const lengths = new Array<number>(rows.length);
    let at = 1; // substring() counts from 1
    for (let i = 0; i < rows.length; i++) {
      starts[i] = at;
      lengths[i] = rows[i]!.state.byteLength;
      at += lengths[i]!;
    }
    const states = Buffer.concat(rows.map((r) => r.state));
    await db.executeQuery(
      CompiledQuery.raw(
        `update indicator_series set state = substring($4::bytea from v.start for v.len), last_period_index = v.lpi
         from unnest($1::integer[], $2::integer[], $3::integer[], $5::integer[]) as v(no, start, len, lpi)
         where indicator_series.no = v.no`,
        [rows.map((r) => r.no), starts, lengths, states, rows.map((r) => r.lastPeriodIndex)],
      ),
    );
    return;
  }
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const parameters: unknown[] = [];
    for (const r of chunk) parameters.push(r.no, r.state, r.lastPeriodIndex);
    // UPDATE … FROM a VALUES list (SQLite since 3.33); `no` is the rowid, so each is a direct seek
    await db.executeQuery(
      CompiledQuery.raw(
        `with v(no, state, lpi) as (values ${placeholders(chunk.length, 3)})
         update indicator_series set state = v.state, last_period_index = v.lpi from v where indicator_series.no = v.no`,
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
  // one range of the (indicator_no, period) key in each table, read backwards from the newest and
  // merged as they stream (no sort); one statement, so a concurrent move is seen whole or not at all
  const part = (table: 'reports' | 'recent_reports') => {
    let q = db
      .selectFrom(table)
      .select(REPORT_COLUMNS)
      .where('indicator_no', '=', (eb) =>
        eb.selectFrom('indicator_series').select('no').where('indicator_id', '=', indicatorId),
      );
    if (options.from !== undefined) q = q.where('period', '>=', options.from);
    return q;
  };
  const rows = await part('reports')
    .unionAll(part('recent_reports'))
    .orderBy('period', 'desc')
    .limit(options.limit)
    .execute();
  // the newest `limit`, returned oldest first
  return rows.reverse().map((r) => ({ ...r, value: Number(r.value) }));
}

/**
 * Sums of the output reports (indicators of kind `output` with a product) per workplace and
 * product over the days `from`…`to` (inclusive, YYYY-MM-DD), for planning's fulfilment.
 */
export async function outputTotals(
  db: ProductionDb,
  from: string,
  to: string,
): Promise<{ workplace_id: string; product_id: string; total: number; last_period: string }[]> {
  const all = db
    .selectFrom('reports')
    .select(['indicator_no', 'period', 'value'])
    .unionAll(db.selectFrom('recent_reports').select(['indicator_no', 'period', 'value']));
  const rows = await db
    .selectFrom(all.as('reports'))
    .innerJoin('indicator_series', 'indicator_series.no', 'reports.indicator_no')
    .innerJoin('indicators', 'indicators.id', 'indicator_series.indicator_id')
    .select((eb) => [
      'indicators.workplace_id as workplace_id',
      'indicators.product_id as product_id',
      eb.fn.sum<number>('reports.value').as('total'),
      eb.fn.max<string>('reports.period').as('last_period'),
    ])
    .where('indicators.kind', '=', 'output')
    .where('indicators.product_id', 'is not', null)
    .where('reports.period', '>=', from)
    .where('reports.period', '<=', to)
    .groupBy(['indicators.workplace_id', 'indicators.product_id'])
    .execute();
  return rows.map((r) => ({
    workplace_id: r.workplace_id,
    product_id: r.product_id as string,
    total: Number(r.total),
    last_period: r.last_period,
  }));
}
