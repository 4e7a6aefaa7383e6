import { describe, expect, it } from 'vitest';
import type { AlertState } from './alert-rule.js';
import { evaluateAlert, INITIAL_ALERT_STATE } from './alert-rule.js';
import { DETECTION_DEFAULTS } from './detection-defaults.js';
import type { MonitorState } from './monitor-step.js';
import { initialMonitorState, monitorStep } from './monitor-step.js';
import { seededRandom } from './seeded-random.js';

type Input = Parameters<typeof evaluateAlert>[1];
const quiet: Input = {
  ready: true,
  expected: 10,
  error: 0.3,
  anomalyScore: 0.02,
  drift: 0,
  spread: 0.5,
  slope: 0,
  noiseSd: 1,
  probabilities: { step: 0.001, slope: 0.001, outlier: 0.001 },
  previous: { step: 0.001, slope: 0.001, outlier: 0.001, error: 0.1 },
};
const spikeConfirmed: Input = {
  ...quiet,
  anomalyScore: 0.99,
  previous: { step: 0.01, slope: 0, outlier: 0.98, error: -7.5 },
};

describe('evaluateAlert', () => {
  it('raises a confirmed transient with its severity and the error that caused it', () => {
    const d = evaluateAlert(INITIAL_ALERT_STATE, spikeConfirmed);
    expect(d.alert).toEqual({ kind: 'outlier', probability: 0.98, severity: 'medium', error: -7.5, lag: 1 });
    expect(d.state.open).toBe(true);
  });

  it('grades severity by the size of the error', () => {
    const sev = (error: number) =>
      evaluateAlert(INITIAL_ALERT_STATE, {
        ...spikeConfirmed,
        previous: { ...spikeConfirmed.previous, error },
      }).alert?.severity;
    expect(sev(5)).toBe('low');
    expect(sev(-6)).toBe('medium');
    expect(sev(12)).toBe('high');
  });

  it('does not call a likely transient an alert when it lies close to the forecast', () => {
    const small = { ...spikeConfirmed, previous: { ...spikeConfirmed.previous, error: 3.5 } };
    expect(evaluateAlert(INITIAL_ALERT_STATE, small).alert).toBeNull();
  });

  it('prefers the kind that passes its threshold by the widest margin', () => {
    const both = { ...quiet, previous: { step: 0.9, slope: 0, outlier: 0.1, error: 6 } };
    expect(evaluateAlert(INITIAL_ALERT_STATE, both).alert?.kind).toBe('step');
  });

  it('raises a drift and a variance alert from their statistics', () => {
    expect(evaluateAlert(INITIAL_ALERT_STATE, { ...quiet, drift: 4.5 }).alert?.kind).toBe('drift');
    expect(evaluateAlert(INITIAL_ALERT_STATE, { ...quiet, spread: 8 }).alert?.kind).toBe('variance');
  });

  it('renames a step alert slope when the slope moves within the next periods: the trend turned', () => {
    const stepConfirmed: Input = {
      ...quiet,
      anomalyScore: 0.99,
      previous: { ...quiet.previous, step: 0.9, error: 6 },
    };
    const raised = evaluateAlert(INITIAL_ALERT_STATE, { ...stepConfirmed, slope: 0.1, noiseSd: 2 });
    expect(raised.alert?.kind).toBe('step');
    expect(raised.state.watch).toEqual({ age: 0, slope: 0.1, scale: 2 });
    // 0.1 → 1.9: less than one √V (2) per period, still watching; → 2.2: a turn
    const still = evaluateAlert(raised.state, { ...quiet, slope: 1.9 });
    expect(still.revised).toBeNull();
    expect(still.state.watch).toEqual({ age: 1, slope: 0.1, scale: 2 });
    const turned = evaluateAlert(still.state, { ...quiet, slope: 2.2 });
    expect(turned.revised).toBe('slope');
    expect(turned.state.watch).toBeNull();
    expect(turned.state.open).toBe(true);
    // renamed once: nothing more in the episode
    expect(evaluateAlert(turned.state, { ...quiet, slope: 9 }).revised).toBeNull();
  });

  it('keeps the step when the slope stays, and stops watching after `revision.within` periods', () => {
    const within = DETECTION_DEFAULTS.alert.revision.within;
    let state = evaluateAlert(INITIAL_ALERT_STATE, {
      ...quiet,
      previous: { ...quiet.previous, step: 0.9, error: 6 },
    }).state;
    for (let k = 0; k < within; k++) {
      // a missing period is not counted
      expect(evaluateAlert(state, { ...quiet, expected: Number.NaN, slope: 5 }).state).toEqual(state);
      const d = evaluateAlert(state, { ...quiet, slope: 0.5 });
      expect(d.revised).toBeNull();
      state = d.state;
    }
    expect(state.watch).toBeNull();
    expect(evaluateAlert(state, { ...quiet, slope: 5 }).revised).toBeNull();
  });

  it('revises an outlier to variance when the noise level doubles after it: the noise rose', () => {
    const raised = evaluateAlert(INITIAL_ALERT_STATE, { ...spikeConfirmed, noiseSd: 2 });
    expect(raised.alert?.kind).toBe('outlier');
    expect(raised.state.watch).toEqual({ age: 0, slope: 0, scale: 2 });
    expect(evaluateAlert(raised.state, { ...quiet, noiseSd: 3.9 }).revised).toBeNull();
    // the noise checked first: a rise can move the slope too
    const rose = evaluateAlert(raised.state, { ...quiet, noiseSd: 4.1, slope: 5 });
    expect(rose.revised).toBe('variance');
    expect(rose.state.watch).toBeNull();
  });

  it('does not watch variance alerts', () => {
    expect(evaluateAlert(INITIAL_ALERT_STATE, { ...quiet, spread: 8 }).state.watch).toBeNull();
    expect(evaluateAlert(INITIAL_ALERT_STATE, { ...quiet, drift: 4.5 }).state.watch).not.toBeNull();
  });

  it('stays silent while the forecaster is warming up', () => {
    expect(evaluateAlert(INITIAL_ALERT_STATE, { ...spikeConfirmed, ready: false }).alert).toBeNull();
  });

  it('raises one alert per episode: nothing more until the series has been quiet long enough', () => {
    const rule = DETECTION_DEFAULTS.alert;
    let state: AlertState = evaluateAlert(INITIAL_ALERT_STATE, spikeConfirmed).state;
    // more trouble inside the episode: no new alert
    for (let k = 0; k < 5; k++) {
      const d = evaluateAlert(state, k % 2 === 0 ? spikeConfirmed : quiet);
      expect(d.alert).toBeNull();
      state = d.state;
    }
    // a missing period does not count as quiet
    for (let k = 0; k < rule.quietPeriods - 1; k++) state = evaluateAlert(state, quiet).state;
    state = evaluateAlert(state, { ...quiet, expected: Number.NaN }).state;
    expect(state.open).toBe(true);
    state = evaluateAlert(state, quiet).state;
    expect(state).toEqual(INITIAL_ALERT_STATE);
    expect(evaluateAlert(state, spikeConfirmed).alert).not.toBeNull();
  });

  it('raises a single alert for a burst of disturbances in a real series (no storm)', () => {
    const r = seededRandom(21);
    const values = Array.from({ length: 200 }, () => 20 + r.normal());
    // a week of chaos: alternating spikes and a shift
    for (let i = 120; i < 127; i++) values[i] = i % 2 === 0 ? 35 : 5;
    let s: MonitorState = initialMonitorState();
    let alerts = 0;
    for (const v of values) {
      const step = monitorStep(s, v);
      s = step.state;
      if (step.alert) alerts++;
    }
    expect(alerts).toBe(1);
  });
});
