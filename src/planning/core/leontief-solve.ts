import { type BlockTriangularForm, blockTriangularForm } from './block-triangular-form.js';
import { type CsrMatrix, csrTranspose } from './csr-matrix.js';
import { type ProductivityCheck, productivityCheck } from './productivity-check.js';

/** Iterative methods offered by {@link leontiefSolve}. */
export type LeontiefMethod =
  /**
   * The default: Gauss–Seidel inside each diagonal block of the block triangular form, blocks in
   * dependency order, so entries between blocks are used once (measured fastest: bench `plan`).
   */
  | 'block-gauss-seidel'
  /** Restarted GMRES on I − A, no preconditioner. */
  | 'gmres'
  /** BiCGSTAB on I − A (two matrix passes per iteration). */
  | 'bicgstab'
  /** Gauss–Seidel sweeps in product order, in place. */
  | 'gauss-seidel'
  /** Jacobi / Neumann series x ← d + A x (with the diagonal moved to the left). */
  | 'jacobi';

/** Options of {@link leontiefSolve}; every field has a default. */
export interface LeontiefSolveOptions {
  /** Solve the transposed system (I − Aᵀ) x = d, as for labour values (default false). */
  readonly transpose?: boolean;
  /** Relative residual target ‖(I−A)x − d‖∞ / ‖d‖∞ (default 1e-10). */
  readonly tolerance?: number;
  /** Iteration cap, counted in matrix passes (default 2000). */
  readonly maxIterations?: number;
  readonly method?: LeontiefMethod;
  /** GMRES restart length, Krylov vectors kept (default 20; memory 8·n bytes each). */
  readonly restart?: number;
  /** Starting guess (default 0), e.g. the previous plan's outputs when a target is amended. */
  readonly initialGuess?: Float64Array;
  /**
   * Check productivity before iterating (default true). Cost O(nnz) when every column sum of A
   * is below 1; a strongly connected component analysis otherwise. A caller that has already
   * checked the same matrix may pass its result here to skip the work.
   */
  readonly productivity?: boolean | ProductivityCheck;
  /** The block triangular form of A, computed once per matrix and shared by its solves. */
  readonly structure?: BlockTriangularForm;
}

/** Outcome of {@link leontiefSolve}. */
export type LeontiefSolveResult =
  /**
   * x solves the system to `residual` ≤ tolerance (relative, ∞-norm, recomputed from x itself).
   * `iterations` counts sweeps (for block Gauss–Seidel: of the slowest block); `matrixPasses` the
   * work in passes over all of A's entries, comparable between methods.
   */
  | {
      status: 'solved';
      x: Float64Array;
      iterations: number;
      matrixPasses: number;
      residual: number;
      method: LeontiefMethod;
    }
  /** A is not productive: `products` (zero-based) form a block whose spectral radius is ≥ 1. */
  | { status: 'non-productive'; products: Int32Array; spectralRadiusLowerBound: number; reason: string }
  /** The iteration cap was reached first; `x` is the last iterate and `residual` its residual. */
  | {
      status: 'not-converged';
      x: Float64Array;
      iterations: number;
      matrixPasses: number;
      residual: number;
      method: LeontiefMethod;
    };

/**
 * Solves the Leontief system `(I − A) x = d` (gross outputs x for final demand d) or, with
 * `transpose`, `(I − Aᵀ) v = l` (labour values v = vA + l), for a non-negative square A. The
 * returned residual ‖(I−A)x − d‖∞ / ‖d‖∞ is computed from the returned x, not estimated.
 * A non-productive A is reported with the products of the offending block, never iterated on.
 *
 * @example
 * const r = leontiefSolve(a, Float64Array.of(10, 5));
 * if (r.status === 'solved') console.log(r.x, r.iterations, r.residual);
 */
