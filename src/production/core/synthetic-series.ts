import { type SeededRandom, seededRandom } from './seeded-random.js';

/** The kinds of change the generator injects. */
export type ChangeKind = 'level-shift' | 'spike' | 'slope-change' | 'variance-change';

/** Shapes of the background noise, each scaled to standard deviation `sigma`. */
export type NoiseShape = 'gaussian' | 'student-t' | 'laplace';

/** One injected change: where, what, and how big in units of the base noise `sigma`. */
export interface ChangeLabel {
  /** Period index at which the change first shows. */
  readonly index: number;
  readonly kind: ChangeKind;
  /**
   * Size in units of the noise standard deviation just before it: the jump (level shift), the
   * excursion (spike), the change of slope per period (slope change), or the factor on the noise
   * standard deviation (variance change).
   */
  readonly magnitude: number;
}

/** What to generate. Magnitudes are drawn uniformly from the stated ranges, signs at random. */
export interface SyntheticSeriesOptions {
  readonly length: number;
  readonly seed: number;
  readonly noise?: NoiseShape;
  /** Base noise standard deviation (default 1). */
  readonly sigma?: number;
  /** Starting level (default 100). */
  readonly level?: number;
  /** Starting slope per period (default 0). */
  readonly slope?: number;
  /** Amplitude of the weekly pattern in units of sigma (default 0 = none). */
  readonly seasonAmplitude?: number;
  /** Share of periods reported missing (default 0); injected changes are never missing. */
  readonly missingRate?: number;
  /** Kinds to inject (default all four). */
  readonly kinds?: readonly ChangeKind[];
  /** Number of changes to inject (default length / 100). */
  readonly changes?: number;
  /** No change in the first `quietStart` periods (default 60) nor within `minGap` of another (default 40). */
  readonly quietStart?: number;
  readonly minGap?: number;
  /**
   * Magnitude ranges to draw from instead of `CHANGE_MAGNITUDES`. Shifts, spikes and slope changes
   * get a random sign; variance changes alternate: a rise by a factor from the range, then a fall
   * back to the base noise.
   */
  readonly magnitudes?: Partial<Record<ChangeKind, readonly [number, number]>>;
}

/** A generated series: values (null = missing) and the labels of what was injected. */
export interface SyntheticSeries {
  readonly values: (number | null)[];
  readonly labels: ChangeLabel[];
}

/**
 * Default magnitude ranges (units of the noise standard deviation), chosen so that every injected
 * change is detectable within 3 periods in principle: the smallest change of each range is seen by
 * an oracle (one that knows when the change came, and the noise's scale and shape, and tests the 4
 * values from it at 1 false alarm per 500 values) with probability ≥ 0.93 in each noise shape. A
 * level shift of 4σ seen on 4 points carries 8σ of evidence; a slope change of m σ/period only
 * 1.8·m σ (m, 2m, 3m, 4m), hence m ≥ 3; a 6σ spike in Student-t(5) noise is seen 0.935 of the time.
 * A rise of the noise is the hardest to see in 4 values (Σz² or Σ|z| against ordinary heavy tails):
 * the oracle reaches 0.93 in Laplace noise at ×8, and only 0.42 at ×3 (`bench/detect-oracle.ts`,
 * whose test holds this range to that rule). The next variance change falls back to the base noise
 * (a fall cannot be seen in 4 values, so the bench counts it apart). Gentler changes can be asked
 * for with `magnitudes`; the bench also reports rises of ×3–5.
 */
export const CHANGE_MAGNITUDES: Readonly<Record<ChangeKind, readonly [number, number]>> = Object.freeze({
  'level-shift': [4, 8],
  spike: [6, 12],
  'slope-change': [3, 5],
  'variance-change': [8, 12],
});

/**
 * A labelled synthetic indicator series, deterministic in `seed`: a linear trend with optional weekly
 * seasonality, noise of the chosen shape, missing days, and injected level shifts, spikes, slope
 * changes and variance changes (noise rises by a factor, and falls back at the next variance change).
 *
 * @example const { values, labels } = syntheticSeries({ length: 1000, seed: 7, noise: 'laplace' });
 */
