import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { dropSchema, migrateUp } from './migrator.js';
import { postgresAvailable, TEST_DATABASE_URL } from './test-databases.js';

// Kysely's migrator reads every schema's tables to find its own; a schema dropped meanwhile by
// another connection failed that read (`schema "…" does not exist`: one CI run of this project
// failed so). With migrations holding the catalog lock shared and dropSchema exclusively, none
// fails. Without the lock on the drop side, this very scenario failed 11 and 4 of its 12
// migrations in two runs on the development machine.
describe.skipIf(!postgresAvailable)('migrations beside schemas being dropped [postgres]', () => {
  it('never fail on a schema another connection drops while they read the catalog', async () => {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    const victims = Array.from({ length: 40 }, (_, i) => `t_${process.pid}_drop_${i}`);
    const fresh = Array.from({ length: 12 }, (_, i) => `t_${process.pid}_mig_${i}`);
    try {
      for (const s of victims) {
        const tables = Array.from(
          { length: 40 },
          (_, t) => `create table ${s}.t${t} (id serial primary key, a text);`,
        );
        await admin.query(`create schema ${s}; ${tables.join(' ')}`);
      }
      const failures: string[] = [];
      const dropping = (async () => {
        for (const s of victims) {
          await new Promise((r) => setTimeout(r, 5));
          await dropSchema(admin, s);
        }
      })();
      const migrating = (async () => {
        for (const s of fresh) {
          await admin.query(`create schema ${s}`);
          const database = await openDatabase(
            { kind: 'postgres', url: TEST_DATABASE_URL, schema: s },
            { poolSize: 2 },
          );
          try {
            const outcome = await migrateUp(database.db);
            if (outcome.status !== 'ok') failures.push(`${outcome.failed}: ${outcome.error}`);
          } finally {
            await database.close();
          }
        }
      })();
      await Promise.all([dropping, migrating]);
      expect(failures).toEqual([]);
    } finally {
      for (const s of [...victims, ...fresh]) await dropSchema(admin, s);
      await admin.end();
    }
  }, 120_000);

  it('refuses to drop a schema whose name is not a plain identifier', async () => {
    const calls: string[] = [];
    const client = { query: async (text: string) => void calls.push(text) };
    await expect(dropSchema(client, 'x; drop table accounts')).rejects.toThrow(/not a plain schema name/);
    expect(calls).toEqual([]);
  });
});
