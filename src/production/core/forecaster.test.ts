import { describe, expect, it } from 'vitest';
import type { DetectionSettings } from './detection-defaults.js';
import { DETECTION_DEFAULTS } from './detection-defaults.js';
import type { ForecasterState, ForecastUpdate } from './forecaster.js';
import { initialState, update } from './forecaster.js';
import type { MonitorState, MonitorStep } from './monitor-step.js';
import { initialMonitorState, monitorStep } from './monitor-step.js';
import { seededRandom } from './seeded-random.js';
import { syntheticSeries } from './synthetic-series.js';

function run(
  values: readonly (number | null)[],
  settings: DetectionSettings = DETECTION_DEFAULTS,
): { steps: MonitorStep[]; state: MonitorState } {
  let state = initialMonitorState(settings);
  const steps: MonitorStep[] = [];
  for (const v of values) {
    const r = monitorStep(state, v, settings);
    steps.push(r);
    state = r.state;
  }
  return { steps, state };
}

function noise(n: number, seed: number, sigma = 1, level = 100): number[] {
  const r = seededRandom(seed);
  return Array.from({ length: n }, () => level + sigma * r.normal());
}

const alertsOf = (steps: MonitorStep[]) =>
  steps.flatMap((s, i) => (s.alert ? [{ index: i, ...s.alert }] : []));

