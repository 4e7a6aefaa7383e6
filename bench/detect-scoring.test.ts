import { describe, expect, it } from 'vitest';
import { scoreDetection } from './detect-scoring.js';

describe('scoreDetection', () => {
  const labels = [
    { index: 100, kind: 'level-shift' as const, magnitude: 5 },
    { index: 200, kind: 'spike' as const, magnitude: -8 },
    { index: 300, kind: 'variance-change' as const, magnitude: 4 },
    { index: 400, kind: 'variance-change' as const, magnitude: 0.25 },
  ];

  it('counts an alert 0–3 periods after a change as its detection, anything else as false', () => {
    const s = scoreDetection([101, 203, 204, 250, 305], labels, 500, 30, 3);
    expect(s.injected).toEqual({
      'level-shift': 1,
      spike: 1,
      'slope-change': 0,
      'variance-rise': 1,
      'variance-fall': 1,
    });
    expect(s.detected).toEqual({
      'level-shift': 1,
      spike: 1,
      'slope-change': 0,
      'variance-rise': 0,
      'variance-fall': 0,
    });
    expect(s.delays).toEqual([
      { kind: 'level-shift', delay: 1 },
      { kind: 'spike', delay: 3 },
    ]);
    expect(s.trueAlerts).toBe(2);
    expect(s.falseAlerts).toBe(3);
    // 500 − 30 warm-up − 4 windows of 4 periods
    expect(s.normalPoints).toBe(454);
  });
});
