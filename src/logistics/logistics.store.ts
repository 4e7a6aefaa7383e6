import type { LogisticsTables } from './logistics.tables.js';
import type { LogisticsDb } from './logistics-db.js';

type T = LogisticsTables;

const CHUNK = 200;

async function inChunks<R>(rows: readonly R[], insert: (slice: R[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Inserts places (one or many; the scenario loads hundreds). */
export async function insertPlaces(db: LogisticsDb, rows: T['logistics_places'][]): Promise<void> {
  await inChunks(rows, (slice) => db.insertInto('logistics_places').values(slice).execute());
}

/** A place by id. */
export async function findPlace(db: LogisticsDb, id: string): Promise<T['logistics_places'] | undefined> {
  return db.selectFrom('logistics_places').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Places by id (unknown ids are simply absent). */
export async function placesByIds(db: LogisticsDb, ids: readonly string[]): Promise<T['logistics_places'][]> {
  if (ids.length === 0) return [];
  const out: T['logistics_places'][] = [];
  for (let i = 0; i < ids.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('logistics_places')
        .selectAll()
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  return out;
}

/** Every place, optionally of one kind, by name. */
export async function listPlaces(db: LogisticsDb, kind?: string): Promise<T['logistics_places'][]> {
  let q = db.selectFrom('logistics_places').selectAll();
  if (kind !== undefined) q = q.where('kind', '=', kind);
  return q.orderBy('name').orderBy('id').execute();
}

/** The place linked to a supply distribution point (the first registered, when several are). */
export async function placeOfSupplyPoint(
  db: LogisticsDb,
  supplyPointId: string,
): Promise<T['logistics_places'] | undefined> {
  return db
    .selectFrom('logistics_places')
    .selectAll()
    .where('supply_point_id', '=', supplyPointId)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
}

/** Inserts vehicles with their first status rows. */
export async function insertVehicles(
  db: LogisticsDb,
  rows: T['vehicles'][],
  statuses: T['vehicle_statuses'][],
): Promise<void> {
  await inChunks(rows, (slice) => db.insertInto('vehicles').values(slice).execute());
  await inChunks(statuses, (slice) => db.insertInto('vehicle_statuses').values(slice).execute());
}

/** A vehicle by id. */
export async function findVehicle(db: LogisticsDb, id: string): Promise<T['vehicles'] | undefined> {
  return db.selectFrom('vehicles').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A vehicle by plate. */
export async function vehicleByPlate(db: LogisticsDb, plate: string): Promise<T['vehicles'] | undefined> {
  return db.selectFrom('vehicles').selectAll().where('plate', '=', plate).executeTakeFirst();
}

/** Vehicles by plate, optionally of one pool body and/or statuses. */
export async function listVehicles(
  db: LogisticsDb,
  filter: { bodyId?: string; statuses?: readonly string[] } = {},
): Promise<T['vehicles'][]> {
  let q = db.selectFrom('vehicles').selectAll();
  if (filter.bodyId !== undefined) q = q.where('body_id', '=', filter.bodyId);
  if (filter.statuses !== undefined) q = q.where('status', 'in', [...filter.statuses]);
  return q.orderBy('plate').execute();
}

/** The status history of a vehicle, oldest first. */
export async function vehicleHistory(db: LogisticsDb, vehicleId: string): Promise<T['vehicle_statuses'][]> {
  return db
    .selectFrom('vehicle_statuses')
    .selectAll()
    .where('vehicle_id', '=', vehicleId)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

/** Appends a status row and sets the vehicle's current status and deciding body. */
export async function addVehicleStatus(db: LogisticsDb, row: T['vehicle_statuses']): Promise<void> {
  await db.insertInto('vehicle_statuses').values(row).execute();
  await db
    .updateTable('vehicles')
    .set({ status: row.status, body_id: row.body_id })
    .where('id', '=', row.vehicle_id)
    .execute();
}

/** Sets (or clears) a vehicle's driver account. */
export async function setDriver(db: LogisticsDb, vehicleId: string, accountId: string | null): Promise<void> {
  await db
    .updateTable('vehicles')
    .set({ driver_account_id: accountId })
    .where('id', '=', vehicleId)
    .execute();
}

/** Inserts shipments with their goods lines. */
export async function insertShipments(
  db: LogisticsDb,
  rows: T['shipments'][],
  goods: T['shipment_goods'][],
): Promise<void> {
  await inChunks(rows, (slice) => db.insertInto('shipments').values(slice).execute());
  await inChunks(goods, (slice) => db.insertInto('shipment_goods').values(slice).execute());
}

/** A shipment by id. */
export async function findShipment(db: LogisticsDb, id: string): Promise<T['shipments'] | undefined> {
  return db.selectFrom('shipments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Shipments of a pool body, optionally of one status and day, newest day first. */
export async function listShipments(
  db: LogisticsDb,
  filter: { bodyId?: string; status?: string; dueDate?: string; planId?: string; limit?: number },
): Promise<T['shipments'][]> {
  let q = db.selectFrom('shipments').selectAll();
  if (filter.bodyId !== undefined) q = q.where('body_id', '=', filter.bodyId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.dueDate !== undefined) q = q.where('due_date', '=', filter.dueDate);
  if (filter.planId !== undefined) q = q.where('plan_id', '=', filter.planId);
  return q
    .orderBy('due_date', 'desc')
    .orderBy('id')
    .limit(filter.limit ?? 1000)
    .execute();
}

/** The goods lines of the given shipments. */
export async function goodsOf(
  db: LogisticsDb,
  shipmentIds: readonly string[],
): Promise<T['shipment_goods'][]> {
  if (shipmentIds.length === 0) return [];
  const out: T['shipment_goods'][] = [];
  for (let i = 0; i < shipmentIds.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('shipment_goods')
        .selectAll()
        .where('shipment_id', 'in', shipmentIds.slice(i, i + 500))
        .orderBy('shipment_id')
        .orderBy('line')
        .execute()),
    );
  return out;
}

/**
 * Claims for a plan the requested shipments of a pool body due on or before a day (a failed one
 * from yesterday goes into today's plan); returns the claimed rows.
 */
export async function claimRequested(
  db: LogisticsDb,
  bodyId: string,
  day: string,
  planId: string,
  now: string,
): Promise<T['shipments'][]> {
  const rows = await db
    .selectFrom('shipments')
    .selectAll()
    .where('body_id', '=', bodyId)
    .where('status', '=', 'requested')
    .where('due_date', '<=', day)
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  await db
    .updateTable('shipments')
    .set({ status: 'planned', plan_id: planId, updated_at: now })
    .where('body_id', '=', bodyId)
    .where('status', '=', 'requested')
    .where('due_date', '<=', day)
    .execute();
  return rows.map((r) => ({ ...r, status: 'planned', plan_id: planId, updated_at: now }));
}

/** Sets the status of shipments (and their plan, null to release them to the next plan). */
export async function setShipmentStatus(
  db: LogisticsDb,
  ids: readonly string[],
  status: string,
  planId: string | null,
  now: string,
  failureReason: string | null = null,
): Promise<void> {
  for (let i = 0; i < ids.length; i += 500)
    await db
      .updateTable('shipments')
      .set({ status, plan_id: planId, updated_at: now, failure_reason: failureReason })
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
}

/** Inserts a plan. */
export async function insertPlan(db: LogisticsDb, row: T['route_plans']): Promise<void> {
  await db.insertInto('route_plans').values(row).execute();
}

/** A plan by id. */
export async function findPlan(db: LogisticsDb, id: string): Promise<T['route_plans'] | undefined> {
  return db.selectFrom('route_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Plans of a pool body (or all), newest first. */
export async function listPlans(db: LogisticsDb, bodyId?: string): Promise<T['route_plans'][]> {
  let q = db.selectFrom('route_plans').selectAll();
  if (bodyId !== undefined) q = q.where('body_id', '=', bodyId);
  return q.orderBy('id', 'desc').limit(200).execute();
}

/** Every plan in a status (e.g. `solving`, for the restart sweep). */
export async function plansInStatus(db: LogisticsDb, status: string): Promise<T['route_plans'][]> {
  return db.selectFrom('route_plans').selectAll().where('status', '=', status).orderBy('id').execute();
}

/** Updates a plan's figures and status. */
export async function updatePlan(
  db: LogisticsDb,
  id: string,
  set: Partial<Omit<T['route_plans'], 'id'>>,
): Promise<void> {
  await db.updateTable('route_plans').set(set).where('id', '=', id).execute();
}

/** Inserts a plan's routes, stops and unplaced shipments. */
export async function insertPlanResult(
  db: LogisticsDb,
  routes: T['plan_routes'][],
  stops: T['plan_stops'][],
  unplaced: T['plan_unplaced'][],
): Promise<void> {
  await inChunks(routes, (slice) => db.insertInto('plan_routes').values(slice).execute());
  await inChunks(stops, (slice) => db.insertInto('plan_stops').values(slice).execute());
  await inChunks(unplaced, (slice) => db.insertInto('plan_unplaced').values(slice).execute());
}

/** The routes of a plan, by number. */
export async function routesOf(db: LogisticsDb, planId: string): Promise<T['plan_routes'][]> {
  return db.selectFrom('plan_routes').selectAll().where('plan_id', '=', planId).orderBy('number').execute();
}

/** A route by id. */
export async function findRoute(db: LogisticsDb, id: string): Promise<T['plan_routes'] | undefined> {
  return db.selectFrom('plan_routes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Routes of dispatched plans driven by an account, newest plan first. */
export async function routesOfDriver(db: LogisticsDb, accountId: string): Promise<T['plan_routes'][]> {
  return db
    .selectFrom('plan_routes')
    .innerJoin('route_plans', 'route_plans.id', 'plan_routes.plan_id')
    .selectAll('plan_routes')
    .where('plan_routes.driver_account_id', '=', accountId)
    .where('route_plans.status', '=', 'dispatched')
    .orderBy('plan_routes.plan_id', 'desc')
    .orderBy('plan_routes.number')
    .limit(50)
    .execute();
}

/** Sets the driver of a route. */
export async function setRouteDriver(
  db: LogisticsDb,
  routeId: string,
  accountId: string | null,
): Promise<void> {
  await db
    .updateTable('plan_routes')
    .set({ driver_account_id: accountId })
    .where('id', '=', routeId)
    .execute();
}

/** The stops of a plan (all routes), by route and position. */
export async function stopsOfPlan(db: LogisticsDb, planId: string): Promise<T['plan_stops'][]> {
  return db
    .selectFrom('plan_stops')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('route_id')
    .orderBy('position')
    .execute();
}

/** The stops of one route, by position. */
export async function stopsOfRoute(db: LogisticsDb, routeId: string): Promise<T['plan_stops'][]> {
  return db
    .selectFrom('plan_stops')
    .selectAll()
    .where('route_id', '=', routeId)
    .orderBy('position')
    .execute();
}

/** A stop by id. */
export async function findStop(db: LogisticsDb, id: string): Promise<T['plan_stops'] | undefined> {
  return db.selectFrom('plan_stops').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Moves a stop from one status to another (compare-and-set); false when it was not in `from`
 * (a concurrent or repeated record).
 */
export async function moveStop(
  db: LogisticsDb,
  id: string,
  from: string,
  to: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('plan_stops')
    .set({ status: to, recorded_at: now })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The unplaced shipments of a plan. */
export async function unplacedOf(db: LogisticsDb, planId: string): Promise<T['plan_unplaced'][]> {
  return db
    .selectFrom('plan_unplaced')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('shipment_id')
    .execute();
}

/** Records delivered goods in the ledger. */
export async function insertDeliveries(db: LogisticsDb, rows: T['deliveries'][]): Promise<void> {
  await inChunks(rows, (slice) => db.insertInto('deliveries').values(slice).execute());
}

/** Delivered quantities at a place, summed by good and unit. */
export async function deliveredAt(
  db: LogisticsDb,
  placeId: string,
): Promise<{ good: string; unit: string; quantity: number }[]> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['good', 'unit'])
    .select((eb) => eb.fn.sum<number | string>('quantity').as('quantity'))
    .where('place_id', '=', placeId)
    .groupBy(['good', 'unit'])
    .orderBy('good')
    .orderBy('unit')
    .execute();
  return rows.map((r) => ({ good: r.good, unit: r.unit, quantity: Number(r.quantity) }));
}
