import { invalid } from '../core/errors.js';

/** A plan period: a calendar month (`1972-10`) or a quarter (`1972-Q4`), UTC. */
export interface PlanPeriod {
  readonly text: string;
  /** The months it covers, `YYYY-MM`, in order (1 or 3). */
  readonly months: readonly string[];
  /** First day, `YYYY-MM-DD`. */
  readonly from: string;
  /** Last day, `YYYY-MM-DD` (inclusive). */
  readonly to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Parses a plan period, or null when the text is neither `YYYY-MM` nor `YYYY-Qn` (n = 1…4).
 *
 * @example parsePlanPeriod('1972-Q4') // → { months: ['1972-10', '1972-11', '1972-12'], from: '1972-10-01', to: '1972-12-31' }
 */
export function parsePlanPeriod(text: string): PlanPeriod | null {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(text);
  if (!month && !quarter) return null;
  const year = Number((month ?? quarter)![1]);
  const first = month ? Number(month[2]) : (Number(quarter![2]) - 1) * 3 + 1;
  const count = month ? 1 : 3;
  const months = Array.from({ length: count }, (_, i) => `${year}-${pad(first + i)}`);
  const last = new Date(Date.UTC(year, first - 1 + count, 0)).toISOString().slice(0, 10);
  return { text, months, from: `${year}-${pad(first)}-01`, to: last };
}

/** The period or a 400 naming the field. */
export function planPeriodOrThrow(text: string, field: string): PlanPeriod {
  const p = parsePlanPeriod(text);
  if (!p)
    throw invalid(field, {
      en: 'must be a month YYYY-MM or a quarter YYYY-Qn',
      es: 'debe ser un mes AAAA-MM o un trimestre AAAA-Tn escrito AAAA-Qn',
    });
  return p;
}

/** The quarter (`YYYY-Qn`) containing an instant (ms since the epoch, UTC). */
export function quarterOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/** The quarter after `text` (`1972-Q4` → `1973-Q1`). */
export function nextQuarter(text: string): string {
  const [y, q] = text.split('-Q').map(Number) as [number, number];
  return q === 4 ? `${y + 1}-Q1` : `${y}-Q${q + 1}`;
}
