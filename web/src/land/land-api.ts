import type { StockLine } from '../../../src/land/land-views.js';
import {
  PARCEL_STATUSES,
  PARCEL_TRANSITIONS,
  type ParcelStatus,
} from '../../../src/land/parcel-transitions.js';

// The land API's views, the statuses and the transition table are the server's own
// (`src/land/land-views.ts`, `parcel-transitions.ts`, …), under the names the pages use.
export type { Boundary } from '../../../src/land/boundary-geometry.js';
export type {
  LedgerView as Ledger,
  ParcelDetail,
  ParcelList,
} from '../../../src/land/land-views.js';
export { LAND_CLASSES } from '../../../src/land/parcel-input.js';
export { PARCEL_STATUSES, type ParcelStatus };

/**
 * The moves the server's transition table allows from each status, with whether a motion is
 * required; the page only offers these, the server still decides.
 */
export const NEXT_STATUSES: Readonly<Record<ParcelStatus, readonly { to: ParcelStatus; motion: boolean }[]>> =
  Object.fromEntries(
    PARCEL_STATUSES.map((from) => [
      from,
      Object.entries(PARCEL_TRANSITIONS[from]).map(([to, rule]) => ({
        to: to as ParcelStatus,
        motion: rule === 'required',
      })),
    ]),
  ) as Record<ParcelStatus, { to: ParcelStatus; motion: boolean }[]>;

/** `GET /api/land/stock` */
export interface StockList {
  readonly stock: readonly StockLine[];
}

/** `GET /api/bodies`: the councils API's view. */
export type { Federation } from '../../../src/councils/council-views.js';

/** `GET /api/bodies/:id/motions` (the part this area reads). */
export interface MotionList {
  readonly motions: { id: string; title: string; status: string; outcome: { status: string } | null }[];
}
