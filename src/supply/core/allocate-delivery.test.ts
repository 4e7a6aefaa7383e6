import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateDelivery } from './allocate-delivery.js';

function allocated(r: ReturnType<typeof allocateDelivery>) {
  if (r.status !== 'allocated') throw new Error(`expected an allocation, got ${r.status}: ${r.reason}`);
  return r;
}

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);

// claims: entitlement, weight, group
const claimsArb = fc.array(
  fc.record({
    e: fc.integer({ min: 0, max: 2000 }),
    w: fc.oneof(fc.constant(1), fc.double({ min: 0.25, max: 8, noNaN: true })),
    g: fc.integer({ min: 0, max: 2 }),
  }),
  { minLength: 1, maxLength: 60 },
);

function request(claims: { e: number; w: number; g: number }[], delivery: number, keys?: number[]) {
  return {
    delivery,
    entitlement: Int32Array.from(claims.map((c) => c.e)),
    weight: Float64Array.from(claims.map((c) => c.w)),
    group: Int32Array.from(claims.map((c) => c.g)),
    tieKey: Int32Array.from(keys ?? claims.map((_, i) => i)),
  };
}

/** Continuous weighted constrained equal awards within one group, by bisection on λ. */
function continuousAwards(e: number[], w: number[], amount: number): number[] {
  let lo = 0;
  let hi = Math.max(...e.map((x, i) => x / w[i]!), 0) + 1;
  for (let it = 0; it < 200; it++) {
    const mid = (lo + hi) / 2;
    const s = e.reduce((acc, x, i) => acc + Math.min(x, mid * w[i]!), 0);
    if (s < amount) lo = mid;
    else hi = mid;
  }
  return e.map((x, i) => Math.min(x, hi * w[i]!));
}

