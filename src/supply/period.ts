const DAY_MS = 86_400_000;

/** A distribution period: a calendar month (`2026-11`) or an ISO-8601 week (`2026-W47`), UTC. */
export interface Period {
  readonly text: string;
  readonly kind: 'month' | 'week';
  /** Days in the period (28–31 for a month, 7 for a week). */
  readonly days: number;
  /** First instant, ms since the epoch (UTC midnight). */
  readonly startMs: number;
  /** First instant after the period, ms since the epoch. */
  readonly endMs: number;
}

function isoWeekOneMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - weekday * DAY_MS;
}

/**
 * Parses a period, or null when the text is neither `YYYY-MM` nor `YYYY-Www` with a week that
 * exists in that ISO year.
 *
 * @example parsePeriod('1972-W42') // → { kind: 'week', days: 7, startMs: Date.UTC(1972, 9, 16), … }
 */
export function parsePeriod(text: string): Period | null {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (month) {
    const y = Number(month[1]);
    const m = Number(month[2]) - 1;
    const startMs = Date.UTC(y, m, 1);
    const endMs = Date.UTC(y, m + 1, 1);
    return { text, kind: 'month', days: Math.round((endMs - startMs) / DAY_MS), startMs, endMs };
  }
  const week = /^(\d{4})-W(\d{2})$/.exec(text);
  if (!week) return null;
  const y = Number(week[1]);
  const w = Number(week[2]);
  const first = isoWeekOneMonday(y);
  const weeks = Math.round((isoWeekOneMonday(y + 1) - first) / (7 * DAY_MS));
  if (w < 1 || w > weeks) return null;
  const startMs = first + (w - 1) * 7 * DAY_MS;
  return { text, kind: 'week', days: 7, startMs, endMs: startMs + 7 * DAY_MS };
}

/** The ISO week period (`YYYY-Www`) containing an instant. */
export function weekOf(ms: number): string {
  const d = new Date(ms);
  const thursday =
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) + (3 - ((d.getUTCDay() + 6) % 7)) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const w = Math.floor((thursday - isoWeekOneMonday(year)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(w).padStart(2, '0')}`;
}
