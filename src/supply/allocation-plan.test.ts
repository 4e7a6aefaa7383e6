import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type HouseholdClaim, planAllocation } from './allocation-plan.js';
import type { GoodDue } from './household-entitlement.js';

const household = fc.record({
  children: fc.integer({ min: 0, max: 4 }),
  adults: fc.integer({ min: 0, max: 4 }),
  allocated: fc.integer({ min: 0, max: 5_000 }),
});

function claimsOf(hs: { children: number; adults: number; allocated: number }[]): HouseholdClaim[] {
  return hs.map((h, i) => {
    const groups = new Map<number, { units: number; persons: number }>();
    if (h.children > 0) groups.set(0, { units: 3_500 * h.children, persons: h.children });
    if (h.adults > 0) groups.set(1, { units: 1_750 * h.adults, persons: h.adults });
    const units = 3_500 * h.children + 1_750 * h.adults;
    const due: GoodDue = { units, groups };
    return { householdId: `h-${String(i).padStart(5, '0')}`, due, allocated: Math.min(h.allocated, units) };
  });
}

describe('planAllocation', () => {
  it('hands out exactly min(delivery, still due), nobody above what is still due (property)', () => {
    fc.assert(
      fc.property(
        fc.array(household, { maxLength: 40 }),
        fc.integer({ min: 0, max: 200_000 }),
        (hs, delivery) => {
          const plan = planAllocation(delivery, claimsOf(hs));
          if (plan.status !== 'planned') throw new Error(plan.reason);
          const stillDue = plan.stillDue.reduce((a, b) => a + b, 0);
          expect(plan.awards.reduce((a, b) => a + b, 0)).toBe(Math.min(delivery, stillDue));
          plan.awards.forEach((a, i) => {
            expect(a).toBeGreaterThanOrEqual(0);
            expect(a).toBeLessThanOrEqual(plan.stillDue[i]!);
          });
        },
      ),
    );
  });

  it('serves children first and does not depend on the order households are listed in (property)', () => {
    fc.assert(
      fc.property(
        fc.array(household, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 100_000 }),
        (hs, delivery) => {
          const claims = claimsOf(hs.map((h) => ({ ...h, allocated: 0 })));
          const plan = planAllocation(delivery, claims);
          const reversed = planAllocation(delivery, [...claims].reverse());
          if (plan.status !== 'planned' || reversed.status !== 'planned') throw new Error('invalid');
          const byId = new Map(reversed.householdIds.map((id, i) => [id, reversed.awards[i]]));
          for (const [i, id] of plan.householdIds.entries()) expect(byId.get(id)).toBe(plan.awards[i]);
          expect(plan.digest).not.toBe('');
          const childrenDue = claims.reduce((n, c) => n + (c.due.groups.get(0)?.units ?? 0), 0);
          const children = plan.groups.find((g) => g.group === 0);
          if (children) expect(children.awarded).toBe(Math.min(delivery, childrenDue));
        },
      ),
    );
  });

  it('subtracts earlier allocations from the most urgent group first', () => {
    const [h] = claimsOf([{ children: 1, adults: 1, allocated: 3_500 }]);
    const plan = planAllocation(10_000, [h!]);
    if (plan.status !== 'planned') throw new Error('invalid');
    expect(Array.from(plan.stillDue)).toEqual([1_750]);
    expect(plan.groups).toEqual([{ group: 1, claims: 1, due: 1_750, awarded: 1_750 }]);
    expect(plan.surplus).toBe(10_000 - 1_750);
  });
});
