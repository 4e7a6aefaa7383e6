import { describe, expect, it } from 'vitest';
import { householdEntitlement, needsOf, unitsOver } from './household-entitlement.js';
import { identityHash } from './identity-hash.js';
import { parsePeriod, weekOf } from './period.js';

describe('periods', () => {
  it('reads months and ISO weeks, and refuses what is neither', () => {
    expect(parsePeriod('1972-10')).toMatchObject({ kind: 'month', days: 31, startMs: Date.UTC(1972, 9, 1) });
    expect(parsePeriod('1972-02')?.days).toBe(29);
    expect(parsePeriod('1972-W42')).toMatchObject({ kind: 'week', days: 7, startMs: Date.UTC(1972, 9, 16) });
    expect(parsePeriod('2026-W53')).toMatchObject({ startMs: Date.UTC(2026, 11, 28) });
    for (const bad of ['1972-13', '1972-W54', '2025-W53', '72-10', '1972-10-01', ''])
      expect(parsePeriod(bad)).toBeNull();
    expect(weekOf(Date.UTC(1972, 9, 22, 23))).toBe('1972-W42');
    expect(weekOf(Date.UTC(2027, 0, 1))).toBe('2026-W53');
  });
});

describe('entitlements', () => {
  const week = parsePeriod('1972-W42')!;
  const october = parsePeriod('1972-10')!;
  const rules = [
    { goodId: 'milk', category: 'child', quantity: 500, per: 'day', priority: 0 },
    { goodId: 'milk', category: 'pregnant', quantity: 500, per: 'day', priority: 0 },
    { goodId: 'sugar', category: 'everyone', quantity: 250, per: 'week', priority: 1 },
  ];

  it('adds up every rule that applies to each member', () => {
    const members = [
      { ageBand: '5-14', needs: needsOf('5-14', []) },
      { ageBand: '15-64', needs: needsOf('15-64', ['pregnant']) },
      { ageBand: '65+', needs: needsOf('65+', []) },
    ];
    const due = householdEntitlement(members, rules, week);
    expect(due.get('milk')?.units).toBe(2 * 500 * 7);
    expect(due.get('sugar')?.units).toBe(3 * 250);
    expect(due.get('milk')?.groups.get(0)).toEqual({ units: 7_000, persons: 1 });
    expect(unitsOver({ quantity: 250, per: 'week' }, october)).toBe(Math.round((250 * 31) / 7));
    expect(needsOf('65+', ['disability'])).toEqual(['disability', 'elderly']);
  });

  it('hashes registry numbers so that formatting does not matter', () => {
    expect(identityHash('12.345.678-k')).toBe(identityHash('12345678K'));
    expect(identityHash('12345678K')).not.toBe(identityHash('12345679K'));
  });
});
