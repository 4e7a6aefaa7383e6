import { CompiledQuery } from 'kysely';
import type { QueryRunner } from './bulk-insert.js';

/** An index or key constraint as PostgreSQL's catalog defines it, to be dropped and made again. */
interface Definition {
  readonly table: string;
  readonly name: string;
  /** `pg_get_constraintdef` (for `alter table … add constraint`) or `pg_get_indexdef` (a `create index`). */
  readonly definition: string;
}

/** What `dropIndexes` took away, in the order `restoreIndexes` makes it again. */
export interface DroppedIndexes {
  /** Primary keys and unique constraints (their indexes), before anything that refers to them. */
  readonly keys: readonly Definition[];
  /** Indexes that belong to no constraint. */
  readonly indexes: readonly Definition[];
  /** Foreign keys from or to the tables, last: adding one checks every row in one join. */
  readonly foreignKeys: readonly Definition[];
}

async function rows<R>(db: QueryRunner, text: string, parameters: unknown[]): Promise<R[]> {
  return (await db.executeQuery<R>(CompiledQuery.raw(text, parameters))).rows;
}

async function run(db: QueryRunner, text: string): Promise<void> {
  await db.executeQuery(CompiledQuery.raw(text, []));
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * PostgreSQL only, inside a transaction: drops every index of `tables`, their primary keys and
 * unique constraints and every foreign key from or to them, and returns their definitions as the
 * catalog gives them, for `restoreIndexes` in the same transaction. Meant for filling empty tables
 * with millions of rows: each row then costs a heap append instead of a random write into every
 * index (the members' identity hash is random) and a foreign-key lookup, and the indexes are built
 * once at the end by sorting, which is many times faster. Until the transaction ends the tables
 * are locked against every other session, and if anything fails before `restoreIndexes`, the
 * rollback brings the indexes back: no one ever sees the tables without them. Unique and foreign
 * keys are checked when restored, so a violating row still fails the whole transaction. Table
 * names are the caller's constants, resolved on the search path. Check constraints and NOT NULL
 * stay, being checked per row at no great cost.
 *
 * @example const dropped = await dropIndexes(trx, ['supply_members']); …insert…; await restoreIndexes(trx, dropped);
 */
export async function dropIndexes(db: QueryRunner, tables: readonly string[]): Promise<DroppedIndexes> {
  const constraints = await rows<Definition & { type: string }>(
    db,
    `select c.conrelid::regclass::text as "table", c.conname as name, c.contype as type,
            pg_get_constraintdef(c.oid) as definition
       from pg_constraint c
      where c.contype in ('p', 'u', 'f')
        and (c.conrelid = any($1::regclass[]) or c.confrelid = any($1::regclass[]))
      order by c.conname`,
    [tables],
  );
  const indexes = await rows<Definition>(
    db,
    `select i.indrelid::regclass::text as "table", x.relname as name,
            pg_get_indexdef(i.indexrelid) as definition
       from pg_index i join pg_class x on x.oid = i.indexrelid
      where i.indrelid = any($1::regclass[])
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.contype in ('p', 'u'))
      order by x.relname`,
    [tables],
  );
  const dropped: DroppedIndexes = {
    keys: constraints.filter((c) => c.type !== 'f').map(({ type: _, ...d }) => d),
    indexes,
    foreignKeys: constraints.filter((c) => c.type === 'f').map(({ type: _, ...d }) => d),
  };
  for (const fk of dropped.foreignKeys)
    await run(db, `alter table ${fk.table} drop constraint ${quoted(fk.name)}`);
  for (const key of dropped.keys)
    await run(db, `alter table ${key.table} drop constraint ${quoted(key.name)}`);
  // An index is dropped by its schema-qualified name: the table's text already names the schema when
  // it is not on the search path, and an index lives in its table's schema.
  for (const index of dropped.indexes) {
    const schema = index.table.includes('.') ? `${index.table.slice(0, index.table.lastIndexOf('.'))}.` : '';
    await run(db, `drop index ${schema}${quoted(index.name)}`);
  }
  return dropped;
}

/**
 * Makes again, in the same transaction, what `dropIndexes` dropped: keys (building their unique
 * indexes, which fails on a duplicate), then the other indexes, then the foreign keys (each checked
 * over the whole table). `maintenance_work_mem` is raised for this transaction only, so that each
 * index is sorted in memory rather than in temporary files.
 */
export async function restoreIndexes(
  db: QueryRunner,
  dropped: DroppedIndexes,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  await run(db, `set local maintenance_work_mem = '${RESTORE_MEMORY}'`);
  const steps = [
    ...dropped.keys.map((k) => `alter table ${k.table} add constraint ${quoted(k.name)} ${k.definition}`),
    ...dropped.indexes.map((i) => i.definition),
    ...dropped.foreignKeys.map(
      (f) => `alter table ${f.table} add constraint ${quoted(f.name)} ${f.definition}`,
    ),
  ];
  onProgress?.(0, steps.length);
  for (const [i, step] of steps.entries()) {
    await run(db, step);
    onProgress?.(i + 1, steps.length);
  }
}

// Memory for sorting one index build (PostgreSQL's default is 64 MB; the country's 15 million
// identity hashes are about 1.3 GB of keys).
const RESTORE_MEMORY = '1GB';
