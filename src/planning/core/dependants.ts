import type { CsrMatrix } from './csr-matrix.js';

/**
 * Marks every product whose output needs, directly or through any chain of inputs, one of the
 * `sources` products — i.e. every j with (I − A)⁻¹[i][j] > 0 for some source i (a source counts
 * itself). A breadth-first walk along rows of A (entry (i, j): product j uses product i), O(n + nnz)
 * at most. Products already marked in `marks` (value 1) are treated as visited and not expanded.
 *
 * @example dependants(a, Int32Array.of(3), new Uint8Array(n)) // marks[j] === 1 ⇔ j depends on product 3
 */
export function dependants(a: CsrMatrix, sources: ArrayLike<number>, marks: Uint8Array): Uint8Array {
  const queue = new Int32Array(a.rows);
  let head = 0;
  let tail = 0;
  for (let s = 0; s < sources.length; s++) {
    const i = sources[s]!;
    if (marks[i] === 1) continue;
    marks[i] = 1;
    queue[tail++] = i;
  }
  const { rowPtr, colIdx } = a;
  while (head < tail) {
    const i = queue[head++]!;
    for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) {
      const j = colIdx[k]!;
      if (marks[j] === 1) continue;
      marks[j] = 1;
      queue[tail++] = j;
    }
  }
  return marks;
}
