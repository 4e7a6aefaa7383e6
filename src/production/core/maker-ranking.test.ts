import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MakerCandidate, rankMakers } from './maker-ranking.js';

// Plaza de Armas, Santiago, in micro-degrees.
const centre = { latMicro: -33_437_800, lonMicro: -70_650_500 };

const candidate = fc.record({
  workplaceId: fc.uuid(),
  latMicro: fc.integer({ min: -33_700_000, max: -33_300_000 }),
  lonMicro: fc.integer({ min: -70_900_000, max: -70_500_000 }),
  openOrders: fc.integer({ min: 0, max: 20 }),
});
const candidates = fc.uniqueArray(candidate, { selector: (c) => c.workplaceId, maxLength: 30 });

describe('rankMakers', () => {
  it('ranks by distance plus 5 km per open order, and leaves out the needing workplace', () => {
    const list: MakerCandidate[] = [
      // ~3.1 km away, idle
      { workplaceId: 'far', latMicro: -33_452_100, lonMicro: -70_679_400, openOrders: 0 },
      // ~0 km away but two orders in hand: 10 km of load
      { workplaceId: 'busy', latMicro: -33_437_800, lonMicro: -70_650_500, openOrders: 2 },
      { workplaceId: 'self', latMicro: -33_437_800, lonMicro: -70_650_500, openOrders: 0 },
    ];
    const ranked = rankMakers({ ...centre, excludeWorkplaceId: 'self' }, list);
    expect(ranked.map((r) => r.workplaceId)).toEqual(['far', 'busy']);
    expect(ranked[0]!.distanceMetres).toBeGreaterThan(3_000);
    expect(ranked[1]).toEqual({ workplaceId: 'busy', distanceMetres: 0, openOrders: 2, score: 10_000 });
    // with load weighing nothing, distance alone decides
    expect(
      rankMakers({ ...centre, excludeWorkplaceId: 'self' }, list, { metresPerOpenOrder: 0 }).map(
        (r) => r.workplaceId,
      ),
    ).toEqual(['busy', 'far']);
    expect(rankMakers(centre, list, { limit: 1 })).toHaveLength(1);
    expect(() => rankMakers(centre, list, { metresPerOpenOrder: -1 })).toThrow(RangeError);
  });

  it('returns every eligible candidate once, in non-decreasing score, whatever the input order', () => {
    fc.assert(
      fc.property(candidates, fc.integer({ min: 0, max: 50_000 }), (list, weight) => {
        const ranked = rankMakers(centre, list, { metresPerOpenOrder: weight });
        expect(ranked.map((r) => r.workplaceId).sort()).toEqual(list.map((c) => c.workplaceId).sort());
        for (let i = 1; i < ranked.length; i++)
          expect(ranked[i]!.score).toBeGreaterThanOrEqual(ranked[i - 1]!.score);
        for (const r of ranked) expect(r.score).toBe(r.distanceMetres + r.openOrders * weight);
        const reversed = rankMakers(centre, [...list].reverse(), { metresPerOpenOrder: weight });
        expect(reversed).toEqual(ranked);
      }),
    );
  });

  it('never ranks a maker lower for taking an order off its hands', () => {
    fc.assert(
      fc.property(candidates, fc.nat(), (list, pick) => {
        fc.pre(list.length > 0);
        const index = pick % list.length;
        const chosen = list[index]!;
        fc.pre(chosen.openOrders > 0);
        const place = (l: MakerCandidate[]) =>
          rankMakers(centre, l).findIndex((r) => r.workplaceId === chosen.workplaceId);
        const lighter = list.map((c, i) => (i === index ? { ...c, openOrders: c.openOrders - 1 } : c));
        expect(place(lighter)).toBeLessThanOrEqual(place(list));
      }),
    );
  });

  it('the limit keeps a prefix of the full ranking', () => {
    fc.assert(
      fc.property(candidates, fc.integer({ min: 0, max: 40 }), (list, limit) => {
        expect(rankMakers(centre, list, { limit })).toEqual(rankMakers(centre, list).slice(0, limit));
      }),
    );
  });
});
