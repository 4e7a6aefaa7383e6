import type { ForecasterOptions } from './detection-defaults.js';
import { DETECTION_DEFAULTS } from './detection-defaults.js';

/**
 * The stored state of one series' forecaster: a plain JSON-serialisable object of a few dozen
 * numbers (about 75 with a weekly cycle, 1.2 kB as JSON), written to the series' database row after each report.
 * Treat it as opaque; only `periods` and `observed` are meant to be read.
 */
export interface ForecasterState {
  /** Layout version, bumped when the fields change (2 added `calm`; `upgradeState` reads version 1). */
  readonly version: 2;
  /** Periods seen, missing ones included; the next report belongs to period index `periods`. */
  readonly periods: number;
  /** Values seen (missing periods excluded). */
  readonly observed: number;
  /** Warm-up buffer of the first periods (null = missing); null once the model has started. */
  readonly warm: (number | null)[] | null;
  /** Observation noise variance V, in the series' own unit squared. */
  readonly noiseVariance: number;
  /** Posterior probability of each regime in the last period: steady, outlier, step, slope. */
  readonly weights: number[];
  /** Level and slope of each regime's component: [level0, slope0, level1, slope1, …]. */
  readonly means: number[];
  /** Covariance of each component: [var(level), cov(level, slope), var(slope)] per regime. */
  readonly covariances: number[];
  /** Seasonal offsets by period index modulo the season length, summing to zero. */
  readonly seasonal: number[];
  /** Standardised one-step error of the last period (0 when it was missing). */
  readonly lastError: number;
  /**
   * The last three standardised errors clipped to ±8 (WIDE_CLIP), most recent first: `spread` reads
   * them so; `drift` and V's learning clip them again to ±3. (Version 1 kept them clipped to ±3.)
   */
  readonly recentErrors: number[];
  /**
   * Level, slope and their covariance [a, b, c11, c12, c22] of the mixture after each of the last
   * three periods, most recent first; emptied by a missing period (for `drift`).
   */
  readonly anchors: number[];
  /** The last three deseasonalised values, most recent first, matching `anchors`. */
  readonly recentValues: number[];
  /** True while every value seen is a whole number (a count): V then stays ≥ 1/4, see COUNT_FLOOR. */
  readonly integral: boolean;
  /**
   * Short memory of the squared standardised errors (clipped at 9), in units of V: an exponential
   * average at rate `calmRate`, about 1 under no change and near (new σ / old σ)² after the noise
   * has fallen. Below `calmVolatility`, V drops to it at once (see `observe`).
   */
  readonly calm: number;
}

/** Posterior probabilities of the three kinds of change (each in [0, 1]). */
export interface ChangeProbabilities {
  readonly step: number;
  readonly slope: number;
  readonly outlier: number;
}

/** What one `update` returns. */
export interface ForecastUpdate {
  /** The new state to store. */
  readonly state: ForecasterState;
  /**
   * False while the first `warmup` values are collected (probabilities are then 0) and for as many
   * values again while the fit settles (scores are computed, but the alert rule ignores them).
   */
  readonly ready: boolean;
  /** Forecast of the next period's value (in the series' unit). */
  readonly forecast: number;
  /** Band around `forecast`, ± `bandZ` predictive standard deviations. */
  readonly band: { readonly low: number; readonly high: number };
  /** What the model expected for the value just reported (its one-step forecast); NaN if none yet. */
  readonly expected: number;
  /** (value − expected) / predictive standard deviation; 0 when missing or warming up. */
  readonly error: number;
  /** P(regime of this period | data so far). */
  readonly probabilities: ChangeProbabilities;
  /**
   * P(regime of the previous period | data so far): one period later, a transient and a step are
   * told apart, so these are what the alert rule reads. `error` is that period's standardised error.
   */
  readonly previous: ChangeProbabilities & { readonly error: number };
  /** 1 − P(both this and the previous period were steady | data so far), in [0, 1]. */
  readonly anomalyScore: number;
  /**
   * Backward CUSUM (after Harrison & Davies, 1964), the larger of two forms: the sum of the last 2–4
   * one-step standardised errors (each clipped to ±3) divided by √k, and the sum of the last 2–4
   * values' errors against the forecast made before them (each clipped to ±4√V) divided by its
   * standard deviation — in both, only when all the errors share one sign. About standard normal
   * under no change; large when the series leaves its forecast period after period: how a slope
   * change or a modest step shows before the regime probabilities are sure of it.
   */
  readonly drift: number;
  /**
   * Mean of the last four squared standardised errors, each clipped at 9: about 1 under no change,
   * 4 or more when the noise has grown (a variance change) rather than the level moved. What V's
   * burst jump reads (`burstVolatility`).
   */
  readonly volatility: number;
  /**
   * Mean of the three smallest of the last four squared standardised errors, each clipped at 64:
   * about 0.5 under no change, and large only when several values in a row lie far out — the noise
   * has grown. One spike moves it little (it is the largest, left out); a rise ×8 is not capped at 9
   * as in `volatility`. What the variance alert reads.
   */
  readonly spread: number;
  /** The mixture's slope after this value (the series' unit per period): what a turn moves. */
  readonly slope: number;
  /** √V after this value (the series' unit): what a rise of the noise grows, and `slope`'s scale. */
  readonly noiseSd: number;
}

