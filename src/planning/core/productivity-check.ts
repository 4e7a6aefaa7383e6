import { type BlockTriangularForm, blockTriangularForm } from './block-triangular-form.js';
import type { CsrMatrix } from './csr-matrix.js';

/** Outcome of {@link productivityCheck}. */
export type ProductivityCheck =
  /** Spectral radius of A < 1: (I − A)⁻¹ ≥ 0 exists and every d ≥ 0 is producible. */
  | { status: 'productive'; spectralRadiusUpperBound: number }
  /** A block of `products` (zero-based) has spectral radius ≥ 1: it cannot even reproduce itself. */
  | { status: 'non-productive'; products: Int32Array; spectralRadiusLowerBound: number; reason: string }
  /**
   * The work budget ran out with a block's spectral radius bracketed around 1 (lower < 1 ≤ upper).
   * Solvers go on and report 'not-converged' if it is in fact non-productive; they never hang.
   */
  | {
      status: 'undetermined';
      products: Int32Array;
      spectralRadiusLowerBound: number;
      spectralRadiusUpperBound: number;
    };

/** Options of {@link productivityCheck}. */
export interface ProductivityCheckOptions {
  /** Power-iteration steps per doubtful block before giving up the bound (default 5000). */
  readonly maxIterations?: number;
  /**
   * Entries visited by the power iterations in all, at most (default 3·10⁸, about a second), so a
   * doubtful million-product block cannot stall the check.
   */
  readonly workBudget?: number;
  /** The block triangular form of A when the caller already has it (else computed when needed). */
  readonly structure?: BlockTriangularForm;
}

/**
 * Decides whether a non-negative square A is productive (spectral radius ρ(A) < 1). When every
 * column sum of A is below 1 this is settled in one pass. Otherwise the strongly connected blocks
 * are found (Tarjan) — ρ(A) is the largest ρ of a diagonal block — and each block that has a
 * column summing to ≥ 1 inside it is bounded: by its in-block column sums, then by Collatz–Wielandt
 * bounds min (Bx)ᵢ/xᵢ ≤ ρ(B) ≤ max (Bx)ᵢ/xᵢ along a power iteration on B + I. A block still
 * bracketing 1 when the iteration or work budget runs out is 'undetermined'.
 *
 * @example productivityCheck(a).status === 'productive'
 */
export function productivityCheck(a: CsrMatrix, options: ProductivityCheckOptions = {}): ProductivityCheck {
  const n = a.rows;
  const { rowPtr, colIdx, values } = a;
  const nnz = rowPtr[n]!;
  const colSum = new Float64Array(n);
  for (let k = 0; k < nnz; k++) colSum[colIdx[k]!]! += values[k]!;
  let maxCol = 0;
  for (let j = 0; j < n; j++) if (colSum[j]! > maxCol) maxCol = colSum[j]!;
  if (maxCol < 1) return { status: 'productive', spectralRadiusUpperBound: maxCol };

  const btf = options.structure ?? blockTriangularForm(a);
  const { count, blockStart: start, members } = btf;
  let upper = 0;
  const maxIt = options.maxIterations ?? 5000;
  let budget = options.workBudget ?? 3e8;
  for (let c = 0; c < count; c++) {
    const lo = start[c]!;
    const hi = start[c + 1]!;
    let suspect = false;
    for (let t = lo; t < hi; t++) if (colSum[members[t]!]! >= 1) suspect = true;

    if (!suspect) {
      for (let t = lo; t < hi; t++) upper = Math.max(upper, colSum[members[t]!]!);
      continue;
    }
    // column sums inside the block, by position: in-block entries come first in each row
    const sums = new Float64Array(hi - lo);
    const { rowPtr: pp, colIdx: pc, values: pv } = btf.permuted;
    for (let t = lo; t < hi; t++) for (let k = pp[t]!; k < btf.split[t]!; k++) sums[pc[k]! - lo]! += pv[k]!;
    let minS = Infinity;
    let maxS = 0;
    for (let t = lo; t < hi; t++) {
      const s = sums[t - lo]!;
      if (s < minS) minS = s;
      if (s > maxS) maxS = s;
    }
    const products = members.slice(lo, hi).sort();
    if (maxS < 1) {
      upper = Math.max(upper, maxS);
      continue;
    }
    if (minS >= 1) {
      return {
        status: 'non-productive',
        products,
        spectralRadiusLowerBound: minS,
        reason: `every product of this block needs ≥ ${fmt(minS)} units of the block's own products per unit made`,
      };
    }
    let blockNnz = 0;
    for (let t = lo; t < hi; t++) blockNnz += btf.split[t]! - btf.permuted.rowPtr[t]!;
    const steps = Math.max(1, Math.min(maxIt, Math.floor(budget / Math.max(1, blockNnz))));
    const bound = blockSpectralBounds(btf, lo, hi, steps);
    budget -= bound.iterations * blockNnz;
    if (bound.lower >= 1) {
      return {
        status: 'non-productive',
        products,
        spectralRadiusLowerBound: bound.lower,
        reason: `the block's spectral radius is at least ${fmt(bound.lower)} (power iteration)`,
      };
    }
    if (bound.upper >= 1) {
      return {
        status: 'undetermined',
        products,
        spectralRadiusLowerBound: bound.lower,
        spectralRadiusUpperBound: bound.upper,
      };
    }
    upper = Math.max(upper, bound.upper);
  }
  return { status: 'productive', spectralRadiusUpperBound: upper };
}

// Collatz–Wielandt bounds for an irreducible block B, iterating x ← (B + I) x, which is
// primitive, so the bounds close in on ρ(B). Stops once the bracket excludes 1. Works on
// positions lo … hi − 1 of the permuted matrix, whose in-block entries come first in each row.
function blockSpectralBounds(
  btf: BlockTriangularForm,
  lo: number,
  hi: number,
  maxIt: number,
): { lower: number; upper: number; iterations: number } {
  const { rowPtr, colIdx, values } = btf.permuted;
  const split = btf.split;
  const x = new Float64Array(hi - lo).fill(1);
  const y = new Float64Array(hi - lo);
  let lower = 0;
  let upper = Infinity;
  let it = 0;
  while (it < maxIt) {
    it++;
    let min = Infinity;
    let max = 0;
    for (let t = lo; t < hi; t++) {
      let s = 0;
      for (let k = rowPtr[t]!; k < split[t]!; k++) s += values[k]! * x[colIdx[k]! - lo]!;
      y[t - lo] = s;
      const ratio = s / x[t - lo]!;
      if (ratio < min) min = ratio;
      if (ratio > max) max = ratio;
    }
    lower = Math.max(lower, min);
    upper = Math.min(upper, max);
    if (lower >= 1 || upper < 1) break;
    let norm = 0;
    for (let q = 0; q < x.length; q++) {
      x[q] = x[q]! + y[q]!;
      if (x[q]! > norm) norm = x[q]!;
    }
    for (let q = 0; q < x.length; q++) x[q]! /= norm;
  }
  return { lower, upper, iterations: it };
}

function fmt(v: number): string {
  return Number(v.toPrecision(6)).toString();
}
