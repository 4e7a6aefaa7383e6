import highsModule, { type Highs } from 'highs';
import { type BlockTriangularForm, blockTriangularForm } from './block-triangular-form.js';
import { type CsrMatrix, csrTranspose } from './csr-matrix.js';
import { dependants } from './dependants.js';
import { leontiefSolve } from './leontief-solve.js';
import {
  type Bottleneck,
  capacitySlack,
  type MaxMinPlanInput,
  type MaxMinPlanResult,
  validatePlanInput,
} from './max-min-plan.js';
import { type ProductivityCheck, productivityCheck } from './productivity-check.js';

/**
 * Largest number of products for which the exact LP path is offered by default. Measured with
 * `npm run bench -- plan` (HiGHS 1.15 as WebAssembly, one core, synthetic economies with
 * log₂n + 5 non-zeros per column): a whole max-min plan takes ~1–2 s at n = 1000 and ~10–20 s at
 * n = 2000, as each simplex basis is close to I − A, whose LU factors fill in almost densely
 * (cost ~n³). Scaling the rounds did not make it slower (on a loaded machine: 5.5 s at 1000,
 * 13.8 s at 2000, against 7.4 s and 48.8 s before). Beyond this, use the fast path `maxMinPlan`,
 * which agrees where both run.
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
 * fixed, find the least gross outputs and so the capacities that truly bind (x ≥ c·(1 − 1e-9)).
 * Shadow prices are the LP duals of those capacity bounds. Each LP is solved in increments over
 * the frozen plan and scaled to unit magnitudes (see `RoundLp`), so HiGHS's absolute tolerances
 * act as relative ones: capacities down to 1e-9 of the need and below agree with the fast path.
 * Meant as the reference for moderate sizes (≤ `sizeLimit` products): it agrees with the fast
 * path to 1e-6 relative (property test: capacity shares from 0 and 1e-9 up to 2).
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
  const lp = new RoundLp(highs, a, c, productivity, options.timeLimit ?? 60);
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
          if (needed[i] === 1 && lp.atCapacity(least.x, i)) binding.push(i);
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

/** Relative margin within which a capacity counts as reached: x ≥ c·(1 − BINDING). */
const BINDING = 1e-9;

/**
 * One LP per call over the same A: columns x₀…x_{n−1}, t; rows (I − A) x − t·d_free ≥ y. Each
 * call is solved *scaled* to unit magnitudes, because HiGHS's tolerances are absolute (1e-9):
 * unscaled, a capacity a billion times smaller than the need sat inside the tolerance and the
 * two paths disagreed by the whole of it. Scaling x_j = s_j·u_j, t = σ·τ, row i divided by s_i,
 * with s = the least outputs x̂ = x₀ + σ·z at the round's estimated level σ (z = (I − A)⁻¹ d_free,
 * x₀ = (I − A)⁻¹ y, σ from the ratio test on them), makes every coefficient ≤ 1 in magnitude
 * (a_ij·x̂_j ≤ x̂_i, σ·d_i ≤ x̂_i) and every active bound ~1. The scaling does not move the
 * optimum, it only conditions it; a poor estimate costs accuracy, not correctness. The basis of
 * one call warm-starts the next (basis statuses do not depend on scaling).
 */
class RoundLp {
  private readonly model;
  private readonly n: number;
  /** Aᵀ: row j lists the inputs of product j. */
  readonly inputsOf: CsrMatrix;
  /** I − A column-wise: column j holds rows `indices[starts[j] … starts[j+1]−1]`. */
  private readonly starts: Int32Array;
  private readonly indices: Int32Array;
  private readonly values: Float64Array;
  private readonly structure: BlockTriangularForm;
  private basis: { colStatus: Int32Array; rowStatus: Int32Array } | undefined;

