import type { CommandMeta } from '../audit/audit.service.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { localLeases, type ProcessLeases } from '../db/process-leases.js';
import type { RoutingProblem } from './core/routing-problem.js';
import { solveInWorker } from './core/solve-in-worker.js';
import type { RouteSolveResult, SolveRoutesOptions } from './core/solve-routes.js';
import * as store from './logistics.store.js';
import type { LogisticsTables } from './logistics.tables.js';
import { checkDate, type LogisticsActor, type LogisticsContext, metaFor } from './logistics-context.js';
import { logisticsDb } from './logistics-db.js';
import {
  IN_SERVICE,
  type PlanHeadView,
  type PlanRouteView,
  type PlanStatus,
  type PlanStopView,
  type PlanView,
  type UnplacedShipmentReason,
} from './logistics-views.js';
import { routingProblemsOf, type ShipmentToRoute } from './routing-problems-of.js';

/** The solver a plan uses; `solveInWorker` unless a test or the CLI gives another. */
export type RouteSolver = (problem: RoutingProblem, options: SolveRoutesOptions) => Promise<RouteSolveResult>;

/** Options of the planning service. */
export interface RoutePlanningOptions {
  /** Solver budget per origin, seconds (default 1). */
  readonly seconds?: number;
  /** Iteration cap per origin (default none: the time budget alone). */
  readonly maxIterations?: number;
  readonly solver?: RouteSolver;
  /**
   * Where a solving process marks the plans it is working on, so that another instance starting
   * up does not fail them as interrupted (`processLeasesFor(config.database)`; default: this
   * process only, right for one server).
   */
  readonly leases?: ProcessLeases;
}

/** The lease a process holds on a plan while it solves it. */
const planLease = (planId: string) => `route-plan:${planId}`;

/** The stored plan as presented without its routes. */
function planHead(p: LogisticsTables['route_plans']): Omit<PlanView, 'routes' | 'unplaced'> {
  return {
    id: p.id,
    bodyId: p.body_id,
    date: p.plan_date,
    status: p.status as PlanStatus,
    shipmentCount: p.shipment_count,
    distanceM: p.distance_m,
    vehiclesUsed: p.vehicles_used,
    iterations: p.iterations,
    solveMs: p.solve_ms,
    error: p.error,
    createdAt: p.created_at,
    completedAt: p.completed_at,
    dispatchedAt: p.dispatched_at,
  };
}

/** The routes of a plan as presented. */
export function routeViews(
  routes: readonly LogisticsTables['plan_routes'][],
  stops: readonly LogisticsTables['plan_stops'][],
): PlanRouteView[] {
  const byRoute = new Map<string, PlanStopView[]>();
  for (const s of stops) {
    const list = byRoute.get(s.route_id) ?? [];
    list.push({
      id: s.id,
      position: s.position,
      shipmentId: s.shipment_id,
      placeId: s.place_id,
      loadKg: s.load_kg,
      status: s.status as PlanStopView['status'],
    });
    byRoute.set(s.route_id, list);
  }
  return routes.map((r) => ({
    id: r.id,
    number: r.number,
    vehicleId: r.vehicle_id,
    driverAccountId: r.driver_account_id,
    loadKg: r.load_kg,
    distanceM: r.distance_m,
    stops: (byRoute.get(r.id) ?? []).sort((a, b) => a.position - b.position),
  }));
}

/**
 * Route planning: a day's requested shipments of a body's pool, the trucks in service based at
 * their origins, and the router run in a worker thread OFF the request path. `start` claims the
 * shipments, records the plan as `solving` and returns at once; the solve finishes in the
 * background, writes routes and unplaced shipments (released to the next plan) and records
 * `logistics.plan-completed` (or `logistics.plan-failed`). A plan left `solving` by a stopped
 * process is failed by `recoverInterrupted` when the server listens again, which releases its
 * shipments to the next plan.
 *
 * Who may: start — officers (or a council's delegates) of the pool's body; read — every
 * signed-in person.
 */
export class RoutePlanningService {
  private readonly running = new Map<string, Promise<void>>();
  private readonly seconds: number;
  private readonly maxIterations: number | undefined;
  private readonly solver: RouteSolver;
  private readonly leases: ProcessLeases;

  constructor(
    private readonly ctx: LogisticsContext,
    options: RoutePlanningOptions = {},
  ) {
    this.seconds = options.seconds ?? 1;
    this.maxIterations = options.maxIterations;
    this.solver = options.solver ?? solveInWorker;
    this.leases = options.leases ?? localLeases();
  }

