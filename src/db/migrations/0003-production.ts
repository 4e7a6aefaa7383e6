import type { Kysely } from 'kysely';

// Portable types only (text ids and times, integer quantities of stated units, double precision
// for forecasts), so this one migration runs unchanged on SQLite and PostgreSQL. Units are
// documented in src/production/production.tables.ts.

/** Production: workplaces, status history, products, capacities, techniques, indicators, reports, alerts. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workplaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('body_id', 'text', (c) => c.notNull().unique().references('bodies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('lat_micro', 'integer', (c) => c.notNull())
    .addColumn('lon_micro', 'integer', (c) => c.notNull())
    .addColumn('workforce', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('workplace_statuses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workplace_id', 'text', (c) => c.notNull().references('workplaces.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('motion_id', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('workplace_statuses_workplace_idx')
    .on('workplace_statuses')
    .columns(['workplace_id', 'since'])
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('basic_good', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('capacities')
    .addColumn('workplace_id', 'text', (c) => c.notNull().references('workplaces.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('capacities_pk', ['workplace_id', 'product_id', 'period'])
    .execute();

  await db.schema
    .createTable('techniques')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workplace_id', 'text', (c) => c.notNull().references('workplaces.id'))
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('labour_milli_hours', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('techniques_workplace_product_uq', ['workplace_id', 'product_id'])
    .execute();

  await db.schema
    .createTable('technique_inputs')
    .addColumn('technique_id', 'text', (c) => c.notNull().references('techniques.id').onDelete('cascade'))
    .addColumn('input_product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('technique_inputs_pk', ['technique_id', 'input_product_id'])
    .execute();

  await db.schema
    .createTable('indicators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workplace_id', 'text', (c) => c.notNull().references('workplaces.id'))
    .addColumn('body_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.references('products.id'))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('good_direction', 'text', (c) => c.notNull())
    .addColumn('step_threshold_pm', 'integer', (c) => c.notNull())
    .addColumn('slope_threshold_pm', 'integer', (c) => c.notNull())
    .addColumn('outlier_threshold_pm', 'integer', (c) => c.notNull())
    .addColumn('ack_hours_low', 'integer', (c) => c.notNull())
    .addColumn('ack_hours_medium', 'integer', (c) => c.notNull())
    .addColumn('ack_hours_high', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('last_period_index', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('indicators_workplace_name_uq', ['workplace_id', 'name'])
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('expected', 'double precision')
    .addColumn('forecast', 'double precision')
    .addColumn('band_low', 'double precision')
    .addColumn('band_high', 'double precision')
    .addColumn('anomaly_score', 'double precision')
    .addPrimaryKeyConstraint('reports_pk', ['indicator_id', 'period'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    .addColumn('workplace_id', 'text', (c) => c.notNull().references('workplaces.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('probability', 'double precision', (c) => c.notNull())
    .addColumn('p_step', 'double precision', (c) => c.notNull())
    .addColumn('p_slope', 'double precision', (c) => c.notNull())
    .addColumn('p_outlier', 'double precision', (c) => c.notNull())
    .addColumn('error', 'double precision', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body_id', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolution', 'text')
    .execute();
  await db.schema.createIndex('alerts_body_idx').on('alerts').columns(['body_id', 'status']).execute();
  await db.schema.createIndex('alerts_deadline_idx').on('alerts').columns(['status', 'deadline']).execute();
  await db.schema
    .createIndex('alerts_indicator_idx')
    .on('alerts')
    .columns(['indicator_id', 'period'])
    .execute();
  await db.schema
    .createIndex('alerts_workplace_idx')
    .on('alerts')
    .columns(['workplace_id', 'status'])
    .execute();

  await db.schema
    .createTable('alert_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id'))
    .addColumn('author_person_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('alert_comments_alert_idx')
    .on('alert_comments')
    .columns(['alert_id', 'created_at'])
    .execute();
}

/** Drops every production table, dependants first. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'alert_comments',
    'alerts',
    'reports',
    'indicators',
    'technique_inputs',
    'techniques',
    'capacities',
    'products',
    'workplace_statuses',
    'workplaces',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