const REGIMES = 4;
const STEADY = 0;
const OUTLIER = 1;
const STEP = 2;
const SLOPE = 3;
// Standardised errors are clipped at this many standard deviations when learning V and the seasonal
// offsets, so that a spike does not inflate the noise estimate. E[min(z², 3²)] for normal z:
const CLIP = 3;
const CLIPPED_SQUARE_MEAN = 0.995;
// The kept errors are clipped wider, at 8: a rise of the noise ×8 puts several values in a row out
// there, where ±3 would make it look like an ordinary run of 3σ values (see `spread`).
const WIDE_CLIP = 8;
const LOG_2PI = Math.log(2 * Math.PI);
// A series of whole numbers (absences, breakdowns, trucks) cannot vary by less than one unit; a
// noise variance below (1/2)² would make every 0 → 1 of a mostly-zero count an outlier.
const COUNT_FLOOR = 0.25;
// Online floor of √V relative to the value (see `observe`).
const RELATIVE_FLOOR = 1e-9;
// The most V can fall at one drop (see `calm`): a hundredfold, a tenfold fall of the noise's σ. A
// larger fall takes two drops, so a run of near-zero errors cannot shrink V to nothing at once.
const LARGEST_DROP = 0.01;

// Scratch for the 16 (previous regime i, current regime j) Kalman updates; reused, never escapes.
const cLevel = new Float64Array(REGIMES * REGIMES);
const cSlope = new Float64Array(REGIMES * REGIMES);
const cC11 = new Float64Array(REGIMES * REGIMES);
const cC12 = new Float64Array(REGIMES * REGIMES);
const cC22 = new Float64Array(REGIMES * REGIMES);
const cLogW = new Float64Array(REGIMES * REGIMES);

/**
 * A fresh forecaster state for a new series. Nothing is assumed about the series' scale: the first
 * `warmup` values set the level, slope, seasonal offsets and noise variance.
 *
 * @example let s = initialState(); for (const v of values) s = update(s, v).state;
 */
export function initialState(options: ForecasterOptions = DETECTION_DEFAULTS.forecaster): ForecasterState {
  return {
    version: 2,
    periods: 0,
    observed: 0,
    warm: [],
    noiseVariance: 0,
    weights: [1, 0, 0, 0],
    means: new Array<number>(2 * REGIMES).fill(0),
    covariances: new Array<number>(3 * REGIMES).fill(0),
    seasonal: new Array<number>(Math.max(0, options.seasonLength)).fill(0),
    lastError: 0,
    recentErrors: [0, 0, 0],
    anchors: [],
    recentValues: [],
    integral: true,
    calm: 1,
  };
}

/**
 * Feeds one period's value (`null`, NaN or ±Infinity for a missing period; call it once per missing
 * period to skip a gap) into the Harrison–Stevens class II multi-process forecaster: a linear growth
 * model (level, slope) under four regimes — steady, transient (outlier), step change, slope change.
 * The 16 regime-pair Kalman updates are collapsed back to four components by moment matching, so the
 * cost is fixed (a few µs) whatever the series length. Pure: the input state is not modified.
 *
 * @example const r = update(state, 412); if (r.anomalyScore > 0.9) …; store(r.state);
 */
export function update(
  state: ForecasterState,
  value: number | null,
  options: ForecasterOptions = DETECTION_DEFAULTS.forecaster,
): ForecastUpdate {
  const missing = value === null || !Number.isFinite(value);
  if (state.warm !== null) return warmUpdate(state, missing ? null : value, options);
  return missing ? skipPeriod(state, options) : observe(state, value, options);
}

/**
 * P(regime j now | regime i before): the priors, except that a transient rarely follows a transient
 * — two far-off values in a row at the same place are a step, not two outliers.
 */
