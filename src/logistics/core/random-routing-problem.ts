import { roundedEuclideanMatrix } from './rounded-euclidean-matrix.js';
import type { RoutingProblem } from './routing-problem.js';
import { SeededRandom } from './seeded-random.js';

/** Options of `randomRoutingProblem`. */
export interface RandomRoutingProblemOptions {
  /** Number of stops. */
  readonly stops: number;
  /** Fleet size (one depot, equal capacities). */
  readonly vehicles: number;
  /** Seed of the generator (default 1). */
  readonly seed?: number;
  /** Share of the fleet's capacity that the demand fills, in (0, 1] (default 0.9). */
  readonly fill?: number;
}

/** A generated problem with the coordinates it was built from (interleaved x, y; place 0 is the depot). */
export interface RandomRoutingProblem {
  readonly problem: RoutingProblem;
  readonly coordinates: Float64Array;
}

/**
 * A seeded, reproducible test problem in the style of the Uchoa X set: a central depot (place 0)
 * and stops uniform in a 1000 × 1000 square, demands 1…10, costs rounded Euclidean, `vehicles`
 * trucks of equal capacity sized so that demand fills `fill` of the fleet.
 *
 * @example randomRoutingProblem({ stops: 1000, vehicles: 50, seed: 1 }).problem.stops.length // 1000
 */
export function randomRoutingProblem(options: RandomRoutingProblemOptions): RandomRoutingProblem {
  const rng = new SeededRandom(options.seed ?? 1);
  const places = options.stops + 1;
  const coordinates = new Float64Array(2 * places);
  coordinates[0] = 500;
  coordinates[1] = 500;
  const demand = new Float64Array(places);
  let total = 0;
  for (let i = 1; i < places; i++) {
    coordinates[2 * i] = rng.int(1001);
    coordinates[2 * i + 1] = rng.int(1001);
    demand[i] = 1 + rng.int(10);
    total += demand[i]!;
  }
  const capacity = Math.max(10, Math.ceil(total / (options.vehicles * (options.fill ?? 0.9))));
  const stops = new Int32Array(options.stops);
  for (let i = 0; i < options.stops; i++) stops[i] = i + 1;
  return {
    coordinates,
    problem: {
      placeCount: places,
      distance: roundedEuclideanMatrix(coordinates),
      stops,
      demand,
      vehicleDepot: new Int32Array(options.vehicles),
      vehicleCapacity: new Float64Array(options.vehicles).fill(capacity),
    },
  };
}