describe('forecaster', () => {
  it('detects a step within 3 periods and calls it a step', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const values = noise(200, seed, 2);
      for (let i = 120; i < 200; i++) values[i] = values[i]! + 12;
      const { steps } = run(values);
      const alerts = alertsOf(steps);
      expect(alerts.length).toBe(1);
      expect(alerts[0]!.index).toBeGreaterThanOrEqual(120);
      expect(alerts[0]!.index).toBeLessThanOrEqual(123);
      expect(alerts[0]!.kind).toBe('step');
      // the level settled: the step is not renamed a turn (on seed 4 the forecaster's V jumps
      // two periods after the shift, ×2.2, and the alert is revised to variance: the bench's level
      // shifts are named variance 0.027 of the time, see the core README)
      expect(steps.filter((s) => s.revised === 'slope')).toEqual([]);
    }
  });

  it('names most tenfold rises of the noise variance, at the alert or within a few periods of it', () => {
    // one far-off value of the louder noise is an outlier or a step; the next ones double √V
    let named = 0;
    let revised = 0;
    for (let seed = 41; seed <= 50; seed++) {
      const r = seededRandom(seed);
      const values = Array.from({ length: 200 }, (_, i) => 100 + (i >= 120 ? 10 : 1) * r.normal());
      const { steps } = run(values);
      const first = alertsOf(steps).find((a) => a.index >= 120);
      if (first === undefined) continue;
      const revision = steps.slice(first.index + 1, first.index + 5).find((s) => s.revised !== null);
      if (revision?.revised === 'variance') revised++;
      if (first.kind === 'variance' || revision?.revised === 'variance') named++;
    }
    // (8 and 5 on these seeds; the two left are drift alerts whose own update had already doubled V)
    expect(named).toBeGreaterThanOrEqual(7);
    expect(revised).toBeGreaterThanOrEqual(4);
  });

  it('renames the alert of a turned trend slope within a few periods of it', () => {
    for (const seed of [31, 32, 33, 34, 35, 36]) {
      const values = noise(200, seed, 2);
      for (let i = 120; i < 200; i++) values[i] = values[i]! + 8 * (i - 119);
      const { steps } = run(values);
      const alerts = alertsOf(steps);
      expect(alerts.length).toBe(1);
      expect(['step', 'drift']).toContain(alerts[0]!.kind);
      const revisions = steps.flatMap((s, i) => (s.revised ? [{ index: i, kind: s.revised }] : []));
      expect(revisions).toHaveLength(1);
      expect(revisions[0]!.kind).toBe('slope');
      expect(revisions[0]!.index - alerts[0]!.index).toBeLessThanOrEqual(4);
    }
  });

  it('flags a spike as a transient, not a step, and follows the old level', () => {
    for (const seed of [6, 7, 8, 9, 10]) {
      const values = noise(200, seed, 2);
      values[120] = values[120]! - 30;
      const { steps } = run(values);
      const alerts = alertsOf(steps);
      expect(alerts.map((a) => [a.index, a.kind])).toEqual([[121, 'outlier']]);
      // and it stays an outlier: the noise level did not grow after it
      expect(steps.filter((s) => s.revised !== null)).toEqual([]);
      expect(alerts[0]!.severity).toBe('high');
      expect(steps[121]!.update.previous.outlier).toBeGreaterThan(0.9);
      expect(steps[121]!.update.previous.step).toBeLessThan(0.1);
      // the spike did not drag the forecast: it stays within a few units of the level
      expect(Math.abs(steps[125]!.update.forecast - 100)).toBeLessThan(3);
    }
  });

  it('raises nothing on clean series: noise, trend, weekly season, missing days', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const { values, labels } = syntheticSeries({
        length: 600,
        seed: 100 + seed,
        changes: 0,
        seasonAmplitude: seed % 2 === 0 ? 4 : 0,
        slope: seed % 3 === 0 ? 0.2 : 0,
        missingRate: 0.03,
        sigma: 0.5 * seed,
      });
      expect(labels).toEqual([]);
      expect(alertsOf(run(values).steps)).toEqual([]);
    }
  });

  it('gives the same scores whatever the unit of the series (scale and offset)', () => {
    const { values } = syntheticSeries({ length: 300, seed: 11, seasonAmplitude: 2 });
    const a = run(values).steps;
    const b = run(values.map((v) => (v === null ? null : v * 1e6 + 3e7))).steps;
    const c = run(values.map((v) => (v === null ? null : v * 1e-6))).steps;
    for (let i = 0; i < values.length; i++) {
      expect(b[i]!.update.anomalyScore).toBeCloseTo(a[i]!.update.anomalyScore, 6);
      expect(c[i]!.update.anomalyScore).toBeCloseTo(a[i]!.update.anomalyScore, 6);
    }
  });

  it('round-trips its state through JSON with identical results', () => {
    const { values } = syntheticSeries({
      length: 400,
      seed: 12,
      seasonAmplitude: 3,
      missingRate: 0.05,
      changes: 3,
    });
    let direct: ForecasterState = initialState();
    let stored: ForecasterState = initialState();
    for (const v of values) {
      const a: ForecastUpdate = update(direct, v);
      const b: ForecastUpdate = update(JSON.parse(JSON.stringify(stored)) as ForecasterState, v);
      expect(b.anomalyScore).toBe(a.anomalyScore);
      expect(b.forecast).toBe(a.forecast);
      direct = a.state;
      stored = b.state;
    }
    // small and of fixed size: a few dozen numbers whatever the series length
    expect(JSON.stringify(direct).length).toBeLessThan(1600);
  });

  it('keeps the input state untouched (pure)', () => {
    let s = initialState();
    for (const v of noise(30, 3)) s = update(s, v).state;
    const before = JSON.stringify(s);
    update(s, 1e9);
    update(s, null);
    expect(JSON.stringify(s)).toBe(before);
  });

  it('survives the first few points, constant series and gaps without NaN or alerts', () => {
    const r1 = update(initialState(), 5);
    expect(r1.ready).toBe(false);
    expect(r1.forecast).toBe(5);
    const constant = run(new Array<number>(100).fill(42)).steps;
    expect(alertsOf(constant)).toEqual([]);
    expect(constant[99]!.update.forecast).toBeCloseTo(42, 6);
    const gappy = run([...noise(40, 4), null, null, null, null, null, ...noise(40, 5)]).steps;
    for (const s of gappy) expect(Number.isFinite(s.update.anomalyScore)).toBe(true);
    expect(alertsOf(gappy)).toEqual([]);
    // after the gap the band is wider than before it
    const before = gappy[39]!.update.band;
    const during = gappy[44]!.update.band;
    expect(during.high - during.low).toBeGreaterThan(before.high - before.low);
  });

  it('a missing period skips a period: NaN, Infinity and null all count as missing', () => {
    let s = initialState();
    for (const v of noise(30, 6)) s = update(s, v).state;
    for (const missing of [null, Number.NaN, Number.POSITIVE_INFINITY]) {
      const r = update(s, missing);
      expect(r.state.periods).toBe(s.periods + 1);
      expect(r.state.observed).toBe(s.observed);
      expect(r.anomalyScore).toBe(0);
    }
  });

  it('forecasts a trend and keeps the value inside its band most of the time', () => {
    const values = noise(300, 9, 1, 0).map((v, i) => v + 0.5 * i);
    const { steps } = run(values);
    let inside = 0;
    for (let i = 100; i < 299; i++) {
      const b = steps[i]!.update.band;
      if (values[i + 1]! >= b.low && values[i + 1]! <= b.high) inside++;
    }
    expect(inside / 199).toBeGreaterThan(0.88);
    expect(steps[299]!.update.forecast).toBeCloseTo(0.5 * 300, -1);
  });

  it('learns a weekly pattern so that it does not alert on it', () => {
    const week = [0, 1, 1, 1, 1, -6, -6];
    const values = noise(300, 10, 0.5).map((v, i) => v + 3 * week[i % 7]!);
    const { steps } = run(values);
    expect(alertsOf(steps)).toEqual([]);
    const errors = steps.slice(100).map((s) => Math.abs(s.update.error));
    expect(errors.reduce((a, b) => a + b, 0) / errors.length).toBeLessThan(1.2);
  });

  it('detects a sustained slope change as a drift or slope alert', () => {
    const values = noise(200, 13, 1);
    for (let i = 120; i < 200; i++) values[i] = values[i]! + 2 * (i - 119);
    const alerts = alertsOf(run(values).steps);
    expect(alerts.length).toBeGreaterThanOrEqual(1);
    expect(alerts[0]!.index).toBeGreaterThanOrEqual(120);
    expect(alerts[0]!.index).toBeLessThanOrEqual(123);
  });

  it('follows a turned trend within a few periods (the slope learnt from the turn itself)', () => {
    // Harrison & Stevens' timing: a period's slope change enters its level, so the slope regime can
    // take the turn's first values. In West & Harrison's timing the level was stepped after the
    // trend period after period, and 11–30 periods after a turn of 4σ/period the forecast was still
    // off by 1.1–5.4σ on average (these seeds; four of six above 1.5σ); now 0.8–1.1σ, as on quiet
    // noise
    for (const seed of [21, 22, 23, 24, 25, 26]) {
      const values = noise(200, seed, 1);
      for (let i = 120; i < 200; i++) values[i] = values[i]! + 4 * (i - 119);
      const { steps } = run(values);
      const late = steps.slice(131, 151).map((s, k) => Math.abs(values[131 + k]! - s.update.expected));
      expect(late.reduce((a, b) => a + b, 0) / late.length).toBeLessThan(1.5);
    }
  });

  it('takes a huge jump on a constant series for a step, not for outliers forever', () => {
    for (const [before, after] of [
      [100, 80],
      [100.5, 80.5],
      [0.003, 250_000],
    ]) {
      const values = [...new Array<number>(300).fill(before!), ...new Array<number>(40).fill(after!)];
      const { steps } = run(values);
      expect(alertsOf(steps).map((a) => [a.index, a.kind])).toEqual([[301, 'step']]);
      expect(Math.abs(steps[339]!.update.forecast - after!)).toBeLessThan(1e-3 * Math.abs(after!));
    }
  });

  it('learns within weeks that the noise has fallen, weekly pattern included', () => {
    // σ 1, then ×10 for 50 periods (a worn machine), then back to 1 (repaired). Learnt at
    // varianceRate alone, V’s σ was still 3.4–4.7 thirty periods after the repair (so a 5σ shift
    // there looked like 1–1.5σ); with the drop at calmVolatility it is 1.6–2.3, and no false alert
    // comes of the lower band.
    const settings = (calmVolatility: number): DetectionSettings => ({
      ...DETECTION_DEFAULTS,
      forecaster: { ...DETECTION_DEFAULTS.forecaster, calmVolatility },
    });
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const r = seededRandom(seed);
      const season = [0, 2, 1, -1, -2, 0, 0].map((x) => (seed % 2 === 0 ? x : 0));
      const values = Array.from({ length: 200 }, (_, i) => {
        const sigma = i >= 100 && i < 150 ? 10 : 1;
        return 100 + season[i % 7]! + sigma * r.normal();
      });
      const sigmaAt180 = (s: DetectionSettings) =>
        Math.sqrt(run(values, s).steps[180]!.state.forecaster.noiseVariance);
      expect(sigmaAt180(settings(0))).toBeGreaterThan(3.2);
      expect(sigmaAt180(DETECTION_DEFAULTS)).toBeLessThan(2.5);
      expect(alertsOf(run(values).steps).filter((a) => a.index >= 155)).toEqual([]);
    }
  });

  it('spreads wide for a rise of the noise, not for one spike however large', () => {
    // `spread` leaves out the largest of the last four squared errors: one 12σ spike keeps it near
    // quiet noise's level, while a tenfold rise puts several values far out at once (those it
    // misses here are the ones whose first value V's burst jump answers before the others come)
    let passedByRises = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const widest = (rise: boolean): number => {
        const r = seededRandom(seed);
        let state = initialState();
        let most = 0;
        for (let i = 0; i < 104; i++) {
          const value = 100 + (rise && i >= 100 ? 10 : 1) * r.normal() + (!rise && i === 100 ? 12 : 0);
          const u = update(state, value);
          state = u.state;
          if (i >= 100) most = Math.max(most, u.spread);
        }
        return most;
      };
      expect(widest(false)).toBeLessThan(2.5);
      if (widest(true) >= DETECTION_DEFAULTS.alert.thresholds.spread) passedByRises++;
    }
    expect(passedByRises).toBeGreaterThanOrEqual(8);
  });

  it('does not alert on every 1 of a mostly-zero count (absences, breakdowns)', () => {
    const r = seededRandom(5);
    const counts = Array.from({ length: 1000 }, (): number => (r.uniform() < 0.1 ? 1 : 0));
    expect(alertsOf(run(counts).steps).length).toBeLessThanOrEqual(1);
    // but a run of absences is noticed
    for (let i = 600; i < 606; i++) counts[i] = 3;
    const alerts = alertsOf(run(counts).steps);
    expect(alerts.some((a) => a.index >= 600 && a.index <= 603)).toBe(true);
  });

  it('exports its defaults frozen, from one place', () => {
    expect(Object.isFrozen(DETECTION_DEFAULTS)).toBe(true);
    expect(Object.isFrozen(DETECTION_DEFAULTS.forecaster)).toBe(true);
    expect(DETECTION_DEFAULTS.forecaster.priors.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
