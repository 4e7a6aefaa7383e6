import { csrFromTriplets } from './core/csr-matrix.js';
import { maxMinPlan } from './core/max-min-plan.js';
import type { PlanSolvePhase } from './plan-views.js';

/** The numbers one plan solve needs: A as triplets, final demand, capacities and labour. */
export interface PlanProblem {
  readonly n: number;
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  readonly values: Float64Array;
  /** Final-demand targets, units per period. */
  readonly demand: Float64Array;
  /** Units per period; `Infinity` for a product without registered capacity. */
  readonly capacity: Float64Array;
  /** Hours per unit. */
  readonly labour: Float64Array;
}

/** The outcome of a plan solve, by product index (the service names the products). */
export type PlanSolveResult =
  /** A plan: outputs within capacity meeting every target at `levels` (θ may exceed 1). */
  | {
      status: 'planned';
      /** Largest θ with θ·d producible within capacities. */
      theta: number;
      /** Share of each target met, 0…1. */
      levels: number[];
      /** Gross outputs, units per period. */
      x: number[];
      /** Labour needed, hours per period: l·x. */
      labourHours: number;
      bottlenecks: { product: number; level: number; shadowPrice: number }[];
    }
  /** A is not productive; `products` form the offending block. */
  | { status: 'non-productive'; products: number[]; reason: string }
  /** A solve did not finish. */
  | { status: 'not-converged'; reason: string }
  /** The input is unusable; `index` is the product, −1 when none. */
  | { status: 'invalid-input'; index: number; message: string };

/**
 * Solves a plan: max-min fulfilment of the targets within capacity (the core's fast path, exact
 * up to the Leontief solver's tolerance), gross outputs and the labour they need. Pure; reports
 * its stages through `onProgress` (fraction 0…1).
 *
 * @example const r = solvePlanProblem(problem); if (r.status === 'planned') console.log(r.theta, r.labourHours);
 */
export function solvePlanProblem(
  problem: PlanProblem,
  onProgress: (phase: PlanSolvePhase, fraction: number) => void = () => undefined,
): PlanSolveResult {
  onProgress('assembling', 0);
  const built = csrFromTriplets(problem.n, problem.n, problem.rows, problem.cols, problem.values);
  if (built.status === 'duplicate')
    return {
      status: 'invalid-input',
      index: built.col,
      message: `A names cell (${built.row}, ${built.col}) twice`,
    };
  onProgress('fulfilment', 0.2);
  const plan = maxMinPlan({ a: built.matrix, demand: problem.demand, capacity: problem.capacity });
  if (plan.status === 'non-productive')
    return { status: 'non-productive', products: Array.from(plan.products), reason: plan.reason };
  if (plan.status !== 'planned') return plan;
  onProgress('labour', 0.9);
  let labourHours = 0;
  for (let i = 0; i < problem.n; i++) labourHours += problem.labour[i]! * plan.x[i]!;
  onProgress('done', 1);
  return {
    status: 'planned',
    theta: plan.theta,
    levels: Array.from(plan.levels),
    x: Array.from(plan.x),
    labourHours,
    bottlenecks: plan.bottlenecks.map((b) => ({
      product: b.product,
      level: b.level,
      shadowPrice: b.shadowPrice,
    })),
  };
}
