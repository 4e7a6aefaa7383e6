/** A GeoJSON Polygon or MultiPolygon of a parcel, lon/lat degrees. */
export type Boundary =
  | { readonly type: 'Polygon'; readonly coordinates: number[][][] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: number[][][][] };

/** The statuses of a parcel, in the order of the reform. */
export const PARCEL_STATUSES = ['private', 'occupied', 'expropriated', 'assigned', 'returned'] as const;
/** One parcel status. */
export type ParcelStatus = (typeof PARCEL_STATUSES)[number];

/** Land classes of the register. */
export const LAND_CLASSES = ['irrigated', 'dry', 'forest', 'other'] as const;

/**
 * The moves the server's transition table allows, with whether a motion is required; the page
 * only offers these, the server still decides (src/land/parcel-transitions.ts).
 */
export const NEXT_STATUSES: Readonly<Record<ParcelStatus, readonly { to: ParcelStatus; motion: boolean }[]>> =
  {
    private: [
      { to: 'occupied', motion: false },
      { to: 'expropriated', motion: true },
    ],
    occupied: [
      { to: 'expropriated', motion: true },
      { to: 'returned', motion: false },
    ],
    expropriated: [
      { to: 'assigned', motion: false },
      { to: 'returned', motion: false },
    ],
    assigned: [{ to: 'returned', motion: false }],
    returned: [
      { to: 'occupied', motion: false },
      { to: 'expropriated', motion: true },
      { to: 'assigned', motion: true },
    ],
  };

/** A parcel as `GET /api/parcels` lists it. */
export interface Parcel {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly landClass: string;
  readonly areaHectares: number;
  readonly status: ParcelStatus;
  readonly statusSince: string;
  readonly assignedBodyId: string | null;
  readonly previousOwner: string | null;
  readonly boundary: Boundary | null;
}

/** `GET /api/parcels` */
export interface ParcelList {
  readonly parcels: Parcel[];
  readonly total: number;
  readonly regions: string[];
}

/** `GET /api/parcels/:id` */
export interface ParcelDetail extends Parcel {
  readonly history: {
    status: ParcelStatus;
    since: string;
    decidingBodyId: string | null;
    motionId: string | null;
    recordedAt: string;
  }[];
  readonly assignments: { bodyId: string; since: string; until: string | null; motionId: string | null }[];
  readonly harvests: {
    id: string;
    bodyId: string;
    productCode: string;
    quantityKg: number;
    harvestedOn: string;
  }[];
}

/** `GET /api/land/ledger` */
export interface Ledger {
  readonly dates: string[];
  readonly rows: {
    date: string;
    status: ParcelStatus;
    region: string;
    landClass: string;
    hectares: number;
    parcels: number;
  }[];
}

/** `GET /api/land/stock` */
export interface StockList {
  readonly stock: { bodyId: string; product: string; quantityKg: number }[];
}

/** `GET /api/bodies`: the councils API's view. */
export type { Federation } from '../../../src/councils/council-views.js';

/** `GET /api/bodies/:id/motions` (the part this area reads). */
export interface MotionList {
  readonly motions: { id: string; title: string; status: string; outcome: { status: string } | null }[];
}
