import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadKg, shortfall } from './shortfall.js';

describe('shortfall', () => {
  it('is what is still owed less stock and what is on its way', () => {
    const [milk, sugar, oil] = shortfall([
      { goodId: 'milk', due: 9000, claimed: 2000, onHand: 3000, inTransit: 1000 },
      { goodId: 'sugar', due: 500, claimed: 0, onHand: 800, inTransit: 0 },
      { goodId: 'oil', due: 100, claimed: 300, onHand: -50, inTransit: 0 },
    ]);
    expect(milk?.short).toBe(3000);
    expect(sugar?.short).toBe(0);
    // Claimed beyond due (allocations above rules) owes nothing more, even with negative stock.
    expect(oil?.short).toBe(0);
  });

  it('covers what is owed, never more than needed, in whole units', () => {
    const nat = fc.integer({ min: 0, max: 1_000_000 });
    fc.assert(
      fc.property(
        nat,
        nat,
        fc.integer({ min: -1000, max: 1_000_000 }),
        nat,
        (due, claimed, onHand, inTransit) => {
          const [line] = shortfall([{ goodId: 'g', due, claimed, onHand, inTransit }]);
          if (!line) throw new Error('one line in, one line out');
          expect(Number.isInteger(line.short)).toBe(true);
          expect(line.short).toBeGreaterThanOrEqual(0);
          expect(Math.max(0, onHand) + inTransit + line.short).toBeGreaterThanOrEqual(due - claimed);
          // Minimal: one unit less would leave someone unserved whenever anything is short.
          if (line.short > 0)
            expect(Math.max(0, onHand) + inTransit + line.short - 1).toBeLessThan(due - claimed);
        },
      ),
    );
  });
});

describe('loadKg', () => {
  it('counts grams and millilitres by the thousand and items at a kilogram, rounding up', () => {
    expect(
      loadKg([
        { unit: 'mL', quantity: 3000 },
        { unit: 'g', quantity: 500 },
      ]),
    ).toBe(4);
    expect(loadKg([{ unit: 'unit', quantity: 12 }])).toBe(12);
    expect(loadKg([{ unit: 'g', quantity: 1 }])).toBe(1);
  });
});