function transition(options: ForecasterOptions, i: number, j: number): number {
  if (i !== OUTLIER) return options.priors[j] ?? 0;
  const repeat = Math.min(options.repeatOutlierPrior, options.priors[OUTLIER]);
  if (j === OUTLIER) return repeat;
  if (j === STEADY) return options.priors[STEADY] + options.priors[OUTLIER] - repeat;
  return options.priors[j] ?? 0;
}

interface RegimeTable {
  readonly options: ForecasterOptions;
  /** Per regime, in units of V: observation, level and slope noise variances. */
  readonly observation: Float64Array;
  readonly levelNoise: Float64Array;
  readonly slopeNoise: Float64Array;
  /** log P(regime j | regime i) at index i·4 + j. */
  readonly logTransition: Float64Array;
}

let lastTable: RegimeTable | null = null;

/** The per-regime constants of `options`, computed once per options object (they are frozen). */
function regimeTable(options: ForecasterOptions): RegimeTable {
  if (lastTable !== null && lastTable.options === options) return lastTable;
  const table: RegimeTable = {
    options,
    observation: new Float64Array(REGIMES),
    levelNoise: new Float64Array(REGIMES),
    slopeNoise: new Float64Array(REGIMES),
    logTransition: new Float64Array(REGIMES * REGIMES),
  };
  for (let j = 0; j < REGIMES; j++) {
    regimeVariances(options, j, variances);
    table.observation[j] = variances[0]!;
    table.levelNoise[j] = variances[1]!;
    table.slopeNoise[j] = variances[2]!;
    for (let i = 0; i < REGIMES; i++)
      table.logTransition[i * REGIMES + j] = Math.log(transition(options, i, j));
  }
  lastTable = table;
  return table;
}

function seasonalAt(seasonal: readonly number[], period: number): number {
  const l = seasonal.length;
  return l === 0 ? 0 : (seasonal[period % l] ?? 0);
}

function regimeVariances(options: ForecasterOptions, regime: number, out: Float64Array): void {
  // out = [observation variance, level noise, slope noise], all in units of V
  out[0] = regime === OUTLIER ? options.outlierVariance : 1;
  out[1] = regime === STEP ? options.stepVariance : options.levelNoise;
  out[2] = regime === SLOPE ? options.slopeVariance : options.slopeNoise;
}

const variances = new Float64Array(3);

/** One-step predictive mean and variance of the mixture under the steady regime. */
function predictive(
  state: ForecasterState,
  options: ForecasterOptions,
  period: number,
  weights: readonly number[],
  means: readonly number[],
  covs: readonly number[],
): { mean: number; variance: number } {
  let mean = 0;
  for (let i = 0; i < REGIMES; i++)
    mean += (weights[i] ?? 0) * ((means[2 * i] ?? 0) + (means[2 * i + 1] ?? 0));
  let variance = 0;
  for (let i = 0; i < REGIMES; i++) {
    const c11 = covs[3 * i] ?? 0;
    const c12 = covs[3 * i + 1] ?? 0;
    const c22 = covs[3 * i + 2] ?? 0;
    const f = (means[2 * i] ?? 0) + (means[2 * i + 1] ?? 0) - mean;
    variance += (weights[i] ?? 0) * (c11 + 2 * c12 + c22 + f * f);
  }
  const v = state.noiseVariance;
  variance += v * (1 + options.levelNoise + options.slopeNoise);
  return { mean: mean + seasonalAt(state.seasonal, period), variance };
}