export function leontiefSolve(
  a: CsrMatrix,
  d: Float64Array,
  options: LeontiefSolveOptions = {},
): LeontiefSolveResult {
  const n = a.rows;
  if (a.cols !== n || d.length !== n)
    throw new RangeError(`leontiefSolve: A is ${a.rows}×${a.cols}, d has ${d.length}`);
  const method = options.method ?? 'block-gauss-seidel';
  const structure =
    options.structure ?? (method === 'block-gauss-seidel' ? blockTriangularForm(a) : undefined);
  const check =
    typeof options.productivity === 'object'
      ? options.productivity
      : options.productivity === false
        ? undefined
        : productivityCheck(a, structure ? { structure } : {});
  if (check && check.status === 'non-productive') {
    return {
      status: 'non-productive',
      products: check.products,
      spectralRadiusLowerBound: check.spectralRadiusLowerBound,
      reason: check.reason,
    };
  }
  const tol = options.tolerance ?? 1e-10;
  const maxIt = options.maxIterations ?? 2000;
  const transpose = options.transpose ?? false;
  const dNorm = normInf(d);
  const x = new Float64Array(n);
  if (options.initialGuess) x.set(options.initialGuess);
  if (dNorm === 0) {
    x.fill(0);
    return { status: 'solved', x, iterations: 0, matrixPasses: 0, residual: 0, method };
  }
  if (method === 'block-gauss-seidel') {
    const work = blockGaussSeidel(structure ?? blockTriangularForm(a), d, x, tol * dNorm, maxIt, transpose);
    const residual = work.residual / dNorm;
    const status = residual <= tol ? 'solved' : 'not-converged';
    return { status, x, iterations: work.sweeps, matrixPasses: work.passes, residual, method };
  }
  // the Krylov methods work on d/‖d‖∞ so that 2-norms neither underflow nor overflow
  const ds = new Float64Array(n);
  for (let i = 0; i < n; i++) ds[i] = d[i]! / dNorm;
  for (let i = 0; i < n; i++) x[i] = x[i]! / dNorm;
  const op = new LeontiefOperator(a, transpose);
  let iterations: number;
  switch (method) {
    case 'gmres':
      iterations = gmres(op, ds, x, tol, maxIt, Math.max(2, options.restart ?? 20));
      break;
    case 'bicgstab':
      iterations = bicgstab(op, ds, x, tol, maxIt);
      break;
    case 'gauss-seidel':
      iterations = gaussSeidel(op, ds, x, tol, maxIt);
      break;
    case 'jacobi':
      iterations = jacobi(op, ds, x, tol, maxIt);
      break;
  }
  for (let i = 0; i < n; i++) x[i] = x[i]! * dNorm;
  const r = new Float64Array(n);
  op.residual(x, d, r);
  const residual = normInf(r) / dNorm;
  // +1 for the residual check of the result (+1 more for the Krylov methods' initial residual)
  const matrixPasses = (method === 'gmres' || method === 'bicgstab' ? iterations + 1 : iterations) + 1;
  if (residual <= tol) return { status: 'solved', x, iterations, matrixPasses, residual, method };
  return { status: 'not-converged', x, iterations, matrixPasses, residual, method };
}

/** Applies I − A or I − Aᵀ and keeps what the methods need (diagonal, transposed rows). */
class LeontiefOperator {
  readonly n: number;
  private rowsOf: CsrMatrix | undefined;
  private diagonal: Float64Array | undefined;

  constructor(
    readonly a: CsrMatrix,
    readonly transpose: boolean,
  ) {
    this.n = a.rows;
  }

  /** A_ii for each product, found on first use. */
  get diag(): Float64Array {
    if (!this.diagonal) {
      const a = this.a;
      const diag = new Float64Array(this.n);
      for (let i = 0; i < this.n; i++) {
        for (let k = a.rowPtr[i]!; k < a.rowPtr[i + 1]!; k++) if (a.colIdx[k] === i) diag[i] = a.values[k]!;
      }
      this.diagonal = diag;
    }
    return this.diagonal;
  }

  /** y = (I − A) x, or (I − Aᵀ) x. */
  apply(x: Float64Array, y: Float64Array): void {
    const { rowPtr, colIdx, values } = this.a;
    const n = this.n;
    if (!this.transpose) {
      for (let i = 0; i < n; i++) {
        y[i] = x[i]! - rowDot(values, colIdx, x, rowPtr[i]!, rowPtr[i + 1]!);
      }
    } else {
      y.set(x);
      for (let i = 0; i < n; i++) {
        const xi = x[i]!;
        if (xi === 0) continue;
        const end = rowPtr[i + 1]!;
        for (let k = rowPtr[i]!; k < end; k++) y[colIdx[k]!]! -= values[k]! * xi;
      }
    }
  }

