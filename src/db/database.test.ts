import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations/index.js';
import { migrateDown, migrateUp, migrationStatus } from './migrator.js';
import { describeEachDialect, TEST_DATABASE_URL } from './test-databases.js';

describeEachDialect(
  'migrations',
  (database) => {
    it('runs up, reports status, goes down and up again', async () => {
      const { db } = database();
      const before = await migrationStatus(db);
      expect(before.current).toBeNull();
      expect(before.pending).toContain('0001-foundation');

      const up = await migrateUp(db);
      expect(up).toEqual({ status: 'ok', ran: Object.keys(MIGRATIONS) });
      const after = await migrationStatus(db);
      expect(after.current).toBe(Object.keys(MIGRATIONS).at(-1));
      expect(after.pending).toEqual([]);

      const again = await migrateUp(db);
      expect(again).toEqual({ status: 'ok', ran: [] });

      // every migration reverts cleanly, last first
      for (const name of Object.keys(MIGRATIONS).reverse()) {
        expect(await migrateDown(db)).toEqual({ status: 'ok', ran: [name] });
      }
      expect((await migrationStatus(db)).current).toBeNull();
      expect((await migrateUp(db)).status).toBe('ok');
      const deployments = await db.selectFrom('deployment').selectAll().execute();
      expect(deployments).toHaveLength(1);
    });
  },
  { migrate: false },
);

describeEachDialect('database settings', (database, kind) => {
  it('enforces foreign keys', async () => {
    const { db } = database();
    await expect(
      db
        .insertInto('accounts')
        .values({
          id: 'a',
          person_id: 'no-such-person',
          username: 'x',
          password_hash: 'h',
          is_admin: 0,
          created_at: '',
          password_changed_at: '',
        })
        .execute(),
    ).rejects.toThrow();
  });

  if (kind === 'postgres') {
    it('survives the server ending an idle pooled connection, and the next query gets a new one', async () => {
      const { db } = database();
      const pid = async () =>
        (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
      const before = await pid();
      const warned = new Promise<string>((resolve) => process.once('warning', (w) => resolve(w.message)));
      // another connection ends the idle one (what a server restart or an admin does)
      const { Client } = await import('pg');
      const admin = new Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [before]);
      await admin.end();
      expect(await warned).toContain('PostgreSQL ended an idle connection');
      const after = await pid();
      expect(after).not.toBe(before);
    });
  }

  if (kind === 'sqlite') {
    it('uses foreign keys, a busy timeout and synchronous NORMAL on SQLite', async () => {
      const { db } = database();
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
      expect(fk.rows[0]?.foreign_keys).toBe(1);
      const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db);
      expect(busy.rows[0]?.timeout).toBe(5000);
    });
  }
});

describe('database of a file', () => {
  it('opens a new SQLite file in WAL mode with 16 kB pages', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openDatabase } = await import('./database.js');
    const dir = mkdtempSync(join(tmpdir(), 'cordones-db-'));
    const database = await openDatabase({ kind: 'sqlite', path: join(dir, 'nested', 'c.db') });
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    const page = await sql<{ page_size: number }>`pragma page_size`.execute(database.db);
    expect(page.rows[0]?.page_size).toBe(16384);
    await database.close();
  });
});
