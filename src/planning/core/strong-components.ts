import type { CsrMatrix } from './csr-matrix.js';

/** The strongly connected components of a square matrix's graph (edge i → j for each entry (i, j)). */
export interface StrongComponents {
  /** Number of components. */
  readonly count: number;
  /** Component of each product, 0 … count − 1, in reverse topological order (Tarjan's order). */
  readonly componentOf: Int32Array;
}

/**
 * Tarjan's algorithm, iterative (no recursion, so a million-product chain cannot overflow the
 * stack), O(n + nnz) time and O(n) extra memory.
 *
 * @example strongComponents(a).componentOf[i] === strongComponents(a).componentOf[j] // i, j in one block
 */
export function strongComponents(a: CsrMatrix): StrongComponents {
  const n = a.rows;
  const { rowPtr, colIdx } = a;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const componentOf = new Int32Array(n);
  let sp = 0;
  let next = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = rowPtr[root]!;
    index[root] = low[root] = next++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth]!;
      const e = callEdge[depth]!;
      if (e < rowPtr[v + 1]!) {
        callEdge[depth] = e + 1;
        const w = colIdx[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = rowPtr[w]!;
        } else if (onStack[w] && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          componentOf[w] = count;
        } while (w !== v);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const u = callNode[depth]!;
        if (low[v]! < low[u]!) low[u] = low[v]!;
      }
    }
  }
  return { count, componentOf };
}
