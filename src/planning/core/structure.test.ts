import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockTriangularForm } from './block-triangular-form.js';
import { dependants } from './dependants.js';
import { denseToCsr } from './test-matrices.js';

// reachability by Floyd–Warshall, for checking (tests only)
function reach(dense: number[][]): boolean[][] {
  const n = dense.length;
  const r = dense.map((row, i) => row.map((v, j) => v !== 0 || i === j));
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (r[i]![k] && r[k]![j]) r[i]![j] = true;
  return r;
}

const graph = fc.integer({ min: 1, max: 14 }).chain((n) =>
  fc.array(
    fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.constant(0), fc.constant(0.1)), {
      minLength: n,
      maxLength: n,
    }),
    {
      minLength: n,
      maxLength: n,
    },
  ),
);

describe('blockTriangularForm, dependants', () => {
  it('property: same block ⇔ mutually reachable; entries never point to a later block', () => {
    fc.assert(
      fc.property(graph, (dense) => {
        const a = denseToCsr(dense);
        const r = reach(dense);
        const btf = blockTriangularForm(a);
        const { componentOf } = btf;
        const n = dense.length;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            expect(componentOf[i] === componentOf[j]).toBe(r[i]![j]! && r[j]![i]!);
            if (dense[i]![j] !== 0) expect(componentOf[j]!).toBeLessThanOrEqual(componentOf[i]!);
          }
        }
        let inBlock = 0;
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) if (dense[i]![j] !== 0 && componentOf[i] === componentOf[j]) inBlock++;
        let split = 0;
        for (let t = 0; t < n; t++) split += btf.split[t]! - btf.permuted.rowPtr[t]!;
        expect(split).toBe(inBlock);
        expect(btf.permuted.rowPtr[n]).toBe(a.rowPtr[n]);
        // the permuted copy holds the same entries, renumbered to positions
        for (let t = 0; t < n; t++) {
          const i = btf.members[t]!;
          expect(btf.position[i]).toBe(t);
          for (let k = btf.permuted.rowPtr[t]!; k < btf.permuted.rowPtr[t + 1]!; k++) {
            const j = btf.members[btf.permuted.colIdx[k]!]!;
            expect(btf.permuted.values[k]).toBe(dense[i]![j]);
            expect(k < btf.split[t]!).toBe(componentOf[j] === componentOf[i]);
          }
        }
        expect(Array.from(btf.members).sort((p, q) => p - q)).toEqual([...Array(n).keys()]);
        // one block: A is its own permuted copy
        if (btf.count === 1) expect(btf.permuted).toBe(a);
        // inside a block, products keep their order (for locality), and the sweep direction is
        // the one meeting at least as much in-block coefficient mass already updated
        for (let b = 0; b < btf.count; b++) {
          const m = Array.from(btf.members.subarray(btf.blockStart[b]!, btf.blockStart[b + 1]!));
          for (let q = 1; q < m.length; q++) expect(m[q]!).toBeGreaterThan(m[q - 1]!);
          let before = 0;
          let after = 0;
          for (let t = btf.blockStart[b]!; t < btf.blockStart[b + 1]!; t++) {
            for (let k = btf.permuted.rowPtr[t]!; k < btf.split[t]!; k++) {
              const u = btf.permuted.colIdx[k]!;
              if (u < t) before += btf.permuted.values[k]!;
              else if (u > t) after += btf.permuted.values[k]!;
            }
          }
          // ties: sums in another order
          if (btf.reversed[b] === 1) expect(after).toBeGreaterThanOrEqual(before - 1e-12);
          else expect(before).toBeGreaterThanOrEqual(after - 1e-12);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('property: dependants are exactly the products whose Leontief column reaches a source', () => {
    fc.assert(
      fc.property(graph, fc.nat(), (dense, s) => {
        const n = dense.length;
        const source = s % n;
        const marks = dependants(denseToCsr(dense), [source], new Uint8Array(n));
        const r = reach(dense);
        for (let j = 0; j < n; j++) expect(marks[j] === 1).toBe(r[source]![j]!);
      }),
      { numRuns: 200 },
    );
  });

  it('handles a chain of 200 000 products without recursion', () => {
    const n = 200_000;
    // row i ≥ 1 has one entry, at column i − 1: a dependency chain n − 1 deep
    const rowPtr = Int32Array.from({ length: n + 1 }, (_, i) => Math.max(0, i - 1));
    const colIdx = Int32Array.from({ length: n - 1 }, (_, k) => k);
    const a = { rows: n, cols: n, rowPtr, colIdx, values: new Float64Array(n - 1).fill(0.5) };
    const btf = blockTriangularForm(a);
    expect(btf.count).toBe(n);
    // product 0 uses nothing: it is solved first
    expect(btf.members[0]).toBe(0);
  });
});
