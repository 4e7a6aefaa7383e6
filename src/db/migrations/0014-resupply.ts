import type { Kysely } from 'kysely';

// Portable types only, as every migration: text ids, ISO-8601 UTC text times, integer quantities
// in the good's own unit (`supply_goods.unit`: mL, g, unit). Documented in src/supply/resupply.tables.ts.

/**
 * Resupply requests: a supply committee asks for the shortfall of a period (what is due, less what
 * is claimed, in stock and already on its way) to be brought to one of its distribution points.
 * The request becomes a logistics shipment in the same transaction; its delivery marks it delivered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('supply_resupply_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('point_id', 'text', (c) => c.notNull().references('supply_points.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    // requested → delivered; `unrouted` when no route exists for it (no linked place or no depot).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('shipment_id', 'text')
    .addColumn('unrouted_reason', 'text')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema
    .createIndex('supply_resupply_committee_idx')
    .on('supply_resupply_requests')
    .columns(['committee_id', 'period'])
    .execute();
  await db.schema
    .createTable('supply_resupply_lines')
    .addColumn('request_id', 'text', (c) => c.notNull().references('supply_resupply_requests.id'))
    .addColumn('good_id', 'text', (c) => c.notNull().references('supply_goods.id'))
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('supply_resupply_lines_pk', ['request_id', 'good_id'])
    .execute();
}

/** Drops the resupply tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('supply_resupply_lines').execute();
  await db.schema.dropTable('supply_resupply_requests').execute();
}
