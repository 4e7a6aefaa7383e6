import { describe, expect, it } from 'vitest';
import { capacityCheck } from './capacity-check.js';
import { labourValues } from './labour-values.js';
import { leontiefMultipliers } from './leontief-multipliers.js';
import { denseToCsr } from './test-matrices.js';

// x0 = d0 + 0.2 x1, x1 = d1 + 0.5 x0: (I − A)⁻¹ = [[1, 0.2], [0.5, 1]] / 0.9
const a = denseToCsr([
  [0, 0.2],
  [0.5, 0],
]);

describe('labour values, multipliers, capacity check', () => {
  it('labour values solve v = vA + l', () => {
    const v = labourValues(a, Float64Array.of(1, 2));
    expect(v.status).toBe('solved');
    if (v.status !== 'solved') return;
    expect(v.x[0]).toBeCloseTo(2 / 0.9, 9);
    expect(v.x[0]! - (v.x[1]! * 0.5 + 1)).toBeCloseTo(0, 9);
  });

  it('output multipliers are the column sums of the Leontief inverse', () => {
    const m = leontiefMultipliers(a, Float64Array.of(1, 0));
    expect(m.status).toBe('solved');
    if (m.status !== 'solved') return;
    expect(m.output[0]).toBeCloseTo(1.5 / 0.9, 9);
    expect(m.output[1]).toBeCloseTo(1.2 / 0.9, 9);
    expect(m.labour[0]).toBeCloseTo(1 / 0.9, 9);
    expect(m.labourRatio[0]).toBeCloseTo(1 / 0.9, 9);
    expect(m.labourRatio[1]).toBeNaN();
  });

  it('multipliers report a non-productive matrix', () => {
    const bad = denseToCsr([
      [0, 1],
      [1, 0],
    ]);
    expect(leontiefMultipliers(bad, Float64Array.of(1, 1))).toMatchObject({ status: 'non-productive' });
  });

  it('capacity check lists shortfalls, worst first, and ignores solver noise', () => {
    expect(capacityCheck(Float64Array.of(5, 10 * (1 + 1e-12)), Float64Array.of(10, 10))).toMatchObject({
      status: 'within',
    });
    const r = capacityCheck(Float64Array.of(12, 30, 1), Float64Array.of(10, 20, Infinity));
    expect(r).toMatchObject({
      status: 'short',
      shortfalls: [
        { product: 1, required: 30, capacity: 20, shortfall: 10 },
        { product: 0, required: 12, capacity: 10, shortfall: 2 },
      ],
      utilisation: 1.5,
    });
  });
});
