/**
 * A sparse matrix in compressed sparse row form on typed arrays. Row `i` holds the entries
 * `values[k]` at columns `colIdx[k]` for `k` in `rowPtr[i] .. rowPtr[i + 1] - 1`, columns strictly
 * increasing within a row (no duplicates). In the planner, entry `(i, j)` of the technical
 * coefficient matrix A is the quantity of product `i` used to make one unit of product `j`.
 *
 * @example
 * // [[0, 0.5], [0.25, 0]]
 * const a: CsrMatrix = { rows: 2, cols: 2, rowPtr: Int32Array.of(0, 1, 2),
 *   colIdx: Int32Array.of(1, 0), values: Float64Array.of(0.5, 0.25) };
 */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Length `rows + 1`, non-decreasing, `rowPtr[0] = 0`, `rowPtr[rows] = nnz`. */
  readonly rowPtr: Int32Array;
  /** Length nnz; zero-based column of each entry, increasing within a row. */
  readonly colIdx: Int32Array;
  /** Length nnz; the value of each entry. */
  readonly values: Float64Array;
}

/** Outcome of {@link csrFromTriplets}. */
export type CsrBuildResult =
  /** The matrix was built. */
  | { status: 'ok'; matrix: CsrMatrix }
  /** Two triplets name the same cell: `first` and `second` are their zero-based triplet indices. */
  | { status: 'duplicate'; first: number; second: number; row: number; col: number };

/**
 * Builds a CSR matrix from `nnz` zero-based triplets `(rowIdx[k], colIdx[k], values[k])` in any
 * order. Indices must already be in range (checked with an exception: that is the caller's bug).
 * Two triplets on one cell are an outcome, not summed.
 *
 * @example csrFromTriplets(2, 2, Int32Array.of(1, 0), Int32Array.of(0, 1), Float64Array.of(0.25, 0.5))
 */
export function csrFromTriplets(
  rows: number,
  cols: number,
  rowIdx: Int32Array,
  colIdx: Int32Array,
  values: Float64Array,
  nnz: number = values.length,
): CsrBuildResult {
  const rowPtr = new Int32Array(rows + 1);
  for (let k = 0; k < nnz; k++) {
    const r = rowIdx[k]!;
    const c = colIdx[k]!;
    if (!(r >= 0 && r < rows && c >= 0 && c < cols)) {
      throw new RangeError(`triplet ${k} (${r}, ${c}) outside a ${rows}×${cols} matrix`);
    }
    rowPtr[r + 1]!++;
  }
  for (let i = 0; i < rows; i++) rowPtr[i + 1]! += rowPtr[i]!;
  const next = rowPtr.slice(0, rows);
  const outCol = new Int32Array(nnz);
  const outVal = new Float64Array(nnz);
  const origin = new Int32Array(nnz);
  for (let k = 0; k < nnz; k++) {
    const r = rowIdx[k]!;
    const p = next[r]!++;
    outCol[p] = colIdx[k]!;
    outVal[p] = values[k]!;
    origin[p] = k;
  }
  for (let i = 0; i < rows; i++) {
    const start = rowPtr[i]!;
    const end = rowPtr[i + 1]!;
    if (end - start > 1) sortRowSegment(outCol, outVal, origin, start, end);
    for (let p = start + 1; p < end; p++) {
      if (outCol[p] === outCol[p - 1]) {
        const a = origin[p - 1]!;
        const b = origin[p]!;
        return {
          status: 'duplicate',
          first: Math.min(a, b),
          second: Math.max(a, b),
          row: i,
          col: outCol[p]!,
        };
      }
    }
  }
  return { status: 'ok', matrix: { rows, cols, rowPtr, colIdx: outCol, values: outVal } };
}

// Sorts one row by column; ties keep triplet order so that duplicates report the later line.
function sortRowSegment(col: Int32Array, val: Float64Array, origin: Int32Array, start: number, end: number) {
  if (end - start <= 32) {
    for (let p = start + 1; p < end; p++) {
      const c = col[p]!;
      const v = val[p]!;
      const o = origin[p]!;
      let q = p - 1;
      while (q >= start && (col[q]! > c || (col[q] === c && origin[q]! > o))) {
        col[q + 1] = col[q]!;
        val[q + 1] = val[q]!;
        origin[q + 1] = origin[q]!;
        q--;
      }
      col[q + 1] = c;
      val[q + 1] = v;
      origin[q + 1] = o;
    }
    return;
  }
  const len = end - start;
  const order = new Int32Array(len);
  for (let t = 0; t < len; t++) order[t] = start + t;
  order.sort((a, b) => col[a]! - col[b]! || origin[a]! - origin[b]!);
  const c2 = new Int32Array(len);
  const v2 = new Float64Array(len);
  const o2 = new Int32Array(len);
  for (let t = 0; t < len; t++) {
    const p = order[t]!;
    c2[t] = col[p]!;
    v2[t] = val[p]!;
    o2[t] = origin[p]!;
  }
  col.set(c2, start);
  val.set(v2, start);
  origin.set(o2, start);
}

/** The transpose of `a` as a new CSR matrix (columns stay sorted within each row). */
export function csrTranspose(a: CsrMatrix): CsrMatrix {
  const nnz = a.rowPtr[a.rows]!;
  const rowPtr = new Int32Array(a.cols + 1);
  for (let k = 0; k < nnz; k++) rowPtr[a.colIdx[k]! + 1]!++;
  for (let j = 0; j < a.cols; j++) rowPtr[j + 1]! += rowPtr[j]!;
  const next = rowPtr.slice(0, a.cols);
  const colIdx = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  for (let i = 0; i < a.rows; i++) {
    for (let k = a.rowPtr[i]!; k < a.rowPtr[i + 1]!; k++) {
      const p = next[a.colIdx[k]!]!++;
      colIdx[p] = i;
      values[p] = a.values[k]!;
    }
  }
  return { rows: a.cols, cols: a.rows, rowPtr, colIdx, values };
}

/** Writes `y = A x` into `y` (length `a.rows`); `x` has length `a.cols`. No allocation. */
export function csrMultiply(a: CsrMatrix, x: Float64Array, y: Float64Array): void {
  const { rowPtr, colIdx, values } = a;
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) s += values[k]! * x[colIdx[k]!]!;
    y[i] = s;
  }
}

/** Writes `y = Aᵀ x` into `y` (length `a.cols`); `x` has length `a.rows`. No allocation. */
export function csrMultiplyTranspose(a: CsrMatrix, x: Float64Array, y: Float64Array): void {
  const { rowPtr, colIdx, values } = a;
  y.fill(0);
  for (let i = 0; i < a.rows; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    const end = rowPtr[i + 1]!;
    for (let k = rowPtr[i]!; k < end; k++) y[colIdx[k]!]! += values[k]! * xi;
  }
}

/** Column sums of `a` (length `a.cols`): for a coefficient matrix, the input per unit of output. */
export function csrColumnSums(a: CsrMatrix): Float64Array {
  const sums = new Float64Array(a.cols);
  const nnz = a.rowPtr[a.rows]!;
  for (let k = 0; k < nnz; k++) sums[a.colIdx[k]!]! += a.values[k]!;
  return sums;
}
