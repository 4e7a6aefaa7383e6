import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Database, type DialectKind, openDatabase } from './database.js';
import { dropSchema, migrateUp } from './migrator.js';

/** Every dialect a store test runs on. */
export const DIALECTS: readonly DialectKind[] = Object.freeze(['sqlite', 'postgres']);

/** PostgreSQL used by tests: `TEST_DATABASE_URL`, or the local server's `test` database. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** In strict mode (CI) a missing PostgreSQL or Chromium fails the run instead of skipping. */
export const STRICT = ['1', 'true'].includes((process.env.CORDONES_STRICT ?? '').toLowerCase());

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => {});
  }
}

const postgresProblem = await probePostgres();
if (postgresProblem && STRICT) {
  throw new Error(
    `PostgreSQL is required in strict mode but ${TEST_DATABASE_URL} failed: ${postgresProblem}`,
  );
}

/** True when PostgreSQL answers at TEST_DATABASE_URL. */
export const postgresAvailable = postgresProblem === null;

/** A migrated database of one dialect, private to one test file; `dispose` removes it. */
export interface TestDatabase {
  readonly database: Database;
  dispose(): Promise<void>;
}

/**
 * Opens a fresh, migrated database: an in-memory SQLite, or a new PostgreSQL schema named after
 * the process and a random suffix, so parallel test files never see each other's rows.
 */
export async function openTestDatabase(
  kind: DialectKind,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (kind === 'sqlite') {
    const database = await openDatabase({ kind: 'sqlite', path: ':memory:' });
    if (migrate) await mustMigrate(database);
    return { database, dispose: () => database.close() };
  }
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url: TEST_DATABASE_URL, schema }, { poolSize: 4 });
  if (migrate) await mustMigrate(database);
  return {
    database,
    dispose: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await cleanup.connect();
      await dropSchema(cleanup, schema);
      await cleanup.end();
    },
  };
}

async function mustMigrate(database: Database): Promise<void> {
  const outcome = await migrateUp(database.db);
  if (outcome.status !== 'ok') throw new Error(`migration ${outcome.failed} failed: ${outcome.error}`);
}

/**
 * Declares `suite` once per dialect, each with its own migrated database. Without PostgreSQL the
 * postgres half is skipped (and in strict mode the file already failed on import).
 *
 * @example describeEachDialect('audit store', (db) => { it('appends', async () => { … db() … }); });
 */
export function describeEachDialect(
  title: string,
  suite: (database: () => Database, kind: DialectKind) => void,
  options: { migrate?: boolean } = {},
): void {
  for (const kind of DIALECTS) {
    const run = kind === 'postgres' && !postgresAvailable ? describe.skip : describe;
    run(`${title} [${kind}]`, () => {
      let test: TestDatabase | undefined;
      beforeAll(async () => {
        test = await openTestDatabase(kind, options);
      });
      afterAll(async () => {
        await test?.dispose();
      });
      suite(() => {
        if (!test) throw new Error('test database not open yet');
        return test.database;
      }, kind);
    });
  }
}
