import type { CsrMatrix } from './csr-matrix.js';
import { strongComponents } from './strong-components.js';

/**
 * A square matrix seen as block triangular: its strongly connected components (the products
 * that, directly or indirectly, each use all the others) are its diagonal blocks. (I − A) x = d
 * then splits into one small system per block, solved in `members` order, each with the outputs
 * of the blocks it uses already final — the same permutation that KLU's BTF step makes.
 */
export interface BlockTriangularForm {
  /** Number of diagonal blocks. */
  readonly count: number;
  /** Block of each product. Entry (i, j) of A has block(j) ≤ block(i): block 0 uses no other block. */
  readonly componentOf: Int32Array;
  /** Block b's products are `members[blockStart[b] .. blockStart[b + 1] − 1]`, increasing. */
  readonly blockStart: Int32Array;
  readonly members: Int32Array;
  /** The entries of A inside diagonal blocks (row and column in one block); rows in product order. */
  readonly inBlock: CsrMatrix;
  /** Σ over the block's rows of A_ij, for each column j: the column sums inside its own block. */
  readonly inBlockColumnSums: Float64Array;
  /** A_ii for each product (0 where A has no diagonal entry). */
  readonly diagonal: Float64Array;
}

/**
 * Finds the block triangular form of a square A in O(n + nnz) (Tarjan) and copies the entries
 * inside diagonal blocks (for an economy that is one block, a copy of A). Compute it once per
 * matrix and pass it to every solve on that matrix.
 *
 * @example const btf = blockTriangularForm(a); leontiefSolve(a, d, { structure: btf });
 */
export function blockTriangularForm(a: CsrMatrix): BlockTriangularForm {
  const n = a.rows;
  const { count, componentOf } = strongComponents(a);
  const blockStart = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) blockStart[componentOf[i]! + 1]!++;
  for (let c = 0; c < count; c++) blockStart[c + 1]! += blockStart[c]!;
  const members = new Int32Array(n);
  const fill = blockStart.slice(0, count);
  for (let i = 0; i < n; i++) members[fill[componentOf[i]!]!++] = i;

  const { rowPtr, colIdx, values } = a;
  const inPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const c = componentOf[i]!;
    let m = 0;
    for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) if (componentOf[colIdx[k]!] === c) m++;
    inPtr[i + 1] = inPtr[i]! + m;
  }
  const inCol = new Int32Array(inPtr[n]!);
  const inVal = new Float64Array(inPtr[n]!);
  const inBlockColumnSums = new Float64Array(n);
  const diagonal = new Float64Array(n);
  let p = 0;
  for (let i = 0; i < n; i++) {
    const c = componentOf[i]!;
    for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) {
      const j = colIdx[k]!;
      if (componentOf[j] === c) {
        inCol[p] = j;
        inVal[p] = values[k]!;
        inBlockColumnSums[j]! += values[k]!;
        if (j === i) diagonal[i] = values[k]!;
        p++;
      }
    }
  }
  return {
    count,
    componentOf,
    blockStart,
    members,
    inBlock: { rows: n, cols: n, rowPtr: inPtr, colIdx: inCol, values: inVal },
    inBlockColumnSums,
    diagonal,
  };
}
