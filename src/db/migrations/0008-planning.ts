import type { Kysely } from 'kysely';

// Portable types only (text ids, times and JSON; integer quantities), so this one migration runs
// unchanged on SQLite and PostgreSQL. Units are documented in src/planning/planning.tables.ts.

const TABLES = ['plan_quotas', 'plan_amendments', 'plan_targets', 'plan_solves', 'plans'] as const;

/** Planning: plans for a period, their targets, amendments, solves and quotas. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('motion_id', 'text')
    .addColumn('unmapped_goods', 'text', (c) => c.notNull())
    .addColumn('solve_id', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('adopted_at', 'text')
    .execute();
  await db.schema.createIndex('plans_period_idx').on('plans').columns(['period', 'status']).execute();

  await db.schema
    .createTable('plan_solves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('adopt_on_finish', 'integer', (c) => c.notNull())
    .addColumn('solve_ms', 'integer')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('plan_solves_plan_idx').on('plan_solves').columns(['plan_id']).execute();

  await db.schema
    .createTable('plan_targets')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('body_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_targets_pk', ['plan_id', 'product_id', 'kind'])
    .execute();

  await db.schema
    .createTable('plan_amendments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('motion_id', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('solve_id', 'text', (c) => c.notNull())
    .addColumn('base_solve_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_amendments_plan_idx')
    .on('plan_amendments')
    .columns(['plan_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('plan_quotas')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('workplace_id', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('capacity', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_quotas_pk', ['plan_id', 'workplace_id', 'product_id'])
    .execute();
  await db.schema
    .createIndex('plan_quotas_workplace_idx')
    .on('plan_quotas')
    .columns(['workplace_id'])
    .execute();
}

/** Drops the planning tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await db.schema.dropTable(table).ifExists().execute();
}