function observe(state: ForecasterState, value: number, options: ForecasterOptions): ForecastUpdate {
  const period = state.periods;
  const v = state.noiseVariance;
  const prior = predictive(state, options, period, state.weights, state.means, state.covariances);
  const z = (value - prior.mean) / Math.sqrt(prior.variance);
  const y = value - seasonalAt(state.seasonal, period);

  const table = regimeTable(options);
  let maxLog = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < REGIMES; i++) {
    const wi = state.weights[i] ?? 0;
    const logWi = wi > 0 ? Math.log(wi) : Number.NEGATIVE_INFINITY;
    const a = (state.means[2 * i] ?? 0) + (state.means[2 * i + 1] ?? 0);
    const b = state.means[2 * i + 1] ?? 0;
    const c11 = state.covariances[3 * i] ?? 0;
    const c12 = state.covariances[3 * i + 1] ?? 0;
    const c22 = state.covariances[3 * i + 2] ?? 0;
    for (let j = 0; j < REGIMES; j++) {
      const k = i * REGIMES + j;
      const e = y - a;
      // A jump or a transient larger than its regime's variance allows is given a variance of its own
      // size: a heavy-tailed (Cauchy-like) prior instead of the Gaussian one, whose quadratic penalty
      // would otherwise rule out a 40σ step on a near-constant series and leave the level stuck.
      const jump = j === STEP ? Math.max(v * table.levelNoise[j]!, e * e) : v * table.levelNoise[j]!;
      // Harrison & Stevens' timing: this period's slope noise moves this period's level too
      // (level_t = level_{t−1} + slope_t + noise, slope_t = slope_{t−1} + noise), so the slope
      // regime can explain the first far-off value of a turn and the slope is learnt from it.
      // (In West & Harrison's timing, level_t = level_{t−1} + slope_{t−1} + noise, a slope jump
      // showed only a period later, and the level was stepped after a turned trend period after
      // period: see the README, "The slope regime and the forecast after a turn".)
      const slopeJump = v * table.slopeNoise[j]!;
      const r11 = c11 + 2 * c12 + c22 + jump + slopeJump;
      const r12 = c12 + c22 + slopeJump;
      const r22 = c22 + slopeJump;
      const q =
        r11 + (j === OUTLIER ? Math.max(v * table.observation[j]!, e * e) : v * table.observation[j]!);
      const g1 = r11 / q;
      const g2 = r12 / q;
      cLevel[k] = a + g1 * e;
      cSlope[k] = b + g2 * e;
      cC11[k] = r11 - g1 * r11;
      cC12[k] = r12 - g1 * r12;
      cC22[k] = r22 - g2 * r12;
      const lw = logWi + table.logTransition[k]! - 0.5 * (LOG_2PI + Math.log(q) + (e * e) / q);
      cLogW[k] = lw;
      if (lw > maxLog) maxLog = lw;
    }
  }
  let total = 0;
  for (let k = 0; k < REGIMES * REGIMES; k++) {
    const w = Math.exp(cLogW[k]! - maxLog);
    cLogW[k] = w;
    total += w;
  }
  for (let k = 0; k < REGIMES * REGIMES; k++) cLogW[k] = cLogW[k]! / total;

  const { weights, means, covariances } = collapse();
  const previous = [0, 0, 0, 0];
  for (let i = 0; i < REGIMES; i++)
    for (let j = 0; j < REGIMES; j++) previous[i] = previous[i]! + cLogW[i * REGIMES + j]!;
  const anomalyScore = clamp01(1 - cLogW[STEADY * REGIMES + STEADY]!);

  const clipped = clip(z, CLIP);
  const wide = clip(z, WIDE_CLIP);
  const recent = state.recentErrors;
  let drift = 0;
  // one-step CUSUM over runs of at least three errors of one sign: the sign of a lasting change of
  // the mean (a burst of noise rarely gives three in a row)
  let persistent = 0;
  let sum = clipped;
  for (let k = 0; k < recent.length; k++) {
    const e = clip(recent[k] ?? 0, CLIP);
    if (e === 0 || Math.sign(e) !== Math.sign(clipped)) break;
    sum += e;
    const d = Math.abs(sum) / Math.sqrt(k + 2);
    drift = Math.max(drift, d);
    if (k >= 1) persistent = Math.max(persistent, d);
  }
  drift = Math.max(drift, anchoredDrift(state, y, v));
  // Learn V from the clipped squared error of every period not judged a step: clipping bounds what
  // one spike can teach. While errors pile up on one side (three or more in a row, CUSUM ≥ 2)
  // nothing is learnt: that is a change of the mean, and taking it for noise would hide it. Large
  // errors of both signs in the last four periods (volatility) mean the noise itself has grown: V
  // jumps to match at once instead of creeping up while every period looks like an outlier.
  // The other way, a fall of the noise (a machine repaired, a sensor replaced) shows as errors far
  // below 1 for several periods: when their short average `calm` passes below calmVolatility, V
  // drops to it at once. Learnt at varianceRate alone, V took 70 periods to come down from a
  // tenfold fall of σ, and every change in them was measured against the old, wide band.
  const steadyWeight = weights[STEADY]! + weights[SLOPE]!;
  const zc = Math.min(z * z, CLIP * CLIP);
  const w0 = recent[0] ?? 0;
  const w1 = recent[1] ?? 0;
  const w2 = recent[2] ?? 0;
  const r0 = clip(w0, CLIP);
  const r1 = clip(w1, CLIP);
  const r2 = clip(w2, CLIP);
  const volatility = (zc + r0 * r0 + r1 * r1 + r2 * r2) / 4;
  const squares = wide * wide + w0 * w0 + w1 * w1 + w2 * w2;
  const spread = (squares - Math.max(wide * wide, w0 * w0, w1 * w1, w2 * w2)) / 3;
  let noiseVariance: number;
  let recentErrors = [wide, w0, w1];
  let calm = state.calm + options.calmRate * (zc - state.calm);
  let dropped = false;
  if (volatility >= options.burstVolatility && persistent < 2) {
    const jump = volatility / CLIPPED_SQUARE_MEAN;
    noiseVariance = v * jump;
    // the kept errors were measured against the old V; restate them against the new one
    recentErrors = recentErrors.map((e) => e / Math.sqrt(jump));
    calm /= jump;
  } else if (calm < options.calmVolatility && persistent < 2) {
    const drop = Math.max(LARGEST_DROP, calm) / CLIPPED_SQUARE_MEAN;
    noiseVariance = v * drop;
    recentErrors = recentErrors.map((e) => clip(e / Math.sqrt(drop), WIDE_CLIP));
    calm = 1;
    dropped = true;
  } else {
    const rate = persistent >= 2 ? 0 : options.varianceRate * (1 - weights[STEP]!);
    noiseVariance = v * (1 + rate * (zc / CLIPPED_SQUARE_MEAN - 1));
  }
  const integral = state.integral && Number.isInteger(value);
  if (integral) noiseVariance = Math.max(noiseVariance, COUNT_FLOOR);
  // A constant series has no noise to learn, and V would shrink towards 0 without end until the
  // doubles' rounding (1e-16 of the value) looked like noise: below a billionth of the value, V is
  // rounding, not measurement.
  noiseVariance = Math.max(noiseVariance, (RELATIVE_FLOOR * value) ** 2);

  const seasonal = state.seasonal.slice();
  const l = seasonal.length;
  // Offsets learnt while the noise was high carry that noise (an exponential average at rate r keeps
  // r / (2 − r) of the noise variance V it saw): after a drop it would stay, as errors of 2σ of the
  // new noise, for weeks. Shrink them by the share of their spread that is that noise, as at warm-up.
  if (dropped) shrinkOffsets(seasonal, (options.seasonalRate / (2 - options.seasonalRate)) * v);
  if (l > 0) {
    let level = 0;
    for (let j = 0; j < REGIMES; j++) level += weights[j]! * means[2 * j]!;
    const resid = clip(y - level, CLIP * Math.sqrt(v));
    const delta = options.seasonalRate * steadyWeight * resid;
    const p = period % l;
    seasonal[p] = seasonal[p]! + delta;
    // keep the offsets summing to zero; their mean moves into the level
    const shift = delta / l;
    for (let q = 0; q < l; q++) seasonal[q] = seasonal[q]! - shift;
    for (let j = 0; j < REGIMES; j++) means[2 * j] = means[2 * j]! + shift;
  }

  const next: ForecasterState = {
    version: 2,
    periods: period + 1,
    observed: state.observed + 1,
    warm: null,
    noiseVariance,
    weights,
    means,
    covariances,
    seasonal,
    lastError: z,
    recentErrors,
    anchors: [...mixtureMoments(weights, means, covariances), ...state.anchors.slice(0, 10)],
    recentValues: [y, ...state.recentValues.slice(0, 2)],
    integral,
    calm,
  };
  return finish(next, options, {
    ready: next.observed >= 2 * warmupLength(options),
    expected: prior.mean,
    error: z,
    probabilities: { step: weights[STEP]!, slope: weights[SLOPE]!, outlier: weights[OUTLIER]! },
    previous: {
      step: previous[STEP]!,
      slope: previous[SLOPE]!,
      outlier: previous[OUTLIER]!,
      error: state.lastError,
    },
    anomalyScore,
    drift,
    volatility,
    spread,
  });
}

