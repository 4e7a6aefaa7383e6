import type { ChangeKind, ChangeLabel } from '../src/production/core/synthetic-series.js';

/** Alerts of one series scored against its labels. */
export interface DetectionScore {
  /** Labels per kind, and those detected by an alert within `window` periods (delay 0…window). */
  readonly injected: Record<ScoredKind, number>;
  readonly detected: Record<ScoredKind, number>;
  /** Delays (periods from change to first alert) of the detected changes, with their kind. */
  readonly delays: { readonly kind: ScoredKind; readonly delay: number }[];
  /** Alerts that matched a change within the window. */
  readonly trueAlerts: number;
  /** Alerts outside every change's window. */
  readonly falseAlerts: number;
  /** Points after warm-up and outside every change's window: the "normal" points. */
  readonly normalPoints: number;
}

/** Kinds as the bench reports them: variance changes split into rises and falls. */
export type ScoredKind = Exclude<ChangeKind, 'variance-change'> | 'variance-rise' | 'variance-fall';

const KINDS: ScoredKind[] = ['level-shift', 'spike', 'slope-change', 'variance-rise', 'variance-fall'];

/** The kind a label is scored as: variance changes split into rises and falls. */
export function scoredKind(c: ChangeLabel): ScoredKind {
  if (c.kind !== 'variance-change') return c.kind;
  return c.magnitude > 1 ? 'variance-rise' : 'variance-fall';
}

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
  const injected = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<ScoredKind, number>;
  const detected = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<ScoredKind, number>;
  const delays: { kind: ScoredKind; delay: number }[] = [];
  const used = new Set<number>();
  for (const c of labels) {
    const kind = scoredKind(c);
    injected[kind]++;
    const hit = alerts.find((a) => a >= c.index && a <= c.index + window);
    if (hit !== undefined) {
      detected[kind]++;
      delays.push({ kind, delay: hit - c.index });
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
