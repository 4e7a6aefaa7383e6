import { type Kysely, type MigrationResultSet, Migrator, PostgresAdapter, sql } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';

/** Where a database stands: every known migration and whether it ran. */
export interface MigrationStatus {
  /** Name of the last migration applied, or null for an empty database. */
  readonly current: string | null;
  readonly applied: readonly string[];
  readonly pending: readonly string[];
}

/** The outcome of moving migrations: which ran, and an error value if one failed (it was rolled back). */
export type MigrateOutcome =
  /** All requested migrations ran; `ran` lists them in order (empty when already current). */
  | { status: 'ok'; ran: string[] }
  /** Migration `failed` raised `error`; earlier ones in `ran` stay applied. */
  | { status: 'failed'; ran: string[]; failed: string; error: string };

async function migratorFor<DB>(db: Kysely<DB>): Promise<Migrator> {
  const provider = { getMigrations: async () => ({ ...MIGRATIONS }) };
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return new Migrator({ db, provider });
  // Kysely looks for its bookkeeping tables in any schema on the search path unless told which;
  // naming the current schema keeps deployments (and test schemas) sharing a database apart.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  return new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
}

function outcome(set: MigrationResultSet): MigrateOutcome {
  const ran = (set.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  const failed = (set.results ?? []).find((r) => r.status === 'Error');
  if (set.error || failed) {
    return {
      status: 'failed',
      ran,
      failed: failed?.migrationName ?? '(migrator)',
      error: set.error instanceof Error ? set.error.message : String(set.error),
    };
  }
  return { status: 'ok', ran };
}

/**
 * The name of the PostgreSQL advisory lock between reading the catalog and dropping a schema.
 * Kysely's migrator finds its bookkeeping tables by reading every schema's tables, with functions
 * that look each schema up again by name, so a schema dropped by another connection during that read
 * fails it (`schema "…" does not exist`, seen when test schemas come and go beside a migration).
 * Migrations hold the lock shared; `dropSchema` holds it exclusively.
 */
const CATALOG_LOCK = 'cordones:schema-catalog';

/**
 * Runs `work` with the catalog lock held shared, on one connection of the pool (PostgreSQL; at once
 * on SQLite). One connection, so a pool of any size cannot starve the lock's holder.
 */
async function withCatalogRead<DB, T>(db: Kysely<DB>, work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return work(db);
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock_shared(hashtextextended(${CATALOG_LOCK}, 0))`.execute(conn);
    try {
      return await work(conn);
    } finally {
      await sql`select pg_advisory_unlock_shared(hashtextextended(${CATALOG_LOCK}, 0))`.execute(conn);
    }
  });
}

/**
 * Drops a PostgreSQL schema and everything in it, never while a migration reads the catalog (see
 * CATALOG_LOCK). `client` is any connection to the database; `schema` a plain lower-case identifier.
 *
 * @example await dropSchema(client, 't_4242_x1y2z3');
 */
export async function dropSchema(
  client: { query(text: string, values?: unknown[]): Promise<unknown> },
  schema: string,
): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [CATALOG_LOCK]);
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [CATALOG_LOCK]);
  }
}

/** Runs every pending migration, each in its own transaction. */
export async function migrateUp<DB>(db: Kysely<DB>): Promise<MigrateOutcome> {
  return withCatalogRead(db, async (conn) => outcome(await (await migratorFor(conn)).migrateToLatest()));
}

/** Reverts the last applied migration. */
export async function migrateDown<DB>(db: Kysely<DB>): Promise<MigrateOutcome> {
  return withCatalogRead(db, async (conn) => outcome(await (await migratorFor(conn)).migrateDown()));
}

/** Lists applied and pending migrations. */
export async function migrationStatus<DB>(db: Kysely<DB>): Promise<MigrationStatus> {
  const all = await withCatalogRead(db, async (conn) => (await migratorFor(conn)).getMigrations());
  const applied = all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
  const pending = all.filter((m) => m.executedAt === undefined).map((m) => m.name);
  return { current: applied.at(-1) ?? null, applied, pending };
}
