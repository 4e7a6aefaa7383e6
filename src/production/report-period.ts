const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// 1970-01-01 was a Thursday; the first Monday, 1970-01-05, is day 4.
const FIRST_MONDAY = 4;

/** How often an indicator is reported. */
export type Frequency = 'daily' | 'weekly';

/**
 * The index of a report period: days since 1970-01-01 for daily indicators, weeks since Monday
 * 1970-01-05 for weekly ones (the period of a weekly report is the date of its Monday). Null when
 * `period` is not a real date YYYY-MM-DD, or not a Monday for a weekly indicator.
 *
 * @example periodIndex('1972-10-11', 'daily') // 1014
 */
export function periodIndex(period: string, frequency: Frequency): number | null {
  const day = dayIndex(period);
  if (day === null) return null;
  if (frequency === 'daily') return day;
  const sinceMonday = day - FIRST_MONDAY;
  return sinceMonday % 7 === 0 ? sinceMonday / 7 : null;
}

// The last date read and its day (null: not a date). A batch of reports usually shares one period,
// so ingest parses it once instead of once a report.
let lastDate = '';
let lastDay: number | null = null;

/** Days since 1970-01-01 of a valid YYYY-MM-DD date, or null. */
function dayIndex(date: string): number | null {
  if (date === lastDate) return lastDay;
  let day: number | null = null;
  const m = DATE.exec(date);
  if (m) {
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    const d = new Date(ms);
    if (
      d.getUTCFullYear() === Number(m[1]) &&
      d.getUTCMonth() === Number(m[2]) - 1 &&
      d.getUTCDate() === Number(m[3])
    )
      day = Math.round(ms / DAY_MS);
  }
  lastDate = date;
  lastDay = day;
  return day;
}

/** The period (YYYY-MM-DD) of an index; the inverse of `periodIndex`. */
export function periodOf(index: number, frequency: Frequency): string {
  const day = frequency === 'daily' ? index : index * 7 + FIRST_MONDAY;
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The index of the period that contains the instant `ms` (UTC). */
export function currentPeriodIndex(ms: number, frequency: Frequency): number {
  const day = Math.floor(ms / DAY_MS);
  return frequency === 'daily' ? day : Math.floor((day - FIRST_MONDAY) / 7);
}
