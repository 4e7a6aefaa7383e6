import type { RoutingProblem } from './routing-problem.js';

/**
 * The mutable working solution of the router: one fixed-size slot of stops per vehicle in flat
 * typed arrays, with each route's load, cost and (with time windows) earliest and latest service
 * start per position, so that an insertion is checked in O(1). Internal to the router; copies
 * between solutions touch only the routes that changed.
 */
export class RouteSolution {
  readonly vehicleCount: number;
  /** Slot size: the most stops one route can hold. */
  readonly slot: number;
  /** Stops of vehicle r at `nodes[r * slot + i]`, i < `len[r]`. */
  readonly nodes: Int32Array;
  readonly len: Int32Array;
  readonly load: Float64Array;
  readonly cost: Float64Array;
  /** Vehicle serving each place, -1 when not routed. */
  readonly routeOf: Int32Array;
  readonly posOf: Int32Array;
  /** Earliest service start at each position (time windows only). */
  readonly early: Float64Array;
  /** Latest service start at each position keeping the rest of the route feasible. */
  readonly late: Float64Array;
  /** Placeable stops currently not routed. */
  readonly absent: Int32Array;
  absentCount = 0;

  private readonly n: number;
  private readonly dist: Float64Array;
  private readonly time: Float64Array;
  private readonly demand: Float64Array;
  private readonly depotOf: Int32Array;
  private readonly ready: Float64Array | null;
  private readonly due: Float64Array | null;
  private readonly service: Float64Array | null;

  /** `slot`: the most stops one route can hold; `stopCount`: how many stops may be left out at once. */
  constructor(problem: RoutingProblem, slot: number, stopCount: number) {
    this.n = problem.placeCount;
    this.dist = problem.distance;
    this.time = problem.timeWindows?.travelTime ?? problem.distance;
    this.demand = problem.demand;
    this.depotOf = problem.vehicleDepot;
    this.vehicleCount = problem.vehicleDepot.length;
    this.slot = Math.max(1, slot);
    const size = this.vehicleCount * this.slot;
    this.nodes = new Int32Array(size);
    this.len = new Int32Array(this.vehicleCount);
    this.load = new Float64Array(this.vehicleCount);
    this.cost = new Float64Array(this.vehicleCount);
    this.routeOf = new Int32Array(this.n).fill(-1);
    this.posOf = new Int32Array(this.n);
    this.absent = new Int32Array(Math.max(1, stopCount));
    const tw = problem.timeWindows;
    this.ready = tw ? tw.ready : null;
    this.due = tw ? tw.due : null;
    this.service = tw ? tw.service : null;
    this.early = new Float64Array(tw ? size : 0);
    this.late = new Float64Array(tw ? size : 0);
  }

  /** Sum of the route costs. */
  totalCost(): number {
    let total = 0;
    for (let r = 0; r < this.vehicleCount; r++) total += this.cost[r]!;
    return total;
  }

  /** Recomputes load, cost, positions and the time-window arrays of route r from its stops. */
  refresh(r: number): void {
    const n = this.n;
    const dist = this.dist;
    const base = r * this.slot;
    const len = this.len[r]!;
    const depot = this.depotOf[r]!;
    let prev = depot;
    let load = 0;
    let cost = 0;
    for (let i = 0; i < len; i++) {
      const c = this.nodes[base + i]!;
      this.routeOf[c] = r;
      this.posOf[c] = i;
      load += this.demand[c]!;
      cost += dist[prev * n + c]!;
      prev = c;
    }
    if (len > 0) cost += dist[prev * n + depot]!;
    this.load[r] = load;
    this.cost[r] = cost;
    const ready = this.ready;
    const due = this.due;
    const service = this.service;
    if (ready === null || due === null || service === null || len === 0) return;
    const travel = this.time;
    let time = ready[depot]!;
    prev = depot;
    for (let i = 0; i < len; i++) {
      const c = this.nodes[base + i]!;
      const start = Math.max(ready[c]!, time + (prev === depot ? 0 : service[prev]!) + travel[prev * n + c]!);
      this.early[base + i] = start;
      time = start;
      prev = c;
    }
    let latest = due[depot]! - travel[prev * n + depot]! - service[prev]!;
    for (let i = len - 1; i >= 0; i--) {
      const c = this.nodes[base + i]!;
      const l = Math.min(due[c]!, latest);
      this.late[base + i] = l;
      if (i > 0) {
        const p = this.nodes[base + i - 1]!;
        latest = l - travel[p * n + c]! - service[p]!;
      }
    }
  }

