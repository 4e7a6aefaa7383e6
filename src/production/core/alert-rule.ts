import type { AlertRule, AlertSeverity } from './detection-defaults.js';
import { DETECTION_DEFAULTS } from './detection-defaults.js';
import type { ForecastUpdate } from './forecaster.js';

/** The alert rule's memory for one series: whether an episode is open. JSON-serialisable. */
export interface AlertState {
  /** True from the alert until the series has been quiet for `quietPeriods` periods. */
  readonly open: boolean;
  /** Consecutive quiet periods counted while open. */
  readonly quiet: number;
  /**
   * While the episode's alert may still be revised (see `AlertRule.revision`): the observed periods
   * since it, and the slope and √V at the alert (the series' unit). Null otherwise.
   */
  readonly watch: AlertWatch | null;
}

/** See `AlertState.watch`. */
export interface AlertWatch {
  readonly age: number;
  readonly slope: number;
  readonly scale: number;
}

/** What kind of change an alert reports. */
export type AlertKind =
  /** the level moved to a new value and stayed */
  | 'step'
  /** the trend changed */
  | 'slope'
  /** one value far off, the series came back */
  | 'outlier'
  /** several values in a row on one side of the forecast (a slope change or a slow shift) */
  | 'drift'
  /** the values scatter much more widely than before (a variance change) */
  | 'variance';

/** An alert to raise now. */
export interface RaisedAlert {
  readonly kind: AlertKind;
  /** The posterior probability that passed the threshold (0–1); for a drift, P(drift ≥ its value) ≈ 0. */
  readonly probability: number;
  readonly severity: AlertSeverity;
  /** Signed standardised error of the triggering observation (forecast standard deviations). */
  readonly error: number;
  /** Periods between the change and this alert: 1 when confirmed one period later, else 0. */
  readonly lag: 0 | 1;
}

/** The rule's verdict for one update. */
export interface AlertDecision {
  readonly state: AlertState;
  /** The alert to raise, or null: nothing new (quiet series, warming up, or an episode already open). */
  readonly alert: RaisedAlert | null;
  /** The kind the open episode's alert is to carry from now on (a step that was a turn…), or null. */
  readonly revised: AlertKind | null;
}

/** No episode open. */
export const INITIAL_ALERT_STATE: AlertState = Object.freeze({ open: false, quiet: 0, watch: null });

/**
 * Decides whether a forecaster update raises an alert. Steps and transients are judged one period
 * after they happen (`update.previous`), when the next value tells a spike from a new level; slope
 * changes on either period; then, if no regime passed its threshold, the drift (backward CUSUM) and
 * the spread of the last errors. One episode raises one alert: after an alert nothing more is raised
 * until the anomaly score has stayed below `releaseScore` for `quietPeriods` consecutive periods
 * (missing periods do not count as quiet). While the episode is open, a `step`, `drift` or
 * `outlier` alert is revised once within `rule.revision.within` observed periods: to `variance` if
 * √V grows to `rule.revision.noise` times its value at the alert (a spike or a shift leaves the noise
 * level alone, a rise of the noise does not), else to `slope` if the forecaster's slope moves by
 * `rule.revision.slope` √V per period (a level shift leaves the slope where it was, a turned trend
 * does not). One far-off value cannot tell these apart; four more can.
 *
 * @example const d = evaluateAlert(row.alertState, update(row.state, v)); if (d.alert) raise(d.alert);
 */
export function evaluateAlert(
  state: AlertState,
  update: Pick<
    ForecastUpdate,
    | 'ready'
    | 'probabilities'
    | 'previous'
    | 'anomalyScore'
    | 'error'
    | 'expected'
    | 'drift'
    | 'spread'
    | 'slope'
    | 'noiseSd'
  >,
  rule: AlertRule = DETECTION_DEFAULTS.alert,
): AlertDecision {
  if (!update.ready) return { state, alert: null, revised: null };
  const missing = Number.isNaN(update.expected);
  if (state.open) {
    if (missing) return { state, alert: null, revised: null };
    let watch = state.watch;
    let revised: AlertKind | null = null;
    if (watch !== null) {
      if (update.noiseSd >= rule.revision.noise * watch.scale) revised = 'variance';
      else if (Math.abs(update.slope - watch.slope) >= rule.revision.slope * watch.scale) revised = 'slope';
      watch =
        revised !== null || watch.age + 1 >= rule.revision.within ? null : { ...watch, age: watch.age + 1 };
    }
    const quiet = update.anomalyScore < rule.releaseScore ? state.quiet + 1 : 0;
    return {
      state: quiet >= rule.quietPeriods ? INITIAL_ALERT_STATE : { open: true, quiet, watch },
      alert: null,
      revised,
    };
  }
  const t = rule.thresholds;
  const prev = update.previous;
  const slope = Math.max(prev.slope, update.probabilities.slope);
  // the kind whose probability passes its threshold by the widest margin
  let best = wider(null, 'step', prev.step, t.step, prev.error, 1);
  if (Math.abs(prev.error) >= t.outlierError)
    best = wider(best, 'outlier', prev.outlier, t.outlier, prev.error, 1);
  best = wider(best, 'slope', slope, t.slope, update.error, slope === prev.slope ? 1 : 0);
  if (best === null && update.drift >= t.drift)
    best = {
      kind: 'drift',
      probability: 1 - normalTail(update.drift),
      margin: 0,
      error: update.error,
      lag: 0,
    };
  if (best === null && update.spread >= t.spread)
    best = { kind: 'variance', probability: 1, margin: 0, error: update.error, lag: 0 };
  if (best === null) return { state, alert: null, revised: null };
  const b = best;
  const size = Math.abs(b.error);
  const severity: AlertSeverity =
    size >= rule.severity.high ? 'high' : size >= rule.severity.medium ? 'medium' : 'low';
  const watched = b.kind === 'step' || b.kind === 'drift' || b.kind === 'outlier';
  return {
    state: {
      open: true,
      quiet: 0,
      watch: watched ? { age: 0, slope: update.slope, scale: update.noiseSd } : null,
    },
    alert: { kind: b.kind, probability: b.probability, severity, error: b.error, lag: b.lag },
    revised: null,
  };
}

interface Candidate {
  readonly kind: AlertKind;
  readonly probability: number;
  readonly margin: number;
  readonly error: number;
  readonly lag: 0 | 1;
}

/**
 * `best`, or the kind given when its probability passes its threshold by a wider margin. (A plain
 * function, not a closure made per call: ingest evaluates the rule once a report.)
 */
function wider(
  best: Candidate | null,
  kind: AlertKind,
  probability: number,
  threshold: number,
  error: number,
  lag: 0 | 1,
): Candidate | null {
  const margin = probability - threshold;
  return probability >= threshold && (best === null || margin > best.margin)
    ? { kind, probability, margin, error, lag }
    : best;
}

// P(Z > x) for standard normal Z, x ≥ 0 (Abramowitz & Stegun 7.1.26, absolute error < 1.5e-7)
function normalTail(x: number): number {
  const t = 1 / (1 + 0.3275911 * (x / Math.SQRT2));
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return 0.5 * poly * Math.exp(-(x * x) / 2);
}
