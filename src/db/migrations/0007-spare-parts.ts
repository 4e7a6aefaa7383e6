import type { Kysely } from 'kysely';

// Portable types only (text ids and ISO-8601 UTC times, integer quantities), so this one migration
// runs unchanged on SQLite and PostgreSQL. Documented in src/production/production.tables.ts.

/** Spare parts: workplaces' capabilities, their needs, and orders matching a need with a maker. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('spare_part_capabilities')
    .addColumn('workplace_id', 'text', (c) => c.notNull().references('workplaces.id'))
    .addColumn('capability', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('spare_part_capabilities_pk', ['workplace_id', 'capability'])
    .execute();
  await db.schema
    .createIndex('spare_part_capabilities_capability_idx')
    .on('spare_part_capabilities')
    .column('capability')
    .execute();

  await db.schema
    .createTable('spare_part_needs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workplace_id', 'text', (c) => c.notNull().references('workplaces.id'))
    .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('part', 'text', (c) => c.notNull())
    .addColumn('specification', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('machine', 'text', (c) => c.notNull())
    .addColumn('capability', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('spare_part_needs_body_idx')
    .on('spare_part_needs')
    .columns(['body_id', 'status'])
    .execute();
  await db.schema
    .createIndex('spare_part_needs_workplace_idx')
    .on('spare_part_needs')
    .columns(['workplace_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('spare_part_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('need_id', 'text', (c) => c.notNull().references('spare_part_needs.id'))
    .addColumn('maker_workplace_id', 'text', (c) => c.notNull().references('workplaces.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('distance_m', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('spare_part_orders_need_idx')
    .on('spare_part_orders')
    .column('need_id')
    .execute();
  await db.schema
    .createIndex('spare_part_orders_maker_idx')
    .on('spare_part_orders')
    .columns(['maker_workplace_id', 'status'])
    .execute();
}

/** Drops the spare-parts tables, dependants first. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['spare_part_orders', 'spare_part_needs', 'spare_part_capabilities'])
    await db.schema.dropTable(table).execute();
}
