import { type Kysely, sql } from 'kysely';
import type { Tables } from '../db/tables.js';
import type { LandTables } from '../land/land.tables.js';
import type { LogisticsTables } from '../logistics/logistics.tables.js';
import type { PlanningTables } from '../planning/planning.tables.js';
import type { ProductionTables } from '../production/production.tables.js';
import type { ResupplyTables } from '../supply/resupply.tables.js';
import type { SupplyTables } from '../supply/supply.tables.js';
import type { TourAnchors } from './overview-views.js';

/**
 * The overview's read model: counts over every area's tables, read-only. It is the one store that
 * reads other areas' tables — a dashboard across the loop cannot ask each area for a dozen counts
 * one by one — and it writes nothing. Each query is one grouped scan of one table (or an index).
 */
export type OverviewDb = Kysely<
  Tables & ProductionTables & SupplyTables & ResupplyTables & LogisticsTables & LandTables & PlanningTables
>;

/** Widens a handle to every table the overview reads. */
export function overviewDb(db: Kysely<Tables>): OverviewDb {
  // Some areas declare their tables as interfaces, which `withTables` does not accept; the handle
  // is the same object, only its static table list widens.
  return db as unknown as OverviewDb;
}

/**
 * The tables and columns the overview counts rows by. A fixed list, so the one query below never
 * takes a table or column name from input.
 */
export const COUNTED = Object.freeze({
  bodiesByKind: ['bodies', 'kind'],
  petitionsByStatus: ['recall_petitions', 'status'],
  workplacesByStatus: ['workplaces', 'status'],
  alertsByStatus: ['alerts', 'status'],
  priceReportsByStatus: ['supply_price_reports', 'status'],
  resupplyByStatus: ['supply_resupply_requests', 'status'],
  vehiclesByStatus: ['vehicles', 'status'],
  shipmentsByStatus: ['shipments', 'status'],
  parcelsByStatus: ['parcels', 'status'],
  plansByStatus: ['plans', 'status'],
} as const);

/** Rows per value of one of the counted columns, as a plain record (`{ open: 3, resolved: 9 }`). */
export async function countBy(db: OverviewDb, which: keyof typeof COUNTED): Promise<Record<string, number>> {
  const [table, column] = COUNTED[which];
  const { rows } = await sql<{ key: string; n: number | string }>`
    select ${sql.ref(column)} as key, count(*) as n from ${sql.table(table)} group by ${sql.ref(column)}`.execute(
    db,
  );
  const out: Record<string, number> = {};
  for (const r of rows) out[String(r.key)] = Number(r.n);
  return out;
}

/** Seats held now (delegates sitting in councils). */
export async function seatedDelegates(db: OverviewDb): Promise<number> {
  const r = await db
    .selectFrom('seats')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('vacated_at', 'is', null)
    .where('holder_person_id', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Open (unresolved) alerts per level: 0 workplace, 1 cordón, 2 region, 3 nation. */
export async function openAlertsByLevel(db: OverviewDb): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('alerts')
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '!=', 'resolved')
    .groupBy('level')
    .execute();
  const out: Record<string, number> = {};
  for (const r of rows) out[String(r.level)] = Number(r.n);
  return out;
}

/** Households registered with supply committees. */
export async function households(db: OverviewDb): Promise<number> {
  const r = await db
    .selectFrom('supply_households')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Claims (handovers) recorded in a period. */
export async function claimsIn(db: OverviewDb, period: string): Promise<number> {
  const r = await db
    .selectFrom('supply_claims')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('period', '=', period)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Finds the tour's anchors with one small query each. */
export async function tourAnchors(db: OverviewDb): Promise<TourAnchors> {
  const [alert, cordon, committee, plan, recall, economicPlan] = await Promise.all([
    db
      .selectFrom('alerts')
      .select(['workplace_id', 'body_id'])
      .where('status', '!=', 'resolved')
      .orderBy('level', 'desc')
      .orderBy('raised_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('bodies')
      .select('id')
      .where('kind', '=', 'cordon')
      .orderBy('name')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('bodies')
      .select('id')
      .where('kind', '=', 'supply-committee')
      .where((eb) =>
        eb.exists(eb.selectFrom('supply_households').select('id').whereRef('committee_id', '=', 'bodies.id')),
      )
      .orderBy('name')
      .limit(1)
      .executeTakeFirst(),
    db.selectFrom('route_plans').select('id').orderBy('created_at', 'desc').limit(1).executeTakeFirst(),
    db
      .selectFrom('recall_petitions')
      .select('body_id')
      .where('status', '=', 'recalled')
      .orderBy('closed_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('plans')
      .select('id')
      .where('status', 'in', ['before-assembly', 'adopted'])
      // 'before-assembly' sorts first: the plan being decided is the one to show
      .orderBy('status', 'asc')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return {
    alertWorkplaceId: alert?.workplace_id ?? null,
    alertBodyId: alert?.body_id ?? null,
    cordonId: cordon?.id ?? null,
    committeeId: committee?.id ?? null,
    routePlanId: plan?.id ?? null,
    recallBodyId: recall?.body_id ?? null,
    planId: economicPlan?.id ?? null,
  };
}

/**
 * The newest audit events whose action is one of `actions` and that the reader may see — unscoped
 * ones, those scoped to one of `bodyIds` (the bodies they belong to or sit in) or to themselves —
 * by the time they happened (a scenario may write a story's events after others with earlier
 * dates), at most `limit`.
 */
export function notableEvents(
  db: OverviewDb,
  filter: { actions: readonly string[]; bodyIds: readonly string[]; personId: string },
  limit: number,
) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', 'in', [...filter.actions])
    .where((eb) =>
      eb.or([
        eb.and([eb('scope_body_id', 'is', null), eb('scope_person_id', 'is', null)]),
        eb('scope_person_id', '=', filter.personId),
        ...(filter.bodyIds.length > 0
          ? [eb.and([eb('scope_person_id', 'is', null), eb('scope_body_id', 'in', [...filter.bodyIds])])]
          : []),
      ]),
    )
    .orderBy('occurred_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}
