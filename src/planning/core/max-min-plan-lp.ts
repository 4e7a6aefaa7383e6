import highsModule, { type Highs } from 'highs';
import { type CsrMatrix, csrTranspose } from './csr-matrix.js';
import { dependants } from './dependants.js';
import {
  type Bottleneck,
  type MaxMinPlanInput,
  type MaxMinPlanResult,
  validatePlanInput,
} from './max-min-plan.js';
import { productivityCheck } from './productivity-check.js';

/**
 * Largest number of products for which the exact LP path is offered by default. Measured with
 * `npm run bench -- plan` (HiGHS 1.15 as WebAssembly, one core, synthetic economies with
 * log₂n + 5 non-zeros per column): a whole max-min plan takes ~1–2 s at n = 1000 and ~10–20 s at
 * n = 2000, as each simplex basis is close to I − A, whose LU factors fill in almost densely
 * (cost ~n³). Beyond this, use the fast path `maxMinPlan`, which agrees where both run.
 */
export const LP_SIZE_LIMIT = 2_000;

/** Options of {@link maxMinPlanLp}. */
export interface MaxMinPlanLpOptions {
  /** A loaded HiGHS runtime (`await highsLoader()`); loaded on first use when absent. */
  readonly highs?: Highs;
  /** Seconds allowed per LP (default 60); reaching it ends in 'not-converged'. */
  readonly timeLimit?: number;
  /** Refuse problems larger than this many products (default {@link LP_SIZE_LIMIT}). */
  readonly sizeLimit?: number;
}

// The package's types describe its CommonJS build; under Node's ESM resolution the default export
// is the loader function itself.
const highsLoader = highsModule as unknown as () => Promise<Highs>;
let loaded: Promise<Highs> | undefined;

/**
 * The same max-min fulfilment as `maxMinPlan`, each round solved as an exact linear program with
 * HiGHS: maximise t subject to (I − A) x − t·d_free ≥ y_frozen, 0 ≤ x ≤ c, t ≤ 1; then, with t
 * fixed, minimise Σx to find the least gross outputs and so the capacities that truly bind.
 * Shadow prices are the LP duals of those capacity bounds. Meant as the reference for moderate
 * sizes (≤ `sizeLimit` products): it agrees with the fast path to 1e-6 relative.
 *
 * @example const plan = await maxMinPlanLp({ a, demand, capacity }, { highs });
 */
