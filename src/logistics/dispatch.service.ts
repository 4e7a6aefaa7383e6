import type { CommandMeta, CommandScope } from '../audit/audit.service.js';
import { AppError, type Localized } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Principal } from '../identity/principal.js';
import * as store from './logistics.store.js';
import type { LogisticsTables } from './logistics.tables.js';
import { type LogisticsActor, type LogisticsContext, metaFor } from './logistics-context.js';
import { type LogisticsDb, logisticsDb } from './logistics-db.js';
import type { DriverRouteView, PlanRouteView, PlanView } from './logistics-views.js';
import { type RoutePlanningService, routeViews } from './route-planning.service.js';

/** What a driver records at a stop. */
export type StopEvent = 'picked-up' | 'delivered' | 'failed';

/** A delivered shipment, as handed to `onDelivered`. */
export interface DeliveredShipment {
  readonly shipmentId: string;
  readonly toPlaceId: string;
  /** Supply's distribution point the destination is, when linked. */
  readonly supplyPointId: string | null;
  /** Why the shipment exists (`supply-request`, `spare-parts-order`, `direct`) and the id of that record. */
  readonly source: string;
  readonly sourceRef: string | null;
  readonly goods: { good: string; quantity: number; unit: string }[];
  readonly deliveredAt: string;
}

/** A shipment a driver has just loaded, as handed to `onPickedUp`. */
export interface PickedUpShipment {
  readonly shipmentId: string;
  readonly fromPlaceId: string;
  /** The body that runs the origin place (a cordón's depot, a peasant committee's farm), if any. */
  readonly fromBodyId: string | null;
  readonly goods: { good: string; quantity: number; unit: string }[];
}

/**
 * What loading a shipment does beyond logistics, inside the pickup's command; throwing refuses the
 * pickup (nothing is recorded). The deployment wires `pickupsDrawHarvestStock`.
 */
export type OnPickedUp = (pickup: PickedUpShipment, c: CommandScope) => Promise<void>;

/**
 * What happens when a shipment is delivered, inside the delivery's transaction. The default
 * (`recordInLedger`) writes the quantities into logistics' own `deliveries` ledger; the deployment
 * wires `deliveriesRaiseSupplyStock` (src/server/area-links.ts), which also raises the stock of a
 * destination linked to a supply distribution point.
 */
export type OnDelivered = (delivery: DeliveredShipment, db: LogisticsDb) => Promise<void>;

/** The default `OnDelivered`: one ledger row per goods line at the destination. */
export const recordInLedger: OnDelivered = async (delivery, db) => {
  await store.insertDeliveries(
    db,
    delivery.goods.map((g) => ({
      id: newId(),
      shipment_id: delivery.shipmentId,
      place_id: delivery.toPlaceId,
      good: g.good,
      quantity: g.quantity,
      unit: g.unit,
      delivered_at: delivery.deliveredAt,
    })),
  );
};

function conflict(field: string, reason: Localized): AppError {
  return new AppError('conflict', { field, params: { field, reason } });
}

/** The stop's status a driver's event starts from, and the one it leads to. */
const MOVES: Readonly<Record<StopEvent, readonly string[]>> = Object.freeze({
  'picked-up': ['planned'],
  delivered: ['picked-up'],
  failed: ['planned', 'picked-up'],
});

/**
 * Dispatch: a solved plan handed to its trucks' drivers, and the drivers' records per stop —
 * picked up at the depot, delivered (the shipment is delivered and `onDelivered` runs) or failed
 * (the shipment goes back to `requested` for the next plan).
 *
 * Who may: dispatch — officers (or a council's delegates) of the plan's body; record a stop —
 * the route's driver, signed in or through an API token of their account with `logistics:drive`;
 * read a route — any signed-in person, a token only its driver's.
 */
export class DispatchService {
  constructor(
    private readonly ctx: LogisticsContext,
    private readonly planning: RoutePlanningService,
    private readonly onDelivered: OnDelivered = recordInLedger,
    private readonly onPickedUp?: OnPickedUp,
  ) {}

  /**
   * Dispatches a solved (or partial) plan: each route's driver is its truck's driver now.
   *
   * @example await dispatch.dispatch(p, planId);
   */
  async dispatch(actor: LogisticsActor, planId: string, meta?: CommandMeta): Promise<PlanView> {
    const plan = await store.findPlan(this.ctx.db, planId);
    if (!plan || !(await this.ctx.mayDecide(actor, plan.body_id))) throw new AppError('forbidden');
    await this.ctx.audit.runCommand(metaFor(actor, meta), async (c) => {
      const db = logisticsDb(c.trx);
      const now = await store.findPlan(db, planId);
      if (now?.status !== 'solved' && now?.status !== 'partial')
        throw conflict('params.id', {
          en: `a ${now?.status} plan cannot be dispatched`,
          es: `un plan en estado ${now?.status} no puede despacharse`,
        });
      const routes = await store.routesOf(db, planId);
      const drivers: Record<string, string | null> = {};
      for (const r of routes) {
        const v = await store.findVehicle(db, r.vehicle_id);
        const driver = v?.driver_account_id ?? null;
        await store.setRouteDriver(db, r.id, driver);
        drivers[r.id] = driver;
      }
      await store.updatePlan(db, planId, { status: 'dispatched', dispatched_at: c.now });
      c.record({
        action: 'logistics.plan-dispatched',
        subjectType: 'route-plan',
        subjectId: planId,
        scopeBodyId: plan.body_id,
        payload: {
          routes: routes.length,
          withoutDriver: Object.values(drivers).filter((d) => d === null).length,
        },
      });
    });
    return this.planning.get(planId);
  }

