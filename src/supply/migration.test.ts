import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateDown, migrateUp, migrationStatus } from '../db/migrator.js';
import { describeEachDialect } from '../db/test-databases.js';

// Undoing a migration means undoing every later one first (later tables reference supply's), so
// these also walk each later migration's `down` and `up`.
describeEachDialect('migrations 0004-supply and 0009-supply-media', (database) => {
  const count = async (table: string) =>
    Number(
      (
        await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`
          .execute(database().db)
          .catch(() => ({ rows: [{ n: -1 }] }))
      ).rows[0]?.n,
    );
  const downThrough = async (name: string) => {
    const db = database().db;
    while ((await migrationStatus(db)).applied.includes(name)) {
      const step = await migrateDown(db);
      expect(step.status, JSON.stringify(step)).toBe('ok');
    }
  };
  const upAll = async () => {
    const up = await migrateUp(database().db);
    expect(up.status, JSON.stringify(up)).toBe('ok');
    expect((await migrationStatus(database().db)).pending).toEqual([]);
  };

  it('0004 goes down (with every migration after it) and up again', async () => {
    expect(await count('supply_households')).toBe(0);
    await downThrough('0004-supply');
    expect(await count('supply_households')).toBe(-1);
    expect(await count('supply_household_terms')).toBe(-1);
    await upAll();
    expect(await count('supply_households')).toBe(0);
    expect(await count('supply_report_photos')).toBe(0);
  });

  it('0009 indexes the households registered before it', async () => {
    const db = database().db;
    await downThrough('0009-supply-media');
    const bodyId = '01900000-0000-7000-8000-00000000b0d1';
    await sql`insert into bodies (id, name, kind, created_at) values (${bodyId}, 'JAP', 'supply-committee', 'x')`.execute(
      db,
    );
    await sql`insert into supply_households (id, committee_id, address, registered_at, updated_at) values ('01900000-0000-7000-8000-0000aabbccdd', ${bodyId}, 'Pasaje Ñuble 1245', 'x', 'x')`.execute(
      db,
    );
    await upAll();
    const terms = await sql<{ term: string }>`select term from supply_household_terms order by term`.execute(
      db,
    );
    expect(terms.rows.map((r) => r.term)).toEqual(['#aabbccdd', '1245', 'nuble', 'pasaje']);
  });
});
