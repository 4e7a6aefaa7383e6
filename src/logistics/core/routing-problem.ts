/**
 * Optional time windows, each array indexed by place. A vehicle's depot window bounds its whole
 * route (leave no earlier than `ready`, be back no later than `due`). Travel times come from
 * `travelTime` when given, else from the cost matrix itself (cost = time, as in Solomon's sets).
 */
export interface TimeWindows {
  /** Earliest start of service at each place. */
  readonly ready: Float64Array;
  /** Latest start of service at each place (for a depot: latest return). */
  readonly due: Float64Array;
  /** Service duration at each place (0 at depots). */
  readonly service: Float64Array;
  /** Travel time between places, row-major like `RoutingProblem.distance` (default: the distance). */
  readonly travelTime?: Float64Array;
}

/**
 * A capacitated vehicle-routing problem over numbered places `0 … placeCount-1`: some places are
 * stops to visit once each, some are depots where vehicles start and end. Vehicles may have
 * different depots and capacities; the fleet is `vehicleDepot.length` vehicles at most.
 *
 * @example
 * // one depot (place 0), two stops, one truck of capacity 10
 * const problem: RoutingProblem = {
 *   placeCount: 3,
 *   distance: new Float64Array([0, 4, 5, 4, 0, 3, 5, 3, 0]),
 *   stops: Int32Array.of(1, 2),
 *   demand: Float64Array.of(0, 4, 5),
 *   vehicleDepot: Int32Array.of(0),
 *   vehicleCapacity: Float64Array.of(10),
 * };
 */
export interface RoutingProblem {
  /** Number of places; every place index is in `0 … placeCount-1`. */
  readonly placeCount: number;
  /** Travel cost between places, row-major: `distance[from * placeCount + to]`, length placeCount². */
  readonly distance: Float64Array;
  /** The places to visit, each exactly once; never a depot. */
  readonly stops: Int32Array;
  /** Demand of each place in the capacities' unit (kg, crates…), indexed by place, ≥ 0. */
  readonly demand: Float64Array;
  /** The depot place of each vehicle (where it starts and ends). Its length is the fleet limit. */
  readonly vehicleDepot: Int32Array;
  /** The capacity of each vehicle, same unit as `demand`, > 0. */
  readonly vehicleCapacity: Float64Array;
  /** Time windows; when absent only capacity and the fleet limit constrain routes. */
  readonly timeWindows?: TimeWindows;
}

/**
 * Lists every structural defect of a problem (wrong array lengths, unknown places, a stop listed
 * twice or that is a depot, negative demands, non-positive capacities); empty when it is usable.
 * Infeasibility (too much demand, unreachable windows) is not a defect: the solver reports it.
 */
export function routingProblemDefects(problem: RoutingProblem): string[] {
  const defects: string[] = [];
  const n = problem.placeCount;
  if (!Number.isInteger(n) || n < 1) return [`placeCount ${n} is not a positive integer`];
  if (problem.distance.length !== n * n) {
    defects.push(`distance has ${problem.distance.length} entries, expected ${n * n}`);
  }
  if (problem.demand.length !== n) defects.push(`demand has ${problem.demand.length} entries, expected ${n}`);
  if (problem.vehicleCapacity.length !== problem.vehicleDepot.length) {
    defects.push('vehicleCapacity and vehicleDepot differ in length');
  }
  const isDepot = new Uint8Array(n);
  problem.vehicleDepot.forEach((d, v) => {
    if (d < 0 || d >= n) defects.push(`vehicle ${v}: unknown depot place ${d}`);
    else isDepot[d] = 1;
  });
  problem.vehicleCapacity.forEach((c, v) => {
    if (!(c > 0)) defects.push(`vehicle ${v}: capacity ${c} is not positive`);
  });
  const seen = new Uint8Array(n);
  for (const s of problem.stops) {
    if (s < 0 || s >= n) {
      defects.push(`unknown place ${s} among the stops`);
      continue;
    }
    if (seen[s]) defects.push(`place ${s} is listed twice among the stops`);
    if (isDepot[s]) defects.push(`place ${s} is both a depot and a stop`);
    if (!(problem.demand[s]! >= 0)) defects.push(`place ${s}: demand ${problem.demand[s]} is negative`);
    seen[s] = 1;
  }
  const tw = problem.timeWindows;
  if (tw && (tw.ready.length !== n || tw.due.length !== n || tw.service.length !== n)) {
    defects.push(`timeWindows arrays must each have ${n} entries`);
  }
  if (tw?.travelTime && tw.travelTime.length !== n * n) {
    defects.push(`timeWindows.travelTime has ${tw.travelTime.length} entries, expected ${n * n}`);
  }
  return defects;
}