/** [level, slope, var(level), cov, var(slope)] of the whole mixture. */
function mixtureMoments(weights: number[], means: number[], covs: number[]): number[] {
  let a = 0;
  let b = 0;
  for (let j = 0; j < REGIMES; j++) {
    a += weights[j]! * means[2 * j]!;
    b += weights[j]! * means[2 * j + 1]!;
  }
  let c11 = 0;
  let c12 = 0;
  let c22 = 0;
  for (let j = 0; j < REGIMES; j++) {
    const da = means[2 * j]! - a;
    const db = means[2 * j + 1]! - b;
    c11 += weights[j]! * (covs[3 * j]! + da * da);
    c12 += weights[j]! * (covs[3 * j + 1]! + da * db);
    c22 += weights[j]! * (covs[3 * j + 2]! + db * db);
  }
  return [a, b, c11, c12, c22];
}

// Each value's error is clipped at this many noise standard deviations in the anchored drift, so a
// lone spike cannot pass for a shift.
const ANCHOR_CLIP = 4;
// Share of the anchor's slope uncertainty counted in the anchored drift's variance. The mixture's
// slope variance is mostly the slope-change regime's jump variance mixed in (prior × variance each
// period): the very alternative the statistic looks for. Counted in full it hid 4σ shifts; a
// quarter keeps false alerts where they were (bench: shifts 0.87 → 0.91 recalled, false alerts same).
const ANCHOR_SLOPE_SHARE = 0.25;

