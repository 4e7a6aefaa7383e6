import type { UnplacedReason, UnplacedStop, VehicleRoute } from './route-plan.js';
import { RouteSolution } from './route-solution.js';
import { type RoutingProblem, routingProblemDefects } from './routing-problem.js';
import { SeededRandom } from './seeded-random.js';

/** Options of `solveRoutes`; every field has a default. */
export interface SolveRoutesOptions {
  /** Wall-clock budget in seconds (default 1). The solver is anytime: it returns the best plan found. */
  readonly seconds?: number;
  /** Seed of the pseudo-random generator (default 1). Same seed and same iteration count → same plan. */
  readonly seed?: number;
  /** Stop after this many ruin-and-recreate iterations (default: no limit, only the time budget). */
  readonly maxIterations?: number;
}

/** A route plan found by the solver. */
export interface SolvedRoutes {
  /** The routes of the vehicles used, in vehicle order. */
  readonly routes: VehicleRoute[];
  /** Total travel cost of the routes. */
  readonly cost: number;
  readonly vehiclesUsed: number;
  /** Ruin-and-recreate iterations done. */
  readonly iterations: number;
  /** Wall-clock seconds spent. */
  readonly seconds: number;
  /** Seconds until the first plan with every placeable stop routed (null if none was found). */
  readonly secondsToComplete: number | null;
}

/** The outcome of `solveRoutes`. */
export type RouteSolveResult =
  /** Every stop is routed. */
  | ({ readonly status: 'solved' } & SolvedRoutes)
  /** The routes are valid but some stops could not be placed; `unplaced` names them and why. */
  | ({ readonly status: 'partial'; readonly unplaced: UnplacedStop[] } & SolvedRoutes)
  /** The problem itself is malformed (unknown places, wrong array lengths…); nothing was solved. */
  | { readonly status: 'invalid'; readonly defects: string[] };

// Slack Induction by String Removals (Christiaens & Vanden Berghe, Transportation Science 2020),
// with the parameters published there: average removed stops c̄ = 10, longest string L_max = 10,
// split-string keep rate β = 0.01, blink rate 0.01, recreate orders weighted random 4 : demand 4 :
// far 2 : close 1. Temperatures are scaled to the instance (see below).
const AVERAGE_REMOVED = 10;
const MAX_STRING = 10;
const SPLIT_STOP = 0.01;
const BLINK = 0.01;
// Nearest stops kept per stop for the adjacency walk of the ruin step.
const NEIGHBOURS = 100;
const GRANULAR_FROM = 200;
const GRANULAR_NEIGHBOURS = 40;
// Simulated annealing runs in cycles of doubling length, each from the best plan so far and
// cooling from T0 to T0 / 100; cycles depend on the iteration count only, never on the clock, so
// a seed and an iteration count fix the result.
const FIRST_CYCLE = 20_000;
const COOLING_RANGE = 100;

/**
 * Solves a capacitated vehicle-routing problem (fleet limit, several depots, mixed capacities,
 * optional time windows) by a cheapest-insertion construction followed by SISR ruin-and-recreate
 * under simulated annealing, until the time budget or the iteration limit. Deterministic for a seed
 * up to where the clock stops it. Stops that no vehicle can serve, or that the fleet has no room
 * for, are named in a `partial` result rather than thrown.
 *
 * @example
 * const result = solveRoutes(problem, { seconds: 1, seed: 7 });
 * if (result.status === 'solved') console.log(result.cost, result.routes.length);
 */
