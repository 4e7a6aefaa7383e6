import type { DialectKind } from '../db/database.js';
import type { ProductionTables } from './production.tables.js';
import type { ProductionDb } from './production-db.js';

type T = ProductionTables;

/** Inserts alerts. */
export async function insertAlerts(db: ProductionDb, rows: T['alerts'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('alerts')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** An alert by id. */
export async function findAlert(db: ProductionDb, id: string): Promise<T['alerts'] | undefined> {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Alerts a body must handle now, or those of its workplace, newest first. */
export async function alertsOfBody(
  db: ProductionDb,
  bodyId: string,
  workplaceId: string | null,
  statuses: readonly string[],
  limit: number,
): Promise<T['alerts'][]> {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where((eb) =>
      workplaceId === null
        ? eb('body_id', '=', bodyId)
        : eb.or([eb('body_id', '=', bodyId), eb('workplace_id', '=', workplaceId)]),
    )
    .where('status', 'in', [...statuses])
    .orderBy('raised_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Alerts of an indicator, oldest first. */
export async function alertsOfIndicator(
  db: ProductionDb,
  indicatorId: string,
  limit: number,
): Promise<T['alerts'][]> {
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .orderBy('period', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}

/**
 * Gives the latest alert of an indicator a new kind (the open episode's: the rule raises no other while it is
 * open) and returns it as it was, or undefined when the indicator has none.
 */
export async function reviseLatestAlert(
  db: ProductionDb,
  indicatorId: string,
  kind: string,
): Promise<T['alerts'] | undefined> {
  const latest = await db
    .selectFrom('alerts')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .orderBy('period', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (latest === undefined || latest.kind === kind) return latest;
  await db.updateTable('alerts').set({ kind }).where('id', '=', latest.id).execute();
  return latest;
}

/** Marks an open alert acknowledged; false when it was no longer open. */
export async function acknowledge(
  db: ProductionDb,
  id: string,
  accountId: string,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('alerts')
    .set({ status: 'acknowledged', acknowledged_at: at, acknowledged_by: accountId, deadline: null })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Resolves an open or acknowledged alert; false when it was already resolved. */
export async function resolve(
  db: ProductionDb,
  id: string,
  accountId: string,
  at: string,
  resolution: string,
): Promise<boolean> {
  const r = await db
    .updateTable('alerts')
    .set({ status: 'resolved', resolved_at: at, resolved_by: accountId, resolution, deadline: null })
    .where('id', '=', id)
    .where('status', '!=', 'resolved')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Adds a comment. */
export async function insertComment(db: ProductionDb, row: T['alert_comments']): Promise<void> {
  await db.insertInto('alert_comments').values(row).execute();
}

/** Comments of an alert, oldest first. */
export async function commentsOf(db: ProductionDb, alertId: string): Promise<T['alert_comments'][]> {
  return db
    .selectFrom('alert_comments')
    .selectAll()
    .where('alert_id', '=', alertId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Open alerts whose deadline has passed, oldest deadline first. With `lock` on PostgreSQL (inside
 * a transaction) the rows are locked and rows another runner holds are skipped (`FOR UPDATE SKIP
 * LOCKED`), so concurrent runners share the work instead of queueing on it; SQLite serialises
 * writers itself.
 */
export async function dueAlerts(
  db: ProductionDb,
  lock: DialectKind | null,
  now: string,
  limit: number,
): Promise<T['alerts'][]> {
  let q = db
    .selectFrom('alerts')
    .selectAll()
    .where('status', '=', 'open')
    .where('deadline', 'is not', null)
    .where('deadline', '<=', now)
    .orderBy('deadline')
    .orderBy('id')
    .limit(limit);
  if (lock === 'postgres') q = q.forUpdate().skipLocked();
  return q.execute();
}

/**
 * Moves an alert one level up — only if it is still open at `level` with `deadline`
 * (compare-and-set), so a retried or concurrent run never escalates it twice. True when it moved.
 */
export async function escalate(
  db: ProductionDb,
  alert: { id: string; level: number; deadline: string },
  next: { bodyId: string; level: number; deadline: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('alerts')
    .set({ body_id: next.bodyId, level: next.level, deadline: next.deadline })
    .where('id', '=', alert.id)
    .where('status', '=', 'open')
    .where('level', '=', alert.level)
    .where('deadline', '=', alert.deadline)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Stops the clock of an alert at the top of the federation (nobody above to escalate to). */
export async function clearDeadline(
  db: ProductionDb,
  alert: { id: string; level: number; deadline: string },
): Promise<boolean> {
  const r = await db
    .updateTable('alerts')
    .set({ deadline: null })
    .where('id', '=', alert.id)
    .where('status', '=', 'open')
    .where('level', '=', alert.level)
    .where('deadline', '=', alert.deadline)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Acknowledgement hours of indicators, by id. */
export async function ackHoursOfIndicators(
  db: ProductionDb,
  ids: readonly string[],
): Promise<Map<string, Pick<T['indicators'], 'ack_hours_low' | 'ack_hours_medium' | 'ack_hours_high'>>> {
  const out = new Map<
    string,
    Pick<T['indicators'], 'ack_hours_low' | 'ack_hours_medium' | 'ack_hours_high'>
  >();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('indicators')
      .select(['id', 'ack_hours_low', 'ack_hours_medium', 'ack_hours_high'])
      .where('id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}