  /** r = d − (I − A) x. */
  residual(x: Float64Array, d: Float64Array, r: Float64Array): void {
    this.apply(x, r);
    for (let i = 0; i < this.n; i++) r[i] = d[i]! - r[i]!;
  }

  /** The matrix whose rows are the equations (A itself, or Aᵀ built once on first use). */
  equationRows(): CsrMatrix {
    if (!this.transpose) return this.a;
    if (!this.rowsOf) this.rowsOf = csrTranspose(this.a);
    return this.rowsOf;
  }
}

const transposedBlocks = new WeakMap<BlockTriangularForm, CsrMatrix>();

// The in-block entries of the permuted matrix, transposed (positions), for the transposed solve.
function transposedInBlock(btf: BlockTriangularForm): CsrMatrix {
  const cached = transposedBlocks.get(btf);
  if (cached) return cached;
  const { rowPtr, colIdx, values } = btf.permuted;
  const split = btf.split;
  const n = btf.members.length;
  const tPtr = new Int32Array(n + 1);
  for (let t = 0; t < n; t++) for (let k = rowPtr[t]!; k < split[t]!; k++) tPtr[colIdx[k]! + 1]!++;
  for (let t = 0; t < n; t++) tPtr[t + 1]! += tPtr[t]!;
  const fill = tPtr.slice(0, n);
  const tCol = new Int32Array(tPtr[n]!);
  const tVal = new Float64Array(tPtr[n]!);
  for (let t = 0; t < n; t++) {
    for (let k = rowPtr[t]!; k < split[t]!; k++) {
      const q = fill[colIdx[k]!]!++;
      tCol[q] = t;
      tVal[q] = values[k]!;
    }
  }
  const m: CsrMatrix = { rows: n, cols: n, rowPtr: tPtr, colIdx: tCol, values: tVal };
  transposedBlocks.set(btf, m);
  return m;
}

