import fc from 'fast-check';
import { type CsrMatrix, csrFromTriplets } from './csr-matrix.js';

/** Builds a CSR matrix from a dense array of rows (tests only). */
export function denseToCsr(rows: number[][]): CsrMatrix {
  const n = rows.length;
  const cols = rows[0]?.length ?? 0;
  const ri: number[] = [];
  const ci: number[] = [];
  const vv: number[] = [];
  rows.forEach((row, i) => {
    row.forEach((v, j) => {
      if (v !== 0) {
        ri.push(i);
        ci.push(j);
        vv.push(v);
      }
    });
  });
  const built = csrFromTriplets(n, cols, Int32Array.from(ri), Int32Array.from(ci), Float64Array.from(vv));
  if (built.status !== 'ok') throw new Error('denseToCsr: duplicate');
  return built.matrix;
}

/** Dense copy of a CSR matrix (tests only). */
export function csrToDense(a: CsrMatrix): number[][] {
  const out = Array.from({ length: a.rows }, () => new Array<number>(a.cols).fill(0));
  for (let i = 0; i < a.rows; i++) {
    for (let k = a.rowPtr[i]!; k < a.rowPtr[i + 1]!; k++) out[i]![a.colIdx[k]!] = a.values[k]!;
  }
  return out;
}

/**
 * A random productive coefficient matrix for property tests: n ≤ maxN products, sparse
 * non-negative entries, every column scaled to sum to 0 or to [0.05, maxColumnSum] (< 1), so no
 * coefficient is below ~5e-4 (an LP solver drops coefficients below 1e-9 as noise).
 */
export function productiveMatrix(maxN = 25, maxColumnSum = 0.95): fc.Arbitrary<number[][]> {
  return fc.integer({ min: 1, max: maxN }).chain((n) =>
    fc
      .tuple(
        fc.array(
          fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.double({ min: 0.01, max: 1, noNaN: true })), {
            minLength: n,
            maxLength: n,
          }),
          { minLength: n, maxLength: n },
        ),
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.05, max: maxColumnSum, noNaN: true })), {
          minLength: n,
          maxLength: n,
        }),
      )
      .map(([raw, sums]) => {
        // a copy: fast-check reuses generated values while shrinking, so they must not be mutated
        const m = raw.map((row) => [...row]);
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let i = 0; i < n; i++) s += m[i]![j]!;
          for (let i = 0; i < n; i++) m[i]![j] = s > 0 ? (m[i]![j]! / s) * sums[j]! : 0;
        }
        return m;
      }),
  );
}

/** Dense (I − A) x − d, ∞-norm over ∞-norm of d (tests only). */
export function relativeResidual(
  a: number[][],
  x: ArrayLike<number>,
  d: ArrayLike<number>,
  transpose = false,
): number {
  const n = a.length;
  let r = 0;
  let dn = 0;
  for (let i = 0; i < n; i++) {
    let s = x[i]!;
    for (let j = 0; j < n; j++) s -= (transpose ? a[j]![i]! : a[i]![j]!) * x[j]!;
    r = Math.max(r, Math.abs(s - d[i]!));
    dn = Math.max(dn, Math.abs(d[i]!));
  }
  return dn === 0 ? r : r / dn;
}