/**
 * Backward sums of the errors of the last k = 2, 3, 4 values (the current one included) against
 * the forecast made before them (the mixture k periods ago), when they all share one sign, each
 * clipped at ±4√V, divided by their standard deviation under no change; the largest. Unlike one-step
 * errors, these do not shrink while the filter chases a new level, so a 4σ shift is plain after two
 * periods.
 */
function anchoredDrift(state: ForecasterState, y: number, v: number): number {
  const anchors = state.anchors;
  const values = state.recentValues;
  const limit = ANCHOR_CLIP * Math.sqrt(v);
  let best = 0;
  for (let k = 2; k <= 4; k++) {
    if (anchors.length < 5 * (k - 1) + 5 || values.length < k - 1) break;
    const o = 5 * (k - 1);
    const a = anchors[o]!;
    const b = anchors[o + 1]!;
    let sum = 0;
    let sign = 0;
    let same = true;
    for (let j = 1; j <= k; j++) {
      const obs = j === k ? y : values[k - j - 1]!;
      const e = obs - (a + j * b);
      const sg = Math.sign(e);
      if (sign === 0) sign = sg;
      if (sg !== sign || sg === 0) {
        same = false;
        break;
      }
      sum += clip(e, limit);
    }
    if (!same) continue;
    const reach = (k * (k + 1)) / 2;
    const variance =
      k * v +
      k * k * anchors[o + 2]! +
      ANCHOR_SLOPE_SHARE * (2 * k * reach * anchors[o + 3]! + reach * reach * anchors[o + 4]!);
    best = Math.max(best, Math.abs(sum) / Math.sqrt(variance));
  }
  return best;
}

/** Moment-matches the 16 weighted pair posteriors in the scratch arrays into 4 components. */
function collapse(): { weights: number[]; means: number[]; covariances: number[] } {
  const weights = new Array<number>(REGIMES).fill(0);
  const means = new Array<number>(2 * REGIMES).fill(0);
  const covariances = new Array<number>(3 * REGIMES).fill(0);
  for (let j = 0; j < REGIMES; j++) {
    let w = 0;
    let a = 0;
    let b = 0;
    for (let i = 0; i < REGIMES; i++) {
      const k = i * REGIMES + j;
      const wk = cLogW[k]!;
      w += wk;
      a += wk * cLevel[k]!;
      b += wk * cSlope[k]!;
    }
    // a regime with vanishing weight keeps a well-defined component (the plain average)
    const tiny = w < 1e-300;
    let c11 = 0;
    let c12 = 0;
    let c22 = 0;
    if (tiny) {
      a = 0;
      b = 0;
      for (let i = 0; i < REGIMES; i++) {
        const k = i * REGIMES + j;
        a += cLevel[k]! / REGIMES;
        b += cSlope[k]! / REGIMES;
      }
    } else {
      a /= w;
      b /= w;
    }
    for (let i = 0; i < REGIMES; i++) {
      const k = i * REGIMES + j;
      const wk = tiny ? 1 / REGIMES : cLogW[k]! / w;
      const da = cLevel[k]! - a;
      const db = cSlope[k]! - b;
      c11 += wk * (cC11[k]! + da * da);
      c12 += wk * (cC12[k]! + da * db);
      c22 += wk * (cC22[k]! + db * db);
    }
    weights[j] = w;
    means[2 * j] = a;
    means[2 * j + 1] = b;
    covariances[3 * j] = c11;
    covariances[3 * j + 1] = c12;
    covariances[3 * j + 2] = c22;
  }
  return { weights, means, covariances };
}

/**
 * A missing period: each component moves on one period (level += slope) and grows as uncertain as
 * the regime priors say a period can make it, but keeps its weight — so the regime probabilities
 * still describe the last observed period, and the next value can still confirm a transient or a
 * step there (`previous`).
 */