export async function maxMinPlanLp(
  input: MaxMinPlanInput,
  options: MaxMinPlanLpOptions = {},
): Promise<MaxMinPlanResult> {
  const invalid = validatePlanInput(input);
  if (invalid) return invalid;
  const { a, demand: d, capacity: c } = input;
  const n = a.rows;
  const limit = options.sizeLimit ?? LP_SIZE_LIMIT;
  if (n > limit) {
    return {
      status: 'invalid-input',
      index: -1,
      message: `${n} products exceed the LP path's limit of ${limit}`,
    };
  }
  const productivity = productivityCheck(a);
  if (productivity.status === 'non-productive') {
    return { status: 'non-productive', products: productivity.products, reason: productivity.reason };
  }
  if (!options.highs) loaded ??= highsLoader();
  const highs = options.highs ?? (await loaded!);
  const lp = new RoundLp(highs, a, c, options.timeLimit ?? 60);
  try {
    const all = lp.maximise(d, new Float64Array(n), Infinity);
    if (all.status !== 'ok') return all.result;
    const theta = all.t;

    const levels = new Float64Array(n);
    const frozen = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (d[i] === 0) {
        levels[i] = 1;
        frozen[i] = 1;
      }
    }
    const yFrozen = new Float64Array(n);
    const dFree = new Float64Array(n);
    const classOf = (i: number) => input.priority?.[i] ?? 1;
    const classes = [...new Set(input.priority ?? [1])].sort((p, q) => p - q);
    const bottlenecks: Bottleneck[] = [];
    const reported = new Uint8Array(n);
    const classLevels: { priority: number; level: number }[] = [];
    let rounds = 1;
    for (const p of classes) {
      let classMin = 1;
      let hasTargets = false;
      for (;;) {
        dFree.fill(0);
        let any = false;
        for (let i = 0; i < n; i++) {
          if (frozen[i] === 0 && classOf(i) === p) {
            dFree[i] = d[i]!;
            any = true;
          }
        }
        if (!any) break;
        hasTargets = true;
        const round = lp.maximise(dFree, yFrozen, 1);
        rounds++;
        if (round.status !== 'ok') return round.result;
        const t = round.t;
        if (t >= 1 - 1e-12) {
          for (let i = 0; i < n; i++) {
            if (dFree[i]! > 0) {
              levels[i] = 1;
              frozen[i] = 1;
              yFrozen[i] = d[i]!;
            }
          }
          break;
        }
        const least = lp.leastOutputs(dFree, yFrozen, t);
        if (least.status !== 'ok') return least.result;
        // binding: needed by a free target (directly or through inputs) and at capacity in the
        // least-output plan; a product used only by frozen targets does not stop the free ones
        const free: number[] = [];
        for (let i = 0; i < n; i++) if (dFree[i]! > 0) free.push(i);
        const needed = dependants(lp.inputsOf, free, new Uint8Array(n));
        const binding: number[] = [];
        for (let i = 0; i < n; i++) {
          const xi = least.x[i]!;
          if (needed[i] === 1 && c[i] !== Infinity && xi >= c[i]! - 1e-7 * Math.max(1, c[i]!))
            binding.push(i);
        }
        for (const i of binding) {
          if (reported[i] === 1) continue;
          reported[i] = 1;
          bottlenecks.push({ product: i, level: t, priority: p, shadowPrice: Math.abs(round.colDual[i]!) });
        }
        const blocked = dependants(a, binding, new Uint8Array(n));
        let progress = false;
        for (let i = 0; i < n; i++) {
          if (dFree[i]! > 0) {
            levels[i] = t;
            if (blocked[i] === 1) {
              frozen[i] = 1;
              yFrozen[i] = d[i]! * t;
              progress = true;
            }
          }
        }
        // a free target reaching no binding capacity cannot happen at an optimum; guard anyway
        if (!progress) return { status: 'not-converged', reason: 'LP round found no binding capacity' };
        classMin = Math.min(classMin, t);
      }
      if (hasTargets) classLevels.push({ priority: p, level: classMin });
    }
    const delivered = new Float64Array(n);
    for (let i = 0; i < n; i++) delivered[i] = levels[i]! * d[i]!;
    const least = lp.leastOutputs(new Float64Array(n), delivered, 0);
    if (least.status !== 'ok') return least.result;
    return { status: 'planned', theta, levels, delivered, x: least.x, classLevels, bottlenecks, rounds };
  } finally {
    lp.dispose();
  }
}

type LpOutcome<T> = ({ status: 'ok' } & T) | { status: 'failed'; result: MaxMinPlanResult };

/** One HiGHS model reused across rounds: columns x₀…x_{n−1}, t; rows (I − A) x − t·d_free ≥ y. */
class RoundLp {
  private readonly model;
  private readonly n: number;
  /** Aᵀ: row j lists the inputs of product j. */
  readonly inputsOf: CsrMatrix;

