import { type BlockTriangularForm, blockTriangularForm } from './block-triangular-form.js';
import type { CsrMatrix } from './csr-matrix.js';

/** Outcome of {@link productivityCheck}. */
export type ProductivityCheck =
  /** Spectral radius of A < 1: (I − A)⁻¹ ≥ 0 exists and every d ≥ 0 is producible. */
  | { status: 'productive'; spectralRadiusUpperBound: number }
  /** A block of `products` (zero-based) has spectral radius ≥ 1: it cannot even reproduce itself. */
  | { status: 'non-productive'; products: Int32Array; spectralRadiusLowerBound: number; reason: string };

/** Options of {@link productivityCheck}. */
export interface ProductivityCheckOptions {
  /** Power-iteration steps per doubtful block before giving up the bound (default 5000). */
  readonly maxIterations?: number;
  /** The block triangular form of A when the caller already has it (else computed when needed). */
  readonly structure?: BlockTriangularForm;
}

/**
 * Decides whether a non-negative square A is productive (spectral radius ρ(A) < 1). When every
 * column sum of A is below 1 this is settled in one pass. Otherwise the strongly connected blocks
 * are found (Tarjan) — ρ(A) is the largest ρ of a diagonal block — and each block that has a
 * column summing to ≥ 1 inside it is bounded: by its in-block column sums, then by Collatz–Wielandt
 * bounds min (Bx)ᵢ/xᵢ ≤ ρ(B) ≤ max (Bx)ᵢ/xᵢ along a power iteration on B + I. A block that stays
 * undecided after `maxIterations` (ρ within ~1e-12 of 1) is reported non-productive: its I − B is
 * numerically singular.
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
  for (let c = 0; c < count; c++) {
    const lo = start[c]!;
    const hi = start[c + 1]!;
    let suspect = false;
    for (let t = lo; t < hi; t++) if (colSum[members[t]!]! >= 1) suspect = true;
    if (!suspect) {
      for (let t = lo; t < hi; t++) upper = Math.max(upper, colSum[members[t]!]!);
      continue;
    }
    let minS = Infinity;
    let maxS = 0;
    for (let t = lo; t < hi; t++) {
      const s = btf.inBlockColumnSums[members[t]!]!;
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
    const bound = blockSpectralBounds(btf.inBlock, members.subarray(lo, hi), maxIt);
    if (bound.lower >= 1 || bound.upper >= 1) {
      return {
        status: 'non-productive',
        products,
        spectralRadiusLowerBound: bound.lower,
        reason:
          bound.lower >= 1
            ? `the block's spectral radius is at least ${fmt(bound.lower)} (power iteration)`
            : `the block's spectral radius lies in [${fmt(bound.lower)}, ${fmt(bound.upper)}], too close to 1 to solve`,
      };
    }
    upper = Math.max(upper, bound.upper);
  }
  return { status: 'productive', spectralRadiusUpperBound: upper };
}

// Collatz–Wielandt bounds for an irreducible block B, iterating x ← (B + I) x, which is
// primitive, so the bounds close in on ρ(B). Stops once the bracket excludes 1.
function blockSpectralBounds(
  a: CsrMatrix,
  members: Int32Array,
  maxIt: number,
): { lower: number; upper: number } {
  const n = a.rows;
  const m = members.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let t = 0; t < m; t++) x[members[t]!] = 1;
  let lower = 0;
  let upper = Infinity;
  for (let it = 0; it < maxIt; it++) {
    // y = B x restricted to the block (inBlock holds only in-block entries)
    let lo = Infinity;
    let hi = 0;
    let norm = 0;
    for (let t = 0; t < m; t++) {
      const i = members[t]!;
      let s = 0;
      for (let k = a.rowPtr[i]!; k < a.rowPtr[i + 1]!; k++) {
        s += a.values[k]! * x[a.colIdx[k]!]!;
      }
      y[i] = s;
      const ratio = s / x[i]!;
      if (ratio < lo) lo = ratio;
      if (ratio > hi) hi = ratio;
    }
    lower = Math.max(lower, lo);
    upper = Math.min(upper, hi);
    if (lower >= 1 || upper < 1) break;
    for (let t = 0; t < m; t++) {
      const i = members[t]!;
      x[i] = x[i]! + y[i]!;
      if (x[i]! > norm) norm = x[i]!;
    }
    for (let t = 0; t < m; t++) x[members[t]!]! /= norm;
  }
  return { lower, upper };
}

function fmt(v: number): string {
  return Number(v.toPrecision(6)).toString();
}