function skipPeriod(state: ForecasterState, options: ForecasterOptions): ForecastUpdate {
  const v = state.noiseVariance;
  let levelNoise = 0;
  let slopeNoise = 0;
  for (let j = 0; j < REGIMES; j++) {
    regimeVariances(options, j, variances);
    levelNoise += (options.priors[j] ?? 0) * variances[1]!;
    slopeNoise += (options.priors[j] ?? 0) * variances[2]!;
  }
  const means = state.means.slice();
  const covariances = state.covariances.slice();
  for (let i = 0; i < REGIMES; i++) {
    const b = means[2 * i + 1]!;
    means[2 * i] = means[2 * i]! + b;
    const c11 = covariances[3 * i]!;
    const c12 = covariances[3 * i + 1]!;
    const c22 = covariances[3 * i + 2]!;
    // the same timing as `observe`: the period's slope noise enters its level
    covariances[3 * i] = c11 + 2 * c12 + c22 + v * (levelNoise + slopeNoise);
    covariances[3 * i + 1] = c12 + c22 + v * slopeNoise;
    covariances[3 * i + 2] = c22 + v * slopeNoise;
  }
  const next: ForecasterState = {
    ...state,
    periods: state.periods + 1,
    means,
    covariances,
    recentErrors: [0, 0, 0],
    anchors: [],
    recentValues: [],
  };
  return finish(next, options, {
    ready: next.observed >= 2 * warmupLength(options),
    expected: Number.NaN,
    error: 0,
    probabilities: { step: 0, slope: 0, outlier: 0 },
    previous: { step: 0, slope: 0, outlier: 0, error: 0 },
    anomalyScore: 0,
    drift: 0,
    volatility: 0,
    spread: 0,
  });
}

type Scores = Pick<
  ForecastUpdate,
  | 'ready'
  | 'expected'
  | 'error'
  | 'probabilities'
  | 'previous'
  | 'anomalyScore'
  | 'drift'
  | 'volatility'
  | 'spread'
>;

function finish(next: ForecasterState, options: ForecasterOptions, scores: Scores): ForecastUpdate {
  const p = predictive(next, options, next.periods, next.weights, next.means, next.covariances);
  const half = options.bandZ * Math.sqrt(p.variance);
  let slope = 0;
  for (let i = 0; i < next.weights.length; i++) slope += next.weights[i]! * next.means[2 * i + 1]!;
  return {
    state: next,
    forecast: p.mean,
    band: { low: p.mean - half, high: p.mean + half },
    ...scores,
    slope,
    noiseSd: Math.sqrt(next.noiseVariance),
  };
}

function clip(x: number, limit: number): number {
  return Math.max(-limit, Math.min(limit, x));
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}

const NO_CHANGE = Object.freeze({ step: 0, slope: 0, outlier: 0 });

/** Buffers the first values; when enough are in, fits level, slope, season and noise robustly. */
function warmUpdate(
  state: ForecasterState,
  value: number | null,
  options: ForecasterOptions,
): ForecastUpdate {
  const warm = [...(state.warm ?? []), value];
  const observed = state.observed + (value === null ? 0 : 1);
  const base: ForecasterState = { ...state, periods: state.periods + 1, observed, warm };
  if (observed >= warmupLength(options)) {
    const started = startFromWarmUp(warm, options);
    return finish(started, options, {
      ready: false,
      expected: Number.NaN,
      error: 0,
      probabilities: NO_CHANGE,
      previous: { ...NO_CHANGE, error: 0 },
      anomalyScore: 0,
      drift: 0,
      volatility: 0,
      spread: 0,
    });
  }
  const seen = warm.filter((x): x is number => x !== null);
  const last = seen.length > 0 ? seen[seen.length - 1]! : Number.NaN;
  let spread = 0;
  if (seen.length >= 3) {
    let s = 0;
    for (let k = 1; k < seen.length; k++) s += (seen[k]! - seen[k - 1]!) ** 2;
    spread = Math.sqrt(s / (2 * (seen.length - 1)));
  }
  const half = options.bandZ * spread * Math.SQRT2;
  return {
    state: base,
    ready: false,
    forecast: last,
    band: { low: last - half, high: last + half },
    expected: Number.NaN,
    error: 0,
    probabilities: NO_CHANGE,
    previous: { ...NO_CHANGE, error: 0 },
    anomalyScore: 0,
    drift: 0,
    volatility: 0,
    spread: 0,
    slope: 0,
    noiseSd: spread,
  };
}

/** Values buffered before the model starts; alerts wait for twice as many, while the fit settles. */
function warmupLength(options: ForecasterOptions): number {
  return Math.max(6, options.warmup, 2 * Math.max(0, options.seasonLength));
}

