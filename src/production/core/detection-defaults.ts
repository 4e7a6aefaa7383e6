/**
 * Settings of the per-series forecaster. Every variance is stated relative to the observation noise
 * variance V, which the forecaster learns per series, so the same settings fit a series counted in
 * tonnes and one counted in grams.
 */
export interface ForecasterOptions {
  /** Length of the seasonal cycle in periods (7 for daily reports with a weekly rhythm); 0 turns it off. */
  readonly seasonLength: number;
  /** Observations buffered before the model starts (at least 6; at least two cycles when seasonal). */
  readonly warmup: number;
  /**
   * Prior probability of each regime in every period, in the order steady, outlier, step, slope
   * (Harrison & Stevens' "no change", "transient", "step change", "slope change"); they sum to 1.
   */
  readonly priors: readonly [number, number, number, number];
  /** Prior probability of a transient right after a transient (below priors[1]: they rarely pair). */
  readonly repeatOutlierPrior: number;
  /** Level random-walk variance per period in the steady regime, in units of V. */
  readonly levelNoise: number;
  /** Slope random-walk variance per period in the steady regime, in units of V. */
  readonly slopeNoise: number;
  /** Observation variance of a transient (outlier), in units of V. */
  readonly outlierVariance: number;
  /** Level jump variance of a step change, in units of V. */
  readonly stepVariance: number;
  /** Slope jump variance of a slope change, in units of V per period squared. */
  readonly slopeVariance: number;
  /** Learning rate of V per period once warmed up (exponential forgetting, dimensionless). */
  readonly varianceRate: number;
  /** Volatility (see ForecastUpdate.volatility) at which V jumps to the recent error level at once. */
  readonly burstVolatility: number;
  /** Rate of the short average of squared standardised errors that tells a fall of the noise (0–1). */
  readonly calmRate: number;
  /** That average (≈ 1 normally) below which V drops to it at once: the noise has fallen. */
  readonly calmVolatility: number;
  /** Learning rate of the seasonal offsets per cycle (dimensionless). */
  readonly seasonalRate: number;
  /** Half-width of the forecast band in predictive standard deviations (1.96 ≈ 95 %). */
  readonly bandZ: number;
}

/** Severity of an alert: how far the triggering observation lay from its forecast. */
export type AlertSeverity = 'low' | 'medium' | 'high';

/**
 * The alert rule for one indicator: thresholds on the posterior probabilities, hysteresis so that
 * one episode raises one alert, and the severity bands.
 */
export interface AlertRule {
  /**
   * An alert is raised when the probability of a regime passes its threshold (0–1). A transient
   * must also lie at least `outlierError` predictive standard deviations from its forecast: with
   * heavy-tailed noise a 4σ value is ordinary, and the probability alone would cry wolf.
   */
  readonly thresholds: {
    readonly step: number;
    readonly slope: number;
    readonly outlier: number;
    readonly outlierError: number;
    /** A drift alert is raised when the forecaster's `drift` statistic (≈ standard normal) passes this. */
    readonly drift: number;
    /** A variance alert is raised when the forecaster's `spread` (≈ 0.5 normally) passes this. */
    readonly spread: number;
  };
  /** An open episode ends only after `quietPeriods` consecutive periods with anomalyScore below this. */
  readonly releaseScore: number;
  /** Consecutive quiet periods that close an episode (the cool-down). */
  readonly quietPeriods: number;
  /** |standardised error| at or above which the severity is medium, then high. */
  readonly severity: { readonly medium: number; readonly high: number };
  /**
   * Within `within` observed periods after a `step`, `drift` or `outlier` alert, its kind is revised
   * once: to `variance` when √V has grown to `noise` times what it was at the alert (the values
   * scatter: the noise rose), else to `slope` when the forecaster's slope has moved by `slope` × √V
   * per period (the level did not settle: the trend turned).
   */
  readonly revision: { readonly noise: number; readonly slope: number; readonly within: number };
}

/** The whole detection configuration: what the server and `cordones monitor detect` both use. */
export interface DetectionSettings {
  readonly forecaster: ForecasterOptions;
  readonly alert: AlertRule;
}

/**
 * The one place where the default detection settings live. The production service and the CLI
 * both read these, so a score computed offline is the score the server would have computed.
 * Tuned on the synthetic bench (`npm run bench -- detect`).
 */
export const DETECTION_DEFAULTS: DetectionSettings = Object.freeze({
  forecaster: Object.freeze({
    seasonLength: 7,
    warmup: 14,
    priors: Object.freeze([0.955, 0.03, 0.01, 0.005]) as unknown as readonly [number, number, number, number],
    repeatOutlierPrior: 0.003,
    levelNoise: 0.02,
    slopeNoise: 0.0002,
    outlierVariance: 100,
    stepVariance: 25,
    slopeVariance: 1,
    varianceRate: 0.06,
    burstVolatility: 4.5,
    calmRate: 0.15,
    calmVolatility: 0.15,
    seasonalRate: 0.1,
    bandZ: 1.96,
  }),
  alert: Object.freeze({
    thresholds: Object.freeze({
      step: 0.5,
      slope: 0.7,
      outlier: 0.6,
      outlierError: 5,
      drift: 4,
      spread: 5,
    }),
    releaseScore: 0.3,
    quietPeriods: 5,
    severity: Object.freeze({ medium: 6, high: 10 }),
    revision: Object.freeze({ noise: 2, slope: 1, within: 4 }),
  }),
});
