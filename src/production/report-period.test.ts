import { describe, expect, it } from 'vitest';
import { periodIndex, periodOf } from './report-period.js';

describe('periodIndex', () => {
  it('reads days and Mondays, and refuses what is not a date, also right after a date (one cached)', () => {
    expect(periodIndex('1972-10-11', 'daily')).toBe(1014);
    expect(periodIndex('1972-10-11', 'daily')).toBe(1014);
    expect(periodIndex('1972-10-11', 'weekly')).toBeNull(); // a Wednesday
    expect(periodIndex('1972-02-30', 'daily')).toBeNull();
    expect(periodIndex('1972-02-30', 'daily')).toBeNull();
    expect(periodIndex('1972-02-29', 'daily')).toBe(789);
    expect(periodIndex('not a date', 'daily')).toBeNull();
    const monday = periodIndex('1972-10-09', 'weekly');
    expect(monday).not.toBeNull();
    expect(periodOf(monday!, 'weekly')).toBe('1972-10-09');
    for (const day of [0, 789, 1014, 20_000]) expect(periodIndex(periodOf(day, 'daily'), 'daily')).toBe(day);
  });
});
