import type { ChangeKind, ChangeLabel } from '../src/production/core/synthetic-series.js';

/** Alerts of one series scored against its labels. */
export interface DetectionScore {
  /** Labels per kind, and those detected by an alert within `window` periods (delay 0…window). */
  readonly injected: Record<ChangeKind, number>;
  readonly detected: Record<ChangeKind, number>;
  /** Delays (periods from change to first alert) of the detected changes. */
  readonly delays: number[];
  /** Alerts that matched a change within the window. */
  readonly trueAlerts: number;
  /** Alerts outside every change's window. */
  readonly falseAlerts: number;
  /** Points after warm-up and outside every change's window: the "normal" points. */
  readonly normalPoints: number;
}

const KINDS: ChangeKind[] = ['level-shift', 'spike', 'slope-change', 'variance-change'];

/**
 * Scores alert positions against injected changes: an alert at index a detects change c when
 * c.index ≤ a ≤ c.index + window; an alert that detects nothing is false.
 */
export function scoreDetection(
  alerts: readonly number[],
  labels: readonly ChangeLabel[],
  length: number,
  warmup: number,
  window = 3,
): DetectionScore {
  const injected = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  const detected = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  const delays: number[] = [];
  const used = new Set<number>();
  for (const c of labels) {
    injected[c.kind]++;
    const hit = alerts.find((a) => a >= c.index && a <= c.index + window);
    if (hit !== undefined) {
      detected[c.kind]++;
      delays.push(hit - c.index);
    }
  }
  let trueAlerts = 0;
  let falseAlerts = 0;
  for (const a of alerts) {
    if (labels.some((c) => a >= c.index && a <= c.index + window)) {
      if (!used.has(a)) trueAlerts++;
      used.add(a);
    } else falseAlerts++;
  }
  const inWindow = new Uint8Array(length);
  for (const c of labels) for (let i = c.index; i <= c.index + window && i < length; i++) inWindow[i] = 1;
  let normalPoints = 0;
  for (let i = warmup; i < length; i++) if (inWindow[i] === 0) normalPoints++;
  return { injected, detected, delays, trueAlerts, falseAlerts, normalPoints };
}
