import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { disaggregateQuotas, type WorkplaceTechnique } from './disaggregate-quotas.js';

describe('disaggregateQuotas', () => {
  it('splits in proportion to capacity with largest remainders, summing to the rounded-up output', () => {
    const r = disaggregateQuotas(Float64Array.of(10), [
      { product: 0, capacity: 6 },
      { product: 0, capacity: 9 },
    ]);
    // shares 4 and 6 exactly
    expect(r).toEqual({ status: 'ok', quotas: Float64Array.of(4, 6), totals: Float64Array.of(10) });
    const odd = disaggregateQuotas(Float64Array.of(9.2), [
      { product: 0, capacity: 5 },
      { product: 0, capacity: 5 },
      { product: 0, capacity: 5 },
    ]);
    // total 10: shares 3.33 each → 3, 3, 3 and the one left to the first (ties go to the earlier)
    expect(odd).toEqual({ status: 'ok', quotas: Float64Array.of(4, 3, 3), totals: Float64Array.of(10) });
  });

  it('ignores solver noise when rounding the total up', () => {
    const r = disaggregateQuotas(Float64Array.of(100.0000000001), [{ product: 0, capacity: 100 }]);
    expect(r).toMatchObject({ status: 'ok', totals: Float64Array.of(100) });
  });

  it('fills the least-labour workplaces first and shares a tie by capacity', () => {
    const wps: WorkplaceTechnique[] = [
      { product: 0, capacity: 50, labourPerUnit: 3 },
      { product: 0, capacity: 40, labourPerUnit: 1 },
      { product: 0, capacity: 30, labourPerUnit: 2 },
      { product: 0, capacity: 10, labourPerUnit: 2 },
    ];
    const r = disaggregateQuotas(Float64Array.of(60), wps, 'least-labour');
    // 40 at 1 h, then 20 between the two 2 h workplaces in proportion 30 : 10
    expect(r).toMatchObject({ status: 'ok', quotas: Float64Array.of(0, 40, 15, 5) });
  });

  it('reports a product its workplaces cannot make, and bad entries', () => {
    expect(disaggregateQuotas(Float64Array.of(0, 11), [{ product: 1, capacity: 10.9 }])).toEqual({
      status: 'over-capacity',
      product: 1,
      required: 11,
      capacity: 10,
    });
    expect(disaggregateQuotas(Float64Array.of(1), [{ product: 3, capacity: 1 }])).toMatchObject({
      status: 'invalid-input',
      index: 0,
    });
    expect(
      disaggregateQuotas(Float64Array.of(1), [{ product: 0, capacity: 1 }], 'least-labour'),
    ).toMatchObject({
      status: 'invalid-input',
      message: expect.stringMatching(/labourPerUnit/),
    });
  });

  it('property: integer quotas within capacity that sum exactly to each total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            workplaces: fc.array(
              fc.record({
                product: fc.integer({ min: 0, max: n - 1 }),
                capacity: fc.double({ min: 0, max: 1e6, noNaN: true }),
                labourPerUnit: fc.integer({ min: 0, max: 3 }),
              }),
              { minLength: 1, maxLength: 12 },
            ),
            fill: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
          }),
        ),
        fc.constantFrom('proportional' as const, 'least-labour' as const),
        ({ n, workplaces, fill }, mode) => {
          // outputs up to what the workplaces can make
          const outputs = new Float64Array(n);
          for (const w of workplaces) outputs[w.product]! += Math.floor(w.capacity) * fill[w.product]!;
          const r = disaggregateQuotas(outputs, workplaces, mode);
          expect(r.status).toBe('ok');
          if (r.status !== 'ok') return;
          const sums = new Float64Array(n);
          workplaces.forEach((w, k) => {
            const q = r.quotas[k]!;
            expect(Number.isInteger(q)).toBe(true);
            expect(q).toBeGreaterThanOrEqual(0);
            expect(q).toBeLessThanOrEqual(Math.floor(w.capacity));
            sums[w.product]! += q;
          });
          for (let p = 0; p < n; p++) {
            expect(sums[p]).toBe(r.totals[p]);
            expect(r.totals[p]!).toBeGreaterThanOrEqual(outputs[p]! - 1e-9 * Math.max(1, outputs[p]!));
            expect(r.totals[p]!).toBeLessThan(outputs[p]! + 1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
