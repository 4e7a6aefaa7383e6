import type { Kysely } from 'kysely';

// Portable types only (text ids and times, integer quantities of stated units), so this one
// migration runs unchanged on SQLite and PostgreSQL. Units are documented in
// src/logistics/logistics.tables.ts.

const TABLES = [
  'deliveries',
  'plan_unplaced',
  'plan_stops',
  'plan_routes',
  'route_plans',
  'shipment_goods',
  'shipments',
  'vehicle_statuses',
  'vehicles',
  'logistics_places',
] as const;

/** Logistics: places, the vehicle pool with its status history, shipments, route plans, deliveries. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('logistics_places')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('lat_micro', 'integer', (c) => c.notNull())
    .addColumn('lon_micro', 'integer', (c) => c.notNull())
    .addColumn('body_id', 'text')
    .addColumn('supply_point_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('vehicles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plate', 'text', (c) => c.notNull().unique())
    .addColumn('capacity_kg', 'integer', (c) => c.notNull())
    .addColumn('capacity_m3', 'integer', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body_id', 'text', (c) => c.notNull())
    .addColumn('depot_place_id', 'text', (c) => c.notNull().references('logistics_places.id'))
    .addColumn('driver_account_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('vehicles_body_idx').on('vehicles').columns(['body_id', 'status']).execute();

  await db.schema
    .createTable('vehicle_statuses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vehicle_id', 'text', (c) => c.notNull().references('vehicles.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body_id', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('vehicle_statuses_vehicle_idx')
    .on('vehicle_statuses')
    .columns(['vehicle_id', 'recorded_at'])
    .execute();

  await db.schema
    .createTable('shipments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body_id', 'text', (c) => c.notNull())
    .addColumn('requested_by_body_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('from_place_id', 'text', (c) => c.notNull().references('logistics_places.id'))
    .addColumn('to_place_id', 'text', (c) => c.notNull().references('logistics_places.id'))
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('weight_kg', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text')
    .addColumn('window_end', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text')
    .addColumn('failure_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('shipments_pool_idx')
    .on('shipments')
    .columns(['body_id', 'status', 'due_date'])
    .execute();

  await db.schema
    .createTable('shipment_goods')
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('good', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('shipment_goods_pk', ['shipment_id', 'line'])
    .execute();

  await db.schema
    .createTable('route_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body_id', 'text', (c) => c.notNull())
    .addColumn('plan_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('budget_ms', 'integer', (c) => c.notNull())
    .addColumn('shipment_count', 'integer', (c) => c.notNull())
    .addColumn('distance_m', 'integer')
    .addColumn('vehicles_used', 'integer')
    .addColumn('iterations', 'integer')
    .addColumn('solve_ms', 'integer')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('dispatched_at', 'text')
    .execute();

  await db.schema
    .createTable('plan_routes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('route_plans.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('vehicle_id', 'text', (c) => c.notNull().references('vehicles.id'))
    .addColumn('driver_account_id', 'text')
    .addColumn('load_kg', 'integer', (c) => c.notNull())
    .addColumn('distance_m', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_routes_plan_idx')
    .on('plan_routes')
    .columns(['plan_id', 'number'])
    .execute();

  await db.schema
    .createTable('plan_stops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('route_plans.id'))
    .addColumn('route_id', 'text', (c) => c.notNull().references('plan_routes.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
    .addColumn('place_id', 'text', (c) => c.notNull().references('logistics_places.id'))
    .addColumn('load_kg', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text')
    .execute();
  await db.schema
    .createIndex('plan_stops_route_idx')
    .on('plan_stops')
    .columns(['route_id', 'position'])
    .execute();

  await db.schema
    .createTable('plan_unplaced')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('route_plans.id'))
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_unplaced_pk', ['plan_id', 'shipment_id'])
    .execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shipment_id', 'text', (c) => c.notNull().references('shipments.id'))
    .addColumn('place_id', 'text', (c) => c.notNull().references('logistics_places.id'))
    .addColumn('good', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deliveries_place_idx')
    .on('deliveries')
    .columns(['place_id', 'good'])
    .execute();
}

/** Drops the logistics tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await db.schema.dropTable(table).execute();
}
