import { type BulkColumn, bulkInsert } from '../db/bulk-insert.js';
import type { DialectKind } from '../db/database.js';
import type { ProductionTables } from './production.tables.js';
import type { ProductionDb } from './production-db.js';

type T = ProductionTables;

/** Inserts a workplace and its first status row. */
export async function insertWorkplace(
  db: ProductionDb,
  row: T['workplaces'],
  status: T['workplace_statuses'],
): Promise<void> {
  await db.insertInto('workplaces').values(row).execute();
  await db.insertInto('workplace_statuses').values(status).execute();
}

/** Inserts many workplaces with their status rows (scenario loads). */
export async function insertWorkplaces(
  db: ProductionDb,
  rows: T['workplaces'][],
  statuses: T['workplace_statuses'][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('workplaces')
      .values(rows.slice(i, i + 200))
      .execute();
  for (let i = 0; i < statuses.length; i += 200)
    await db
      .insertInto('workplace_statuses')
      .values(statuses.slice(i, i + 200))
      .execute();
}

/** A workplace by id. */
export async function findWorkplace(db: ProductionDb, id: string): Promise<T['workplaces'] | undefined> {
  return db.selectFrom('workplaces').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The workplace of an assembly. */
export async function workplaceOfBody(
  db: ProductionDb,
  bodyId: string,
): Promise<T['workplaces'] | undefined> {
  return db.selectFrom('workplaces').selectAll().where('body_id', '=', bodyId).executeTakeFirst();
}

/**
 * A version of the register's workplace list that changes whenever `listWorkplaces` would:
 * workplaces are only inserted, and their one changing column (status) changes together with a
 * new status row. An update of workplaces in place (a new name, workforce) must change this too.
 */
export async function workplacesVersion(db: ProductionDb): Promise<string> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('workplaces').select(eb.fn.countAll<number>().as('n')).as('workplaces'),
      eb.selectFrom('workplace_statuses').select(eb.fn.countAll<number>().as('n')).as('statuses'),
    ])
    .executeTakeFirstOrThrow();
  return `${row.workplaces}/${row.statuses}`;
}

/** Workplaces by name, optionally of one sector or one of the given assemblies. */
export async function listWorkplaces(
  db: ProductionDb,
  filter: { sector?: string; bodyIds?: readonly string[] } = {},
): Promise<T['workplaces'][]> {
  let q = db.selectFrom('workplaces').selectAll();
  if (filter.sector !== undefined) q = q.where('sector', '=', filter.sector);
  if (filter.bodyIds !== undefined) {
    if (filter.bodyIds.length === 0) return [];
    q = q.where('body_id', 'in', [...filter.bodyIds]);
  }
  return q.orderBy('name').orderBy('id').execute();
}

