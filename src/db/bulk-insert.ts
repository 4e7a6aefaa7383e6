import { CompiledQuery, type QueryResult } from 'kysely';
import type { DialectKind } from './database.js';

/** A column of a bulk insert: its name and its PostgreSQL type (for `unnest` of one array per column). */
export interface BulkColumn<R> {
  readonly name: keyof R & string;
  /** e.g. `text`, `bigint`, `float8`, `integer`. */
  readonly pgType: string;
}

/** Anything that runs a compiled query: a Kysely instance or a transaction. */
export interface QueryRunner {
  executeQuery<O>(query: CompiledQuery<O>): Promise<QueryResult<O>>;
}

// SQLite takes at most 32,766 bound parameters per statement; 30,000 stays under it.
const SQLITE_PARAMETERS = 30_000;
// PostgreSQL gets one array per column; 20,000 rows keep each statement's text to a few MB.
const POSTGRES_ROWS = 20_000;

/**
 * Inserts many rows into `table` as fast as each database takes them, for scenario loads and
 * imports of hundreds of thousands to millions of rows: on PostgreSQL one `insert … select * from
 * unnest($1::t1[], $2::t2[], …)` per 20,000 rows (one parameter per column, so no parameter limit
 * and little parsing), on SQLite multi-row `values` statements of up to 30,000 parameters. Table
 * and column names are the caller's constants, never user input.
 *
 * @example await bulkInsert(trx, 'postgres', 'people', [{ name: 'id', pgType: 'text' }], rows);
 */
export async function bulkInsert<R extends object>(
  db: QueryRunner,
  kind: DialectKind,
  table: string,
  columns: readonly BulkColumn<R>[],
  rows: readonly R[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((c) => c.name).join(', ');
  if (kind === 'postgres') {
    const arrays = columns.map((c, i) => `$${i + 1}::${c.pgType}[]`).join(', ');
    const text = `insert into ${table} (${names}) select * from unnest(${arrays})`;
    for (let i = 0; i < rows.length; i += POSTGRES_ROWS) {
      const part = rows.slice(i, i + POSTGRES_ROWS);
      await db.executeQuery(
        CompiledQuery.raw(
          text,
          columns.map((c) => part.map((r) => r[c.name])),
        ),
      );
    }
    return;
  }
  const per = Math.max(1, Math.floor(SQLITE_PARAMETERS / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    const parameters: unknown[] = [];
    for (const r of part) for (const c of columns) parameters.push(r[c.name]);
    await db.executeQuery(
      CompiledQuery.raw(
        `insert into ${table} (${names}) values ${Array(part.length).fill(tuple).join(', ')}`,
        parameters,
      ),
    );
  }
}
