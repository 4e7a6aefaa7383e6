import { sql } from 'kysely';
import type { DialectKind } from '../db/database.js';
import type { LandTables } from './land.tables.js';
import type { LandDb } from './land-db.js';

type T = LandTables;

// Rows per INSERT: well below SQLite's 32,766 bound variables with 12 columns.
const CHUNK = 500;

/** Inserts parcels with their first status rows, in chunks (imports and scenario loads). */
export async function insertParcels(
  db: LandDb,
  parcels: T['parcels'][],
  statuses: T['parcel_statuses'][],
): Promise<void> {
  for (let i = 0; i < parcels.length; i += CHUNK)
    await db
      .insertInto('parcels')
      .values(parcels.slice(i, i + CHUNK))
      .execute();
  for (let i = 0; i < statuses.length; i += CHUNK)
    await db
      .insertInto('parcel_statuses')
      .values(statuses.slice(i, i + CHUNK))
      .execute();
}

/** Inserts assignments in chunks (scenario loads). */
export async function insertAssignments(db: LandDb, rows: T['parcel_assignments'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('parcel_assignments')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** A parcel by id. */
export async function findParcel(db: LandDb, id: string): Promise<T['parcels'] | undefined> {
  return db.selectFrom('parcels').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What the register can be filtered by. */
export interface ParcelFilter {
  readonly status?: string | undefined;
  readonly region?: string | undefined;
  readonly landClass?: string | undefined;
  readonly assignedBodyId?: string | undefined;
}

/** Parcels matching the filter by region and name, at most `limit` from `offset`, and how many match. */
export async function listParcels(
  db: LandDb,
  filter: ParcelFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: T['parcels'][]; total: number }> {
  let q = db.selectFrom('parcels');
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.region !== undefined) q = q.where('region', '=', filter.region);
  if (filter.landClass !== undefined) q = q.where('land_class', '=', filter.landClass);
  if (filter.assignedBodyId !== undefined) q = q.where('assigned_body_id', '=', filter.assignedBodyId);
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('region')
      .orderBy('name')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The regions present in the register, sorted. */
export async function regions(db: LandDb): Promise<string[]> {
  const rows = await db.selectFrom('parcels').select('region').distinct().orderBy('region').execute();
  return rows.map((r) => r.region);
}

/** A parcel's status history, oldest first. */
export async function statusHistory(db: LandDb, parcelId: string): Promise<T['parcel_statuses'][]> {
  return db
    .selectFrom('parcel_statuses')
    .selectAll()
    .where('parcel_id', '=', parcelId)
    .orderBy('since')
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

/**
 * A version of what `ledgerInputs` reads that changes whenever it would: parcels and status rows
 * are only inserted, and a parcel's one changing part (its status) changes together with a new
 * status row (`moveParcel`). An update of a parcel's region, class or area must change this too.
 */
export async function ledgerVersion(db: LandDb): Promise<string> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('parcels').select(eb.fn.countAll<number>().as('n')).as('parcels'),
      eb.selectFrom('parcel_statuses').select(eb.fn.countAll<number>().as('n')).as('statuses'),
    ])
    .executeTakeFirstOrThrow();
  return `${row.parcels}/${row.statuses}`;
}

/** Every parcel's ledger columns and every status row (the ledger is computed from them). */
export async function ledgerInputs(db: LandDb): Promise<{
  parcels: Pick<T['parcels'], 'id' | 'region' | 'land_class' | 'area_ares'>[];
  statuses: Pick<T['parcel_statuses'], 'parcel_id' | 'status' | 'since'>[];
}> {
  const [parcels, statuses] = await Promise.all([
    db.selectFrom('parcels').select(['id', 'region', 'land_class', 'area_ares']).execute(),
    db
      .selectFrom('parcel_statuses')
      .select(['parcel_id', 'status', 'since'])
      .orderBy('since')
      .orderBy('id')
      .execute(),
  ]);
  return { parcels, statuses };
}

/**
 * Moves a parcel from `from` to `to` only if it still is `from` (compare-and-set); returns false
 * when another command moved it first.
 */
export async function moveParcel(
  db: LandDb,
  id: string,
  from: string,
  to: { status: string; since: string; assignedBodyId: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('parcels')
    .set({ status: to.status, status_since: to.since, assigned_body_id: to.assignedBodyId })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Appends a status row. */
export async function addStatus(db: LandDb, row: T['parcel_statuses']): Promise<void> {
  await db.insertInto('parcel_statuses').values(row).execute();
}

/** Inserts an assignment; a second active one for the parcel violates `active_parcel_id` UNIQUE. */
export async function insertAssignment(db: LandDb, row: T['parcel_assignments']): Promise<void> {
  await db.insertInto('parcel_assignments').values(row).execute();
}

/** Ends the parcel's active assignment (if any) on `until`. */
export async function endAssignment(db: LandDb, parcelId: string, until: string): Promise<void> {
  await db
    .updateTable('parcel_assignments')
    .set({ until, active_parcel_id: null })
    .where('active_parcel_id', '=', parcelId)
    .execute();
}

/** A parcel's assignments, oldest first. */
export async function assignmentsOf(db: LandDb, parcelId: string): Promise<T['parcel_assignments'][]> {
  return db
    .selectFrom('parcel_assignments')
    .selectAll()
    .where('parcel_id', '=', parcelId)
    .orderBy('since')
    .orderBy('id')
    .execute();
}

/** Stores a harvest and its stock move. */
export async function insertHarvest(
  db: LandDb,
  row: T['harvests'],
  move: T['harvest_stock_moves'],
): Promise<void> {
  await db.insertInto('harvests').values(row).execute();
  await db.insertInto('harvest_stock_moves').values(move).execute();
}

/** Inserts harvests and their stock moves in chunks (scenario loads). */
export async function insertHarvests(
  db: LandDb,
  rows: T['harvests'][],
  moves: T['harvest_stock_moves'][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('harvests')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  for (let i = 0; i < moves.length; i += CHUNK)
    await db
      .insertInto('harvest_stock_moves')
      .values(moves.slice(i, i + CHUNK))
      .execute();
}

/** A parcel's harvests, newest first. */
export async function harvestsOf(db: LandDb, parcelId: string): Promise<T['harvests'][]> {
  return db
    .selectFrom('harvests')
    .selectAll()
    .where('parcel_id', '=', parcelId)
    .orderBy('harvested_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Stock in kg by body and product: the sum of the stock moves, optionally of one body or product. */
export async function stock(
  db: LandDb,
  filter: { bodyId?: string | undefined; product?: string | undefined },
): Promise<{ body_id: string; product_code: string; kg: number }[]> {
  let q = db.selectFrom('harvest_stock_moves');
  if (filter.bodyId !== undefined) q = q.where('body_id', '=', filter.bodyId);
  if (filter.product !== undefined) q = q.where('product_code', '=', filter.product);
  const rows = await q
    .select(['body_id', 'product_code', sql<number | string>`sum(delta_kg)`.as('kg')])
    .groupBy(['body_id', 'product_code'])
    .orderBy('product_code')
    .orderBy('body_id')
    .execute();
  // PostgreSQL sums bigint into numeric, which arrives as text
  return rows.map((r) => ({ body_id: r.body_id, product_code: r.product_code, kg: Number(r.kg) }));
}

/**
 * Serialises stock draws of one body and product until the transaction ends: a transaction-level
 * advisory lock on PostgreSQL; SQLite runs one writing transaction at a time already.
 */
export async function lockStock(
  db: LandDb,
  kind: DialectKind,
  bodyId: string,
  product: string,
): Promise<void> {
  if (kind === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtext(${`land-stock:${bodyId}:${product}`}))`.execute(db);
}

/** A draw already recorded for this reference, if any. */
export async function findDraw(
  db: LandDb,
  refId: string,
): Promise<LandTables['harvest_stock_moves'] | undefined> {
  return db
    .selectFrom('harvest_stock_moves')
    .selectAll()
    .where('kind', '=', 'draw')
    .where('ref_id', '=', refId)
    .executeTakeFirst();
}

/** Appends a stock move. */
export async function insertMove(db: LandDb, move: LandTables['harvest_stock_moves']): Promise<void> {
  await db.insertInto('harvest_stock_moves').values(move).execute();
}
