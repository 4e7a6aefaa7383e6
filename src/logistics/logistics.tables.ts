/**
 * Tables of the logistics area. Ids are UUIDv7 text, times ISO-8601 UTC text, dates YYYY-MM-DD.
 * Quantities are integers of a stated unit: locations in micro-degrees (1e-6°, WGS 84), weights in
 * kg, volumes in m³, distances in metres, goods in the unit named on their line.
 */
export interface LogisticsTables {
  logistics_places: {
    id: string;
    name: string;
    /** depot | workplace | distribution-point */
    kind: string;
    lat_micro: number;
    lon_micro: number;
    /** The body that runs the place (a workplace assembly, a JAP), plain text for now. */
    body_id: string | null;
    /** Supply's distribution point this place is, plain text until supply links it. */
    supply_point_id: string | null;
    created_at: string;
  };
  vehicles: {
    id: string;
    plate: string;
    capacity_kg: number;
    capacity_m3: number;
    /** Who owns the truck (a firm, a person, a co-operative). */
    owner: string;
    /** volunteered | requisitioned | returned | out-of-service (the last row of `vehicle_statuses`). */
    status: string;
    /** The body that decided the current status; its pool holds the truck while in service. */
    body_id: string;
    /** Where the truck is based: a place of kind depot. */
    depot_place_id: string;
    driver_account_id: string | null;
    created_at: string;
  };
  vehicle_statuses: {
    id: string;
    vehicle_id: string;
    status: string;
    /** The body that decided it. */
    body_id: string;
    note: string | null;
    recorded_at: string;
  };
  shipments: {
    id: string;
    /** The body whose vehicle pool moves it (a cordón, a council). */
    body_id: string;
    /** The body that asked for it (a JAP, a workplace), when not the pool's body itself. */
    requested_by_body_id: string | null;
    /** direct | supply-request | spare-parts-order */
    source: string;
    /** The id of the request or order it came from, in the other area. */
    source_ref: string | null;
    from_place_id: string;
    to_place_id: string;
    /** food | fuel | medicine | raw-material | spare-parts */
    priority: string;
    weight_kg: number;
    /** The day it should move. */
    due_date: string;
    /** Optional delivery window, ISO-8601 UTC, both or neither. */
    window_start: string | null;
    window_end: string | null;
    /** requested | planned | picked-up | delivered | failed */
    status: string;
    plan_id: string | null;
    failure_reason: string | null;
    created_at: string;
    updated_at: string;
  };
  shipment_goods: {
    shipment_id: string;
    line: number;
    good: string;
    quantity: number;
    unit: string;
  };
  route_plans: {
    id: string;
    body_id: string;
    plan_date: string;
    /** solving | solved | partial | failed | dispatched */
    status: string;
    seed: number;
    /** Solver time budget in ms per origin. */
    budget_ms: number;
    shipment_count: number;
    /** Total planned distance in metres. */
    distance_m: number | null;
    vehicles_used: number | null;
    iterations: number | null;
    solve_ms: number | null;
    error: string | null;
    created_at: string;
    completed_at: string | null;
    dispatched_at: string | null;
  };
  plan_routes: {
    id: string;
    plan_id: string;
    /** 1, 2, … within the plan. */
    number: number;
    vehicle_id: string;
    driver_account_id: string | null;
    load_kg: number;
    distance_m: number;
  };
  plan_stops: {
    id: string;
    plan_id: string;
    route_id: string;
    /** 1, 2, … along the route. */
    position: number;
    shipment_id: string;
    place_id: string;
    /** kg on board when the truck arrives here. */
    load_kg: number;
    /** planned | picked-up | delivered | failed */
    status: string;
    recorded_at: string | null;
  };
  plan_unplaced: {
    plan_id: string;
    shipment_id: string;
    /** demand-exceeds-capacity | time-window-unreachable | no-room-in-fleet | no-vehicle-at-origin */
    reason: string;
  };
  deliveries: {
    id: string;
    shipment_id: string;
    place_id: string;
    good: string;
    quantity: number;
    unit: string;
    delivered_at: string;
  };
}
