import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropIndexes, restoreIndexes } from './deferred-indexes.js';
import type { Tables } from './tables.js';
import { openTestDatabase, postgresAvailable, type TestDatabase } from './test-databases.js';

const TABLES = ['di_parent', 'di_child'];

/** Every key, foreign key and index of the two tables, as the catalog prints them. */
async function catalog(db: Kysely<Tables>): Promise<string[]> {
  const { rows } = await sql<{ d: string }>`
    select c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) as d
      from pg_constraint c
     where c.conrelid = any(${TABLES}::regclass[]) or c.confrelid = any(${TABLES}::regclass[])
    union all
    select pg_get_indexdef(i.indexrelid) from pg_index i where i.indrelid = any(${TABLES}::regclass[])
     order by 1`.execute(db);
  return rows.map((r) => r.d);
}

// PostgreSQL only: SQLite loads keep their indexes (see HouseholdsService.importMany).
describe.skipIf(!postgresAvailable)('dropIndexes / restoreIndexes [postgres]', () => {
  let test: TestDatabase;
  let before: string[] = [];
  beforeAll(async () => {
    test = await openTestDatabase('postgres', { migrate: false });
    const db = test.database.db;
    await sql`create table di_parent (id text primary key, code text not null, constraint "di parent code" unique (code))`.execute(
      db,
    );
    await sql`create table di_child (
      id text, parent_id text not null references di_parent (id), n integer not null check (n >= 0),
      constraint di_child_pk primary key (id))`.execute(db);
    await sql`create index di_child_parent_idx on di_child (parent_id, n desc) where n > 0`.execute(db);
    await sql`create index di_child_lower_idx on di_child (lower(id))`.execute(db);
    before = await catalog(test.database.db);
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('drops every key and index and makes each again as it was, rows checked', async () => {
    await test.database.db.transaction().execute(async (trx) => {
      const dropped = await dropIndexes(trx, TABLES);
      expect(dropped.keys.map((k) => k.name)).toEqual(['di parent code', 'di_child_pk', 'di_parent_pkey']);
      expect(dropped.foreignKeys.map((k) => k.name)).toEqual(['di_child_parent_id_fkey']);
      // inside the transaction: nothing left but the check constraint
      expect(await catalog(trx)).toEqual([expect.stringContaining('CHECK ((n >= 0))')]);
      await sql`insert into di_parent values ('p1', 'a'), ('p2', 'b')`.execute(trx);
      await sql`insert into di_child values ('c1', 'p1', 1), ('c2', 'p2', 0)`.execute(trx);
      const steps: number[] = [];
      await restoreIndexes(trx, dropped, (done) => steps.push(done));
      expect(steps).toEqual([0, 1, 2, 3, 4, 5, 6]);
    });
    expect(await catalog(test.database.db)).toEqual(before);
  });

  it('fails on a duplicate or an orphan when restoring, and the rollback keeps every index', async () => {
    for (const bad of [
      sql`insert into di_parent values ('p3', 'a')`,
      sql`insert into di_child values ('c3', 'nobody', 1)`,
    ]) {
      await expect(
        test.database.db.transaction().execute(async (trx) => {
          const dropped = await dropIndexes(trx, TABLES);
          await bad.execute(trx);
          await restoreIndexes(trx, dropped);
        }),
      ).rejects.toThrow();
      expect(await catalog(test.database.db)).toEqual(before);
    }
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from di_child`.execute(
      test.database.db,
    );
    expect(rows[0]?.n).toBe(2);
  });
});
