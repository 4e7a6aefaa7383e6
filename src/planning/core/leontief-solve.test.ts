import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockTriangularForm } from './block-triangular-form.js';
import { type LeontiefMethod, leontiefSolve } from './leontief-solve.js';
import { productivityCheck } from './productivity-check.js';
import { denseToCsr, productiveMatrix, relativeResidual } from './test-matrices.js';

const METHODS: LeontiefMethod[] = ['block-gauss-seidel', 'gmres', 'bicgstab', 'gauss-seidel', 'jacobi'];

describe('leontiefSolve', () => {
  // two sectors: each unit of 0 needs 0.5 of 1, each unit of 1 needs 0.2 of 0
  const a = denseToCsr([
    [0, 0.2],
    [0.5, 0],
  ]);
  for (const method of METHODS) {
    it(`${method}: matches the closed form of a 2×2 economy, both orientations`, () => {
      const r = leontiefSolve(a, Float64Array.of(9, 0), { method });
      expect(r.status).toBe('solved');
      if (r.status !== 'solved') return;
      // x0 = 9 + 0.2 x1, x1 = 0.5 x0 → x0 = 10, x1 = 5
      expect(r.x[0]).toBeCloseTo(10, 8);
      expect(r.x[1]).toBeCloseTo(5, 8);
      expect(r.residual).toBeLessThanOrEqual(1e-10);
      expect(r.method).toBe(method);
      const v = leontiefSolve(a, Float64Array.of(1, 2), { method, transpose: true });
      // v0 = 1 + 0.5 v1, v1 = 2 + 0.2 v0 → v0 = 2/0.9, v1 = 2 + 0.4/0.9
      expect(v.status === 'solved' && v.x[0]).toBeCloseTo(2 / 0.9, 8);
      expect(v.status === 'solved' && v.x[1]).toBeCloseTo(2 + 0.4 / 0.9, 8);
    });
  }

  it('keeps the residual bound on random productive matrices, every method and orientation', () => {
    fc.assert(
      fc.property(
        productiveMatrix(25, 0.97),
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 25, maxLength: 25 }),
        fc.constantFrom(...METHODS),
        fc.boolean(),
        (dense, dAll, method, transpose) => {
          const n = dense.length;
          const d = Float64Array.from(dAll.slice(0, n));
          const r = leontiefSolve(denseToCsr(dense), d, { method, transpose });
          expect(r.status).toBe('solved');
          if (r.status !== 'solved') return;
          expect(r.residual).toBeLessThanOrEqual(1e-10);
          // the reported residual is the true one, up to rounding
          expect(relativeResidual(dense, r.x, d, transpose)).toBeLessThanOrEqual(1e-10 * 1.01 + 1e-15);
          for (const xi of r.x) expect(xi).toBeGreaterThanOrEqual(-1e-9 * Math.max(1, ...d));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('returns 0 for zero demand and reuses a prepared block structure', () => {
    const btf = blockTriangularForm(a);
    expect(leontiefSolve(a, new Float64Array(2), { structure: btf })).toMatchObject({
      status: 'solved',
      residual: 0,
    });
    const r = leontiefSolve(a, Float64Array.of(1, 1), {
      structure: btf,
      initialGuess: Float64Array.of(1, 1),
    });
    expect(r.status).toBe('solved');
  });

  it('names the products of a block whose column sums reach 1 instead of iterating', () => {
    // products 1 and 2 use each other one-for-one: they cannot produce a surplus
    const bad = denseToCsr([
      [0.1, 0, 0],
      [0.2, 0, 1],
      [0, 1, 0],
    ]);
    const r = leontiefSolve(bad, Float64Array.of(1, 1, 1));
    expect(r.status).toBe('non-productive');
    if (r.status !== 'non-productive') return;
    expect(Array.from(r.products)).toEqual([1, 2]);
    expect(r.spectralRadiusLowerBound).toBeGreaterThanOrEqual(1);
    expect(r.reason).toMatch(/≥ 1 units/);
  });

  it('finds a non-productive block whose column sums straddle 1 (power iteration)', () => {
    // block {0,1}: column sums 1.5 and 0.9, spectral radius sqrt(1.2·0.9)+… > 1
    const bad = denseToCsr([
      [0.3, 0.9],
      [1.2, 0],
    ]);
    const r = leontiefSolve(bad, Float64Array.of(1, 1));
    expect(r.status).toBe('non-productive');
    if (r.status === 'non-productive') expect(r.spectralRadiusLowerBound).toBeGreaterThanOrEqual(1);
  });

  it('solves a productive matrix with a column sum above 1', () => {
    // column 0 sums to 1.4, but the block's spectral radius is sqrt(0.4·0.5)+… < 1
    const ok = denseToCsr([
      [0, 0.5],
      [1.4, 0],
    ]);
    const r = leontiefSolve(ok, Float64Array.of(1, 1));
    expect(r.status).toBe('solved');
  });

  it('never hangs on a block whose spectral radius is exactly 1, and solves an undetermined but productive one', () => {
    const singular = denseToCsr([
      [0, 2],
      [0.5, 0],
    ]);
    const r = leontiefSolve(singular, Float64Array.of(1, 1), { maxIterations: 200 });
    expect(['non-productive', 'not-converged']).toContain(r.status);
    const straddling = denseToCsr([
      [0, 0.5],
      [1.4, 0],
    ]);
    const check = productivityCheck(straddling, { maxIterations: 1 });
    expect(check).toMatchObject({ status: 'undetermined', products: Int32Array.of(0, 1) });
    const solved = leontiefSolve(straddling, Float64Array.of(1, 1), { productivity: check });
    expect(solved.status).toBe('solved');
  });

  it('reports not-converged, with the last iterate, when the iteration cap is hit', () => {
    const slow = denseToCsr([
      [0, 0.99],
      [0.99, 0],
    ]);
    const r = leontiefSolve(slow, Float64Array.of(1, 0), { method: 'jacobi', maxIterations: 3 });
    expect(r.status).toBe('not-converged');
    if (r.status === 'not-converged') expect(r.residual).toBeGreaterThan(1e-10);
  });
});
