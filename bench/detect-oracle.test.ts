import { describe, expect, it } from 'vitest';
import { CHANGE_MAGNITUDES } from '../src/production/core/synthetic-series.js';
import { oracleVarianceRecall } from './detect-oracle.js';

describe('oracleVarianceRecall', () => {
  it('matches the closed form for Gaussian noise: P(r²·χ²₄ > χ²₄ quantile)', () => {
    // a fixed factor of 3 and a 1 % false-alarm rate: the χ²₄ 99 % point is 13.277, and
    // P(χ²₄ > 13.277 / 9) = P(χ²₄ > 1.4752) = e^(−x/2)(1 + x/2) = 0.8311
    const r = oracleVarianceRecall('gaussian', [3, 3], 4, 0.01, 7, 100_000);
    expect(r.squares).toBeGreaterThan(0.82);
    expect(r.squares).toBeLessThan(0.84);
    expect(r.best).toBe(Math.max(r.squares, r.magnitudes));
  });

  it('finds nothing to detect when the noise does not change, whatever its shape', () => {
    for (const noise of ['gaussian', 'laplace', 'student-t'] as const) {
      const r = oracleVarianceRecall(noise, [1, 1], 4, 0.01, 3, 50_000);
      expect(r.best).toBeLessThan(0.02);
    }
  });

  it('sees larger rises more often', () => {
    const small = oracleVarianceRecall('laplace', [2, 2], 4, 0.002, 5, 50_000).best;
    const large = oracleVarianceRecall('laplace', [6, 6], 4, 0.002, 5, 50_000).best;
    expect(large).toBeGreaterThan(small + 0.3);
  });

  it("holds the generator's variance rises to its rule: the smallest is seen ≥ 0.93 in every noise shape, one less is not", () => {
    // the rule the mean changes' ranges follow (a 6σ spike in Student-t(5) noise: 0.935), applied to
    // rises: the range starts at the smallest whole factor that passes it, chosen by the oracle, not
    // by what this project's detector happens to catch
    const [lo] = CHANGE_MAGNITUDES['variance-change'];
    const seen = (factor: number) =>
      (['gaussian', 'laplace', 'student-t'] as const).map(
        (noise) => oracleVarianceRecall(noise, [factor, factor], 4, 1 / 500, 11, 100_000).best,
      );
    for (const p of seen(lo)) expect(p).toBeGreaterThanOrEqual(0.93);
    expect(Math.min(...seen(lo - 1))).toBeLessThan(0.93);
  });
});
