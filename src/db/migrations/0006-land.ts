import type { Kysely } from 'kysely';

// Portable types only (text ids, ISO-8601 UTC text times, YYYY-MM-DD dates, integer quantities of
// stated units), so this one migration runs unchanged on SQLite and PostgreSQL. Units: parcel
// areas in ares (1 are = 100 m² = 0.01 ha), harvest quantities in kilograms. Documented in
// src/land/land.tables.ts.

const TABLES = ['harvest_stock_moves', 'harvests', 'parcel_assignments', 'parcel_statuses', 'parcels'];

/** Land: parcels, their status history, assignments to base bodies, harvests and the harvest stock ledger. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('parcels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('land_class', 'text', (c) => c.notNull())
    .addColumn('area_ares', 'bigint', (c) => c.notNull())
    .addColumn('boundary', 'text')
    .addColumn('previous_owner', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_since', 'text', (c) => c.notNull())
    .addColumn('assigned_body_id', 'text', (c) => c.references('bodies.id'))
    .addColumn('registered_by_body_id', 'text', (c) => c.references('bodies.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('parcels_status_idx').on('parcels').columns(['status', 'region']).execute();
  await db.schema.createIndex('parcels_region_idx').on('parcels').columns(['region', 'land_class']).execute();
  await db.schema.createIndex('parcels_assigned_idx').on('parcels').column('assigned_body_id').execute();

  await db.schema
    .createTable('parcel_statuses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parcel_id', 'text', (c) => c.notNull().references('parcels.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('deciding_body_id', 'text')
    .addColumn('motion_id', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('parcel_statuses_parcel_idx')
    .on('parcel_statuses')
    .columns(['parcel_id', 'since'])
    .execute();

  await db.schema
    .createTable('parcel_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parcel_id', 'text', (c) => c.notNull().references('parcels.id'))
    .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('until', 'text')
    // The parcel id while the assignment holds, null once it ended: NULLs never clash in a UNIQUE
    // column on either dialect, so this forbids two assignments of one parcel at once.
    .addColumn('active_parcel_id', 'text', (c) => c.unique())
    .addColumn('motion_id', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('parcel_assignments_body_idx')
    .on('parcel_assignments')
    .columns(['body_id', 'since'])
    .execute();

  await db.schema
    .createTable('harvests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parcel_id', 'text', (c) => c.notNull().references('parcels.id'))
    .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('quantity_kg', 'bigint', (c) => c.notNull())
    .addColumn('harvested_on', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text')
    .execute();
  await db.schema
    .createIndex('harvests_parcel_idx')
    .on('harvests')
    .columns(['parcel_id', 'harvested_on'])
    .execute();

  await db.schema
    .createTable('harvest_stock_moves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('product_code', 'text', (c) => c.notNull())
    .addColumn('delta_kg', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('harvest_stock_moves_product_idx')
    .on('harvest_stock_moves')
    .columns(['product_code', 'body_id'])
    .execute();
}

/** Drops every land table, dependants first. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await db.schema.dropTable(table).ifExists().execute();
}
