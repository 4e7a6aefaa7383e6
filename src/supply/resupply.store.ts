import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';
import type { ResupplyTables } from './resupply.tables.js';
import type { SupplyTables } from './supply.tables.js';

type T = ResupplyTables;
/** A stored resupply request. */
export type ResupplyRow = T['supply_resupply_requests'];
/** A handle that knows the supply and resupply tables. */
export type ResupplyDb = Kysely<Tables & SupplyTables & ResupplyTables>;

/** Widens a handle (or transaction) to the resupply tables. */
export function resupplyDb(db: Kysely<Tables>): ResupplyDb {
  return db.withTables<SupplyTables & ResupplyTables>();
}

/**
 * Serialises resupply requests of one committee: on PostgreSQL the committee's body row is locked
 * until commit, so two officers requesting at once cannot both count the same shortfall (SQLite
 * writes are serialised by its single writer already).
 */
export async function lockCommittee(db: ResupplyDb, committeeId: string, postgres: boolean): Promise<void> {
  if (!postgres) return;
  await db.selectFrom('bodies').select('id').where('id', '=', committeeId).forUpdate().execute();
}

/** Units per good of a committee's requests for a period that are on their way (not delivered). */
export async function inTransit(
  db: ResupplyDb,
  committeeId: string,
  period: string,
): Promise<{ good_id: string; units: number }[]> {
  const rows = await db
    .selectFrom('supply_resupply_lines as l')
    .innerJoin('supply_resupply_requests as r', 'r.id', 'l.request_id')
    .select(['l.good_id', (eb) => eb.fn.sum<number>('l.quantity').as('units')])
    .where('r.committee_id', '=', committeeId)
    .where('r.period', '=', period)
    .where('r.status', '=', 'requested')
    .groupBy('l.good_id')
    .execute();
  return rows.map((r) => ({ good_id: r.good_id, units: Number(r.units) }));
}

/** Units per good at all of a committee's points now. */
export async function onHand(
  db: ResupplyDb,
  committeeId: string,
): Promise<{ good_id: string; units: number }[]> {
  const rows = await db
    .selectFrom('supply_point_stock as s')
    .innerJoin('supply_points as p', 'p.id', 's.point_id')
    .select(['s.good_id', (eb) => eb.fn.sum<number>('s.quantity').as('units')])
    .where('p.committee_id', '=', committeeId)
    .groupBy('s.good_id')
    .execute();
  return rows.map((r) => ({ good_id: r.good_id, units: Number(r.units) }));
}

/** Inserts a request with its lines. */
export async function insertRequest(
  db: ResupplyDb,
  row: T['supply_resupply_requests'],
  lines: T['supply_resupply_lines'][],
): Promise<void> {
  await db.insertInto('supply_resupply_requests').values(row).execute();
  if (lines.length > 0) await db.insertInto('supply_resupply_lines').values(lines).execute();
}

/** Records how a request was routed: its shipment, or `unrouted` with the reason. */
export async function setRouting(
  db: ResupplyDb,
  id: string,
  routed: Pick<ResupplyRow, 'status' | 'shipment_id' | 'unrouted_reason'>,
): Promise<void> {
  await db.updateTable('supply_resupply_requests').set(routed).where('id', '=', id).execute();
}

/** Marks a request delivered once; true when it was on its way. */
export async function markDelivered(db: ResupplyDb, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('supply_resupply_requests')
    .set({ status: 'delivered', delivered_at: at })
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A committee's requests, newest first (at most `limit`), with their lines. */
export async function requestsOf(
  db: ResupplyDb,
  committeeId: string,
  limit: number,
): Promise<{ request: T['supply_resupply_requests']; lines: T['supply_resupply_lines'][] }[]> {
  const requests = await db
    .selectFrom('supply_resupply_requests')
    .selectAll()
    .where('committee_id', '=', committeeId)
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  if (requests.length === 0) return [];
  const lines = await db
    .selectFrom('supply_resupply_lines')
    .selectAll()
    .where(
      'request_id',
      'in',
      requests.map((r) => r.id),
    )
    .orderBy('request_id')
    .orderBy('good_id')
    .execute();
  return requests.map((request) => ({
    request,
    lines: lines
      .filter((l) => l.request_id === request.id)
      .map((l) => ({ ...l, quantity: Number(l.quantity) })),
  }));
}

/** One request by id. */
export async function findRequest(
  db: ResupplyDb,
  id: string,
): Promise<T['supply_resupply_requests'] | undefined> {
  return db.selectFrom('supply_resupply_requests').selectAll().where('id', '=', id).executeTakeFirst();
}
