/**
 * Tables of the land area. Ids are UUIDv7 text, times ISO-8601 UTC text, dates YYYY-MM-DD.
 * Areas are integer ares (1 are = 100 m² = 0.01 ha); harvest quantities integer kilograms.
 */
export interface LandTables {
  parcels: {
    id: string;
    name: string;
    /** Region name as written in the register, e.g. `Maule`. */
    region: string;
    /** irrigated | dry | forest | other */
    land_class: string;
    /** Area in ares (hundredths of a hectare), > 0. */
    area_ares: number;
    /** GeoJSON Polygon or MultiPolygon geometry (WGS 84 lon/lat) as JSON text, validated on write. */
    boundary: string | null;
    previous_owner: string | null;
    /** Current status (the last row of `parcel_statuses`). */
    status: string;
    /** Date (YYYY-MM-DD) from which the current status holds. */
    status_since: string;
    /** The base body working the parcel while it is assigned, else null. */
    assigned_body_id: string | null;
    /** The body under whose officers the parcel was registered (null when imported by the system). */
    registered_by_body_id: string | null;
    created_at: string;
  };
  parcel_statuses: {
    id: string;
    parcel_id: string;
    /** private | occupied | expropriated | assigned | returned */
    status: string;
    since: string;
    deciding_body_id: string | null;
    motion_id: string | null;
    recorded_at: string;
  };
  parcel_assignments: {
    id: string;
    parcel_id: string;
    body_id: string;
    since: string;
    until: string | null;
    /** Equals `parcel_id` while the assignment holds, null once ended (UNIQUE). */
    active_parcel_id: string | null;
    motion_id: string | null;
    recorded_at: string;
  };
  harvests: {
    id: string;
    parcel_id: string;
    /** The body the parcel was assigned to when it was harvested. */
    body_id: string;
    product_code: string;
    quantity_kg: number;
    harvested_on: string;
    reported_at: string;
    /** Account id of the reporter, null for the system. */
    reported_by: string | null;
  };
  harvest_stock_moves: {
    id: string;
    body_id: string;
    product_code: string;
    /** Kilograms into (+, a harvest) or out of (−, a draw) the body's stock. */
    delta_kg: number;
    /** harvest | draw */
    kind: string;
    /** The harvest (or the delivery) that moved the stock. */
    ref_id: string;
    at: string;
  };
}
