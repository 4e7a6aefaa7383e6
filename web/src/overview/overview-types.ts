/** `GET /api/overview`: counts per status or kind; the server's own view (`src/overview/overview-views.ts`). */
export type { Overview } from '../../../src/overview/overview-views.js';

/** One event of `GET /api/overview/chronicle`. */
export interface ChronicleEvent {
  seq: number;
  occurredAt: string;
  action: string;
  subjectType: string;
  subjectId: string;
  scopeBodyId: string | null;
  payload: Record<string, unknown>;
}

/** The sum of a record's counts. */
export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
