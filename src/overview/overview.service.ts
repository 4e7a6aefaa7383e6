import type { AuditEventView } from '../audit/audit.service.js';
import { toView } from '../audit/audit.service.js';
import type { Clock } from '../core/clock.js';
import type { CouncilsService } from '../councils/councils.service.js';
import type { Database } from '../db/database.js';
import type { PersonPrincipal } from '../identity/principal.js';
import { weekOf } from '../supply/period.js';
import * as store from './overview.store.js';
import { type OverviewDb, overviewDb } from './overview.store.js';
import type { Overview } from './overview-views.js';

const DAY_MS = 86_400_000;

/**
 * The audit actions the chronicle tells: the loop's turning points (decisions, escalations,
 * recalls, trucks withdrawn and requisitioned, shortfalls asked for and delivered), not the
 * routine (sign-ins, claims, report batches).
 */
export const NOTABLE_ACTIONS = Object.freeze([
  'councils.motion-decided',
  'councils.delegate-recalled',
  'councils.petition-opened',
  'production.workplace-status-changed',
  'production.alert-escalated',
  'production.alert-unanswered-at-top',
  'production.alert-resolved',
  'planning.plan-adopted',
  'planning.plan-proposed',
  'planning.plan-rejected',
  'supply.resupply-requested',
  'supply.rules-adopted',
  'supply.price-adopted',
  'supply.price-reported',
  'supply.price-report-advanced',
  'logistics.vehicle-requisitioned',
  'logistics.vehicle-returned',
  'logistics.vehicle-out-of-service',
  'logistics.plan-completed',
  'logistics.stop-failed',
  'land.parcel-expropriated',
  'land.parcel-occupied',
] as const);

/**
 * The overview a newcomer lands on and the chronicle of notable events. Figures are counts any
 * signed-in person may see (no names, no households); the chronicle shows only the events the
 * person may see, as the audit page does.
 */
export class OverviewService {
  private readonly db: OverviewDb;

  constructor(
    database: Database,
    private readonly councils: CouncilsService,
    private readonly clock: Clock,
  ) {
    this.db = overviewDb(database.db);
  }

  /** Every area's figures now. */
  async overview(): Promise<Overview> {
    const now = this.clock.now();
    const week = weekOf(now);
    const lastWeek = weekOf(now - 7 * DAY_MS);
    const db = this.db;
    const [
      bodies,
      seatedDelegates,
      petitions,
      workplaces,
      alerts,
      openAlertsByLevel,
      households,
      claimsThisWeek,
      claimsLastWeek,
      priceReports,
      resupply,
      vehicles,
      shipments,
      parcels,
      plans,
      tour,
    ] = await Promise.all([
      store.countBy(db, 'bodiesByKind'),
      store.seatedDelegates(db),
      store.countBy(db, 'petitionsByStatus'),
      store.countBy(db, 'workplacesByStatus'),
      store.countBy(db, 'alertsByStatus'),
      store.openAlertsByLevel(db),
      store.households(db),
      store.claimsIn(db, week),
      store.claimsIn(db, lastWeek),
      store.countBy(db, 'priceReportsByStatus'),
      store.countBy(db, 'resupplyByStatus'),
      store.countBy(db, 'vehiclesByStatus'),
      store.countBy(db, 'shipmentsByStatus'),
      store.countBy(db, 'parcelsByStatus'),
      store.countBy(db, 'plansByStatus'),
      store.tourAnchors(db),
    ]);
    return {
      at: new Date(now).toISOString(),
      councils: { bodies, seatedDelegates, petitions },
      production: { workplaces, alerts, openAlertsByLevel },
      supply: { households, week, claimsThisWeek, lastWeek, claimsLastWeek, priceReports, resupply },
      logistics: { vehicles, shipments },
      land: { parcels },
      planning: { plans },
      tour,
    };
  }

  /**
   * The newest notable events the person may see, by when they happened (at most `limit`): the
   * same rule as the audit page (`body.view` is membership or a seat, i.e. `councils.bodiesOf`),
   * applied in the query so a person who sees little still gets a full page.
   */
  async chronicle(principal: PersonPrincipal, limit: number): Promise<AuditEventView[]> {
    const bodies = await this.councils.bodiesOf(principal.personId);
    const rows = await store.notableEvents(
      this.db,
      { actions: NOTABLE_ACTIONS, bodyIds: bodies.map((b) => b.bodyId), personId: principal.personId },
      limit,
    );
    return rows.map(toView);
  }
}
