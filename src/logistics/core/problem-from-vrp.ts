import { roundedEuclideanMatrix } from './rounded-euclidean-matrix.js';
import type { RoutingProblem } from './routing-problem.js';
import type { VrpInstance } from './vrp-instance.js';

/**
 * The routing problem of a `.vrp` instance: places are the file's nodes (0-based), costs are
 * rounded Euclidean distances (CVRPLIB), every non-depot node is a stop, and the fleet is
 * `fleetSize` vehicles of the instance capacity (one per stop when the file sets no fleet size),
 * spread round-robin over the depots when there are several. A DISTANCE limit becomes a time
 * window on the depots (travel plus SERVICE_TIME per stop must end by it).
 */
export function problemFromVrp(instance: VrpInstance): RoutingProblem {
  const isDepot = new Uint8Array(instance.dimension);
  for (const d of instance.depots) isDepot[d] = 1;
  const stops: number[] = [];
  for (let i = 0; i < instance.dimension; i++) if (!isDepot[i]) stops.push(i);
  const fleet = instance.fleetSize ?? Math.max(1, stops.length);
  const vehicleDepot = new Int32Array(fleet);
  for (let v = 0; v < fleet; v++) vehicleDepot[v] = instance.depots[v % instance.depots.length]!;
  const n = instance.dimension;
  const limited = instance.maxRouteLength !== null || instance.serviceTime > 0;
  const service = new Float64Array(n);
  for (const s of stops) service[s] = instance.serviceTime;
  const due = new Float64Array(n).fill(instance.maxRouteLength ?? Number.POSITIVE_INFINITY);
  return {
    ...(limited ? { timeWindows: { ready: new Float64Array(n), due, service } } : {}),
    placeCount: n,
    distance: roundedEuclideanMatrix(instance.coordinates),
    stops: Int32Array.from(stops),
    demand: instance.demand,
    vehicleDepot,
    vehicleCapacity: new Float64Array(fleet).fill(instance.capacity),
  };
}