  constructor(
    private readonly highs: Highs,
    private readonly a: CsrMatrix,
    private readonly c: Float64Array,
    private readonly productivity: ProductivityCheck,
    timeLimit: number,
  ) {
    const n = a.rows;
    this.n = n;
    this.structure = blockTriangularForm(a);
    // column j of I − A is row j of (I − A)ᵀ
    const at = csrTranspose(a);
    this.inputsOf = at;
    const nnz = at.rowPtr[n]!;
    const starts = new Int32Array(n + 1);
    const indices = new Int32Array(nnz + n);
    const values = new Float64Array(nnz + n);
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
    this.starts = starts;
    this.indices = indices.subarray(0, p);
    this.values = values.subarray(0, p);
    this.model = highs.createModel();
    this.model.options.set({
      output_flag: false,
      time_limit: timeLimit,
      primal_feasibility_tolerance: 1e-10,
      dual_feasibility_tolerance: 1e-10,
      // scaled coefficients are ≤ 1; keep small couplings rather than drop them as noise
      small_matrix_value: 1e-12,
    });
  }

  private leontief(rhs: Float64Array): Float64Array | undefined {
    const r = leontiefSolve(this.a, rhs, {
      structure: this.structure,
      productivity: this.productivity,
      tolerance: 1e-12,
    });
    return r.status === 'solved' ? r.x : undefined;
  }