// Block Gauss–Seidel on the block triangular form, in positions (x kept permuted, so a block's
// sweeps touch one contiguous stretch of memory). Forward: blocks in increasing order, each
// block's right-hand side gathered once from the final values of earlier blocks. Transposed:
// blocks in decreasing order, each finished block pushing its values into the right-hand sides of
// the blocks that use it. Inside a block, sweeps until the block's own residual is ≤ absTol; as
// the other blocks' values are final by then, that is the global residual of its rows, so the
// largest block residual is ‖(I−A)x − d‖∞ itself, computed from x.
function blockGaussSeidel(
  btf: BlockTriangularForm,
  d: Float64Array,
  x: Float64Array,
  absTol: number,
  maxIt: number,
  transpose: boolean,
): { sweeps: number; passes: number; residual: number } {
  const { blockStart, members, count, split, diagonal: diag } = btf;
  const n = members.length;
  const { rowPtr: pp, colIdx: pc, values: pv } = btf.permuted;
  const inner = transpose ? transposedInBlock(btf) : undefined;
  // inner rows: rowPtr[t] .. end(t) hold the in-block entries of equation t
  const ip = inner ? inner.rowPtr : pp;
  const ic = inner ? inner.colIdx : pc;
  const iv = inner ? inner.values : pv;
  const innerEnd = inner ? inner.rowPtr.subarray(1) : split;
  const xp = new Float64Array(n);
  const rhs = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    xp[t] = x[members[t]!]!;
    rhs[t] = d[members[t]!]!;
  }
  let maxSweeps = 0;
  let innerWork = 0;
  let residual = 0;
  for (let step = 0; step < count; step++) {
    const b = transpose ? count - 1 - step : step;
    const lo = blockStart[b]!;
    const hi = blockStart[b + 1]!;
    if (!transpose) {
      for (let t = lo; t < hi; t++) {
        let s = rhs[t]!;
        const end = pp[t + 1]!;
        s += rowDot(pv, pc, xp, split[t]!, end);
        rhs[t] = s;
      }
    }
    if (hi - lo === 1) {
      const xi = rhs[lo]! / (1 - diag[lo]!);
      xp[lo] = xi;
      const r = Math.abs(rhs[lo]! - (1 - diag[lo]!) * xi);
      if (!(r <= residual)) residual = r;
      if (maxSweeps < 1) maxSweeps = 1;
    } else {
      let sweeps = 0;
      let res = Infinity;
      let blockNnz = 0;
      for (let t = lo; t < hi; t++) blockNnz += innerEnd[t]! - ip[t]!;
      // the direction that meets more of the block's coefficient mass already updated (chosen
      // for A by the block triangular form); the transposed rows have it the other way round
      const backward = (btf.reversed[b] === 1) !== transpose;
      const first = backward ? hi - 1 : lo;
      const stride = backward ? -1 : 1;
      while (sweeps < maxIt) {
        let delta = 0;
        for (let q = 0, t = first; q < hi - lo; q++, t += stride) {
          let s = rhs[t]!;
          const end = innerEnd[t]!;
          s += rowDot(iv, ic, xp, ip[t]!, end);
          const dt = diag[t]!;
          const old = xp[t]!;
          // s includes A_tt x_t; (1 − A_tt) x_new = s − A_tt x_old
          const xi = (s - dt * old) / (1 - dt);
          const ch = Math.abs(xi - old);
          if (!(ch <= delta)) delta = ch; // NaN propagates and stops the block
          xp[t] = xi;
        }
        sweeps++;
        innerWork += blockNnz;
        if (!(delta <= absTol * 4)) {
          if (Number.isNaN(delta) || delta === Infinity) break;
          continue;
        }
        res = 0;
        for (let t = lo; t < hi; t++) {
          let s = rhs[t]! - xp[t]!;
          const end = innerEnd[t]!;
          s += rowDot(iv, ic, xp, ip[t]!, end);
          const ar = Math.abs(s);
          if (ar > res) res = ar;
        }
        innerWork += blockNnz;
        if (res <= absTol) break;
      }
      if (!(res <= residual)) residual = res;
      if (sweeps > maxSweeps) maxSweeps = sweeps;
    }
    if (transpose) {
      for (let t = lo; t < hi; t++) {
        const vt = xp[t]!;
        if (vt === 0) continue;
        const end = pp[t + 1]!;
        for (let k = split[t]!; k < end; k++) rhs[pc[k]!]! += pv[k]! * vt;
      }
    }
  }
  for (let t = 0; t < n; t++) x[members[t]!] = xp[t]!;
  const total = Math.max(1, pp[n]!);
  return { sweeps: maxSweeps, passes: (total - innerTotal(btf) + innerWork) / total, residual };
}

function innerTotal(btf: BlockTriangularForm): number {
  let s = 0;
  const { rowPtr } = btf.permuted;
  for (let t = 0; t < btf.split.length; t++) s += btf.split[t]! - rowPtr[t]!;
  return s;
}

/**
 * Σ values[k]·x[cols[k]] for k in [from, to): one row of a CSR product. Four partial sums, so
 * that the additions do not wait on each other (the gathers of x then overlap): measured ~25%
 * faster per sweep than one running sum on the 10⁵-product one-block economy.
 */
function rowDot(values: Float64Array, cols: Int32Array, x: Float64Array, from: number, to: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = from;
  for (; k + 3 < to; k += 4) {
    s0 += values[k]! * x[cols[k]!]!;
    s1 += values[k + 1]! * x[cols[k + 1]!]!;
    s2 += values[k + 2]! * x[cols[k + 2]!]!;
    s3 += values[k + 3]! * x[cols[k + 3]!]!;
  }
  for (; k < to; k++) s0 += values[k]! * x[cols[k]!]!;
  return s0 + s1 + (s2 + s3);
}

function normInf(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]!);
    if (a > m || Number.isNaN(a)) m = a;
  }
  return m;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

