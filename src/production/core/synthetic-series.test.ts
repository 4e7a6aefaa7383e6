import { describe, expect, it } from 'vitest';
import { CHANGE_MAGNITUDES, syntheticSeries } from './synthetic-series.js';

describe('syntheticSeries', () => {
  it('is deterministic in its seed', () => {
    const a = syntheticSeries({
      length: 500,
      seed: 4,
      noise: 'student-t',
      seasonAmplitude: 2,
      missingRate: 0.05,
    });
    const b = syntheticSeries({
      length: 500,
      seed: 4,
      noise: 'student-t',
      seasonAmplitude: 2,
      missingRate: 0.05,
    });
    const c = syntheticSeries({
      length: 500,
      seed: 5,
      noise: 'student-t',
      seasonAmplitude: 2,
      missingRate: 0.05,
    });
    expect(b).toEqual(a);
    expect(c.values).not.toEqual(a.values);
  });

  it('labels changes inside their ranges, spaced out, after the quiet start, never missing', () => {
    const { values, labels } = syntheticSeries({ length: 2000, seed: 8, missingRate: 0.1 });
    expect(labels.length).toBe(20);
    labels.forEach((l, k) => {
      expect(l.index).toBeGreaterThanOrEqual(60);
      if (k > 0) expect(l.index - labels[k - 1]!.index).toBeGreaterThanOrEqual(40);
      expect(values[l.index]).not.toBeNull();
      const [lo, hi] = CHANGE_MAGNITUDES[l.kind];
      if (l.kind !== 'variance-change') {
        expect(Math.abs(l.magnitude)).toBeGreaterThanOrEqual(lo);
        expect(Math.abs(l.magnitude)).toBeLessThan(hi);
      }
    });
    const missing = values.filter((v) => v === null).length;
    expect(missing / values.length).toBeGreaterThan(0.07);
    expect(missing / values.length).toBeLessThan(0.13);
    expect(new Set(labels.map((l) => l.kind)).size).toBe(4);
  });

  it('alternates variance rises and falls back to the base noise', () => {
    const { labels } = syntheticSeries({ length: 3000, seed: 9, kinds: ['variance-change'] });
    let factor = 1;
    labels.forEach((l, k) => {
      if (k % 2 === 0) expect(l.magnitude).toBeGreaterThan(1);
      else expect(l.magnitude).toBeLessThan(1);
      factor *= l.magnitude;
    });
    expect(labels.length % 2 === 0 ? factor : 1).toBeCloseTo(1, 10);
  });

  it('injects a level shift of the labelled size (in noise units)', () => {
    const { values, labels } = syntheticSeries({
      length: 400,
      seed: 3,
      sigma: 0.001,
      kinds: ['level-shift'],
      changes: 1,
    });
    const c = labels[0]!;
    const before = values[c.index - 1]!;
    const after = values[c.index]!;
    expect((after - before) / 0.001).toBeCloseTo(c.magnitude, 0);
  });

  it('draws noise of unit variance in every shape', () => {
    for (const noise of ['gaussian', 'laplace', 'student-t'] as const) {
      const { values } = syntheticSeries({ length: 40_000, seed: 2, noise, changes: 0, level: 0 });
      const xs = values as number[];
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
      expect(variance).toBeGreaterThan(0.9);
      expect(variance).toBeLessThan(1.1);
    }
  });
});