  /**
   * Solves one round's LP in increments over the frozen plan: x = x₀ + w with x₀ = (I − A)⁻¹ y
   * (exact to 1e-12), so the LP is (I − A) w ≥ t·d_free, 0 ≤ w ≤ c − x₀. Restricting w ≥ 0 loses
   * nothing: x₀ + t·z is the least element of the x feasible at t. 'max-t' maximises t in
   * [0, tUpper]; 'least-x' fixes t and minimises Σ w_j / s_j (any positive weights give the least
   * outputs). Returns unscaled t, x and the capacities' duals as ∂t/∂c_j.
   */
  private solve(
    dFree: Float64Array,
    y: Float64Array,
    goal: { kind: 'max-t'; tUpper: number } | { kind: 'least-x'; t: number },
  ): LpOutcome<{ t: number; x: Float64Array; colDual: Float64Array }> {
    const { n, c, highs } = this;
    const inf = highs.infinity;
    const x0 = this.leontief(y);
    const z = this.leontief(dFree);
    if (!z || !x0)
      return {
        status: 'failed',
        result: { status: 'not-converged', reason: 'a Leontief solve for the LP scaling did not converge' },
      };
    const x = new Float64Array(n);
    for (let j = 0; j < n; j++) x[j] = Math.min(c[j]!, Math.max(0, x0[j]!));
    if (goal.kind === 'least-x' && goal.t === 0)
      return { status: 'ok', t: 0, x, colDual: new Float64Array(n + 1) };
    // σ: the level the round is expected to reach (ratio test on the slacks); 1e-9 when a needed
    // capacity has no slack left (t is then 0 up to round-off, and HiGHS's absolute tolerance
    // must not read as a level), 1 when unbounded. The increments then scale as s = σ·z.
    let estimate = Infinity;
    if (goal.kind === 'least-x') estimate = goal.t;
    else {
      for (let i = 0; i < n; i++) {
        if (z[i]! > 0 && c[i] !== Infinity)
          estimate = Math.min(estimate, capacitySlack(c[i]!, x0[i]!) / z[i]!);
      }
      estimate = Math.min(estimate, goal.tUpper);
    }
    const sigma = estimate === 0 ? 1e-9 : Number.isFinite(estimate) ? estimate : 1;
    // products no free target needs (z_j = 0) keep w_j = 0: they form a closed set (a_ij > 0 and
    // z_i = 0 imply z_j = 0), so their rows hold only their own columns, fixed at 0, and scale 1
    const s = new Float64Array(n);
    for (let j = 0; j < n; j++) s[j] = z[j]! > 0 ? sigma * z[j]! : 1;

    const starts = new Int32Array(n + 2);
    const base = this.starts[n]!;
    const indices = new Int32Array(base + n);
    const values = new Float64Array(base + n);
    let p = 0;
    for (let j = 0; j < n; j++) {
      const zj = z[j]! > 0;
      for (let k = this.starts[j]!; k < this.starts[j + 1]!; k++) {
        const i = this.indices[k]!;
        // a fixed column's entries in a needed row change nothing: left out
        if (!zj && z[i]! > 0) continue;
        indices[p] = i;
        values[p++] = (this.values[k]! * s[j]!) / s[i]!;
      }
      starts[j + 1] = p;
    }
    // the t column: −σ·d_free,i / s_i = −d_free,i / z_i ∈ [−1, 0)
    for (let i = 0; i < n; i++) {
      if (!(dFree[i]! > 0)) continue;
      indices[p] = i;
      values[p++] = (-sigma * dFree[i]!) / s[i]!;
    }
    starts[n + 1] = p;
    const colLower = new Float64Array(n + 1);
    const colUpper = new Float64Array(n + 1);
    for (let j = 0; j < n; j++) {
      colUpper[j] = !(z[j]! > 0) ? 0 : c[j] === Infinity ? inf : capacitySlack(c[j]!, x0[j]!) / s[j]!;
    }
    const colCost = new Float64Array(n + 1);
    if (goal.kind === 'max-t') {
      colUpper[n] = goal.tUpper === Infinity ? inf : goal.tUpper / sigma;
      colCost[n] = 1;
    } else {
      colLower[n] = colUpper[n] = goal.t / sigma;
      colCost.fill(1, 0, n);
    }
    this.model.passModel({
      numCols: n + 1,
      numRows: n,
      sense:
        goal.kind === 'max-t'
          ? highs.constants.objectiveSense.maximize
          : highs.constants.objectiveSense.minimize,
      colCost,
      colLower,
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
    if (this.basis) this.model.setBasis(this.basis);
    const status = this.model.run().modelStatus;
    const codes = highs.constants.modelStatus;
    if (status !== codes.optimal) {
      // θ itself is unbounded when no capacity limits the products the targets need
      if (status === codes.unbounded && goal.kind === 'max-t' && goal.tUpper === Infinity)
        return { status: 'ok', t: Infinity, x, colDual: new Float64Array(n + 1) };
      return { status: 'failed', result: failure(status, codes) };
    }
    const basis = this.model.getBasis();
    this.basis = { colStatus: basis.colStatus.slice(), rowStatus: basis.rowStatus.slice() };
    const sol = this.model.getSolution();
    const colDual = new Float64Array(n + 1);
    for (let j = 0; j < n; j++) {
      // x ≤ c by construction; HiGHS may overstep a bound by its tolerance
      if (z[j]! > 0) x[j] = Math.min(c[j]!, Math.max(0, x0[j]! + s[j]! * sol.colValue[j]!));
      colDual[j] = (sol.colDual[j]! * sigma) / s[j]!;
    }
    const t = goal.kind === 'max-t' ? sigma * sol.colValue[n]! : goal.t;
    return { status: 'ok', t, x, colDual };
  }

  /** Max t with (I − A) x ≥ y + t·d_free, 0 ≤ x ≤ c, 0 ≤ t ≤ tUpper. */
  maximise(
    dFree: Float64Array,
    y: Float64Array,
    tUpper: number,
  ): LpOutcome<{ t: number; colDual: Float64Array }> {
    return this.solve(dFree, y, { kind: 'max-t', tUpper });
  }

  /** Least gross outputs delivering y + t·d_free (t fixed). */
  leastOutputs(dFree: Float64Array, y: Float64Array, t: number): LpOutcome<{ x: Float64Array }> {
    return this.solve(dFree, y, { kind: 'least-x', t });
  }

  /** Whether product i is at its capacity in `x` (relative margin {@link BINDING}). */
  atCapacity(x: Float64Array, i: number): boolean {
    const ci = this.c[i]!;
    return ci !== Infinity && x[i]! >= ci * (1 - BINDING);
  }

  dispose() {
    this.model.dispose();
  }
}

function failure(status: number, codes: Highs['constants']['modelStatus']): MaxMinPlanResult {
  if (status === codes.timeLimit) return { status: 'not-converged', reason: 'the LP reached its time limit' };
  if (status === codes.infeasible)
    return { status: 'not-converged', reason: 'an LP round was infeasible (numerical trouble)' };
  return { status: 'not-converged', reason: `the LP ended with HiGHS model status ${status}` };
}