export function solveRoutes(problem: RoutingProblem, options: SolveRoutesOptions = {}): RouteSolveResult {
  const defects = routingProblemDefects(problem);
  if (defects.length > 0) return { status: 'invalid', defects };
  const startedAt = performance.now();
  const budgetMs = (options.seconds ?? 1) * 1000;
  const maxIterations = options.maxIterations ?? Number.POSITIVE_INFINITY;
  const rng = new SeededRandom(options.seed ?? 1);
  const n = problem.placeCount;
  const dist = problem.distance;
  const demand = problem.demand;
  const vehicleCount = problem.vehicleDepot.length;
  const capacity = problem.vehicleCapacity;

  const unplaced: UnplacedStop[] = [];
  const placeable: number[] = [];
  for (const s of problem.stops) {
    const reason = unplaceableReason(problem, s);
    if (reason === null) placeable.push(s);
    else unplaced.push({ place: s, reason });
  }
  const m = placeable.length;
  const stops = Int32Array.from(placeable);

  // distance from each place to its nearest depot, round trip halved (for the recreate orders)
  const depotDistance = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (const d of new Set(problem.vehicleDepot)) {
    for (const s of stops)
      depotDistance[s] = Math.min(depotDistance[s]!, (dist[d * n + s]! + dist[s * n + d]!) / 2);
  }
  const k = Math.min(NEIGHBOURS, m - 1);
  const neighbours = nearestStops(stops, dist, n, k);
  const indexOf = new Int32Array(n);
  for (let i = 0; i < m; i++) indexOf[stops[i]!] = i;
  // On large problems a stop is first tried only next to its nearest stops (a granular
  // neighbourhood, as in Toth & Vigo 2003); the full scan remains the fallback.
  const granular = m > GRANULAR_FROM;
  const granularity = Math.min(k, GRANULAR_NEIGHBOURS);

  const slot = longestPossibleRoute(stops, demand, capacity);
  const work = new RouteSolution(problem, slot, m);
  const current = new RouteSolution(problem, slot, m);
  const best = new RouteSolution(problem, slot, m);
  // vehicles with the same depot and capacity are interchangeable when opening a route
  const vehicleType = vehicleTypes(problem);
  const typeStamp = new Int32Array(vehicleCount).fill(-1);
  let insertions = 0;
  const touched = new Int32Array(vehicleCount);
  const touchedMark = new Uint8Array(vehicleCount);
  let touchedCount = 0;
  // routes changed by accepted moves since best was last copied
  const stale = new Int32Array(vehicleCount);
  const staleMark = new Uint8Array(vehicleCount);
  let staleCount = 0;
  const ruinedStamp = new Int32Array(vehicleCount).fill(-1);
  const pending = new Int32Array(m);
  const orderKey = new Float64Array(n);
  // iterations each stop has spent left out of the current plan
  const absences = new Float64Array(n);

  const touch = (r: number): void => {
    if (touchedMark[r]) return;
    touchedMark[r] = 1;
    touched[touchedCount++] = r;
  };

  // Inserts pending[0 … count-1] in the given order, each at its cheapest feasible position (a
  // position is skipped with probability `blink`); a vehicle is opened only when no used one has
  // room. Stops with no position join the absent list.
  const recreate = (count: number, blink: number): void => {
    for (let q = 0; q < count; q++) {
      const c = pending[q]!;
      const dc = demand[c]!;
      let bestDelta = Number.POSITIVE_INFINITY;
      let bestRoute = -1;
      let bestPos = 0;
      if (granular) {
        const row = indexOf[c]! * k;
        for (let j = 0; j < granularity; j++) {
          const u = neighbours[row + j]!;
          const r = work.routeOf[u]!;
          if (r < 0 || work.load[r]! + dc > capacity[r]!) continue;
          const base = r * work.slot;
          const depot = problem.vehicleDepot[r]!;
          const len = work.len[r]!;
          const pu = work.posOf[u]!;
          // the two positions next to u: before it and after it
          for (let pos = pu; pos <= pu + 1; pos++) {
            if (blink !== 0 && rng.next() < blink) continue;
            const prev = pos > 0 ? work.nodes[base + pos - 1]! : depot;
            const next = pos < len ? work.nodes[base + pos]! : depot;
            const delta = dist[prev * n + c]! + dist[c * n + next]! - dist[prev * n + next]!;
            if (delta < bestDelta && work.timeFeasible(r, pos, c)) {
              bestDelta = delta;
              bestRoute = r;
              bestPos = pos;
            }
          }
        }
      }
      const scanned = bestRoute >= 0;
      for (let r = 0; r < vehicleCount && !scanned; r++) {
        const len = work.len[r]!;
        if (len === 0 || work.load[r]! + dc > capacity[r]!) continue;
        const base = r * work.slot;
        const depot = problem.vehicleDepot[r]!;
        let prev = depot;
        for (let pos = 0; pos <= len; pos++) {
          const next = pos < len ? work.nodes[base + pos]! : depot;
          if (blink === 0 || rng.next() >= blink) {
            const delta = dist[prev * n + c]! + dist[c * n + next]! - dist[prev * n + next]!;
            if (delta < bestDelta && work.timeFeasible(r, pos, c)) {
              bestDelta = delta;
              bestRoute = r;
              bestPos = pos;
            }
          }
          prev = next;
        }
      }
      if (bestRoute < 0) {
        insertions++;
        for (let r = 0; r < vehicleCount; r++) {
          if (work.len[r] !== 0 || dc > capacity[r]!) continue;
          const type = vehicleType[r]!;
          if (typeStamp[type] === insertions) continue;
          typeStamp[type] = insertions;
          const depot = problem.vehicleDepot[r]!;
          const delta = dist[depot * n + c]! + dist[c * n + depot]!;
          if (delta < bestDelta && work.timeFeasible(r, 0, c)) {
            bestDelta = delta;
            bestRoute = r;
            bestPos = 0;
          }
        }
      }
      if (bestRoute < 0) {
        work.absent[work.absentCount++] = c;
      } else {
        work.insert(bestRoute, bestPos, c);
        touch(bestRoute);
      }
    }
  };

  // construction: largest demand first (ties: farthest from a depot), no blinks
  const initial = Array.from(stops).sort(
    (a, b) => demand[b]! - demand[a]! || depotDistance[b]! - depotDistance[a]! || a - b,
  );
  pending.set(initial);
  recreate(m, 0);
  touchedMark.fill(0);
  current.copyFrom(work);
  best.copyFrom(work);
  let secondsToComplete: number | null =
    work.absentCount === 0 ? (performance.now() - startedAt) / 1000 : null;
  let bestCost = work.totalCost();
  let currentCost = bestCost;

  // T0 is half the mean arc length of the first plan (SISR's T0 = 100 on X instances, whose arcs
  // are a few hundred units long), so the schedule does not depend on the cost unit.
  const arcs = m + countUsed(work);
  const t0 = arcs > 0 ? (0.5 * bestCost) / arcs : 1;
  let cycleLength = FIRST_CYCLE;
  let cycleIteration = 0;
  let iterations = 0;

  // one stop or none: the construction is already optimal
  while (m > 1 && iterations < maxIterations && performance.now() - startedAt < budgetMs) {
    iterations++;
    if (cycleIteration === cycleLength) {
      cycleIteration = 0;
      cycleLength *= 2;
      work.copyFrom(best);
      current.copyFrom(best);
      currentCost = bestCost;
      staleMark.fill(0);
      staleCount = 0;
    }
    const temperature = t0 * COOLING_RANGE ** (-cycleIteration / cycleLength);
    cycleIteration++;

    // ruin: remove strings from routes met in a walk from a random stop through its neighbours
    touchedCount = 0;
    let removed = 0;
    const used = countUsed(work);
    const maxString = Math.min(MAX_STRING, used > 0 ? (m - work.absentCount) / used : 1);
    const maxStrings = (4 * AVERAGE_REMOVED) / (1 + maxString) - 1;
    const strings = Math.floor(rng.next() * maxStrings) + 1;
    const seedIndex = rng.int(m);
    let ruined = 0;
    for (let j = -1; j < k && ruined < strings; j++) {
      const c = j < 0 ? stops[seedIndex]! : neighbours[seedIndex * k + j]!;
      const r = work.routeOf[c]!;
      if (r < 0 || ruinedStamp[r] === iterations) continue;
      ruinedStamp[r] = iterations;
      ruined++;
      touch(r);
      const len = work.len[r]!;
      const length = Math.floor(rng.next() * Math.min(len, maxString)) + 1;
      const pos = work.posOf[c]!;
      if (length === len || rng.next() < 0.5) {
        const lo = Math.max(0, pos - length + 1);
        const start = lo + rng.int(Math.min(pos, len - length) - lo + 1);
        removed = work.removeWindow(r, start, length, 0, 0, pending, removed);
      } else {
        let keep = 1;
        while (length + keep < len && rng.next() >= SPLIT_STOP) keep++;
        const width = length + keep;
        const lo = Math.max(0, pos - width + 1);
        const start = lo + rng.int(Math.min(pos, len - width) - lo + 1);
        removed = work.removeWindow(r, start, width, rng.int(length + 1), keep, pending, removed);
      }
    }
    for (let a = 0; a < work.absentCount; a++) pending[removed++] = work.absent[a]!;
    work.absentCount = 0;

    // recreate in one of four orders
    const pick = rng.next() * 11;
    if (pick < 4) {
      for (let a = removed - 1; a > 0; a--) {
        const b = rng.int(a + 1);
        const t = pending[a]!;
        pending[a] = pending[b]!;
        pending[b] = t;
      }
    } else {
      for (let a = 0; a < removed; a++) {
        const c = pending[a]!;
        orderKey[c] = pick < 8 ? -demand[c]! : pick < 10 ? -depotDistance[c]! : depotDistance[c]!;
      }
      sortByKey(pending, removed, orderKey);
    }
    recreate(removed, BLINK);

    const workCost = work.totalCost();
    let accept: boolean;
    if (work.absentCount === 0 || current.absentCount === 0) {
      accept =
        work.absentCount < current.absentCount ||
        (work.absentCount === current.absentCount &&
          workCost < currentCost - temperature * Math.log(rng.next()));
    } else {
      // SISR's fleet minimisation: while stops are left out, prefer leaving out those that were
      // rarely left out before, so that the hard-to-place stops get routed first
      const workAbsence = absenceSum(work, absences);
      const currentAbsence = absenceSum(current, absences);
      accept =
        work.absentCount < current.absentCount ||
        workAbsence < currentAbsence ||
        (workAbsence === currentAbsence &&
          work.absentCount === current.absentCount &&
          workCost < currentCost - temperature * Math.log(rng.next()));
    }
    if (accept) {
      current.copyRoutesFrom(work, touched, touchedCount);
      currentCost = workCost;
      for (let a = 0; a < touchedCount; a++) {
        const r = touched[a]!;
        if (!staleMark[r]) {
          staleMark[r] = 1;
          stale[staleCount++] = r;
        }
      }
      if (
        work.absentCount < best.absentCount ||
        (work.absentCount === best.absentCount && workCost < bestCost)
      ) {
        best.copyRoutesFrom(work, stale, staleCount);
        for (let a = 0; a < staleCount; a++) staleMark[stale[a]!] = 0;
        staleCount = 0;
        bestCost = workCost;
        if (secondsToComplete === null && work.absentCount === 0) {
          secondsToComplete = (performance.now() - startedAt) / 1000;
        }
      }
    } else {
      work.copyRoutesFrom(current, touched, touchedCount);
    }
    for (let a = 0; a < touchedCount; a++) touchedMark[touched[a]!] = 0;
    for (let a = 0; a < current.absentCount; a++) absences[current.absent[a]!]!++;
  }

  const routes: VehicleRoute[] = [];
  for (let r = 0; r < vehicleCount; r++) {
    const len = best.len[r]!;
    if (len === 0) continue;
    const base = r * best.slot;
    routes.push({
      vehicle: r,
      depot: problem.vehicleDepot[r]!,
      stops: Array.from(best.nodes.subarray(base, base + len)),
      load: best.load[r]!,
      cost: best.cost[r]!,
    });
  }
  for (let a = 0; a < best.absentCount; a++)
    unplaced.push({ place: best.absent[a]!, reason: 'no-room-in-fleet' });
  const solved: SolvedRoutes = {
    routes,
    cost: best.totalCost(),
    vehiclesUsed: routes.length,
    iterations,
    seconds: (performance.now() - startedAt) / 1000,
    secondsToComplete,
  };
  if (unplaced.length === 0) return { status: 'solved', ...solved };
  unplaced.sort((a, b) => a.place - b.place);
  return { status: 'partial', unplaced, ...solved };
}