  /**
   * Whether stop c fits before position pos of route r (pos = len: at the end) without breaking a
   * time window; always true without windows. Capacity is checked by the caller.
   */
  timeFeasible(r: number, pos: number, c: number): boolean {
    const ready = this.ready;
    const due = this.due;
    const service = this.service;
    if (ready === null || due === null || service === null) return true;
    const n = this.n;
    const base = r * this.slot;
    const len = this.len[r]!;
    const depot = this.depotOf[r]!;
    let prev = depot;
    let depart = ready[depot]!;
    if (pos > 0) {
      prev = this.nodes[base + pos - 1]!;
      depart = this.early[base + pos - 1]! + service[prev]!;
    }
    const start = Math.max(ready[c]!, depart + this.time[prev * n + c]!);
    if (start > due[c]!) return false;
    const next = pos < len ? this.nodes[base + pos]! : depot;
    const arrive = start + service[c]! + this.time[c * n + next]!;
    return pos < len ? arrive <= this.late[base + pos]! : arrive <= due[depot]!;
  }

  /** Inserts stop c before position pos of route r. */
  insert(r: number, pos: number, c: number): void {
    const base = r * this.slot;
    const len = this.len[r]!;
    this.nodes.copyWithin(base + pos + 1, base + pos, base + len);
    this.nodes[base + pos] = c;
    this.len[r] = len + 1;
    this.refresh(r);
  }

  /**
   * Removes from route r the window of `width` positions starting at `start`, except the `keep`
   * positions starting at `start + keepAt`; appends the removed stops to `out` from `outCount` and
   * returns the new count.
   */
  removeWindow(
    r: number,
    start: number,
    width: number,
    keepAt: number,
    keep: number,
    out: Int32Array,
    outCount: number,
  ): number {
    const base = r * this.slot;
    const len = this.len[r]!;
    let write = base + start;
    let count = outCount;
    for (let i = 0; i < width; i++) {
      const c = this.nodes[base + start + i]!;
      if (i >= keepAt && i < keepAt + keep) {
        this.nodes[write++] = c;
      } else {
        out[count++] = c;
        this.routeOf[c] = -1;
      }
    }
    this.nodes.copyWithin(write, base + start + width, base + len);
    this.len[r] = len - (width - keep);
    this.refresh(r);
    return count;
  }

  /** Makes route r (and the absent list) equal to `other`'s, for each r in `routes[0 … count-1]`. */
  copyRoutesFrom(other: RouteSolution, routes: Int32Array, count: number): void {
    for (let k = 0; k < count; k++) {
      const r = routes[k]!;
      const base = r * this.slot;
      for (let i = this.len[r]! - 1; i >= 0; i--) this.routeOf[this.nodes[base + i]!] = -1;
    }
    for (let k = 0; k < count; k++) this.copyRoute(other, routes[k]!);
    this.copyAbsent(other);
  }

  /** Makes this solution equal to `other`. */
  copyFrom(other: RouteSolution): void {
    this.routeOf.fill(-1);
    for (let r = 0; r < this.vehicleCount; r++) this.copyRoute(other, r);
    this.copyAbsent(other);
  }

  private copyRoute(other: RouteSolution, r: number): void {
    const base = r * this.slot;
    const len = other.len[r]!;
    // element loops rather than set(subarray(…)): no view objects allocated in the search loop
    for (let i = 0; i < len; i++) {
      const c = other.nodes[base + i]!;
      this.nodes[base + i] = c;
      this.routeOf[c] = r;
      this.posOf[c] = i;
    }
    if (this.early.length > 0) {
      for (let i = base; i < base + len; i++) {
        this.early[i] = other.early[i]!;
        this.late[i] = other.late[i]!;
      }
    }
    this.len[r] = len;
    this.load[r] = other.load[r]!;
    this.cost[r] = other.cost[r]!;
  }

  private copyAbsent(other: RouteSolution): void {
    this.absentCount = other.absentCount;
    for (let a = 0; a < other.absentCount; a++) this.absent[a] = other.absent[a]!;
  }
}
