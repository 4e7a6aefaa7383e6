import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csrColumnSums,
  csrFromTriplets,
  csrMultiply,
  csrMultiplyTranspose,
  csrTranspose,
} from './csr-matrix.js';
import { csrToDense, denseToCsr } from './test-matrices.js';

describe('csrFromTriplets', () => {
  it('sorts triplets given in any order into rows with increasing columns', () => {
    const r = csrFromTriplets(
      2,
      3,
      Int32Array.of(1, 0, 1, 0),
      Int32Array.of(2, 1, 0, 0),
      Float64Array.of(4, 2, 3, 1),
    );
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(Array.from(r.matrix.rowPtr)).toEqual([0, 2, 4]);
    expect(Array.from(r.matrix.colIdx)).toEqual([0, 1, 0, 2]);
    expect(csrToDense(r.matrix)).toEqual([
      [1, 2, 0],
      [3, 0, 4],
    ]);
  });

  it('reports a duplicate cell with both triplet indices instead of summing', () => {
    const r = csrFromTriplets(2, 2, Int32Array.of(0, 1, 0), Int32Array.of(1, 1, 1), Float64Array.of(1, 2, 3));
    expect(r).toEqual({ status: 'duplicate', first: 0, second: 2, row: 0, col: 1 });
  });

  it('finds duplicates in long rows too (the sorted path)', () => {
    const cols = Int32Array.from({ length: 100 }, (_, k) => (k === 99 ? 17 : k));
    const r = csrFromTriplets(1, 100, new Int32Array(100), cols, new Float64Array(100).fill(1));
    expect(r).toMatchObject({ status: 'duplicate', first: 17, second: 99, col: 17 });
  });

  it('throws on an index outside the matrix (a caller bug)', () => {
    expect(() => csrFromTriplets(2, 2, Int32Array.of(2), Int32Array.of(0), Float64Array.of(1))).toThrow(
      RangeError,
    );
  });
});

describe('products and transpose', () => {
  it('agree with dense arithmetic on random matrices', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) =>
          fc.array(
            fc.array(fc.oneof(fc.constant(0), fc.integer({ min: -5, max: 5 })), {
              minLength: n,
              maxLength: n,
            }),
            {
              minLength: n,
              maxLength: n,
            },
          ),
        ),
        (dense) => {
          const n = dense.length;
          const a = denseToCsr(dense);
          const x = Float64Array.from({ length: n }, (_, i) => i + 1);
          const y = new Float64Array(n);
          csrMultiply(a, x, y);
          const yt = new Float64Array(n);
          csrMultiplyTranspose(a, x, yt);
          for (let i = 0; i < n; i++) {
            expect(y[i]).toBe(dense[i]!.reduce((s, v, j) => s + v * x[j]!, 0));
            expect(yt[i]).toBe(dense.reduce((s, row, k) => s + row[i]! * x[k]!, 0));
          }
          expect(csrToDense(csrTranspose(a))).toEqual(dense[0]!.map((_, j) => dense.map((row) => row[j]!)));
          expect(Array.from(csrColumnSums(a))).toEqual(
            dense[0]!.map((_, j) => dense.reduce((s, row) => s + row[j]!, 0)),
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});