function median(xs: number[]): number {
  const s = xs.slice().sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function startFromWarmUp(warm: (number | null)[], options: ForecasterOptions): ForecasterState {
  const ts: number[] = [];
  const ys: number[] = [];
  warm.forEach((y, t) => {
    if (y !== null) {
      ts.push(t);
      ys.push(y);
    }
  });
  // Theil–Sen line: robust to a spike or two among the first values
  const slopes: number[] = [];
  for (let p = 0; p < ts.length; p++)
    for (let q = p + 1; q < ts.length; q++) slopes.push((ys[q]! - ys[p]!) / (ts[q]! - ts[p]!));
  const slope = median(slopes);
  const intercept = median(ys.map((y, k) => y - slope * ts[k]!));
  const resid = ys.map((y, k) => y - intercept - slope * ts[k]!);

  const l = Math.max(0, options.seasonLength);
  const seasonal = new Array<number>(l).fill(0);
  const count = new Array<number>(l).fill(0);
  if (l > 0) {
    resid.forEach((r, k) => {
      const p = ts[k]! % l;
      seasonal[p] = (seasonal[p] ?? 0) + r;
      count[p] = (count[p] ?? 0) + 1;
    });
    for (let p = 0; p < l; p++) seasonal[p] = count[p]! > 0 ? seasonal[p]! / count[p]! : 0;
    const mean = seasonal.reduce((s, x) => s + x, 0) / l;
    for (let p = 0; p < l; p++) seasonal[p] = seasonal[p]! - mean;
  }
  const rest = resid.map((r, k) => r - (l > 0 ? seasonal[ts[k]! % l]! : 0));
  const mad = median(rest.map((r) => Math.abs(r - median(rest))));
  const dof = Math.max(1, ys.length - 2 - l);
  const scale = Math.max(...ys.map(Math.abs), 0);
  // a constant series has no noise to measure; a tiny floor relative to its size keeps z finite
  const floor = (1e-6 * (scale > 0 ? scale : 1)) ** 2;
  let v = Math.max(floor, (1.4826 * mad) ** 2 * (ys.length / dof));
  if (l > 0) {
    // shrink the seasonal offsets towards zero by how much of their spread is just noise (each is a
    // mean of ys.length / l residuals)
    shrinkOffsets(seasonal, v / (ys.length / l));
    const refit = resid.map((r, k) => r - seasonal[ts[k]! % l]!);
    const mad2 = median(refit.map((r) => Math.abs(r - median(refit))));
    v = Math.max(floor, (1.4826 * mad2) ** 2 * (ys.length / dof));
  }

  const integral = ys.every((y) => Number.isInteger(y));
  if (integral) v = Math.max(v, COUNT_FLOOR);
  const lastT = warm.length - 1;
  const level = intercept + slope * lastT;
  const means: number[] = [];
  const covariances: number[] = [];
  for (let j = 0; j < REGIMES; j++) {
    means.push(level, slope);
    covariances.push(v / 2, 0, v / (warm.length * warm.length));
  }
  return {
    version: 2,
    periods: warm.length,
    observed: ys.length,
    warm: null,
    noiseVariance: v,
    weights: [...options.priors],
    means,
    covariances,
    seasonal,
    lastError: 0,
    recentErrors: [0, 0, 0],
    anchors: [],
    recentValues: [],
    integral,
    calm: 1,
  };
}

/**
 * Scales seasonal offsets (in place) towards zero by the share of their mean square that is noise of
 * variance `noisePower` (James–Stein-like: 0 when they are all noise). Scaling keeps their sum zero.
 */
function shrinkOffsets(seasonal: number[], noisePower: number): void {
  const l = seasonal.length;
  if (l === 0) return;
  let power = 0;
  for (let p = 0; p < l; p++) power += seasonal[p]! ** 2 / l;
  const shrink = power > 0 ? Math.max(0, 1 - noisePower / power) : 0;
  for (let p = 0; p < l; p++) seasonal[p] = seasonal[p]! * shrink;
}

/**
 * A stored state of an earlier layout, read as this one: version 1 had no `calm` (it starts at 1,
 * the value of a series with no recent change of noise).
 *
 * @example const state = upgradeState(JSON.parse(row.state).forecaster);
 */
export function upgradeState(
  state: ForecasterState | (Omit<ForecasterState, 'version' | 'calm'> & { version: 1 }),
): ForecasterState {
  return state.version === 2 ? state : { ...state, version: 2, calm: 1 };
}