  constructor(
    private readonly highs: Highs,
    a: CsrMatrix,
    c: Float64Array,
    timeLimit: number,
  ) {
    const n = a.rows;
    this.n = n;
    const inf = highs.infinity;
    // CSC of [I − A | −d_free]: HiGHS keeps the matrix column-wise, so the t column (the last
    // one) can be replaced per round without reformatting; column j of I − A is row j of (I − A)ᵀ
    const at = csrTranspose(a);
    this.inputsOf = at;
    const nnz = at.rowPtr[n]!;
    const starts = new Int32Array(n + 2);
    const indices = new Int32Array(nnz + 2 * n);
    const values = new Float64Array(nnz + 2 * n);
    let p = 0;
    for (let j = 0; j < n; j++) {
      let diagDone = false;
      for (let k = at.rowPtr[j]!; k < at.rowPtr[j + 1]!; k++) {
        const i = at.colIdx[k]!;
        if (!diagDone && i >= j) {
          indices[p] = j;
          values[p++] = i === j ? 1 - at.values[k]! : 1;
          diagDone = true;
          if (i === j) continue;
        }
        indices[p] = i;
        values[p++] = -at.values[k]!;
      }
      if (!diagDone) {
        indices[p] = j;
        values[p++] = 1;
      }
      starts[j + 1] = p;
    }
    for (let i = 0; i < n; i++) {
      indices[p] = i;
      values[p++] = -1; // replaced per round by −d_free[i]
    }
    starts[n + 1] = p;
    const colUpper = new Float64Array(n + 1);
    for (let j = 0; j < n; j++) colUpper[j] = c[j] === Infinity ? inf : c[j]!;
    colUpper[n] = inf;
    const colCost = new Float64Array(n + 1);
    colCost[n] = 1;
    this.model = highs.createModel({
      numCols: n + 1,
      numRows: n,
      sense: highs.constants.objectiveSense.maximize,
      colCost,
      colLower: new Float64Array(n + 1),
      colUpper,
      rowLower: new Float64Array(n),
      rowUpper: new Float64Array(n).fill(inf),
      matrix: {
        format: 'csc',
        numRows: n,
        numCols: n + 1,
        starts,
        indices: indices.subarray(0, p),
        values: values.subarray(0, p),
      },
    });
    this.model.options.set({
      output_flag: false,
      time_limit: timeLimit,
      primal_feasibility_tolerance: 1e-9,
      dual_feasibility_tolerance: 1e-9,
    });
  }

  private setRound(dFree: Float64Array, y: Float64Array, tLower: number, tUpper: number) {
    const n = this.n;
    for (let i = 0; i < n; i++) this.model.changeCoefficient(i, n, -dFree[i]!);
    this.model.changeRowsBounds(
      { kind: 'range', from: 0, to: n - 1 },
      y,
      new Float64Array(n).fill(this.highs.infinity),
    );
    this.model.changeColBounds(n, tLower, tUpper === Infinity ? this.highs.infinity : tUpper);
  }

  private run(): MaxMinPlanResult | undefined {
    const status = this.model.run().modelStatus;
    const s = this.highs.constants.modelStatus;
    if (status === s.optimal) return undefined;
    if (status === s.timeLimit) return { status: 'not-converged', reason: 'the LP reached its time limit' };
    if (status === s.infeasible)
      return { status: 'not-converged', reason: 'an LP round was infeasible (numerical trouble)' };
    return { status: 'not-converged', reason: `the LP ended with HiGHS model status ${status}` };
  }

  /** Max t with (I − A) x ≥ y + t·d_free, 0 ≤ x ≤ c, 0 ≤ t ≤ tUpper. */
  maximise(
    dFree: Float64Array,
    y: Float64Array,
    tUpper: number,
  ): LpOutcome<{ t: number; colDual: Float64Array }> {
    const n = this.n;
    this.setRound(dFree, y, 0, tUpper);
    const cost = new Float64Array(n + 1);
    cost[n] = 1;
    this.model.changeColsCost({ kind: 'range', from: 0, to: n }, cost);
    this.model.changeObjectiveSense(this.highs.constants.objectiveSense.maximize);
    const failed = this.run();
    if (failed) {
      // θ itself is unbounded when no capacity limits the products the targets need
      const unbounded = this.model.getModelStatus() === this.highs.constants.modelStatus.unbounded;
      if (unbounded && tUpper === Infinity)
        return { status: 'ok', t: Infinity, colDual: new Float64Array(n + 1) };
      return { status: 'failed', result: failed };
    }
    const sol = this.model.getSolution();
    return { status: 'ok', t: sol.colValue[n]!, colDual: sol.colDual };
  }

  /** Least gross outputs delivering y + t·d_free: min Σx with t fixed. */
  leastOutputs(dFree: Float64Array, y: Float64Array, t: number): LpOutcome<{ x: Float64Array }> {
    const n = this.n;
    this.setRound(dFree, y, t, t);
    const cost = new Float64Array(n + 1).fill(1);
    cost[n] = 0;
    this.model.changeColsCost({ kind: 'range', from: 0, to: n }, cost);
    this.model.changeObjectiveSense(this.highs.constants.objectiveSense.minimize);
    const failed = this.run();
    if (failed) return { status: 'failed', result: failed };
    return { status: 'ok', x: this.model.getSolution().colValue.slice(0, n) };
  }

  dispose() {
    this.model.dispose();
  }
}
