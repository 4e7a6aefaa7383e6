import { greatCircleMetres } from '../../core/great-circle-metres.js';

/** A workplace that has the capability a need asks for. */
export interface MakerCandidate {
  readonly workplaceId: string;
  /** Location in integer micro-degrees (1e-6°), WGS 84. */
  readonly latMicro: number;
  readonly lonMicro: number;
  /** Spare-part orders the workplace has taken on and not yet shipped (accepted or in production). */
  readonly openOrders: number;
}

/** A candidate with its place in the ranking. */
export interface RankedMaker {
  readonly workplaceId: string;
  /** Great-circle distance to the needing workplace, metres. */
  readonly distanceMetres: number;
  readonly openOrders: number;
  /** `distanceMetres + openOrders × metresPerOpenOrder`: lower is better. */
  readonly score: number;
}

/** Options of `rankMakers`. */
export interface RankingOptions {
  /**
   * How many metres of distance one open order weighs, default 5,000 (5 km, about the width of a
   * Santiago cordón): a maker 5 km further away but with one order fewer ranks the same.
   */
  readonly metresPerOpenOrder?: number;
  /** Most makers to return, default all. */
  readonly limit?: number;
}

/** Default weight of one open order, in metres. */
export const METRES_PER_OPEN_ORDER = 5_000;

/**
 * Ranks the makers for a need at (latMicro, lonMicro): by score = great-circle distance in metres
 * + open orders × `metresPerOpenOrder`, then fewer open orders, then nearer, then workplace id (so
 * the order is total and the same inputs always give the same ranking). The needing workplace
 * itself is left out. Pure: no I/O.
 *
 * @example rankMakers({ latMicro: -33_490_000, lonMicro: -70_620_000, excludeWorkplaceId: needer }, candidates, { limit: 5 })
 */
export function rankMakers(
  need: { readonly latMicro: number; readonly lonMicro: number; readonly excludeWorkplaceId?: string },
  candidates: readonly MakerCandidate[],
  options: RankingOptions = {},
): RankedMaker[] {
  const weight = options.metresPerOpenOrder ?? METRES_PER_OPEN_ORDER;
  if (!(weight >= 0 && Number.isFinite(weight))) throw new RangeError('metresPerOpenOrder must be ≥ 0');
  const ranked: RankedMaker[] = [];
  for (const c of candidates) {
    if (c.workplaceId === need.excludeWorkplaceId) continue;
    const distanceMetres = greatCircleMetres(need.latMicro, need.lonMicro, c.latMicro, c.lonMicro);
    const openOrders = Math.max(0, c.openOrders);
    ranked.push({
      workplaceId: c.workplaceId,
      distanceMetres,
      openOrders,
      score: distanceMetres + openOrders * weight,
    });
  }
  ranked.sort(
    (a, b) =>
      a.score - b.score ||
      a.openOrders - b.openOrders ||
      a.distanceMetres - b.distanceMetres ||
      (a.workplaceId < b.workplaceId ? -1 : a.workplaceId > b.workplaceId ? 1 : 0),
  );
  const limit = options.limit ?? ranked.length;
  return limit < ranked.length ? ranked.slice(0, Math.max(0, limit)) : ranked;
}
