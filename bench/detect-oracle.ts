import { seededRandom } from '../src/production/core/seeded-random.js';
import type { NoiseShape } from '../src/production/core/synthetic-series.js';
import { drawNoise } from '../src/production/core/synthetic-series.js';

/** What the oracle reaches on variance rises of one noise shape. */
export interface OracleRecall {
  /** P(the sum of z² over the window passes its threshold) under a rise. */
  readonly squares: number;
  /** P(the sum of |z| over the window passes its threshold) under a rise. */
  readonly magnitudes: number;
  /** The better of the two: a reference no causal detector can be expected to beat. */
  readonly best: number;
}

/**
 * An upper reference for the recall of variance rises within the bench's window, by Monte Carlo: a
 * detector that knows the exact time of the rise, the noise's scale and its shape, and looks at
 * exactly the `window` values from the rise on (the change's own period and the next window − 1),
 * standardised by the base noise. It tests them with the two likelihood-ratio statistics of a scale
 * change — Σz² (optimal for Gaussian noise) and Σ|z| (optimal for Laplace noise) — each at the
 * threshold that a run of `window` unchanged values passes with probability `falseAlarmRate`.
 * A real detector does not know when the change happened nor the noise's exact scale, and shares
 * the false-alarm budget with the detectors of mean changes, so it stays below these figures.
 *
 * @example oracleVarianceRecall('gaussian', [3, 5], 4, 0.002, 1) // ≈ { best: 0.89, … }
 */
export function oracleVarianceRecall(
  noise: NoiseShape,
  factors: readonly [number, number],
  window: number,
  falseAlarmRate: number,
  seed: number,
  trials = 200_000,
): OracleRecall {
  const rnd = seededRandom(seed);
  const nullSq = new Float64Array(trials);
  const nullAbs = new Float64Array(trials);
  for (let t = 0; t < trials; t++) {
    let sq = 0;
    let ab = 0;
    for (let k = 0; k < window; k++) {
      const z = drawNoise(noise, rnd);
      sq += z * z;
      ab += Math.abs(z);
    }
    nullSq[t] = sq;
    nullAbs[t] = ab;
  }
  const threshold = (xs: Float64Array) => xs.sort()[Math.floor((1 - falseAlarmRate) * (xs.length - 1))]!;
  const tSq = threshold(nullSq);
  const tAbs = threshold(nullAbs);
  let hitSq = 0;
  let hitAbs = 0;
  for (let t = 0; t < trials; t++) {
    const factor = rnd.between(factors[0], factors[1]);
    let sq = 0;
    let ab = 0;
    for (let k = 0; k < window; k++) {
      const z = factor * drawNoise(noise, rnd);
      sq += z * z;
      ab += Math.abs(z);
    }
    if (sq > tSq) hitSq++;
    if (ab > tAbs) hitAbs++;
  }
  const squares = hitSq / trials;
  const magnitudes = hitAbs / trials;
  return { squares, magnitudes, best: Math.max(squares, magnitudes) };
}
