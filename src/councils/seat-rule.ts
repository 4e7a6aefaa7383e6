/**
 * How many seats an affiliated body has in a council.
 * - `fixed`: always `seats` seats.
 * - `per-members`: one seat per full `membersPerSeat` members, at least `minSeats`
 *   (250 members at 1 per 100, minimum 1 → 2 seats).
 */
export type SeatRule =
  | { readonly kind: 'fixed'; readonly seats: number }
  | { readonly kind: 'per-members'; readonly membersPerSeat: number; readonly minSeats: number };

/**
 * Seats a body with `memberCount` active members has under `rule`.
 *
 * @example seatsFor({ kind: 'per-members', membersPerSeat: 100, minSeats: 1 }, 250) // 2
 */
export function seatsFor(rule: SeatRule, memberCount: number): number {
  if (rule.kind === 'fixed') return rule.seats;
  return Math.max(rule.minSeats, Math.floor(memberCount / rule.membersPerSeat));
}

/** A live seat as the surplus rule sees it. */
export interface LiveSeat {
  readonly id: string;
  readonly holderPersonId: string | null;
  /** When the holder took the seat (ISO-8601 UTC); null for a vacant seat. */
  readonly since: string | null;
}

/**
 * The seats to vacate when a body has more live seats than its rule gives, by the documented rule:
 * vacant seats go first; then held seats, the most recently filled first (last in, first out),
 * so that the delegates with the longest standing mandate keep theirs; equal times by id, the
 * higher id first. Returns the ids to vacate, `max(0, seats.length − keep)` of them.
 *
 * @example surplusSeats([{ id: 'a', holderPersonId: 'p', since: '1972-01-01' }, { id: 'b', holderPersonId: null, since: null }], 1) // ['b']
 */
export function surplusSeats(seats: readonly LiveSeat[], keep: number): string[] {
  const excess = seats.length - Math.max(0, keep);
  if (excess <= 0) return [];
  const order = [...seats].sort((a, b) => {
    const va = a.holderPersonId === null ? 0 : 1;
    const vb = b.holderPersonId === null ? 0 : 1;
    if (va !== vb) return va - vb;
    const sa = a.since ?? '';
    const sb = b.since ?? '';
    if (sa !== sb) return sa < sb ? 1 : -1;
    return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  });
  return order.slice(0, excess).map((s) => s.id);
}