// The most stops one route can hold: the smallest demands that fit in the largest vehicle. Bounds
// the per-route storage, which matters when the fleet is as large as the number of stops.
function longestPossibleRoute(stops: Int32Array, demand: Float64Array, capacity: Float64Array): number {
  const sorted = Float64Array.from(stops, (s) => demand[s]!).sort();
  const largest = capacity.reduce((a, b) => Math.max(a, b), 0);
  let load = 0;
  let count = 0;
  while (count < sorted.length && load + sorted[count]! <= largest) load += sorted[count++]!;
  return Math.max(1, count);
}

// Numbers the distinct (depot, capacity) pairs of the fleet; vehicleTypes(p)[v] is v's type.
function vehicleTypes(problem: RoutingProblem): Int32Array {
  const types = new Int32Array(problem.vehicleDepot.length);
  const seen = new Map<string, number>();
  for (let v = 0; v < types.length; v++) {
    const key = `${problem.vehicleDepot[v]}:${problem.vehicleCapacity[v]}`;
    let type = seen.get(key);
    if (type === undefined) {
      type = seen.size;
      seen.set(key, type);
    }
    types[v] = type;
  }
  return types;
}

function absenceSum(solution: RouteSolution, absences: Float64Array): number {
  let sum = 0;
  for (let a = 0; a < solution.absentCount; a++) sum += absences[solution.absent[a]!]!;
  return sum;
}

