/**
 * Signatures a recall petition needs: more than `sharePct` % of the constituency's active members,
 * i.e. floor(members × sharePct / 100) + 1 (default share 50: a majority). Integer arithmetic.
 *
 * @example recallThreshold(12, 50) // 7
 */
export function recallThreshold(members: number, sharePct: number): number {
  return Math.floor((members * sharePct) / 100) + 1;
}