describe('allocateDelivery', () => {
  it('serves small claims in full and splits the rest equally', () => {
    const r = allocated(allocateDelivery({ delivery: 10, entitlement: Int32Array.from([2, 6, 6]) }));
    expect(Array.from(r.awards)).toEqual([2, 4, 4]);
    expect(r.total).toBe(10);
    expect(r.groups[0]?.level).toBe(4);
  });

  it('gives the odd unit to the smaller tie key', () => {
    const a = allocated(allocateDelivery({ delivery: 10, entitlement: Int32Array.from([10, 10, 10]) }));
    expect(Array.from(a.awards)).toEqual([4, 3, 3]);
    const b = allocated(
      allocateDelivery({
        delivery: 10,
        entitlement: Int32Array.from([10, 10, 10]),
        tieKey: Int32Array.from([3, 2, 1]),
      }),
    );
    expect(Array.from(b.awards)).toEqual([3, 3, 4]);
  });

  it('serves priority group 0 in full before group 1 gets anything', () => {
    const r = allocated(
      allocateDelivery({
        delivery: 1500,
        entitlement: Int32Array.from([500, 500, 1000, 1000]),
        group: Int32Array.from([1, 0, 0, 1]),
      }),
    );
    expect(Array.from(r.awards)).toEqual([0, 500, 1000, 0]);
    expect(r.groups.map((g) => [g.group, g.awarded])).toEqual([
      [0, 1500],
      [1, 0],
    ]);
  });

  it('hands out what is due and reports the surplus when the delivery exceeds it', () => {
    const r = allocated(allocateDelivery({ delivery: 100, entitlement: Int32Array.from([30, 20]) }));
    expect(Array.from(r.awards)).toEqual([30, 20]);
    expect(r.surplus).toBe(50);
  });

  it('weights shares: equal weights per entitlement give proportional awards', () => {
    const e = Int32Array.from([1000, 3000]);
    const r = allocated(allocateDelivery({ delivery: 2000, entitlement: e, weight: Float64Array.from(e) }));
    expect(Array.from(r.awards)).toEqual([500, 1500]);
  });

  it('refuses a negative entitlement, a bad weight and mismatched arrays as values', () => {
    expect(allocateDelivery({ delivery: 5, entitlement: Int32Array.from([-1]) }).status).toBe('invalid');
    expect(
      allocateDelivery({ delivery: 5, entitlement: Int32Array.from([1]), weight: Float64Array.from([0]) })
        .status,
    ).toBe('invalid');
    expect(allocateDelivery({ delivery: 1.5, entitlement: Int32Array.from([1]) }).status).toBe('invalid');
    expect(
      allocateDelivery({ delivery: 5, entitlement: Int32Array.from([1, 2]), group: Int32Array.from([0]) })
        .status,
    ).toBe('invalid');
  });

  it('handles no claims and an empty delivery', () => {
    expect(allocated(allocateDelivery({ delivery: 7, entitlement: new Int32Array(0) })).surplus).toBe(7);
    const r = allocated(allocateDelivery({ delivery: 0, entitlement: Int32Array.from([4, 5]) }));
    expect(Array.from(r.awards)).toEqual([0, 0]);
  });

  it('property: exact sum, within [0, entitlement], priority respected', () => {
    fc.assert(
      fc.property(claimsArb, fc.double({ min: 0, max: 1.2, noNaN: true }), (claims, share) => {
        const due = sum(claims.map((c) => c.e));
        const delivery = Math.floor(share * due);
        const r = allocated(allocateDelivery(request(claims, delivery)));
        expect(sum(r.awards)).toBe(Math.min(delivery, due));
        claims.forEach((c, i) => {
          expect(r.awards[i]).toBeGreaterThanOrEqual(0);
          expect(r.awards[i]).toBeLessThanOrEqual(c.e);
        });
        // a claim short of its entitlement means every claim of a later group got nothing
        claims.forEach((c, i) => {
          if (r.awards[i]! < c.e)
            claims.forEach((d, j) => {
              if (d.g > c.g) expect(r.awards[j]).toBe(0);
            });
        });
      }),
      { numRuns: 300 },
    );
  });

  it('property: max-min up to one unit — no share can rise without lowering a smaller one', () => {
    fc.assert(
      fc.property(claimsArb, fc.double({ min: 0, max: 1, noNaN: true }), (claims, share) => {
        const delivery = Math.floor(share * sum(claims.map((c) => c.e)));
        const r = allocated(allocateDelivery(request(claims, delivery)));
        for (let i = 0; i < claims.length; i++) {
          const ci = claims[i]!;
          if (r.awards[i]! >= ci.e) continue;
          for (let j = 0; j < claims.length; j++) {
            const cj = claims[j]!;
            if (cj.g !== ci.g) continue;
            // i is short: its share plus one unit reaches j's share less one unit
            expect((r.awards[i]! + 1) / ci.w + 1 / cj.w).toBeGreaterThanOrEqual(r.awards[j]! / cj.w - 1e-9);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: each award is within one unit of the exact (continuous) weighted max-min award', () => {
    fc.assert(
      fc.property(claimsArb, fc.double({ min: 0, max: 1, noNaN: true }), (claims, share) => {
        const delivery = Math.floor(share * sum(claims.map((c) => c.e)));
        const r = allocated(allocateDelivery(request(claims, delivery)));
        let left = delivery;
        for (const g of [0, 1, 2]) {
          const idx = claims.map((c, i) => (c.g === g ? i : -1)).filter((i) => i >= 0);
          const e = idx.map((i) => claims[i]!.e);
          const amount = Math.min(left, sum(e));
          left -= amount;
          const x = continuousAwards(
            e,
            idx.map((i) => claims[i]!.w),
            amount,
          );
          idx.forEach((i, k) => {
            expect(Math.abs(r.awards[i]! - x[k]!)).toBeLessThan(1 + 1e-6);
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('property: equal weights — a short claim is at most one unit below any other claim in its group', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (e, d) => {
          const due = sum(e);
          const r = allocated(
            allocateDelivery({ delivery: due === 0 ? 0 : d % due, entitlement: Int32Array.from(e) }),
          );
          e.forEach((ei, i) => {
            if (r.awards[i]! < ei)
              e.forEach((_, j) => {
                expect(r.awards[j]! - r.awards[i]!).toBeLessThanOrEqual(1);
              });
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: the same claims in another order get the same awards (tie key attached)', () => {
    fc.assert(
      fc.property(claimsArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(), (claims, share, salt) => {
        const delivery = Math.floor(share * sum(claims.map((c) => c.e)));
        const keys = claims.map((_, i) => i);
        const a = allocated(allocateDelivery(request(claims, delivery, keys)));
        const perm = claims
          .map((_, i) => i)
          .sort((p, q) => ((p * 7919 + salt) % 101) - ((q * 7919 + salt) % 101) || p - q);
        const b = allocated(
          allocateDelivery(
            request(
              perm.map((i) => claims[i]!),
              delivery,
              perm.map((i) => keys[i]!),
            ),
          ),
        );
        perm.forEach((i, k) => {
          expect(b.awards[k]).toBe(a.awards[i]);
        });
      }),
      { numRuns: 200 },
    );
  });
});
