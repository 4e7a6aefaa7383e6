import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { problemFromVrp } from './problem-from-vrp.js';
import { randomRoutingProblem } from './random-routing-problem.js';
import { roundedEuclideanMatrix } from './rounded-euclidean-matrix.js';
import { evaluateRoutePlan } from './route-plan.js';
import type { RoutingProblem } from './routing-problem.js';
import { type RouteSolveResult, solveRoutes } from './solve-routes.js';
import { parseVrpInstance } from './vrp-instance.js';

// Iteration limits keep these tests independent of machine speed; the time budget never binds.
const NO_CLOCK = 1e6;

interface Case {
  points: [number, number][];
  depots: number;
  demands: number[];
  capacities: number[];
  windows: [number, number][] | null;
  /** Travel takes twice the cost when windows are given (a separate travel-time matrix). */
  slow?: boolean;
}

function toProblem(c: Case): RoutingProblem {
  const n = c.points.length;
  const stops: number[] = [];
  for (let i = c.depots; i < n; i++) stops.push(i);
  const ready = new Float64Array(n);
  const due = new Float64Array(n).fill(1e9);
  const service = new Float64Array(n);
  if (c.windows) {
    for (let i = c.depots; i < n; i++) {
      const [a, w] = c.windows[i % c.windows.length]!;
      ready[i] = a;
      due[i] = a + w;
      service[i] = 5;
    }
    for (let d = 0; d < c.depots; d++) due[d] = 1000;
  }
  const demand = new Float64Array(n);
  for (let i = c.depots; i < n; i++) demand[i] = c.demands[i % c.demands.length]!;
  const distance = roundedEuclideanMatrix(Float64Array.from(c.points.flat()));
  const travelTime = c.slow ? distance.map((d) => 2 * d) : undefined;
  return {
    placeCount: n,
    distance,
    stops: Int32Array.from(stops),
    demand,
    vehicleDepot: Int32Array.from(c.capacities.map((_, v) => v % c.depots)),
    vehicleCapacity: Float64Array.from(c.capacities),
    ...(c.windows ? { timeWindows: { ready, due, service, ...(travelTime ? { travelTime } : {}) } } : {}),
  };
}

const point = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }));
const caseArb = fc.record({
  points: fc.array(point, { minLength: 3, maxLength: 30 }),
  depots: fc.integer({ min: 1, max: 2 }),
  demands: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 10 }),
  capacities: fc.array(fc.integer({ min: 5, max: 60 }), { minLength: 1, maxLength: 6 }),
  windows: fc.option(
    fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 300 })), {
      minLength: 1,
      maxLength: 5,
    }),
  ),
  slow: fc.boolean(),
});

function expectValid(problem: RoutingProblem, result: RouteSolveResult): void {
  if (result.status === 'invalid') throw new Error(result.defects.join('; '));
  const check = evaluateRoutePlan(problem, result.routes);
  expect(check.violations).toEqual([]);
  expect(result.cost).toBeCloseTo(check.cost, 9);
  expect(result.routes.reduce((sum, r) => sum + r.cost, 0)).toBeCloseTo(check.cost, 9);
  expect(result.routes.length).toBeLessThanOrEqual(problem.vehicleDepot.length);
  expect(result.vehiclesUsed).toBe(result.routes.length);
  const unplaced = result.status === 'partial' ? result.unplaced : [];
  const seen = [...result.routes.flatMap((r) => r.stops), ...unplaced.map((u) => u.place)].sort(
    (a, b) => a - b,
  );
  expect(seen).toEqual(Array.from(problem.stops).sort((a, b) => a - b));
  for (const route of result.routes) {
    expect(route.stops.length).toBeGreaterThan(0);
    expect(route.depot).toBe(problem.vehicleDepot[route.vehicle]);
    expect(route.load).toBe(route.stops.reduce((sum, s) => sum + problem.demand[s]!, 0));
  }
  const largest = Math.max(...problem.vehicleCapacity);
  for (const u of unplaced) {
    if (u.reason === 'demand-exceeds-capacity') expect(problem.demand[u.place]).toBeGreaterThan(largest);
    else expect(problem.demand[u.place]).toBeLessThanOrEqual(largest);
  }
}

