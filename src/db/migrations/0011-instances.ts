import type { Kysely } from 'kysely';

/**
 * Several instances: the sign-in rate limit counted in the database, so every instance behind a
 * proxy sees the same attempts (an in-memory counter per process would multiply the allowance by
 * the number of instances). One row per limited route and client address; times in ms since the
 * epoch (UTC). Portable types, so it runs unchanged on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limit_windows')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('resets_at_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rate_limit_windows_resets_idx')
    .on('rate_limit_windows')
    .column('resets_at_ms')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limit_windows').execute();
}
