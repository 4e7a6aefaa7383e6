import type { Kysely } from 'kysely';

// Portable types only (text ids and ISO-8601 UTC times, integer quantities of each good's stated
// unit, integer prices in centésimos), so this one migration runs unchanged on SQLite and
// PostgreSQL. Units and meanings are documented in src/supply/supply.tables.ts.

const TABLES = [
  'supply_price_reports',
  'supply_prices',
  'supply_claim_flags',
  'supply_claims',
  'supply_point_stock',
  'supply_points',
  'supply_allocations',
  'supply_deliveries',
  'supply_cards',
  'supply_committee_keys',
  'supply_rules',
  'supply_rule_versions',
  'supply_goods',
  'supply_household_moves',
  'supply_members',
  'supply_households',
] as const;

/** Supply committees: households, basket, rules, keys, deliveries, points, claims, prices. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('supply_households')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supply_households_committee_idx')
    .on('supply_households')
    .columns(['committee_id', 'id'])
    .execute();

  await db.schema
    .createTable('supply_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('supply_households.id'))
    // SHA-256 of the normalised registry number (RUT): one person, one household.
    .addColumn('identity_hash', 'text', (c) => c.notNull().unique())
    .addColumn('age_band', 'text', (c) => c.notNull())
    .addColumn('needs', 'text', (c) => c.notNull())
    .addColumn('diet', 'text')
    .execute();
  await db.schema
    .createIndex('supply_members_household_idx')
    .on('supply_members')
    .column('household_id')
    .execute();

  await db.schema
    .createTable('supply_household_moves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull().references('supply_households.id'))
    .addColumn('from_committee_id', 'text', (c) => c.notNull())
    .addColumn('to_committee_id', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('moved_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supply_household_moves_household_idx')
    .on('supply_household_moves')
    .columns(['household_id', 'moved_at'])
    .execute();

  await db.schema
    .createTable('supply_goods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('item_no', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('supply_goods_code_uq', ['committee_id', 'code'])
    .addUniqueConstraint('supply_goods_item_uq', ['committee_id', 'item_no'])
    .execute();

  await db.schema
    .createTable('supply_rule_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('motion_id', 'text')
    .addColumn('adopted_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('supply_rule_versions_uq', ['committee_id', 'version'])
    .execute();

  await db.schema
    .createTable('supply_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('supply_rule_versions.id'))
    .addColumn('good_id', 'text', (c) => c.notNull().references('supply_goods.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('per', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supply_rules_version_idx').on('supply_rules').column('version_id').execute();

  await db.schema
    .createTable('supply_committee_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('public_key', 'text', (c) => c.notNull())
    // PKCS#8 PEM, not encrypted at rest (see supply.tables.ts).
    .addColumn('private_key_pem', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();
  await db.schema
    .createIndex('supply_committee_keys_committee_idx')
    .on('supply_committee_keys')
    .column('committee_id')
    .execute();

  await db.schema
    .createTable('supply_cards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull().references('supply_households.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull().references('supply_committee_keys.id'))
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supply_cards_household_idx')
    .on('supply_cards')
    .columns(['household_id', 'period'])
    .execute();

  await db.schema
    .createTable('supply_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('good_id', 'text', (c) => c.notNull().references('supply_goods.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('preview_digest', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .execute();
  await db.schema
    .createIndex('supply_deliveries_committee_idx')
    .on('supply_deliveries')
    .columns(['committee_id', 'good_id', 'period'])
    .execute();

  await db.schema
    .createTable('supply_allocations')
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('supply_deliveries.id'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('supply_households.id'))
    .addColumn('good_id', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('supply_allocations_pk', ['delivery_id', 'household_id'])
    .execute();
  await db.schema
    .createIndex('supply_allocations_household_idx')
    .on('supply_allocations')
    .columns(['household_id', 'good_id', 'period'])
    .execute();

  await db.schema
    .createTable('supply_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('supply_point_stock')
    .addColumn('point_id', 'text', (c) => c.notNull().references('supply_points.id'))
    .addColumn('good_id', 'text', (c) => c.notNull().references('supply_goods.id'))
    // May go below zero only through offline claims synced later (the goods already left).
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('supply_point_stock_pk', ['point_id', 'good_id'])
    .execute();

  await db.schema
    .createTable('supply_claims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull().references('supply_households.id'))
    .addColumn('good_id', 'text', (c) => c.notNull().references('supply_goods.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('point_id', 'text', (c) => c.notNull().references('supply_points.id'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('supply_claims_once_uq', ['household_id', 'good_id', 'period'])
    .execute();
  await db.schema
    .createIndex('supply_claims_committee_idx')
    .on('supply_claims')
    .columns(['committee_id', 'period', 'good_id'])
    .execute();

  await db.schema
    .createTable('supply_claim_flags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text')
    .addColumn('good_id', 'text')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('point_id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('first_claim_id', 'text')
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('synced_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .execute();
  await db.schema
    .createIndex('supply_claim_flags_committee_idx')
    .on('supply_claim_flags')
    .columns(['committee_id', 'status'])
    .execute();

  await db.schema
    .createTable('supply_prices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('good_code', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('price_centesimos', 'bigint', (c) => c.notNull())
    .addColumn('motion_id', 'text')
    .addColumn('adopted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supply_prices_region_idx')
    .on('supply_prices')
    .columns(['region_id', 'good_code', 'adopted_at'])
    .execute();

  await db.schema
    .createTable('supply_price_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_id', 'text', (c) => c.notNull().references('bodies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('good_code', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('price_centesimos', 'bigint')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('reporter_person_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supply_price_reports_committee_idx')
    .on('supply_price_reports')
    .columns(['committee_id', 'status'])
    .execute();
}

/** Drops every supply table, dependents first. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await db.schema.dropTable(table).ifExists().execute();
}