// The optimum of a single-depot, equal-capacity problem by enumerating every giant tour and every
// way to cut it into at most `fleet` routes (up to 7 stops).
function bruteForceOptimum(problem: RoutingProblem): number {
  const n = problem.placeCount;
  const stops = Array.from(problem.stops);
  const fleet = problem.vehicleDepot.length;
  const capacity = problem.vehicleCapacity[0]!;
  const d = (a: number, b: number): number => problem.distance[a * n + b]!;
  let best = Number.POSITIVE_INFINITY;
  const permute = (k: number): void => {
    if (k === stops.length) {
      for (let cuts = 0; cuts < 1 << (stops.length - 1); cuts++) {
        let routes = 1;
        let load = 0;
        let cost = d(0, stops[0]!);
        let feasible = true;
        for (let i = 0; i < stops.length; i++) {
          const s = stops[i]!;
          load += problem.demand[s]!;
          if (load > capacity) feasible = false;
          if (i + 1 === stops.length) cost += d(s, 0);
          else if (cuts & (1 << i)) {
            routes++;
            load = 0;
            cost += d(s, 0) + d(0, stops[i + 1]!);
          } else cost += d(s, stops[i + 1]!);
        }
        if (feasible && routes <= fleet) best = Math.min(best, cost);
      }
      return;
    }
    for (let i = k; i < stops.length; i++) {
      [stops[k], stops[i]] = [stops[i]!, stops[k]!];
      permute(k + 1);
      [stops[k], stops[i]] = [stops[i]!, stops[k]!];
    }
  };
  permute(0);
  return best;
}