  /**
   * Starts a plan for the pool of `bodyId` on `date` (taking the requested shipments due that day
   * or earlier) and returns it in status `solving`; the solve runs in the background.
   *
   * @example const plan = await planning.start(p, { bodyId: cordonId, date: '1972-10-20' }); await planning.settled(plan.id);
   */
  async start(
    actor: LogisticsActor,
    input: { bodyId: string; date: string; seed?: number },
    meta?: CommandMeta,
  ): Promise<PlanView> {
    if (!(await this.ctx.mayDecide(actor, input.bodyId))) throw new AppError('forbidden');
    checkDate('body.date', input.date);
    // false when the command id was seen before: the stored plan comes back and nothing is solved again
    let ran = false;
    // Held from before the plan exists until its solve ends: no instance ever sees it `solving`
    // and unleased while this process works on it.
    const id = newId();
    const lease = planLease(id);
    await this.leases.acquire(lease);
    const command = this.ctx.audit.runCommand(metaFor(actor, meta), async (c) => {
      ran = true;
      const db = logisticsDb(c.trx);
      const row: LogisticsTables['route_plans'] = {
        id,
        body_id: input.bodyId,
        plan_date: input.date,
        status: 'solving',
        seed: input.seed ?? 1,
        budget_ms: Math.round(this.seconds * 1000),
        shipment_count: 0,
        distance_m: null,
        vehicles_used: null,
        iterations: null,
        solve_ms: null,
        error: null,
        created_at: c.now,
        completed_at: null,
        dispatched_at: null,
      };
      await store.insertPlan(db, row);
      const claimed = await store.claimRequested(db, input.bodyId, input.date, id, c.now);
      row.shipment_count = claimed.length;
      await store.updatePlan(db, id, { shipment_count: claimed.length });
      c.record({
        action: 'logistics.plan-started',
        subjectType: 'route-plan',
        subjectId: id,
        scopeBodyId: input.bodyId,
        payload: { date: input.date, shipments: claimed.length },
      });
      return { ...planHead(row), routes: [], unplaced: [] } satisfies PlanView;
    });
    const plan = await command.catch(async (error: unknown) => {
      await this.leases.release(lease);
      throw error;
    });
    if (ran && plan.id === id && !this.running.has(plan.id)) {
      // solve() records its own failures; if even that write fails the database is gone and the
      // plan stays `solving`, which is what a reader should then see
      const job = this.solve(plan.id)
        .catch(() => undefined)
        .finally(() => this.running.delete(plan.id))
        .then(() => this.leases.release(lease))
        .catch(() => undefined);
      this.running.set(plan.id, job);
    } else {
      // a replayed command returned the stored plan: nothing is solved here
      await this.leases.release(lease);
    }
    return plan;
  }

  /** Resolves when the plan's background solve has ended (at once when none is running here). */
  async settled(planId: string): Promise<void> {
    await this.running.get(planId);
  }

  /** Resolves when every background solve has ended (for shutdown and tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.running.values()]);
  }

  /**
   * Fails every plan still `solving` that no live process is solving (the process that started it
   * stopped, and its lease went with it; with several instances, one still solving keeps its
   * plans), releasing its shipments to the next plan; returns how many. Call once when the server
   * starts listening.
   */
  async recoverInterrupted(): Promise<number> {
    const stuck: string[] = [];
    for (const p of await store.plansInStatus(this.ctx.db, 'solving'))
      if (!this.running.has(p.id) && (await this.leases.isFree(planLease(p.id)))) stuck.push(p.id);
    for (const id of stuck) await this.fail(id, 'interrupted: the server stopped while solving');
    return stuck.length;
  }

  /** A plan with its routes and unplaced shipments; 404 when unknown. */
  async get(planId: string): Promise<PlanView> {
    const p = await store.findPlan(this.ctx.db, planId);
    if (!p) throw new AppError('not-found', { field: 'params.id', params: { field: 'route plan' } });
    const [routes, stops, unplaced] = await Promise.all([
      store.routesOf(this.ctx.db, p.id),
      store.stopsOfPlan(this.ctx.db, p.id),
      store.unplacedOf(this.ctx.db, p.id),
    ]);
    return {
      ...planHead(p),
      routes: routeViews(routes, stops),
      unplaced: unplaced.map((u) => ({
        shipmentId: u.shipment_id,
        reason: u.reason as UnplacedShipmentReason,
      })),
    };
  }

  /** Plans, newest first, optionally of one body (at most 200). */
  async list(bodyId?: string): Promise<PlanHeadView[]> {
    return (await store.listPlans(this.ctx.db, bodyId)).map(planHead);
  }

