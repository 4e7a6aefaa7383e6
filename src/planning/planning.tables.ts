/**
 * Tables of the planning area. Ids are UUIDv7 text, times ISO-8601 UTC text. Target and quota
 * quantities are whole units of the product's `unit` per plan period; solve results are JSON text
 * (gross outputs in product units per period, labour in hours per period).
 */
export interface PlanningTables {
  plans: {
    id: string;
    /** The council that decides the plan (the national assembly). */
    body_id: string;
    /** `YYYY-MM` (a month) or `YYYY-Qn` (a quarter). */
    period: string;
    title: string;
    /** draft → before-assembly → adopting → adopted | rejected */
    status: string;
    /** The motion before the assembly; null while a draft. */
    motion_id: string | null;
    /** JSON `UnmappedGood[]`: supply goods with no product in the catalogue (not in the targets). */
    unmapped_goods: string;
    /** The solve of the current targets (base + adopted amendments). */
    solve_id: string | null;
    /** Why adoption failed, when it did. */
    error: string | null;
    created_at: string;
    adopted_at: string | null;
  };
  plan_targets: {
    plan_id: string;
    product_id: string;
    /** consumption | investment | reserves */
    kind: string;
    /** Whole units of the product per plan period. */
    quantity: number;
    /** The council that entered it (investment, reserves); null for consumption from entitlements. */
    body_id: string | null;
    updated_at: string;
  };
  plan_amendments: {
    id: string;
    plan_id: string;
    /** The amendment motion in the assembly (a child of the plan's motion). */
    motion_id: string;
    /** JSON `TargetChange[]`: new quantities of (product, kind). */
    changes: string;
    /** The solve of the targets with this amendment applied. */
    solve_id: string;
    /** The solve it is compared with (the current targets when it was proposed). */
    base_solve_id: string | null;
    created_at: string;
  };
  plan_solves: {
    id: string;
    plan_id: string;
    /** solving | solved | failed */
    status: string;
    /** JSON `Record<productId, { consumption, investment, reserves }>`: the targets solved. */
    targets: string;
    /** JSON `PlanOutcome` once solved. */
    result: string | null;
    error: string | null;
    /** 1 when the plan is adopted with this solve's outputs once it ends. */
    adopt_on_finish: number;
    solve_ms: number | null;
    started_at: string;
    finished_at: string | null;
  };
  plan_quotas: {
    plan_id: string;
    workplace_id: string;
    product_id: string;
    /** Whole units of the product the workplace is to make in the plan period. */
    quantity: number;
    /** The workplace's capacity for the period (same unit), for showing utilisation. */
    capacity: number;
  };
}