export function syntheticSeries(options: SyntheticSeriesOptions): SyntheticSeries {
  const rnd = seededRandom(options.seed);
  const n = options.length;
  const sigma = options.sigma ?? 1;
  const noise = options.noise ?? 'gaussian';
  const kinds = options.kinds ?? (['level-shift', 'spike', 'slope-change', 'variance-change'] as const);
  const quietStart = options.quietStart ?? 60;
  const minGap = options.minGap ?? 40;
  const wanted = options.changes ?? Math.floor(n / 100);

  const season = new Array<number>(7).fill(0);
  const amplitude = options.seasonAmplitude ?? 0;
  if (amplitude > 0) {
    for (let d = 0; d < 7; d++) season[d] = rnd.normal();
    const mean = season.reduce((s, x) => s + x, 0) / 7;
    const peak = Math.max(...season.map((x) => Math.abs(x - mean)));
    for (let d = 0; d < 7; d++) season[d] = ((season[d]! - mean) / peak) * amplitude * sigma;
  }

  const labels: ChangeLabel[] = [];
  let raised = 0;
  let t = quietStart + Math.floor(rnd.uniform() * minGap);
  while (labels.length < wanted && t < n - 10 && kinds.length > 0) {
    const kind = kinds[Math.floor(rnd.uniform() * kinds.length)]!;
    const [lo, hi] = options.magnitudes?.[kind] ?? CHANGE_MAGNITUDES[kind];
    const size = rnd.between(lo, hi);
    const up = rnd.uniform() < 0.5;
    let magnitude = up ? size : -size;
    if (kind === 'variance-change') {
      // noise rises from its base level, the next variance change brings it back
      magnitude = raised ? 1 / raised : size;
      raised = raised ? 0 : size;
    }
    labels.push({ index: t, kind, magnitude });
    t += minGap + Math.floor(rnd.uniform() * minGap);
  }

  const values: (number | null)[] = new Array(n);
  let level = options.level ?? 100;
  let slope = options.slope ?? 0;
  // noise standard deviation now: changes are sized against it, so a shift after a variance rise is
  // as visible as one before it
  let scale = sigma;
  let next = 0;
  const missingRate = options.missingRate ?? 0;
  for (let i = 0; i < n; i++) {
    let spike = 0;
    let changed = false;
    while (next < labels.length && labels[next]!.index === i) {
      const c = labels[next]!;
      changed = true;
      if (c.kind === 'level-shift') level += c.magnitude * scale;
      else if (c.kind === 'spike') spike = c.magnitude * scale;
      else if (c.kind === 'slope-change') {
        // the new slope already acts on this period, so the change shows at its label
        slope += c.magnitude * scale;
        level += c.magnitude * scale;
      } else scale *= c.magnitude;
      next++;
    }
    const value = level + season[i % 7]! + spike + scale * drawNoise(noise, rnd);
    values[i] = !changed && rnd.uniform() < missingRate ? null : value;
    level += slope;
  }
  return { values, labels };
}

/**
 * One draw of unit-variance noise of the given shape (the generator's noise before scaling).
 *
 * @example const r = seededRandom(1); drawNoise('laplace', r); // ≈ Laplace(0, 1/√2)
 */
export function drawNoise(shape: NoiseShape, rnd: SeededRandom): number {
  if (shape === 'gaussian') return rnd.normal();
  if (shape === 'laplace') {
    // unit variance: scale b = 1/√2
    const u = rnd.uniform() - 0.5;
    return -Math.sign(u) * Math.log(1 - 2 * Math.abs(u)) * Math.SQRT1_2;
  }
  // Student t with 5 degrees of freedom, scaled to unit variance (variance of t5 is 5/3)
  let chi = 0;
  for (let k = 0; k < 5; k++) chi += rnd.normal() ** 2;
  return (rnd.normal() / Math.sqrt(chi / 5)) * Math.sqrt(3 / 5);
}
