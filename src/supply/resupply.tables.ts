/**
 * Tables of resupply requests (migration 0014). Quantities are integers in the good's own unit
 * (`supply_goods.unit`); times ISO-8601 UTC text; periods as everywhere in supply (`YYYY-MM`, `YYYY-Www`).
 */
export type ResupplyTables = {
  supply_resupply_requests: {
    id: string;
    committee_id: string;
    point_id: string;
    period: string;
    /** `requested` (shipment on its way), `delivered`, or `unrouted` (no place/depot to route it). */
    status: string;
    /** The logistics shipment carrying it, when routed. */
    shipment_id: string | null;
    /** `no-place-for-point` or `no-depot` when unrouted. */
    unrouted_reason: string | null;
    requested_at: string;
    delivered_at: string | null;
  };
  supply_resupply_lines: {
    request_id: string;
    good_id: string;
    quantity: number;
  };
};