  private async solve(planId: string): Promise<void> {
    const system = { kind: 'system', name: 'route-planner' } as const;
    const began = Date.now();
    try {
      const db = this.ctx.db;
      const plan = await store.findPlan(db, planId);
      if (!plan) return;
      const shipments = await store.listShipments(db, { planId, status: 'planned', limit: 100_000 });
      const vehicles = await store.listVehicles(db, { bodyId: plan.body_id, statuses: IN_SERVICE });
      const placeIds = new Set<string>();
      for (const s of shipments) placeIds.add(s.from_place_id).add(s.to_place_id);
      const places = new Map(
        (await store.placesByIds(db, [...placeIds])).map((p) => [
          p.id,
          { latMicro: p.lat_micro, lonMicro: p.lon_micro },
        ]),
      );
      const dayStart = Date.parse(`${plan.plan_date}T00:00:00Z`);
      const toRoute: ShipmentToRoute[] = shipments.map((s) => ({
        id: s.id,
        fromPlaceId: s.from_place_id,
        toPlaceId: s.to_place_id,
        weightKg: s.weight_kg,
        window:
          s.window_start !== null && s.window_end !== null
            ? {
                start: (Date.parse(s.window_start) - dayStart) / 1000,
                end: (Date.parse(s.window_end) - dayStart) / 1000,
              }
            : null,
      }));
      const { problems, noVehicle } = routingProblemsOf(
        toRoute,
        vehicles.map((v) => ({ id: v.id, depotPlaceId: v.depot_place_id, capacityKg: v.capacity_kg })),
        places,
      );
      const weightOf = new Map(shipments.map((s) => [s.id, s.weight_kg]));
      const placeOf = new Map(shipments.map((s) => [s.id, s.to_place_id]));
      const routes: LogisticsTables['plan_routes'][] = [];
      const stops: LogisticsTables['plan_stops'][] = [];
      const unplaced: LogisticsTables['plan_unplaced'][] = noVehicle.map((id) => ({
        plan_id: planId,
        shipment_id: id,
        reason: 'no-vehicle-at-origin',
      }));
      let distance = 0;
      let iterations = 0;
      for (const origin of problems) {
        const result = await this.solver(origin.problem, {
          seconds: this.seconds,
          seed: plan.seed,
          ...(this.maxIterations !== undefined ? { maxIterations: this.maxIterations } : {}),
        });
        if (result.status === 'invalid')
          throw new Error(`routing problem defects: ${result.defects.join('; ')}`);
        iterations += result.iterations;
        for (const route of result.routes) {
          const routeId = newId();
          let load = route.load;
          route.stops.forEach((place, i) => {
            const shipmentId = origin.shipmentOfPlace[place]!;
            stops.push({
              id: newId(),
              plan_id: planId,
              route_id: routeId,
              position: i + 1,
              shipment_id: shipmentId,
              place_id: placeOf.get(shipmentId)!,
              load_kg: load,
              status: 'planned',
              recorded_at: null,
            });
            load -= weightOf.get(shipmentId)!;
          });
          const distanceM = Math.round(route.cost);
          distance += distanceM;
          routes.push({
            id: routeId,
            plan_id: planId,
            number: routes.length + 1,
            vehicle_id: origin.vehicleIds[route.vehicle]!,
            driver_account_id: null,
            load_kg: Math.round(route.load),
            distance_m: distanceM,
          });
        }
        if (result.status === 'partial')
          for (const u of result.unplaced)
            unplaced.push({
              plan_id: planId,
              shipment_id: origin.shipmentOfPlace[u.place]!,
              reason: u.reason,
            });
      }
      await this.ctx.audit.runCommand({ actor: system }, async (c) => {
        const tx = logisticsDb(c.trx);
        await store.insertPlanResult(tx, routes, stops, unplaced);
        await store.setShipmentStatus(
          tx,
          unplaced.map((u) => u.shipment_id),
          'requested',
          null,
          c.now,
        );
        const status = unplaced.length === 0 ? 'solved' : 'partial';
        await store.updatePlan(tx, planId, {
          status,
          distance_m: distance,
          vehicles_used: routes.length,
          iterations,
          solve_ms: Date.now() - began,
          completed_at: c.now,
        });
        c.record({
          action: 'logistics.plan-completed',
          subjectType: 'route-plan',
          subjectId: planId,
          scopeBodyId: plan.body_id,
          payload: { status, routes: routes.length, distanceM: distance, unplaced: unplaced.length },
        });
      });
    } catch (error) {
      await this.fail(planId, error instanceof Error ? error.message : String(error));
    }
  }

  private async fail(planId: string, message: string): Promise<void> {
    await this.ctx.audit.runCommand({ actor: { kind: 'system', name: 'route-planner' } }, async (c) => {
      const tx = logisticsDb(c.trx);
      const plan = await store.findPlan(tx, planId);
      if (plan?.status !== 'solving') return;
      const claimed = await store.listShipments(tx, { planId, status: 'planned', limit: 100_000 });
      await store.setShipmentStatus(
        tx,
        claimed.map((s) => s.id),
        'requested',
        null,
        c.now,
      );
      await store.updatePlan(tx, planId, {
        status: 'failed',
        error: message.slice(0, 500),
        completed_at: c.now,
      });
      c.record({
        action: 'logistics.plan-failed',
        subjectType: 'route-plan',
        subjectId: planId,
        scopeBodyId: plan.body_id,
        payload: { error: message.slice(0, 500) },
      });
    });
  }
}
