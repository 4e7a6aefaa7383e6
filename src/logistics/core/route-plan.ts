import type { RoutingProblem } from './routing-problem.js';

/** One vehicle's route: it leaves `depot`, visits `stops` in order and returns to `depot`. */
export interface VehicleRoute {
  /** Index of the vehicle in the problem's fleet arrays. */
  readonly vehicle: number;
  /** The vehicle's depot place. */
  readonly depot: number;
  /** The places visited, in order, depot excluded. Never empty in a solver result. */
  readonly stops: number[];
  /** Sum of the stops' demands (≤ the vehicle's capacity). */
  readonly load: number;
  /** Travel cost depot → stops → depot. */
  readonly cost: number;
}

/** Why a stop is not in a plan. */
export type UnplacedReason =
  /** Its demand exceeds the capacity of every vehicle. */
  | 'demand-exceeds-capacity'
  /** No vehicle can reach it inside its time window and get back to its depot in time. */
  | 'time-window-unreachable'
  /** It could be served alone, but the fleet had no room left for it. */
  | 'no-room-in-fleet';

/** A stop the solver could not place, with the reason. */
export interface UnplacedStop {
  readonly place: number;
  readonly reason: UnplacedReason;
}

/** What `evaluateRoutePlan` recomputes from the routes alone. */
export interface RoutePlanCheck {
  /** Total travel cost recomputed from the distance matrix. */
  readonly cost: number;
  /** Every rule the routes break (empty when the plan is valid): a place visited twice, an unknown
   * place, a vehicle used twice, an overload, a missed time window. */
  readonly violations: string[];
}

/**
 * Recomputes the cost of `routes` and checks them against `problem` independently of the solver:
 * each stop at most once, only known stops, each vehicle at most once and from its own depot,
 * loads within capacity, time windows kept (service may wait for `ready`). Missing stops are not a
 * violation here (a partial plan names them separately).
 */
export function evaluateRoutePlan(
  problem: RoutingProblem,
  routes: readonly { vehicle: number; stops: readonly number[] }[],
): RoutePlanCheck {
  const n = problem.placeCount;
  const violations: string[] = [];
  const isStop = new Uint8Array(n);
  for (const s of problem.stops) isStop[s] = 1;
  const visited = new Uint8Array(n);
  const vehicleUsed = new Uint8Array(problem.vehicleDepot.length);
  const tw = problem.timeWindows;
  const travel = tw?.travelTime ?? problem.distance;
  let cost = 0;
  for (const route of routes) {
    const v = route.vehicle;
    if (!(v >= 0 && v < problem.vehicleDepot.length)) {
      violations.push(`unknown vehicle ${v}`);
      continue;
    }
    if (vehicleUsed[v]) violations.push(`vehicle ${v} has two routes`);
    vehicleUsed[v] = 1;
    const depot = problem.vehicleDepot[v]!;
    let prev = depot;
    let load = 0;
    let time = tw ? tw.ready[depot]! : 0;
    for (const s of route.stops) {
      if (!(s >= 0 && s < n) || !isStop[s]) {
        violations.push(`vehicle ${v}: ${s} is not a stop`);
        continue;
      }
      if (visited[s]) violations.push(`stop ${s} is visited twice`);
      visited[s] = 1;
      cost += problem.distance[prev * n + s]!;
      load += problem.demand[s]!;
      if (tw) {
        time = Math.max(tw.ready[s]!, time + travel[prev * n + s]!);
        if (time > tw.due[s]!)
          violations.push(`vehicle ${v}: stop ${s} reached at ${time}, after ${tw.due[s]}`);
        time += tw.service[s]!;
      }
      prev = s;
    }
    cost += problem.distance[prev * n + depot]!;
    if (tw) {
      time += travel[prev * n + depot]!;
      if (time > tw.due[depot]!)
        violations.push(`vehicle ${v}: back at depot at ${time}, after ${tw.due[depot]}`);
    }
    const capacity = problem.vehicleCapacity[v]!;
    if (load > capacity) violations.push(`vehicle ${v}: load ${load} exceeds capacity ${capacity}`);
  }
  return { cost, violations };
}
