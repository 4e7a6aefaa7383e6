/**
 * Weights of a council's live seats under weighted voting: each constituency's active membership
 * is split over its live seats in whole members, the first seats (by id) taking the remainder,
 * so the weights of one constituency add up to its membership exactly; a seat weighs at least 1.
 * Returns the weight per seat id and the total, the base of a majority of all seats.
 *
 * @example seatWeights([{ id: 'a', constituencyId: 'B' }, { id: 'b', constituencyId: 'B' }], new Map([['B', 5]]))
 * // { bySeat: Map { a → 3, b → 2 }, total: 5 }
 */
export function seatWeights(
  seats: readonly { readonly id: string; readonly constituencyId: string }[],
  memberCounts: ReadonlyMap<string, number>,
): { bySeat: Map<string, number>; total: number } {
  const groups = new Map<string, string[]>();
  for (const s of seats) {
    const list = groups.get(s.constituencyId) ?? [];
    list.push(s.id);
    groups.set(s.constituencyId, list);
  }
  const bySeat = new Map<string, number>();
  let total = 0;
  for (const [constituency, ids] of groups) {
    ids.sort();
    const members = memberCounts.get(constituency) ?? 0;
    const share = Math.floor(members / ids.length);
    const rest = members % ids.length;
    ids.forEach((id, i) => {
      const w = Math.max(1, share + (i < rest ? 1 : 0));
      bySeat.set(id, w);
      total += w;
    });
  }
  return { bySeat, total };
}