function countUsed(solution: RouteSolution): number {
  let used = 0;
  for (let r = 0; r < solution.vehicleCount; r++) if (solution.len[r]! > 0) used++;
  return used;
}

// Why no vehicle could serve stop s even alone, or null when one can.
function unplaceableReason(problem: RoutingProblem, s: number): UnplacedReason | null {
  const n = problem.placeCount;
  const tw = problem.timeWindows;
  let fits = false;
  for (let v = 0; v < problem.vehicleDepot.length; v++) {
    if (problem.demand[s]! > problem.vehicleCapacity[v]!) continue;
    fits = true;
    if (!tw) return null;
    const d = problem.vehicleDepot[v]!;
    const travel = tw.travelTime ?? problem.distance;
    const start = Math.max(tw.ready[s]!, tw.ready[d]! + travel[d * n + s]!);
    if (start <= tw.due[s]! && start + tw.service[s]! + travel[s * n + d]! <= tw.due[d]!) return null;
  }
  if (problem.vehicleDepot.length === 0) return 'no-room-in-fleet';
  return fits ? 'time-window-unreachable' : 'demand-exceeds-capacity';
}

// For each stop, its k nearest other stops, nearest first: row i of the result (length m·k).
function nearestStops(stops: Int32Array, dist: Float64Array, n: number, k: number): Int32Array {
  const m = stops.length;
  const out = new Int32Array(Math.max(0, m * k));
  if (k <= 0) return out;
  const keys = new Float64Array(k);
  for (let i = 0; i < m; i++) {
    const s = stops[i]!;
    const row = i * k;
    let filled = 0;
    for (let j = 0; j < m; j++) {
      if (j === i) continue;
      const t = stops[j]!;
      const d = dist[s * n + t]!;
      if (filled === k && d >= keys[k - 1]!) continue;
      // insertion into the sorted window, ties keep the earlier stop first
      let p = filled < k ? filled++ : k - 1;
      while (p > 0 && keys[p - 1]! > d) {
        keys[p] = keys[p - 1]!;
        out[row + p] = out[row + p - 1]!;
        p--;
      }
      keys[p] = d;
      out[row + p] = t;
    }
  }
  return out;
}

// Sorts values[0 … count-1] ascending by key[value] (insertion sort: count is a few dozen).
function sortByKey(values: Int32Array, count: number, key: Float64Array): void {
  for (let a = 1; a < count; a++) {
    const v = values[a]!;
    const kv = key[v]!;
    let b = a - 1;
    while (b >= 0 && key[values[b]!]! > kv) {
      values[b + 1] = values[b]!;
      b--;
    }
    values[b + 1] = v;
  }
}
