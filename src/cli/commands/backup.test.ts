import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../../../test/factories.js';
import { runCliCaptured as run } from '../../../test/run-cli.js';
import { defaultConfig } from '../../core/config.js';
import { openDatabase } from '../../db/database.js';
import { migrateUp } from '../../db/migrator.js';
import { createServices, type Services } from '../../server/services.js';

const dir = mkdtempSync(join(tmpdir(), 'backup-'));
const dbPath = join(dir, 'live.db');

/** Opens a SQLite file as a deployment (migrated) and returns its services. */
async function deployment(path: string): Promise<Services> {
  const database = await openDatabase({ kind: 'sqlite', path });
  expect((await migrateUp(database.db)).status).toBe('ok');
  return createServices(database, defaultConfig({ logLevel: 'silent' }));
}

describe('cordones backup and restore', () => {
  const savedUrl = process.env.DATABASE_URL;
  let live: Services;

  beforeAll(async () => {
    live = await deployment(dbPath);
    for (let i = 0; i < 5; i++) await createPerson(live);
    process.env.DATABASE_URL = dbPath;
  });
  afterAll(async () => {
    await live.database.close();
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
  });

  it('copies the database while it is being written, into one self-contained file with an intact chain', async () => {
    const out = join(dir, 'b1.db');
    // the "server" keeps writing while the backup runs
    const writing = Promise.all([0, 1, 2, 3, 4].map(() => createPerson(live)));
    const { code, out: printed } = await run(['backup', out]);
    await writing;
    expect(code).toBe(0);
    expect(printed).toMatch(/^backed up .* bytes, \d+ audit events, migration \d{4}-/);
    // journal switched from WAL to DELETE: the file alone is the backup, no partial left behind
    const copy = new SqliteDatabase(out, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    const restored = await deployment(out);
    try {
      expect(await restored.audit.verify()).toMatchObject({ status: 'intact' });
      expect(await restored.identity.accountCount()).toBeGreaterThanOrEqual(5);
    } finally {
      await restored.database.close();
    }
  });

  it('never overwrites a file, and sends PostgreSQL deployments to pg_dump', async () => {
    const taken = join(dir, 'taken.db');
    writeFileSync(taken, 'keep me');
    const again = await run(['backup', taken]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/exists/);
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
    try {
      const pgRun = await run(['backup', join(dir, 'pg.db')]);
      expect(pgRun.code).toBe(1);
      expect(pgRun.err).toMatch(/pg_dump/);
      expect((await run(['restore', taken])).err).toMatch(/pg_restore/);
    } finally {
      process.env.DATABASE_URL = dbPath;
    }
    expect(existsSync(join(dir, 'pg.db'))).toBe(false);
  });

  it('restores a backup in place of the database only when told to replace it', async () => {
    const target = join(dir, 'restored.db');
    const snapshot = join(dir, 'b2.db');
    expect((await run(['backup', snapshot])).code).toBe(0);
    const atBackup = await live.identity.accountCount();
    // a later deployment at the target, with writes the backup does not have
    const later = await deployment(target);
    await createPerson(later);
    await later.database.close();

    process.env.DATABASE_URL = target;
    try {
      const refused = await run(['restore', snapshot]);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/--replace/);
      const done = await run(['restore', snapshot, '--replace']);
      expect(done.code).toBe(0);
      expect(done.out).toMatch(/^restored /);
    } finally {
      process.env.DATABASE_URL = dbPath;
    }
    const back = await deployment(target);
    try {
      expect(await back.identity.accountCount()).toBe(atBackup);
      expect(await back.audit.verify()).toMatchObject({ status: 'intact' });
    } finally {
      await back.database.close();
    }
  });

  it('refuses files that are not Cordones databases or come from a newer version, changing nothing', async () => {
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'not a database at all, just text that is long enough to be read as a header');
    const newer = join(dir, 'newer.db');
    copyFileSync(join(dir, 'b1.db'), newer);
    const edit = new SqliteDatabase(newer);
    edit.prepare("insert into kysely_migration (name, timestamp) values ('9999-future', 'x')").run();
    edit.close();
    const before = await live.identity.accountCount();
    const notDb = await run(['restore', junk, '--replace']);
    expect(notDb.code).toBe(1);
    expect(notDb.err).toMatch(/not a sound Cordones database/);
    const future = await run(['restore', newer, '--replace']);
    expect(future.code).toBe(1);
    expect(future.err).toMatch(/newer Cordones \(migrations 9999-future\)/);
    expect(await live.identity.accountCount()).toBe(before);
  });
});
