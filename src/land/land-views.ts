import type { LedgerRow } from './agrarian-ledger.js';
import type { ExportParcel } from './parcel-export.js';
import type { ParcelStatus } from './parcel-transitions.js';

// The land API's views, as the services return them and the web app reads them (type-only
// imports from web/src/land; what this imports is pure too).

/** A parcel as presented. */
export interface ParcelView extends ExportParcel {
  readonly status: ParcelStatus;
}

/** A page of the register with the total of the filter and the register's regions. */
export interface ParcelList {
  readonly parcels: ParcelView[];
  readonly total: number;
  readonly regions: string[];
}

/** A parcel with its history, assignments and harvests. */
export interface ParcelDetail extends ParcelView {
  readonly registeredByBodyId: string | null;
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

/** The ledger as returned: the dates it was read on and its rows. */
export interface LedgerView {
  readonly dates: string[];
  readonly rows: LedgerRow[];
}

/** One body's stock of one product, kg. */
export interface StockLine {
  readonly bodyId: string;
  readonly product: string;
  readonly quantityKg: number;
}
