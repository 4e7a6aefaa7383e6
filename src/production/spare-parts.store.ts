import type { ProductionTables } from './production.tables.js';
import type { ProductionDb } from './production-db.js';

type T = ProductionTables;

/** Order states in which a maker has taken the work on: what counts as its load. */
export const LOAD_STATUSES = Object.freeze(['accepted', 'in-production'] as const);

/** A need with the needing workplace's name. */
export type NeedRow = T['spare_part_needs'] & { workplace_name: string };
/** An order with the maker's name and assembly. */
export type OrderRow = T['spare_part_orders'] & { maker_name: string; maker_body_id: string };

/** Replaces every capability of a workplace. */
export async function replaceCapabilities(
  db: ProductionDb,
  workplaceId: string,
  rows: T['spare_part_capabilities'][],
): Promise<void> {
  await db.deleteFrom('spare_part_capabilities').where('workplace_id', '=', workplaceId).execute();
  if (rows.length > 0) await db.insertInto('spare_part_capabilities').values(rows).execute();
}

/** Inserts capabilities of many workplaces (scenario loads). */
export async function insertCapabilities(
  db: ProductionDb,
  rows: T['spare_part_capabilities'][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('spare_part_capabilities')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** A workplace's capabilities, by name. */
export async function capabilitiesOf(
  db: ProductionDb,
  workplaceId: string,
): Promise<T['spare_part_capabilities'][]> {
  return db
    .selectFrom('spare_part_capabilities')
    .selectAll()
    .where('workplace_id', '=', workplaceId)
    .orderBy('capability')
    .execute();
}

/** Every workplace with a capability, with where it is and its detail. */
export async function makersWith(
  db: ProductionDb,
  capability: string,
): Promise<
  {
    workplace_id: string;
    name: string;
    body_id: string;
    lat_micro: number;
    lon_micro: number;
    detail: string;
  }[]
> {
  return db
    .selectFrom('spare_part_capabilities as c')
    .innerJoin('workplaces as w', 'w.id', 'c.workplace_id')
    .select(['c.workplace_id', 'w.name', 'w.body_id', 'w.lat_micro', 'w.lon_micro', 'c.detail'])
    .where('c.capability', '=', capability)
    .execute();
}

/** Orders each workplace has taken on and not yet shipped (`LOAD_STATUSES`), by workplace id. */
export async function loadOf(
  db: ProductionDb,
  workplaceIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const unique = [...new Set(workplaceIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('spare_part_orders')
      .select(['maker_workplace_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('maker_workplace_id', 'in', unique.slice(i, i + 500))
      .where('status', 'in', [...LOAD_STATUSES])
      .groupBy('maker_workplace_id')
      .execute();
    for (const r of rows) out.set(r.maker_workplace_id, Number(r.n));
  }
  return out;
}

/** Inserts needs. */
export async function insertNeeds(db: ProductionDb, rows: T['spare_part_needs'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('spare_part_needs')
      .values(rows.slice(i, i + 200))
      .execute();
}

function needs(db: ProductionDb) {
  return db
    .selectFrom('spare_part_needs as n')
    .innerJoin('workplaces as w', 'w.id', 'n.workplace_id')
    .selectAll('n')
    .select('w.name as workplace_name');
}

/** A need by id. */
export async function findNeed(db: ProductionDb, id: string): Promise<NeedRow | undefined> {
  return needs(db).where('n.id', '=', id).executeTakeFirst();
}

/** Needs by id (any order). */
export async function needsByIds(db: ProductionDb, ids: readonly string[]): Promise<NeedRow[]> {
  const out: NeedRow[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500)
    out.push(
      ...(await needs(db)
        .where('n.id', 'in', unique.slice(i, i + 500))
        .execute()),
    );
  return out;
}

/** Needs of a workplace, newest first. */
export async function needsOfWorkplace(
  db: ProductionDb,
  workplaceId: string,
  limit: number,
): Promise<NeedRow[]> {
  return needs(db)
    .where('n.workplace_id', '=', workplaceId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
}

/** Needs of the workplaces of the given assemblies in the given states, newest first. */
export async function needsOfBodies(
  db: ProductionDb,
  bodyIds: readonly string[],
  statuses: readonly string[],
  limit: number,
): Promise<NeedRow[]> {
  if (bodyIds.length === 0) return [];
  const out: NeedRow[] = [];
  // chunks keep the IN list within both dialects' parameter limits at country scale
  for (let i = 0; i < bodyIds.length; i += 500) {
    out.push(
      ...(await needs(db)
        .where('n.body_id', 'in', bodyIds.slice(i, i + 500))
        .where('n.status', 'in', [...statuses])
        .orderBy('n.created_at', 'desc')
        .orderBy('n.id', 'desc')
        .limit(limit)
        .execute()),
    );
  }
  out.sort((a, b) =>
    a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : a.id < b.id ? 1 : -1,
  );
  return out.slice(0, limit);
}

/**
 * Moves a need from one of `from` to `to` (compare-and-set on its status, and on its order when
 * `whenOrder` is given). True when it moved; false when someone moved it first.
 */
export async function moveNeed(
  db: ProductionDb,
  id: string,
  from: readonly string[],
  to: { status: string; orderId: string | null; now: string },
  whenOrder?: string,
): Promise<boolean> {
  let q = db
    .updateTable('spare_part_needs')
    .set({ status: to.status, order_id: to.orderId, updated_at: to.now })
    .where('id', '=', id)
    .where('status', 'in', [...from]);
  if (whenOrder !== undefined) q = q.where('order_id', '=', whenOrder);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Inserts orders. */
export async function insertOrders(db: ProductionDb, rows: T['spare_part_orders'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('spare_part_orders')
      .values(rows.slice(i, i + 200))
      .execute();
}

function orders(db: ProductionDb) {
  return db
    .selectFrom('spare_part_orders as o')
    .innerJoin('workplaces as w', 'w.id', 'o.maker_workplace_id')
    .selectAll('o')
    .select(['w.name as maker_name', 'w.body_id as maker_body_id']);
}

/** An order by id. */
export async function findOrder(db: ProductionDb, id: string): Promise<OrderRow | undefined> {
  return orders(db).where('o.id', '=', id).executeTakeFirst();
}

/** Orders of the given needs, oldest first. */
export async function ordersOfNeeds(db: ProductionDb, needIds: readonly string[]): Promise<OrderRow[]> {
  const out: OrderRow[] = [];
  const unique = [...new Set(needIds)];
  for (let i = 0; i < unique.length; i += 500)
    out.push(
      ...(await orders(db)
        .where('o.need_id', 'in', unique.slice(i, i + 500))
        .orderBy('o.created_at')
        .orderBy('o.id')
        .execute()),
    );
  return out;
}

/** Orders a workplace is asked to make or makes, newest first. */
export async function ordersOfMaker(
  db: ProductionDb,
  workplaceId: string,
  limit: number,
): Promise<OrderRow[]> {
  return orders(db)
    .where('o.maker_workplace_id', '=', workplaceId)
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Moves an order from `from` to `to` only if it is still `from` (compare-and-set): of two
 * concurrent moves of one order, one wins and the other sees false. True when it moved.
 */
export async function moveOrder(
  db: ProductionDb,
  id: string,
  from: string,
  to: string,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('spare_part_orders')
    .set({ status: to, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Cancels the still-proposed orders of a need (other than `except`); returns their ids. */
export async function cancelProposed(
  db: ProductionDb,
  needId: string,
  except: string | null,
  now: string,
): Promise<string[]> {
  let select = db
    .selectFrom('spare_part_orders')
    .select('id')
    .where('need_id', '=', needId)
    .where('status', '=', 'proposed');
  if (except !== null) select = select.where('id', '<>', except);
  const ids = (await select.execute()).map((r) => r.id);
  if (ids.length > 0)
    await db
      .updateTable('spare_part_orders')
      .set({ status: 'cancelled', updated_at: now })
      .where('id', 'in', ids)
      .where('status', '=', 'proposed')
      .execute();
  return ids;
}