  /** The routes of dispatched plans the principal drives (their account), newest plan first. */
  async myRoutes(principal: Principal): Promise<DriverRouteView[]> {
    if (principal.kind === 'token' && !principal.scopes.includes('logistics:drive'))
      throw new AppError('forbidden');
    const routes = await store.routesOfDriver(this.ctx.db, principal.accountId);
    return Promise.all(routes.map((r) => this.view(r)));
  }

  /** One route with its stops; a token only when its account drives it. */
  async route(principal: Principal, routeId: string): Promise<DriverRouteView> {
    const r = await store.findRoute(this.ctx.db, routeId);
    if (!r)
      throw new AppError(principal.kind === 'token' ? 'forbidden' : 'not-found', {
        field: 'params.id',
        params: { field: 'route' },
      });
    if (principal.kind === 'token' && !this.drives(principal, r)) throw new AppError('forbidden');
    return this.view(r);
  }

  /**
   * Records a driver's event at a stop; 409 when the stop is not in a state the event follows
   * (delivered before picked up, twice, on a plan not dispatched).
   *
   * @example await dispatch.record(driver, stopId, 'delivered');
   */
  async record(
    principal: Principal,
    stopId: string,
    event: StopEvent,
    options: { reason?: string | null } = {},
    meta?: CommandMeta,
  ): Promise<DriverRouteView> {
    const stop = await store.findStop(this.ctx.db, stopId);
    const route = stop ? await store.findRoute(this.ctx.db, stop.route_id) : undefined;
    // an unknown stop and another driver's stop answer alike
    if (!stop || !route || !this.drives(principal, route)) throw new AppError('forbidden');
    await this.ctx.audit.runCommand(metaFor(principal, meta), async (c) => {
      const db = logisticsDb(c.trx);
      const plan = await store.findPlan(db, stop.plan_id);
      if (plan?.status !== 'dispatched')
        throw conflict('params.id', { en: 'the plan is not dispatched', es: 'el plan no está despachado' });
      const current = await store.findStop(db, stop.id);
      const from = MOVES[event].find((s) => s === current?.status);
      if (!from || !(await store.moveStop(db, stop.id, from, event, c.now)))
        throw conflict('body.event', {
          en: `cannot record ${event} at a stop that is ${current?.status}`,
          es: `no se puede registrar ${event} en una parada en estado ${current?.status}`,
        });
      const shipment = (await store.findShipment(db, stop.shipment_id)) as LogisticsTables['shipments'];
      if (event === 'failed') {
        // back to the pool of requests: the next plan of the body takes it again
        await store.setShipmentStatus(
          db,
          [shipment.id],
          'requested',
          null,
          c.now,
          options.reason ?? 'failed',
        );
      } else {
        await store.setShipmentStatus(db, [shipment.id], event, shipment.plan_id, c.now);
      }
      if (event === 'picked-up' && this.onPickedUp) {
        const origin = await store.findPlace(db, shipment.from_place_id);
        const goods = await store.goodsOf(db, [shipment.id]);
        await this.onPickedUp(
          {
            shipmentId: shipment.id,
            fromPlaceId: shipment.from_place_id,
            fromBodyId: origin?.body_id ?? null,
            goods: goods.map((g) => ({ good: g.good, quantity: g.quantity, unit: g.unit })),
          },
          c,
        );
      }
      if (event === 'delivered') {
        const place = await store.findPlace(db, shipment.to_place_id);
        const goods = await store.goodsOf(db, [shipment.id]);
        await this.onDelivered(
          {
            shipmentId: shipment.id,
            toPlaceId: shipment.to_place_id,
            supplyPointId: place?.supply_point_id ?? null,
            source: shipment.source,
            sourceRef: shipment.source_ref,
            goods: goods.map((g) => ({ good: g.good, quantity: g.quantity, unit: g.unit })),
            deliveredAt: c.now,
          },
          db,
        );
      }
      c.record({
        action: `logistics.stop-${event}`,
        subjectType: 'shipment',
        subjectId: shipment.id,
        scopeBodyId: plan.body_id,
        payload: {
          stopId: stop.id,
          routeId: route.id,
          placeId: stop.place_id,
          reason: options.reason ?? null,
        },
      });
    });
    return this.view(route);
  }

  private drives(principal: Principal, route: LogisticsTables['plan_routes']): boolean {
    if (route.driver_account_id === null || route.driver_account_id !== principal.accountId) return false;
    return principal.kind === 'person' || principal.scopes.includes('logistics:drive');
  }

  private async view(r: LogisticsTables['plan_routes']): Promise<DriverRouteView> {
    const db = this.ctx.db;
    const [plan, vehicle, stops] = await Promise.all([
      store.findPlan(db, r.plan_id),
      store.findVehicle(db, r.vehicle_id),
      store.stopsOfRoute(db, r.id),
    ]);
    const [view] = routeViews([r], stops);
    return {
      ...(view as PlanRouteView),
      planId: r.plan_id,
      date: plan?.plan_date ?? '',
      plate: vehicle?.plate ?? '',
      depotPlaceId: vehicle?.depot_place_id ?? '',
    };
  }
}
