import { type BlockTriangularForm, blockTriangularForm } from './block-triangular-form.js';
import type { CsrMatrix } from './csr-matrix.js';
import { dependants } from './dependants.js';
import { leontiefSolve } from './leontief-solve.js';
import { productivityCheck } from './productivity-check.js';

/** The planning problem: targets, capacities and priority classes over one coefficient matrix A. */
export interface MaxMinPlanInput {
  /** Technical coefficients (square, non-negative, productive). */
  readonly a: CsrMatrix;
  /** Final-demand targets d (units of each product per period, ≥ 0). */
  readonly demand: Float64Array;
  /** Capacities c (units per period, ≥ 0; `Infinity` for an uncapped product). */
  readonly capacity: Float64Array;
  /**
   * Priority class of each product's target, 1 = protected first (default: all 1). Class 2 is
   * only raised once class 1 is as high as capacity allows, and so on.
   */
  readonly priority?: Int32Array;
}

/** A capacity that stops the targets from rising. */
export interface Bottleneck {
  /** Zero-based product whose capacity binds. */
  readonly product: number;
  /** Fulfilment level (share of each target, 0…1) at which it binds. */
  readonly level: number;
  /** Priority class being raised when it bound. */
  readonly priority: number;
  /**
   * Shadow price: how much that level would rise per extra unit of this capacity (level per
   * unit per period), i.e. 1 / (units of this product needed per unit of level).
   */
  readonly shadowPrice: number;
}

/** Outcome of {@link maxMinPlan} and of the exact LP path `maxMinPlanLp`. */
export type MaxMinPlanResult =
  /** A plan: every target met at `levels[i]` of d[i], gross outputs `x` within capacity. */
  | {
      status: 'planned';
      /** Largest θ with θ·d producible within capacities, all targets alike (may exceed 1). */
      theta: number;
      /** Fulfilment of each product's target, 0…1 (1 where d = 0). */
      levels: Float64Array;
      /** Final output delivered: levels[i] · d[i] (units per period). */
      delivered: Float64Array;
      /** Gross outputs x = (I − A)⁻¹ delivered (units per period), ≤ capacity. */
      x: Float64Array;
      /** The level every target of each class reaches at least, in class order. */
      classLevels: { priority: number; level: number }[];
      /** Binding capacities in the order they bound. */
      bottlenecks: Bottleneck[];
      /** Work done: Leontief solves (fast path: 1 for θ, up to 2 per filling round, 1 final) or LPs (LP path). */
      rounds: number;
    }
  /** A is not productive: no plan exists; `products` form the offending block. */
  | { status: 'non-productive'; products: Int32Array; reason: string }
  /** A solve or LP did not finish (iteration or time limit); no plan is claimed. */
  | { status: 'not-converged'; reason: string }
  /** Inputs of the wrong length, negative or NaN; `index` is the zero-based product. */
  | { status: 'invalid-input'; index: number; message: string };

/** Options of {@link maxMinPlan}. */
export interface MaxMinPlanOptions {
  /** Relative residual of each Leontief solve (default 1e-12, so levels are good to ~1e-10). */
  readonly tolerance?: number;
  /** Block triangular form of A when the caller has it. */
  readonly structure?: BlockTriangularForm;
}

/**
 * Max-min fulfilment for large economies, exact up to the solver tolerance: progressive filling.
 * Since x = (I − A)⁻¹ y is monotone in the deliveries y, raising every free target of the current
 * class to a common level t needs x(t) = x₀ + t·z with z = (I − A)⁻¹ d_free — one Leontief solve —
 * and the highest t is min over products of (cᵢ − x₀ᵢ)/zᵢ, capped at 1 (a ratio test, no
 * bisection needed). The products that attain it are the bottlenecks; the targets that depend on
 * them (walk along A) freeze at t; the others keep rising in the next round (water-filling).
 * Classes are filled in priority order. Rounds ≤ number of distinct bottlenecks + classes.
 *
 * @example
 * const plan = maxMinPlan({ a, demand, capacity });
 * if (plan.status === 'planned') console.log(plan.theta, plan.bottlenecks);
 */
