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

/** Runs every pending migration, each in its own transaction. */
export async function migrateUp<DB>(db: Kysely<DB>): Promise<MigrateOutcome> {
  return outcome(await (await migratorFor(db)).migrateToLatest());
}

/** Reverts the last applied migration. */
export async function migrateDown<DB>(db: Kysely<DB>): Promise<MigrateOutcome> {
  return outcome(await (await migratorFor(db)).migrateDown());
}

/** Lists applied and pending migrations. */
export async function migrationStatus<DB>(db: Kysely<DB>): Promise<MigrationStatus> {
  const all = await (await migratorFor(db)).getMigrations();
  const applied = all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
  const pending = all.filter((m) => m.executedAt === undefined).map((m) => m.name);
  return { current: applied.at(-1) ?? null, applied, pending };
}
