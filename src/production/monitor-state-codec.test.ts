import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialMonitorState, type MonitorState, monitorStep } from './core/monitor-step.js';
import { decodeMonitorState, encodeMonitorState } from './monitor-state-codec.js';

describe('monitor state codec', () => {
  it('round-trips every state a series passes through exactly, gaps and alerts included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }), {
          minLength: 1,
          maxLength: 60,
        }),
        (values) => {
          let state: MonitorState = initialMonitorState();
          for (const v of values) {
            const bytes = encodeMonitorState(state);
            // raw doubles: the open flag (0 or 1) first, so never a JSON `{`
            expect(bytes[0]).toBe(0);
            expect(decodeMonitorState(bytes)).toEqual(state);
            // the text layout before migration 0013 reads the same
            expect(decodeMonitorState(`b1:${bytes.toString('base64')}`)).toEqual(state);
            state = monitorStep(decodeMonitorState(bytes), v).state;
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the stored byte layout: alert, scalars, flag, warm buffer, arrays with their lengths, version, calm, watch', () => {
    // stored rows written before must read the same: the layout, spelled out
    let state: MonitorState = initialMonitorState();
    const layout = (s: MonitorState): number[] => {
      const f = s.forecaster;
      const arrays = [
        f.weights,
        f.means,
        f.covariances,
        f.seasonal,
        f.recentErrors,
        f.anchors,
        f.recentValues,
      ];
      return [
        s.alert.open ? 1 : 0,
        s.alert.quiet,
        f.periods,
        f.observed,
        f.noiseVariance,
        f.lastError,
        f.integral ? 1 : 0,
        ...(f.warm === null ? [-1] : [f.warm.length, ...f.warm.map((x) => (x === null ? Number.NaN : x))]),
        ...arrays.flatMap((a) => [a.length, ...a]),
        f.version,
        f.calm,
        ...(s.alert.watch === null ? [] : [s.alert.watch.age, s.alert.watch.slope, s.alert.watch.scale]),
      ];
    };
    let watched = 0;
    for (let d = 0; d < 60; d++) {
      const bytes = encodeMonitorState(state);
      const doubles = new Float64Array(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      );
      expect([...doubles]).toEqual(layout(state));
      if (state.alert.watch !== null) watched++;
      // a level shift at 45: a step alert, watched for a turn for the next periods
      state = monitorStep(state, d === 5 ? null : 50 + (d % 7) + (d >= 45 ? 30 : 0)).state;
    }
    expect(watched).toBeGreaterThan(0);
  });

  it('feeds the forecaster exactly as the JSON state did', () => {
    let viaJson: MonitorState = initialMonitorState();
    let viaCodec: MonitorState = initialMonitorState();
    for (let d = 0; d < 80; d++) {
      const value = d === 50 ? null : 100 + (d >= 60 ? 40 : 0) + Math.sin(d) * 3;
      const a = monitorStep(JSON.parse(JSON.stringify(viaJson)) as MonitorState, value);
      const b = monitorStep(decodeMonitorState(encodeMonitorState(viaCodec)), value);
      expect(b.update.anomalyScore).toBe(a.update.anomalyScore);
      expect(b.alert).toEqual(a.alert);
      viaJson = a.state;
      viaCodec = b.state;
    }
  });

  it('falls back to JSON for a state layout it does not know, and reads JSON states', () => {
    const state = initialMonitorState();
    const future = {
      ...state,
      forecaster: { ...state.forecaster, extra: [1, 2] },
    } as unknown as MonitorState;
    const bytes = encodeMonitorState(future);
    expect(bytes.toString('utf8').startsWith('{')).toBe(true);
    expect(decodeMonitorState(bytes)).toEqual(future);
    expect(decodeMonitorState(JSON.stringify(state))).toEqual(state);
  });

  it('reads rows stored in version 1 of the layout (before `calm`) as version 2 with calm 1', () => {
    let state: MonitorState = initialMonitorState();
    for (let d = 0; d < 40; d++) {
      const current = encodeMonitorState(state);
      // version 1 wrote the same doubles up to its version number, and nothing after it
      const doubles = new Float64Array(
        current.buffer.slice(current.byteOffset, current.byteOffset + current.byteLength),
      );
      const v1 = doubles.slice(0, doubles.length - 1);
      v1[v1.length - 1] = 1;
      const upgraded = { ...state, forecaster: { ...state.forecaster, calm: 1 } };
      expect(decodeMonitorState(Buffer.from(v1.buffer))).toEqual(upgraded);
      const { calm: _, ...json } = state.forecaster;
      // (through JSON, as JSON keeps it: −0 becomes 0)
      expect(decodeMonitorState(JSON.stringify({ ...state, forecaster: { ...json, version: 1 } }))).toEqual(
        JSON.parse(JSON.stringify(upgraded)),
      );
      state = monitorStep(state, d === 5 ? null : 50 + (d % 7)).state;
    }
  });
});
