import type { PlanningTables } from './planning.tables.js';
import type { PlanningDb } from './planning-db.js';

type T = PlanningTables;

const CHUNK = 200;

/** Inserts a plan. */
export async function insertPlan(db: PlanningDb, row: T['plans']): Promise<void> {
  await db.insertInto('plans').values(row).execute();
}

/** A plan by id. */
export async function findPlan(db: PlanningDb, id: string): Promise<T['plans'] | undefined> {
  return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The plan whose motion (not an amendment) this is. */
export async function planOfMotion(db: PlanningDb, motionId: string): Promise<T['plans'] | undefined> {
  return db.selectFrom('plans').selectAll().where('motion_id', '=', motionId).executeTakeFirst();
}

/** Plans, newest first (at most 200), optionally of one period. */
export async function listPlans(db: PlanningDb, period?: string): Promise<T['plans'][]> {
  let q = db.selectFrom('plans').selectAll();
  if (period !== undefined) q = q.where('period', '=', period);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(200).execute();
}

/** Changes columns of a plan. */
export async function updatePlan(db: PlanningDb, id: string, patch: Partial<T['plans']>): Promise<void> {
  await db.updateTable('plans').set(patch).where('id', '=', id).execute();
}

/**
 * Sets a plan's status only if it is still `from` (compare-and-set); true when it moved, so two
 * concurrent adoptions issue quotas once.
 */
export async function movePlanStatus(
  db: PlanningDb,
  id: string,
  from: string,
  patch: Partial<T['plans']> & { status: string },
): Promise<boolean> {
  const r = await db
    .updateTable('plans')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A plan's targets, by product then kind. */
export async function targetsOf(db: PlanningDb, planId: string): Promise<T['plan_targets'][]> {
  const rows = await db
    .selectFrom('plan_targets')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('product_id')
    .orderBy('kind')
    .execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

/** Inserts or replaces targets (same plan, product and kind). */
export async function upsertTargets(db: PlanningDb, rows: T['plan_targets'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('plan_targets')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(['plan_id', 'product_id', 'kind']).doUpdateSet((eb) => ({
          quantity: eb.ref('excluded.quantity'),
          body_id: eb.ref('excluded.body_id'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
}

/** Inserts a solve job. */
export async function insertSolve(db: PlanningDb, row: T['plan_solves']): Promise<void> {
  await db.insertInto('plan_solves').values(row).execute();
}

/** A solve by id. */
export async function findSolve(db: PlanningDb, id: string): Promise<T['plan_solves'] | undefined> {
  return db.selectFrom('plan_solves').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Solves by id (unknown ids are absent). */
export async function solvesByIds(db: PlanningDb, ids: readonly string[]): Promise<T['plan_solves'][]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('plan_solves')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

/** Solves still `solving` (a stopped process left them). */
export async function solvesInProgress(db: PlanningDb): Promise<T['plan_solves'][]> {
  return db.selectFrom('plan_solves').selectAll().where('status', '=', 'solving').execute();
}

/** Records the end of a solve, only if it is still solving; true when it did. */
export async function finishSolve(
  db: PlanningDb,
  id: string,
  patch: Pick<T['plan_solves'], 'status' | 'result' | 'error' | 'solve_ms' | 'finished_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('plan_solves')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', 'solving')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Inserts an amendment. */
export async function insertAmendment(db: PlanningDb, row: T['plan_amendments']): Promise<void> {
  await db.insertInto('plan_amendments').values(row).execute();
}

/** A plan's amendments, oldest first. */
export async function amendmentsOf(db: PlanningDb, planId: string): Promise<T['plan_amendments'][]> {
  return db
    .selectFrom('plan_amendments')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Inserts quotas. */
export async function insertQuotas(db: PlanningDb, rows: T['plan_quotas'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('plan_quotas')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** Quotas of a plan. */
export async function quotasOf(db: PlanningDb, planId: string): Promise<T['plan_quotas'][]> {
  const rows = await db
    .selectFrom('plan_quotas')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('workplace_id')
    .orderBy('product_id')
    .execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity), capacity: Number(r.capacity) }));
}

/** Quotas of a workplace in adopted plans, with the plan's period, newest period first. */
export async function quotasOfWorkplace(
  db: PlanningDb,
  workplaceId: string,
): Promise<(T['plan_quotas'] & { period: string; title: string })[]> {
  const rows = await db
    .selectFrom('plan_quotas')
    .innerJoin('plans', 'plans.id', 'plan_quotas.plan_id')
    .selectAll('plan_quotas')
    .select(['plans.period as period', 'plans.title as title'])
    .where('plan_quotas.workplace_id', '=', workplaceId)
    .where('plans.status', '=', 'adopted')
    .orderBy('plans.period', 'desc')
    .orderBy('plan_quotas.product_id')
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity), capacity: Number(r.capacity) }));
}