// Restarted GMRES(m), modified Gram–Schmidt, Givens rotations. The inner loop stops on the
// 2-norm estimate scaled by √n/4 (‖r‖∞ is usually far below ‖r‖₂ for spread residuals); the
// true ∞-norm residual then decides, and a restart continues from it when it is not yet met.
function gmres(
  op: LeontiefOperator,
  d: Float64Array,
  x: Float64Array,
  absTol: number,
  maxIt: number,
  m: number,
) {
  const n = op.n;
  const V: Float64Array[] = [];
  for (let j = 0; j <= m; j++) V.push(new Float64Array(n));
  const H = new Float64Array((m + 1) * m); // column-major: H[i + j*(m+1)]
  const cs = new Float64Array(m);
  const sn = new Float64Array(m);
  const g = new Float64Array(m + 1);
  const yk = new Float64Array(m);
  const r = new Float64Array(n);
  const innerTol = absTol * Math.max(1, Math.sqrt(n) / 4);
  let it = 0;
  op.residual(x, d, r);
  let rInf = normInf(r);
  let loose = 1;
  while (rInf > absTol && it < maxIt) {
    const beta = Math.sqrt(dot(r, r));
    const v0 = V[0]!;
    for (let i = 0; i < n; i++) v0[i] = r[i]! / beta;
    g.fill(0);
    g[0] = beta;
    let j = 0;
    for (; j < m && it < maxIt; j++) {
      const w = V[j + 1]!;
      op.apply(V[j]!, w);
      it++;
      for (let i = 0; i <= j; i++) {
        const vi = V[i]!;
        const h = dot(w, vi);
        H[i + j * (m + 1)] = h;
        for (let t = 0; t < n; t++) w[t]! -= h * vi[t]!;
      }
      const hn = Math.sqrt(dot(w, w));
      H[j + 1 + j * (m + 1)] = hn;
      if (hn > 0) for (let t = 0; t < n; t++) w[t]! /= hn;
      for (let i = 0; i < j; i++) {
        const a = H[i + j * (m + 1)]!;
        const b = H[i + 1 + j * (m + 1)]!;
        H[i + j * (m + 1)] = cs[i]! * a + sn[i]! * b;
        H[i + 1 + j * (m + 1)] = -sn[i]! * a + cs[i]! * b;
      }
      const a = H[j + j * (m + 1)]!;
      const b = H[j + 1 + j * (m + 1)]!;
      const rho = Math.hypot(a, b);
      cs[j] = rho === 0 ? 1 : a / rho;
      sn[j] = rho === 0 ? 0 : b / rho;
      H[j + j * (m + 1)] = rho;
      H[j + 1 + j * (m + 1)] = 0;
      g[j + 1] = -sn[j]! * g[j]!;
      g[j] = cs[j]! * g[j]!;
      if (Math.abs(g[j + 1]!) <= innerTol / loose || hn === 0) {
        j++;
        break;
      }
    }
    // back substitution H(0:j,0:j) y = g, then x += V y
    for (let i = j - 1; i >= 0; i--) {
      let s = g[i]!;
      for (let k = i + 1; k < j; k++) s -= H[i + k * (m + 1)]! * yk[k]!;
      const diag = H[i + i * (m + 1)]!;
      yk[i] = diag === 0 ? 0 : s / diag;
    }
    for (let k = 0; k < j; k++) {
      const vk = V[k]!;
      const c = yk[k]!;
      for (let t = 0; t < n; t++) x[t]! += c * vk[t]!;
    }
    op.residual(x, d, r);
    const prev = rInf;
    rInf = normInf(r);
    // a restart that did not reach the target tightens the inner test for the next cycle
    if (rInf > absTol && Math.abs(g[j]!) <= innerTol / loose) loose *= 16;
    if (!(rInf < prev) && !(rInf <= absTol)) {
      if (Number.isNaN(rInf) || j === 0) break;
    }
  }
  return it;
}

