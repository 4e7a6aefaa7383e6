import type { AlertKind, AlertState, RaisedAlert } from './alert-rule.js';
import { evaluateAlert, INITIAL_ALERT_STATE } from './alert-rule.js';
import type { DetectionSettings } from './detection-defaults.js';
import { DETECTION_DEFAULTS } from './detection-defaults.js';
import type { ForecasterState, ForecastUpdate } from './forecaster.js';
import { initialState, update } from './forecaster.js';

/** Everything stored per series between reports: the forecaster and the alert rule's memory. */
export interface MonitorState {
  readonly forecaster: ForecasterState;
  readonly alert: AlertState;
}

/** The result of one report: the new state, the forecaster's view and the alert to raise if any. */
export interface MonitorStep {
  readonly state: MonitorState;
  readonly update: ForecastUpdate;
  readonly alert: RaisedAlert | null;
  /** The kind the open episode's alert (raised on an earlier report) is to carry from now on, or null. */
  readonly revised: AlertKind | null;
}

/** A new series' monitor state under `settings`. */
export function initialMonitorState(settings: DetectionSettings = DETECTION_DEFAULTS): MonitorState {
  return { forecaster: initialState(settings.forecaster), alert: INITIAL_ALERT_STATE };
}

/**
 * One report through forecaster and alert rule — the single path that both the production service
 * and `cordones monitor detect` take, so they agree to the last digit. `value` null = missing period.
 *
 * @example let s = initialMonitorState(); const r = monitorStep(s, 12.5); s = r.state; if (r.alert) …
 */
export function monitorStep(
  state: MonitorState,
  value: number | null,
  settings: DetectionSettings = DETECTION_DEFAULTS,
): MonitorStep {
  const u = update(state.forecaster, value, settings.forecaster);
  const decision = evaluateAlert(state.alert, u, settings.alert);
  return {
    state: { forecaster: u.state, alert: decision.state },
    update: u,
    alert: decision.alert,
    revised: decision.revised,
  };
}
