import { greatCircleMetres } from '../core/great-circle-metres.js';
import type { RoutingProblem } from './core/routing-problem.js';

/** A point in integer micro-degrees. */
export interface MicroPoint {
  readonly latMicro: number;
  readonly lonMicro: number;
}

/** A shipment as the planner needs it. */
export interface ShipmentToRoute {
  readonly id: string;
  readonly fromPlaceId: string;
  readonly toPlaceId: string;
  readonly weightKg: number;
  /** Delivery window in seconds from the plan day's 00:00 UTC; null when any time will do. */
  readonly window: { readonly start: number; readonly end: number } | null;
}

/** A vehicle as the planner needs it. */
export interface VehicleToRoute {
  readonly id: string;
  readonly depotPlaceId: string;
  readonly capacityKg: number;
}

/** One routing problem: the shipments leaving one origin with the trucks based there. */
export interface OriginProblem {
  readonly originPlaceId: string;
  readonly problem: RoutingProblem;
  /** The shipment id of each router place (index 0, the origin depot, is ''). */
  readonly shipmentOfPlace: readonly string[];
  /** The vehicle id of each router vehicle. */
  readonly vehicleIds: readonly string[];
}

/** Planning assumptions, stated once. */
export const PLANNING_ASSUMPTIONS = Object.freeze({
  /** Mean truck speed in Santiago's streets, metres per second (30 km/h). */
  speedMetresPerSecond: 30_000 / 3600,
  /** Time to unload at a stop, seconds. */
  serviceSeconds: 600,
  /** The working day the depots are open, seconds from 00:00 UTC. */
  daySeconds: 86_400,
});

/**
 * Splits a day's shipments by origin and builds one `RoutingProblem` per origin that has trucks
 * based there: place 0 is the origin (the depot), place i ≥ 1 is the i-th shipment's destination
 * (two shipments to one place are two places at distance 0, so each is loaded and delivered whole).
 * Costs are great-circle metres between the places' coordinates, rounded to integers
 * (`greatCircleMetres`). With any delivery window, time windows are added in seconds from the
 * day's 00:00 UTC with the speed and service time of `PLANNING_ASSUMPTIONS`. Shipments whose origin
 * has no truck come back in `noVehicle`. Pure: no I/O.
 *
 * @example const { problems, noVehicle } = routingProblemsOf(shipments, vehicles, placesById);
 */
export function routingProblemsOf(
  shipments: readonly ShipmentToRoute[],
  vehicles: readonly VehicleToRoute[],
  places: ReadonlyMap<string, MicroPoint>,
): { problems: OriginProblem[]; noVehicle: string[] } {
  const byOrigin = new Map<string, ShipmentToRoute[]>();
  for (const s of shipments) {
    const list = byOrigin.get(s.fromPlaceId) ?? [];
    list.push(s);
    byOrigin.set(s.fromPlaceId, list);
  }
  const problems: OriginProblem[] = [];
  const noVehicle: string[] = [];
  for (const [origin, list] of [...byOrigin].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const fleet = vehicles.filter((v) => v.depotPlaceId === origin);
    const originPoint = places.get(origin);
    if (fleet.length === 0 || !originPoint) {
      for (const s of list) noVehicle.push(s.id);
      continue;
    }
    const n = list.length + 1;
    // great-circle metres once per pair of distinct places (a city has far fewer places than
    // shipments), then spread over the shipments' places
    const slotOf = new Map<string, number>([[origin, 0]]);
    const slot = new Int32Array(n);
    const points: MicroPoint[] = [originPoint];
    list.forEach((s, i) => {
      let k = slotOf.get(s.toPlaceId);
      if (k === undefined) {
        const p = places.get(s.toPlaceId);
        if (!p) throw new Error(`routingProblemsOf: no coordinates for place ${s.toPlaceId}`);
        k = points.length;
        points.push(p);
        slotOf.set(s.toPlaceId, k);
      }
      slot[i + 1] = k;
    });
    const m = points.length;
    const between = new Float64Array(m * m);
    for (let a = 0; a < m; a++) {
      const pa = points[a]!;
      for (let b = a + 1; b < m; b++) {
        const pb = points[b]!;
        const d = greatCircleMetres(pa.latMicro, pa.lonMicro, pb.latMicro, pb.lonMicro);
        between[a * m + b] = d;
        between[b * m + a] = d;
      }
    }
    const distance = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const row = slot[i]! * m;
      for (let j = 0; j < n; j++) distance[i * n + j] = between[row + slot[j]!]!;
    }
    const demand = new Float64Array(n);
    list.forEach((s, i) => {
      demand[i + 1] = s.weightKg;
    });
    const stops = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) stops[i] = i + 1;
    const problem: RoutingProblem = {
      placeCount: n,
      distance,
      stops,
      demand,
      vehicleDepot: new Int32Array(fleet.length),
      vehicleCapacity: Float64Array.from(fleet, (v) => v.capacityKg),
      ...(list.some((s) => s.window !== null) ? { timeWindows: windowsOf(list, distance, n) } : {}),
    };
    problems.push({
      originPlaceId: origin,
      problem,
      shipmentOfPlace: ['', ...list.map((s) => s.id)],
      vehicleIds: fleet.map((v) => v.id),
    });
  }
  return { problems, noVehicle };
}

function windowsOf(list: readonly ShipmentToRoute[], distance: Float64Array, n: number) {
  const { speedMetresPerSecond, serviceSeconds, daySeconds } = PLANNING_ASSUMPTIONS;
  const ready = new Float64Array(n);
  const due = new Float64Array(n).fill(daySeconds);
  const service = new Float64Array(n).fill(serviceSeconds);
  service[0] = 0;
  list.forEach((s, i) => {
    if (s.window) {
      ready[i + 1] = s.window.start;
      due[i + 1] = s.window.end;
    }
  });
  const travelTime = distance.map((d) => d / speedMetresPerSecond);
  return { ready, due, service, travelTime };
}
