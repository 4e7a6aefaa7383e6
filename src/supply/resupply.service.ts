import type { CommandMeta, CommandScope } from '../audit/audit.service.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { metaOf } from '../councils/councils.service.js';
import type { Principal } from '../identity/principal.js';
import { shortfall } from './core/shortfall.js';
import { type EntitlementsService, periodOrThrow } from './entitlements.service.js';
import * as store from './resupply.store.js';
import { type ResupplyDb, resupplyDb } from './resupply.store.js';
import * as supplyStore from './supply.store.js';
import type { SupplyContext } from './supply-context.js';

/** One good's position and shortfall, with its name for display; units are the good's own. */
export interface ShortfallView {
  readonly goodId: string;
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly due: number;
  readonly claimed: number;
  readonly onHand: number;
  readonly inTransit: number;
  readonly short: number;
}

/** A resupply request as the committee sees it. */
export interface ResupplyView {
  readonly id: string;
  readonly committeeId: string;
  readonly pointId: string;
  readonly period: string;
  readonly status: 'requested' | 'delivered' | 'unrouted';
  readonly shipmentId: string | null;
  readonly unroutedReason: string | null;
  readonly requestedAt: string;
  readonly deliveredAt: string | null;
  readonly lines: { goodId: string; quantity: number }[];
}

/** What a request for transport carries to the router that turns it into a shipment. */
export interface ResupplyFacts {
  readonly requestId: string;
  readonly committeeId: string;
  readonly pointId: string;
  readonly period: string;
  /** YYYY-MM-DD: the day it is wanted (the day it is asked for — the next day plan takes it). */
  readonly dueDate: string;
  readonly lines: readonly { goodCode: string; unit: string; quantity: number }[];
}

/** The outcome of routing a request: its shipment, or why none could be planned. */
export type ResupplyRouting = { readonly shipmentId: string } | { readonly unroutedReason: string };

/**
 * Turns a request into transport inside the request's command (same transaction). The deployment
 * wires the logistics area here (src/server/area-links.ts); without one a request stays unrouted.
 */
export type ResupplyRouter = (c: CommandScope, facts: ResupplyFacts) => Promise<ResupplyRouting>;

/** The outcome of asking for resupply: a request, or nothing short (an expected outcome, not an error). */
export type ResupplyOutcome =
  | { readonly status: 'requested'; readonly request: ResupplyView; readonly shortfall: ShortfallView[] }
  | { readonly status: 'nothing-short'; readonly shortfall: ShortfallView[] };

function viewOf(r: Awaited<ReturnType<typeof store.requestsOf>>[number]): ResupplyView {
  return {
    id: r.request.id,
    committeeId: r.request.committee_id,
    pointId: r.request.point_id,
    period: r.request.period,
    status: r.request.status as ResupplyView['status'],
    shipmentId: r.request.shipment_id,
    unroutedReason: r.request.unrouted_reason,
    requestedAt: r.request.requested_at,
    deliveredAt: r.request.delivered_at,
    lines: r.lines.map((l) => ({ goodId: l.good_id, quantity: l.quantity })),
  };
}

/** The request's columns once routed: its shipment, or `unrouted` with the reason. */
function routingColumns(
  routing: ResupplyRouting,
): Pick<store.ResupplyRow, 'status' | 'shipment_id' | 'unrouted_reason'> {
  return 'shipmentId' in routing
    ? { status: 'requested', shipment_id: routing.shipmentId, unrouted_reason: null }
    : { status: 'unrouted', shipment_id: null, unrouted_reason: routing.unroutedReason };
}

/** The positions once what was short is on its way: recounted by the same rule, without re-reading. */
function onItsWay(lines: readonly ShortfallView[]): ShortfallView[] {
  const recounted = shortfall(lines.map((l) => ({ ...l, inTransit: l.inTransit + l.short })));
  return lines.map((l, i) => ({ ...l, inTransit: l.inTransit + l.short, short: recounted[i]!.short }));
}

/**
 * Resupply: a committee's shortfall for a period (what households are still owed, less stock and
 * what is on its way) and requests that bring it to a distribution point. This is the arrow from
 * shortfalls at committees to shipments: each request is routed to a logistics shipment in the
 * same transaction, and the shipment's delivery (which raises the point's stock) marks it delivered.
 *
 * Who may: see the shortfall and requests — members, officers and claim tokens of the committee;
 * request — its officers (chair, secretary).
 */
export class ResupplyService {
  private router: ResupplyRouter | undefined;

  constructor(
    private readonly ctx: SupplyContext,
    private readonly entitlements: EntitlementsService,
  ) {}

  /** Connects the transport that requests become (the deployment wires logistics). */
  routeWith(router: ResupplyRouter): void {
    this.router = router;
  }

  private async assertSees(principal: Principal, committeeId: string): Promise<void> {
    if (!(await this.ctx.councils.may(principal, 'body.view', committeeId)))
      await this.ctx.councils.assertMay(principal, 'body.claim', committeeId);
  }