// BiCGSTAB with a restart from the current x (true residual as the new shadow vector) whenever
// a scalar breaks down (ρ or r₀·v vanishing, ω = 0), which happens on badly scaled right-hand sides.
function bicgstab(op: LeontiefOperator, d: Float64Array, x: Float64Array, absTol: number, maxIt: number) {
  const n = op.n;
  const r = new Float64Array(n);
  const r0 = new Float64Array(n);
  const p = new Float64Array(n);
  const v = new Float64Array(n);
  const s = new Float64Array(n);
  const t = new Float64Array(n);
  let rho = 1;
  let alpha = 1;
  let omega = 1;
  let it = 0;
  let restarts = 0;
  // true residual from x; false when it already meets the tolerance (or after 20 restarts)
  const restart = () => {
    op.residual(x, d, r);
    r0.set(r);
    p.fill(0);
    v.fill(0);
    rho = alpha = omega = 1;
    return normInf(r) > absTol && restarts++ < 20;
  };
  if (!restart()) return it;
  while (it < maxIt) {
    const rhoNew = dot(r0, r);
    // near-breakdown tests are relative: a tiny scalar from a tiny vector is not a breakdown
    if (!(Math.abs(rhoNew) > 1e-24 * Math.sqrt(dot(r0, r0) * dot(r, r)))) {
      if (restart()) continue;
      break;
    }
    const beta = (rhoNew / rho) * (alpha / omega);
    rho = rhoNew;
    for (let i = 0; i < n; i++) p[i] = r[i]! + beta * (p[i]! - omega * v[i]!);
    op.apply(p, v);
    it++;
    const r0v = dot(r0, v);
    alpha = rho / r0v;
    if (!Number.isFinite(alpha) || !(Math.abs(r0v) > 1e-24 * Math.sqrt(dot(r0, r0) * dot(v, v)))) {
      if (restart()) continue;
      break;
    }
    for (let i = 0; i < n; i++) s[i] = r[i]! - alpha * v[i]!;
    if (normInf(s) <= absTol) {
      // the recurred residual can drift from the true one: check, and go on from x if not met
      for (let i = 0; i < n; i++) x[i]! += alpha * p[i]!;
      if (restart()) continue;
      break;
    }
    op.apply(s, t);
    it++;
    const tt = dot(t, t);
    omega = tt === 0 ? 0 : dot(t, s) / tt;
    // (I − A) is well conditioned (‖t‖ ≥ (1 − ρ)‖s‖ in spirit): a t far smaller than s is round-off
    if (omega === 0 || !Number.isFinite(omega) || !(tt > 1e-20 * dot(s, s))) {
      for (let i = 0; i < n; i++) x[i]! += alpha * p[i]!;
      if (restart()) continue;
      break;
    }
    for (let i = 0; i < n; i++) {
      x[i]! += alpha * p[i]! + omega * s[i]!;
      r[i] = s[i]! - omega * t[i]!;
    }
    if (normInf(r) <= absTol) {
      if (restart()) continue;
      break;
    }
  }
  return it;
}

function gaussSeidel(op: LeontiefOperator, d: Float64Array, x: Float64Array, absTol: number, maxIt: number) {
  const a = op.equationRows();
  const { rowPtr, colIdx, values } = a;
  const diag = op.diag;
  const n = op.n;
  const r = new Float64Array(n);
  let it = 0;
  while (it < maxIt) {
    let delta = 0;
    for (let i = 0; i < n; i++) {
      let s = d[i]!;
      const end = rowPtr[i + 1]!;
      s += rowDot(values, colIdx, x, rowPtr[i]!, end);
      // s includes A_ii x_i; (1 − A_ii) x_new = s − A_ii x_old
      const xi = (s - diag[i]! * x[i]!) / (1 - diag[i]!);
      const ch = Math.abs(xi - x[i]!);
      if (ch > delta) delta = ch;
      x[i] = xi;
    }
    it++;
    // the residual after a sweep is bounded by the change times the row sums of the part above
    // the diagonal; check it exactly only when the change is small
    if (delta <= absTol * 4) {
      op.residual(x, d, r);
      if (normInf(r) <= absTol) break;
    }
  }
  return it;
}

function jacobi(op: LeontiefOperator, d: Float64Array, x: Float64Array, absTol: number, maxIt: number) {
  const n = op.n;
  const diag = op.diag;
  const r = new Float64Array(n);
  let it = 0;
  while (it < maxIt) {
    op.residual(x, d, r);
    it++;
    if (normInf(r) <= absTol) break;
    for (let i = 0; i < n; i++) x[i]! += r[i]! / (1 - diag[i]!);
  }
  return it;
}