/** The status history of a workplace, oldest first. */
export async function statusHistory(
  db: ProductionDb,
  workplaceId: string,
): Promise<T['workplace_statuses'][]> {
  return db
    .selectFrom('workplace_statuses')
    .selectAll()
    .where('workplace_id', '=', workplaceId)
    .orderBy('since')
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

/** Appends a status row and sets the workplace's current status. */
export async function addStatus(db: ProductionDb, row: T['workplace_statuses']): Promise<void> {
  await db.insertInto('workplace_statuses').values(row).execute();
  await db.updateTable('workplaces').set({ status: row.status }).where('id', '=', row.workplace_id).execute();
}

/** Inserts a product; false when the code is taken. */
export async function insertProduct(db: ProductionDb, row: T['products']): Promise<boolean> {
  const result = await db
    .insertInto('products')
    .values(row)
    .onConflict((oc) => oc.column('code').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Inserts many products (scenario loads). */
export async function insertProducts(db: ProductionDb, rows: T['products'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('products')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** Every product, by code. */
export async function listProducts(db: ProductionDb): Promise<T['products'][]> {
  return db.selectFrom('products').selectAll().orderBy('code').execute();
}

/** Products by id. */
export async function productsByIds(db: ProductionDb, ids: readonly string[]): Promise<T['products'][]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('products')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

/** Sets (inserts or replaces) capacities. */
export async function upsertCapacities(db: ProductionDb, rows: T['capacities'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('capacities')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.columns(['workplace_id', 'product_id', 'period']).doUpdateSet((eb) => ({
          quantity: eb.ref('excluded.quantity'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/** Capacities of a workplace, by product and period. */
export async function capacitiesOf(db: ProductionDb, workplaceId: string): Promise<T['capacities'][]> {
  return db
    .selectFrom('capacities')
    .selectAll()
    .where('workplace_id', '=', workplaceId)
    .orderBy('product_id')
    .orderBy('period')
    .execute();
}

/** Replaces the technique of a workplace for a product (its inputs included). */
export async function replaceTechnique(
  db: ProductionDb,
  row: T['techniques'],
  inputs: T['technique_inputs'][],
): Promise<string> {
  const existing = await db
    .selectFrom('techniques')
    .select('id')
    .where('workplace_id', '=', row.workplace_id)
    .where('product_id', '=', row.product_id)
    .executeTakeFirst();
  const id = existing?.id ?? row.id;
  if (existing) {
    await db
      .updateTable('techniques')
      .set({ labour_milli_hours: row.labour_milli_hours, updated_at: row.updated_at })
      .where('id', '=', id)
      .execute();
    await db.deleteFrom('technique_inputs').where('technique_id', '=', id).execute();
  } else {
    await db.insertInto('techniques').values(row).execute();
  }
  if (inputs.length > 0)
    await db
      .insertInto('technique_inputs')
      .values(inputs.map((r) => ({ ...r, technique_id: id })))
      .execute();
  return id;
}

/** Techniques of a workplace with their inputs. */
export async function techniquesOf(
  db: ProductionDb,
  workplaceId: string,
): Promise<{ technique: T['techniques']; inputs: T['technique_inputs'][] }[]> {
  const techniques = await db
    .selectFrom('techniques')
    .selectAll()
    .where('workplace_id', '=', workplaceId)
    .orderBy('product_id')
    .execute();
  if (techniques.length === 0) return [];
  const inputs = await db
    .selectFrom('technique_inputs')
    .selectAll()
    .where(
      'technique_id',
      'in',
      techniques.map((t) => t.id),
    )
    .orderBy('input_product_id')
    .execute();
  return techniques.map((technique) => ({
    technique,
    inputs: inputs.filter((i) => i.technique_id === technique.id),
  }));
}

/**
 * Every capacity and every technique with its inputs, for planning's economy (three queries,
 * whatever the number of workplaces).
 */
export async function wholeRegister(db: ProductionDb): Promise<{
  capacities: T['capacities'][];
  techniques: T['techniques'][];
  inputs: T['technique_inputs'][];
}> {
  const [capacities, techniques, inputs] = await Promise.all([
    db
      .selectFrom('capacities')
      .selectAll()
      .orderBy('workplace_id')
      .orderBy('product_id')
      .orderBy('period')
      .execute(),
    db.selectFrom('techniques').selectAll().orderBy('workplace_id').orderBy('product_id').execute(),
    db
      .selectFrom('technique_inputs')
      .selectAll()
      .orderBy('technique_id')
      .orderBy('input_product_id')
      .execute(),
  ]);
  return { capacities, techniques, inputs };
}

/**
 * Inserts indicators, each with its series row (`state`, no period yet); the database numbers the
 * series in insertion order, so one workplace's indicators get neighbouring numbers.
 */
export async function insertIndicators(
  db: ProductionDb,
  rows: T['indicators'][],
  state: Uint8Array,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    await db.insertInto('indicators').values(chunk).execute();
    await db
      .insertInto('indicator_series')
      .values(chunk.map((r) => ({ indicator_id: r.id, state, last_period_index: null })))
      .execute();
  }
}

/** True when the workplace already has an indicator of that name. */
export async function indicatorNameTaken(
  db: ProductionDb,
  workplaceId: string,
  name: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('indicators')
    .select('id')
    .where('workplace_id', '=', workplaceId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row !== undefined;
}

/** An indicator by id. */
export async function findIndicator(db: ProductionDb, id: string): Promise<T['indicators'] | undefined> {
  return db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Indicators of a workplace, by name. */
export async function indicatorsOf(db: ProductionDb, workplaceId: string): Promise<T['indicators'][]> {
  return db
    .selectFrom('indicators')
    .selectAll()
    .where('workplace_id', '=', workplaceId)
    .orderBy('name')
    .execute();
}

/** Workplaces whose name is exactly `name`. */
export async function workplacesNamed(db: ProductionDb, name: string): Promise<T['workplaces'][]> {
  return db.selectFrom('workplaces').selectAll().where('name', '=', name).execute();
}

type PT = ProductionTables;
const text = <K extends string>(...names: K[]) => names.map((name) => ({ name, pgType: 'text' }));
const PRODUCT_COLUMNS: BulkColumn<PT['products']>[] = [
  ...text('id', 'code', 'name', 'unit', 'category'),
  { name: 'basic_good', pgType: 'integer' },
  ...text('created_at'),
];
const WORKPLACE_COLUMNS: BulkColumn<PT['workplaces']>[] = [
  ...text('id', 'body_id', 'name', 'sector'),
  { name: 'lat_micro', pgType: 'integer' },
  { name: 'lon_micro', pgType: 'integer' },
  { name: 'workforce', pgType: 'integer' },
  ...text('status', 'created_at'),
];
const STATUS_COLUMNS: BulkColumn<PT['workplace_statuses']>[] = text(
  'id',
  'workplace_id',
  'status',
  'since',
  'motion_id',
  'recorded_at',
);
const CAPACITY_COLUMNS: BulkColumn<PT['capacities']>[] = [
  ...text('workplace_id', 'product_id', 'period'),
  { name: 'quantity', pgType: 'bigint' },
  ...text('updated_at'),
];
const INDICATOR_COLUMNS: BulkColumn<PT['indicators']>[] = [
  ...text(
    'id',
    'workplace_id',
    'body_id',
    'name',
    'kind',
    'product_id',
    'unit',
    'frequency',
    'good_direction',
  ),
  ...(
    [
      'step_threshold_pm',
      'slope_threshold_pm',
      'outlier_threshold_pm',
      'ack_hours_low',
      'ack_hours_medium',
      'ack_hours_high',
    ] as const
  ).map((name) => ({ name, pgType: 'integer' })),
  ...text('created_at'),
];
// `no` is left to the database (rowid / identity), numbering in insertion order
type SeriesRow = Omit<PT['indicator_series'], 'no'>;
const SERIES_COLUMNS: BulkColumn<SeriesRow>[] = [
  ...text('indicator_id'),
  { name: 'state', pgType: 'bytea' },
  { name: 'last_period_index', pgType: 'integer' },
];

/**
 * Inserts a register in bulk (the country scenario's 100,000 products and 30,000 workplaces):
 * products, workplaces with their first status, capacities and indicators, in that order so
 * that foreign keys hold. Unique codes and one workplace per assembly are still enforced by the
 * constraints, failing the whole load.
 */
export async function insertRegisterBulk(
  db: ProductionDb,
  kind: DialectKind,
  rows: {
    products: readonly PT['products'][];
    workplaces: readonly PT['workplaces'][];
    statuses: readonly PT['workplace_statuses'][];
    capacities: readonly PT['capacities'][];
    indicators: readonly PT['indicators'][];
  },
  /** The initial forecaster state of every indicator's series row. */
  state: Uint8Array,
): Promise<void> {
  await bulkInsert(db, kind, 'products', PRODUCT_COLUMNS, rows.products);
  await bulkInsert(db, kind, 'workplaces', WORKPLACE_COLUMNS, rows.workplaces);
  await bulkInsert(db, kind, 'workplace_statuses', STATUS_COLUMNS, rows.statuses);
  await bulkInsert(db, kind, 'capacities', CAPACITY_COLUMNS, rows.capacities);
  await bulkInsert(db, kind, 'indicators', INDICATOR_COLUMNS, rows.indicators);
  await bulkInsert(
    db,
    kind,
    'indicator_series',
    SERIES_COLUMNS,
    rows.indicators.map((i): SeriesRow => ({ indicator_id: i.id, state, last_period_index: null })),
  );
}