  private async positions(db: ResupplyDb, committeeId: string, period: string): Promise<ShortfallView[]> {
    const totals = await this.entitlements.committeeTotalsIn(db, committeeId, period);
    const [claimed, onHand, inTransit] = await Promise.all([
      supplyStore.claimTotals(db, committeeId, period),
      store.onHand(db, committeeId),
      store.inTransit(db, committeeId, period),
    ]);
    const by = (rows: { good_id: string; units: number }[]) => new Map(rows.map((r) => [r.good_id, r.units]));
    const [c, h, t] = [by(claimed), by(onHand), by(inTransit)];
    const lines = shortfall(
      totals.map((g) => ({
        goodId: g.goodId,
        due: g.units,
        claimed: c.get(g.goodId) ?? 0,
        onHand: h.get(g.goodId) ?? 0,
        inTransit: t.get(g.goodId) ?? 0,
      })),
    );
    return lines.map((l, i) => {
      const g = totals[i] as (typeof totals)[number];
      return { ...l, code: g.code, name: g.name, unit: g.unit };
    });
  }

  /**
   * The committee's position and shortfall per good for a period.
   *
   * @example await supply.resupply.shortfall(officer, japId, '1972-W42')
   */
  async shortfall(principal: Principal, committeeId: string, period: string): Promise<ShortfallView[]> {
    periodOrThrow(period, 'query.period');
    await this.assertSees(principal, committeeId);
    return this.positions(resupplyDb(this.ctx.database.db), committeeId, period);
  }

  /**
   * Requests the period's shortfall at one of the committee's points. The request and its shipment
   * are one command; nothing short is returned as such and writes nothing.
   *
   * @example await supply.resupply.request(officer, japId, { period: '1972-W42', pointId })
   */
  async request(
    principal: Principal,
    committeeId: string,
    input: { period: string; pointId: string },
    meta?: CommandMeta,
  ): Promise<ResupplyOutcome> {
    periodOrThrow(input.period, 'body.period');
    await this.ctx.assertManagesCommittee(principal, committeeId);
    const point = await this.ctx.point(this.ctx.db, input.pointId);
    if (!point || point.committee_id !== committeeId)
      throw new AppError('not-found', { field: 'body.pointId', params: { field: 'body.pointId' } });
    return this.ctx.audit.runCommand(metaOf(principal, meta), async (c): Promise<ResupplyOutcome> => {
      const db = resupplyDb(c.trx);
      await store.lockCommittee(db, committeeId, this.ctx.database.kind === 'postgres');
      const lines = await this.positions(db, committeeId, input.period);
      const wanted = lines.filter((l) => l.short > 0);
      if (wanted.length === 0) return { status: 'nothing-short', shortfall: lines };
      const id = newId();
      const row = {
        id,
        committee_id: committeeId,
        point_id: point.id,
        period: input.period,
        status: 'requested',
        shipment_id: null,
        unrouted_reason: null,
        requested_at: c.now,
        delivered_at: null,
      };
      const requested = wanted.map((l) => ({ request_id: id, good_id: l.goodId, quantity: l.short }));
      await store.insertRequest(db, row, requested);
      const routing: ResupplyRouting = this.router
        ? await this.router(c, {
            requestId: id,
            committeeId,
            pointId: point.id,
            period: input.period,
            dueDate: c.now.slice(0, 10),
            lines: wanted.map((l) => ({ goodCode: l.code, unit: l.unit, quantity: l.short })),
          })
        : { unroutedReason: 'no-transport' };
      const routed = routingColumns(routing);
      await store.setRouting(db, id, routed);
      c.record({
        action: 'supply.resupply-requested',
        subjectType: 'supply-request',
        subjectId: id,
        scopeBodyId: committeeId,
        payload: {
          period: input.period,
          pointId: point.id,
          goods: wanted.map((l) => ({ code: l.code, quantity: l.short, unit: l.unit })),
          ...routing,
        },
      });
      // What is routed is on its way now; an unrouted request moves nothing (as `positions` counts).
      const after = routed.status === 'requested' ? onItsWay(lines) : lines;
      return {
        status: 'requested',
        request: viewOf({ request: { ...row, ...routed }, lines: requested }),
        shortfall: after,
      };
    });
  }

  /** The committee's requests, newest first (at most 200). */
  async list(principal: Principal, committeeId: string): Promise<ResupplyView[]> {
    await this.assertSees(principal, committeeId);
    return (await store.requestsOf(resupplyDb(this.ctx.database.db), committeeId, 200)).map(viewOf);
  }

  /** The ids of a committee's distribution points, by name (for the system: scenario loads, links). */
  async pointIdsOf(committeeId: string): Promise<string[]> {
    return (await supplyStore.pointsOf(this.ctx.db, committeeId)).map((p) => p.id);
  }

  /**
   * Marks a request delivered inside the delivery's transaction (logistics' `onDelivered`); a
   * request already delivered or unknown is left alone, so a replayed delivery changes nothing.
   */
  async deliveredIn(db: Parameters<typeof resupplyDb>[0], requestId: string, at: string): Promise<boolean> {
    return store.markDelivered(resupplyDb(db), requestId, at);
  }
}
