import { createHash } from 'node:crypto';
import { allocateDelivery } from './core/allocate-delivery.js';
import type { GoodDue } from './household-entitlement.js';

/** One household's claim on a delivery: what it is due of the good and what it already received. */
export interface HouseholdClaim {
  readonly householdId: string;
  readonly due: GoodDue;
  /** Units already allocated from earlier confirmed deliveries of the same good and period. */
  readonly allocated: number;
}

/** The split of one delivery among households. */
export type AllocationPlan =
  /** `awards[i]` units for `households[i]`; they add up to min(delivery, still due). */
  | {
      readonly status: 'planned';
      readonly householdIds: string[];
      readonly awards: Int32Array;
      /** Units still due per household before this delivery. */
      readonly stillDue: Int32Array;
      readonly total: number;
      readonly due: number;
      readonly surplus: number;
      /** Per priority group, in the order served: claims, units due, units awarded. */
      readonly groups: { group: number; claims: number; due: number; awarded: number }[];
      /** SHA-256 hex of the awards, to check a confirmation is of the split previewed. */
      readonly digest: string;
    }
  /** The allocation core refused the request (a programmer error upstream). */
  | { readonly status: 'invalid'; readonly reason: string };

/**
 * Splits a delivery by the allocation core: one claim per household and priority group, weighted by
 * persons (the same amount per person within a group), earlier confirmed allocations subtracted from
 * the most urgent group first, ties broken by the household id's rank so the split does not depend
 * on listing order.
 *
 * @example planAllocation(10_000, claims).awards
 */
export function planAllocation(delivery: number, claims: readonly HouseholdClaim[]): AllocationPlan {
  const order = claims
    .map((_, i) => i)
    .sort((a, b) => (claims[a]!.householdId < claims[b]!.householdId ? -1 : 1));
  const rank = new Int32Array(claims.length);
  order.forEach((i, r) => {
    rank[i] = r;
  });
  const entitlement: number[] = [];
  const weight: number[] = [];
  const group: number[] = [];
  const tieKey: number[] = [];
  const owner: number[] = [];
  const stillDue = new Int32Array(claims.length);
  claims.forEach((claim, h) => {
    let already = claim.allocated;
    const groups = [...claim.due.groups.entries()].sort((a, b) => a[0] - b[0]);
    for (const [g, { units, persons }] of groups) {
      const taken = Math.min(units, already);
      already -= taken;
      const left = units - taken;
      stillDue[h]! += left;
      if (left === 0) continue;
      entitlement.push(left);
      weight.push(Math.max(1, persons));
      group.push(g);
      tieKey.push(rank[h]!);
      owner.push(h);
    }
  });
  const result = allocateDelivery({
    delivery,
    entitlement: Int32Array.from(entitlement),
    weight: Float64Array.from(weight),
    group: Int32Array.from(group),
    tieKey: Int32Array.from(tieKey),
  });
  if (result.status === 'invalid') return result;
  const awards = new Int32Array(claims.length);
  for (let k = 0; k < owner.length; k++) awards[owner[k]!]! += result.awards[k]!;
  const hash = createHash('sha256').update(String(delivery));
  for (let h = 0; h < claims.length; h++) hash.update(`|${claims[h]!.householdId}:${awards[h]}`);
  return {
    status: 'planned',
    householdIds: claims.map((c) => c.householdId),
    awards,
    stillDue,
    total: result.total,
    due: result.due,
    surplus: result.surplus,
    groups: result.groups.map((g) => ({ group: g.group, claims: g.claims, due: g.due, awarded: g.awarded })),
    digest: hash.digest('hex'),
  };
}
