import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { greatCircleMetres } from './great-circle-metres.js';

describe('greatCircleMetres', () => {
  it('measures known distances: one degree of latitude, Plaza de Armas to Estación Central', () => {
    expect(greatCircleMetres(0, 0, 1_000_000, 0)).toBe(111_195);
    // Plaza de Armas (-33.4378, -70.6505) to Estación Central (-33.4521, -70.6794): about 3.1 km
    const d = greatCircleMetres(-33_437_800, -70_650_500, -33_452_100, -70_679_400);
    expect(d).toBeGreaterThan(3_000);
    expect(d).toBeLessThan(3_200);
  });

  it('is a symmetric integer metric that is zero on the diagonal', () => {
    const point = fc.tuple(
      fc.integer({ min: -34_000_000, max: -33_000_000 }),
      fc.integer({ min: -71_000_000, max: -70_000_000 }),
    );
    fc.assert(
      fc.property(point, point, point, ([a, b], [c, d], [e, f]) => {
        const ab = greatCircleMetres(a, b, c, d);
        expect(Number.isInteger(ab)).toBe(true);
        expect(ab).toBe(greatCircleMetres(c, d, a, b));
        expect(greatCircleMetres(a, b, a, b)).toBe(0);
        // triangle inequality up to the rounding of three distances
        expect(ab).toBeLessThanOrEqual(greatCircleMetres(a, b, e, f) + greatCircleMetres(e, f, c, d) + 2);
      }),
    );
  });
});