describe('solveRoutes', () => {
  it('returns valid plans: every stop once or named, capacities, windows and the fleet kept, cost recomputed', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 1000 }), (c, seed) => {
        const problem = toProblem({ ...c, depots: Math.min(c.depots, c.points.length - 1) });
        expectValid(problem, solveRoutes(problem, { seed, maxIterations: 300, seconds: NO_CLOCK }));
      }),
      { numRuns: 150 },
    );
  });

  it('finds the optimum of tiny problems (checked by enumeration)', () => {
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 3, maxLength: 7 }),
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 1, max: 4 }),
        (points, demands, fleet) => {
          const problem = toProblem({
            points,
            depots: 1,
            demands,
            capacities: Array(fleet).fill(15),
            windows: null,
          });
          const optimum = bruteForceOptimum(problem);
          const result = solveRoutes(problem, { seed: 3, maxIterations: 2000, seconds: NO_CLOCK });
          if (optimum === Number.POSITIVE_INFINITY) expect(result.status).toBe('partial');
          else expect(result.status === 'solved' && result.cost).toBe(optimum);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('solves A-n32-k5 to its proven optimum 784 with 5 trucks', () => {
    const parsed = parseVrpInstance(
      readFileSync(new URL('./fixtures/A-n32-k5.vrp', import.meta.url), 'utf8'),
    );
    if (parsed.status !== 'parsed') throw new Error(parsed.message);
    const problem = problemFromVrp(parsed.instance);
    const result = solveRoutes(problem, { seed: 1, maxIterations: 60_000, seconds: NO_CLOCK });
    expectValid(problem, result);
    expect(result.status === 'solved' && [result.cost, result.vehiclesUsed]).toEqual([784, 5]);
  });

  it('is deterministic for a seed and an iteration count', () => {
    const problem = toProblem({
      points: Array.from({ length: 40 }, (_, i) => [(i * 37) % 101, (i * 59) % 97] as [number, number]),
      depots: 2,
      demands: [3, 8, 5, 13, 2],
      capacities: [30, 40, 50, 30, 40, 50],
      windows: null,
    });
    const a = solveRoutes(problem, { seed: 42, maxIterations: 3000, seconds: NO_CLOCK });
    const b = solveRoutes(problem, { seed: 42, maxIterations: 3000, seconds: NO_CLOCK });
    if (a.status === 'invalid' || b.status === 'invalid') throw new Error('invalid');
    expect(b.routes).toEqual(a.routes);
    expect(b.cost).toBe(a.cost);
    expect(a.iterations).toBe(3000);
  });

  it('returns valid plans on large problems (granular insertion) and with a fleet as large as the stops', () => {
    const { problem } = randomRoutingProblem({ stops: 300, vehicles: 20, seed: 4 });
    const large = solveRoutes(problem, { seed: 1, maxIterations: 300, seconds: NO_CLOCK });
    expectValid(problem, large);
    expect(large.status).toBe('solved');
    const unlimited = {
      ...problem,
      vehicleDepot: new Int32Array(300),
      vehicleCapacity: new Float64Array(300).fill(40),
    };
    const result = solveRoutes(unlimited, { seed: 1, maxIterations: 300, seconds: NO_CLOCK });
    expectValid(unlimited, result);
    expect(result.status).toBe('solved');
  });

  it('names a stop heavier than every truck and one whose window no truck can reach', () => {
    const problem = toProblem({
      points: [
        [0, 0],
        [10, 0],
        [0, 10],
        [90, 90],
      ],
      depots: 1,
      demands: [5],
      capacities: [20, 30],
      windows: [[0, 100]],
    });
    const demand = Float64Array.from([0, 5, 31, 5]);
    const due = Float64Array.from([200, 100, 100, 100]);
    const tw = { ready: new Float64Array(4), due, service: new Float64Array(4) };
    const result = solveRoutes(
      { ...problem, demand, timeWindows: tw },
      { maxIterations: 100, seconds: NO_CLOCK },
    );
    expect(result.status).toBe('partial');
    if (result.status !== 'partial') return;
    expect(result.unplaced).toEqual([
      { place: 2, reason: 'demand-exceeds-capacity' },
      { place: 3, reason: 'time-window-unreachable' },
    ]);
    expect(result.routes.flatMap((r) => r.stops)).toEqual([1]);
  });

  it('names the stops a too-small fleet has no room for', () => {
    const problem = toProblem({
      points: [
        [0, 0],
        [1, 0],
        [2, 0],
        [3, 0],
      ],
      depots: 1,
      demands: [10],
      capacities: [20],
      windows: null,
    });
    const result = solveRoutes(problem, { maxIterations: 100, seconds: NO_CLOCK });
    expectValid(problem, result);
    expect(result.status === 'partial' && result.unplaced.map((u) => u.reason)).toEqual(['no-room-in-fleet']);
  });

  it('keeps time windows that force the visiting order', () => {
    // stops on a line, windows demand the far one first
    const problem = toProblem({
      points: [
        [0, 0],
        [10, 0],
        [20, 0],
      ],
      depots: 1,
      demands: [1],
      capacities: [10],
      windows: null,
    });
    const tw = {
      ready: Float64Array.from([0, 100, 0]),
      due: Float64Array.from([1000, 200, 30]),
      service: new Float64Array(3),
    };
    const result = solveRoutes({ ...problem, timeWindows: tw }, { maxIterations: 200, seconds: NO_CLOCK });
    expect(result.status === 'solved' && result.routes.map((r) => r.stops)).toEqual([[2, 1]]);
  });

  it('rejects unknown places and malformed arrays as an invalid problem', () => {
    const problem = toProblem({
      points: [
        [0, 0],
        [1, 1],
      ],
      depots: 1,
      demands: [1],
      capacities: [5],
      windows: null,
    });
    const result = solveRoutes({ ...problem, stops: Int32Array.of(1, 7), vehicleDepot: Int32Array.of(-1) });
    expect(result).toEqual({
      status: 'invalid',
      defects: ['vehicle 0: unknown depot place -1', 'unknown place 7 among the stops'],
    });
  });
});