export function maxMinPlan(input: MaxMinPlanInput, options: MaxMinPlanOptions = {}): MaxMinPlanResult {
  const invalid = validatePlanInput(input);
  if (invalid) return invalid;
  const { a, demand: d, capacity: c } = input;
  const n = a.rows;
  const structure = options.structure ?? blockTriangularForm(a);
  const productivity = productivityCheck(a, { structure });
  if (productivity.status === 'non-productive') {
    return { status: 'non-productive', products: productivity.products, reason: productivity.reason };
  }
  const tolerance = options.tolerance ?? 1e-12;
  const solve = (rhs: Float64Array) => leontiefSolve(a, rhs, { structure, productivity, tolerance });

  const whole = solve(d);
  if (whole.status !== 'solved') return notConverged(whole.status);
  const theta = ratioTest(whole.x, new Float64Array(n), c).t;

  const levels = new Float64Array(n);
  const classes = [...new Set(input.priority ?? [1])].sort((p, q) => p - q);
  const classOf = (i: number) => input.priority?.[i] ?? 1;
  const frozen = new Uint8Array(n); // 1 = level fixed (or no target)
  for (let i = 0; i < n; i++) {
    if (d[i] === 0) {
      levels[i] = 1;
      frozen[i] = 1;
    }
  }
  const base = new Float64Array(n); // x₀: gross outputs for the frozen deliveries
  const dFree = new Float64Array(n);
  const bottlenecks: Bottleneck[] = [];
  const classLevels: { priority: number; level: number }[] = [];
  let rounds = 1;
  for (const p of classes) {
    let t = 0;
    let classMin = 1;
    let hasTargets = false;
    for (;;) {
      let any = false;
      dFree.fill(0);
      for (let i = 0; i < n; i++) {
        if (frozen[i] === 0 && classOf(i) === p) {
          dFree[i] = d[i]!;
          any = true;
        }
      }
      if (!any) break;
      hasTargets = true;
      const z = solve(dFree);
      rounds++;
      if (z.status !== 'solved') return notConverged(z.status);
      // the free targets are at level t already: x₀ for them excludes t·z
      const x0 = new Float64Array(n);
      for (let i = 0; i < n; i++) x0[i] = base[i]! + t * z.x[i]!;
      const { t: reach, binding } = ratioTest(z.x, x0, c);
      const next = Math.min(1, t + reach);
      if (next >= 1) {
        for (let i = 0; i < n; i++) {
          if (dFree[i]! > 0) {
            levels[i] = 1;
            frozen[i] = 1;
          }
          base[i] = x0[i]! + (1 - t) * z.x[i]!;
        }
        break;
      }
      for (const i of binding)
        bottlenecks.push({ product: i, level: next, priority: p, shadowPrice: 1 / z.x[i]! });
      const blocked = dependants(a, binding, new Uint8Array(n));
      // deliveries of the targets that freeze now move into x₀; the rest stay free at level `next`
      const nowFrozen = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        levels[i] = dFree[i]! > 0 ? next : levels[i]!;
        if (dFree[i]! > 0 && blocked[i] === 1) {
          frozen[i] = 1;
          nowFrozen[i] = d[i]! * next;
        }
      }
      classMin = Math.min(classMin, next);
      const zf = solve(nowFrozen);
      rounds++;
      if (zf.status !== 'solved') return notConverged(zf.status);
      for (let i = 0; i < n; i++) base[i]! += zf.x[i]!;
      t = next;
    }
    if (hasTargets) classLevels.push({ priority: p, level: classMin });
  }
  const delivered = new Float64Array(n);
  for (let i = 0; i < n; i++) delivered[i] = levels[i]! * d[i]!;
  const final = solve(delivered);
  rounds++;
  if (final.status !== 'solved') return notConverged(final.status);
  const x = final.x;
  // solver noise may put a binding product a hair above its capacity: x ≤ c by construction
  for (let i = 0; i < n; i++) if (x[i]! > c[i]!) x[i] = c[i]!;
  return { status: 'planned', theta, levels, delivered, x, classLevels, bottlenecks, rounds };
}

/**
 * Capacity left over when gross outputs x₀ are produced, in units; 0 once x₀ is within
 * {@link EXHAUSTED} (relative) of c. A capacity that an earlier round used up carries the
 * round-off of the solves that filled it (~1e-15 relative); divided by a small need zᵢ that
 * noise would read as a level, so both paths (fast and LP) treat it as used up.
 */
export function capacitySlack(ci: number, x0i: number): number {
  const slack = ci - x0i;
  return slack > EXHAUSTED * ci ? slack : 0;
}

/** Relative margin below which a capacity counts as used up (see {@link capacitySlack}). */
export const EXHAUSTED = 1e-12;

/**
 * Largest s ≥ 0 with x0 + s·z ≤ c and the products that attain it (within 1e-9 relative).
 * Products with zᵢ = 0 or cᵢ = ∞ never bind. s = ∞ when none binds.
 */
function ratioTest(z: Float64Array, x0: Float64Array, c: Float64Array): { t: number; binding: number[] } {
  let best = Infinity;
  for (let i = 0; i < z.length; i++) {
    const zi = z[i]!;
    if (!(zi > 0) || c[i] === Infinity) continue;
    const s = capacitySlack(c[i]!, x0[i]!) / zi;
    if (s < best) best = s;
  }
  const binding: number[] = [];
  if (best === Infinity) return { t: best, binding };
  const slack = 1e-9 * Math.max(best, 1e-300);
  for (let i = 0; i < z.length; i++) {
    const zi = z[i]!;
    if (!(zi > 0) || c[i] === Infinity) continue;
    if (capacitySlack(c[i]!, x0[i]!) / zi <= best + slack) binding.push(i);
  }
  return { t: best, binding };
}

function notConverged(status: string): MaxMinPlanResult {
  return { status: 'not-converged', reason: `a Leontief solve ended ${status}` };
}

/** Checks lengths and signs of a plan input; undefined when it is acceptable. */
export function validatePlanInput(input: MaxMinPlanInput): MaxMinPlanResult | undefined {
  const { a, demand, capacity, priority } = input;
  const n = a.rows;
  if (a.cols !== n)
    return { status: 'invalid-input', index: -1, message: `A must be square, not ${a.rows}×${a.cols}` };
  for (const [name, v] of [
    ['demand', demand],
    ['capacity', capacity],
    ...(priority ? [['priority', priority] as const] : []),
  ] as const) {
    if (v.length !== n) {
      return {
        status: 'invalid-input',
        index: Math.min(v.length, n),
        message: `${name} has ${v.length} entries, A has ${n} products`,
      };
    }
  }
  for (let i = 0; i < n; i++) {
    if (!(demand[i]! >= 0) || demand[i] === Infinity) {
      return {
        status: 'invalid-input',
        index: i,
        message: `demand of product ${i + 1} is ${demand[i]}, not a finite number ≥ 0`,
      };
    }
    if (!(capacity[i]! >= 0)) {
      return {
        status: 'invalid-input',
        index: i,
        message: `capacity of product ${i + 1} is ${capacity[i]}, not a number ≥ 0`,
      };
    }
    if (priority && !(priority[i]! >= 1)) {
      return {
        status: 'invalid-input',
        index: i,
        message: `priority of product ${i + 1} is ${priority[i]}, classes start at 1`,
      };
    }
  }
  return undefined;
}
