import type { Generated } from 'kysely';

/**
 * Tables of the production area. Ids are UUIDv7 text, times ISO-8601 UTC text, flags integer 0/1.
 * Quantities are integers of a stated unit: product quantities in the product's `unit`, technique
 * inputs in thousandths of the input product's unit per unit of output, labour in milli-hours,
 * locations in micro-degrees, indicator values in the indicator's `unit`.
 */
export interface ProductionTables {
  workplaces: {
    id: string;
    /** The workplace assembly (a base body) that runs it; one workplace per assembly. */
    body_id: string;
    name: string;
    sector: string;
    /** Latitude and longitude in micro-degrees (1e-6°), WGS 84. */
    lat_micro: number;
    lon_micro: number;
    /** People working there. */
    workforce: number;
    /** Current status (the last row of `workplace_statuses`). */
    status: string;
    created_at: string;
  };
  workplace_statuses: {
    id: string;
    workplace_id: string;
    /** private | occupied | intervened | social-area | returned */
    status: string;
    /** Date (YYYY-MM-DD) from which the status holds. */
    since: string;
    /** The motion that decided it, where there was one. */
    motion_id: string | null;
    recorded_at: string;
  };
  products: {
    id: string;
    code: string;
    name: string;
    /** The unit quantities of this product are counted in (e.g. `kg`, `unit`, `l`). */
    unit: string;
    category: string;
    basic_good: number;
    created_at: string;
  };
  capacities: {
    workplace_id: string;
    product_id: string;
    /** Period label, e.g. `1972-10` (a month) or `1972-W41`. */
    period: string;
    /** Units of the product per period. */
    quantity: number;
    updated_at: string;
  };
  techniques: {
    id: string;
    workplace_id: string;
    /** The product one unit of which the technique makes. */
    product_id: string;
    /** Labour per unit of output, in milli-hours (1/1000 h). */
    labour_milli_hours: number;
    updated_at: string;
  };
  technique_inputs: {
    technique_id: string;
    input_product_id: string;
    /** Input per unit of output, in thousandths of the input product's unit. */
    quantity_milli: number;
  };
  indicators: {
    id: string;
    workplace_id: string;
    /** The workplace's assembly, kept here so a report's permission check needs no join. */
    body_id: string;
    name: string;
    /** output | stock | absenteeism | energy | custom */
    kind: string;
    product_id: string | null;
    unit: string;
    /** daily | weekly */
    frequency: string;
    /** up | down | none: which way is good. */
    good_direction: string;
    /** Alert thresholds on the posterior probabilities, per mille (500 = 0.5). */
    step_threshold_pm: number;
    slope_threshold_pm: number;
    outlier_threshold_pm: number;
    /** Hours to acknowledge an alert at each level, by severity. */
    ack_hours_low: number;
    ack_hours_medium: number;
    ack_hours_high: number;
    created_at: string;
  };
  /**
   * What ingest rewrites of an indicator, kept narrow and apart from `indicators` (migration 0013):
   * on PostgreSQL the update stays on its page (fillfactor 30, HOT), and `no` keys its reports.
   */
  indicator_series: {
    /** Small integer key of the indicator's reports (SQLite rowid, PostgreSQL identity). */
    no: Generated<number>;
    indicator_id: string;
    /** The monitor state (forecaster and alert rule), see `encodeMonitorState`: raw doubles or JSON bytes. */
    state: Uint8Array;
    /** Index of the last period fed to the forecaster (days or weeks since 1970), null before any. */
    last_period_index: number | null;
  };
  reports: {
    /** `indicator_series.no` of the indicator. */
    indicator_no: number;
    /** YYYY-MM-DD: the day, or the Monday of the week for weekly indicators. */
    period: string;
    value: number;
    received_at: string;
    /** The forecaster's one-step forecast for this period; null while warming up or for a late report. */
    expected: number | null;
    /** Forecast and band for the next period, as known after this report. */
    forecast: number | null;
    band_low: number | null;
    band_high: number | null;
    anomaly_score: number | null;
  };
  /**
   * Reports of the last batches, same columns and key as `reports` (migration 0016): a report is
   * in exactly one of the two; ingest moves these into `reports` in bulk (`mergeRecentReports`).
   */
  recent_reports: ProductionTables['reports'];
  alerts: {
    id: string;
    indicator_id: string;
    workplace_id: string;
    /** step | slope | outlier | drift | variance */
    kind: string;
    /** low | medium | high */
    severity: string;
    probability: number;
    p_step: number;
    p_slope: number;
    p_outlier: number;
    /** Signed standardised error of the triggering value. */
    error: number;
    /** The period whose report raised it. */
    period: string;
    /** open | acknowledged | resolved */
    status: string;
    /** The body that must acknowledge it now: the workplace's assembly, then the councils above. */
    body_id: string;
    /** 0 at the workplace, 1 cordón, 2 region, 3 nation. */
    level: number;
    /** When it escalates unless acknowledged; null once acknowledged, resolved or at the top. */
    deadline: string | null;
    raised_at: string;
    acknowledged_at: string | null;
    acknowledged_by: string | null;
    resolved_at: string | null;
    resolved_by: string | null;
    resolution: string | null;
  };
  alert_comments: {
    id: string;
    alert_id: string;
    author_person_id: string;
    text: string;
    created_at: string;
  };
  /** What a workplace can make for others: one row per capability of the fixed vocabulary. */
  spare_part_capabilities: {
    workplace_id: string;
    /** One of `SPARE_PART_CAPABILITIES` (machining, foundry, electrical-rewinding…). */
    capability: string;
    /** Free text: machines, sizes, materials, tolerances. */
    detail: string;
    updated_at: string;
  };
  /** A part a workplace needs made. */
  spare_part_needs: {
    id: string;
    workplace_id: string;
    /** The needing workplace's assembly (copied so boards and events need no join). */
    body_id: string;
    part: string;
    specification: string;
    /** Pieces wanted (whole units). */
    quantity: number;
    /** low | normal | high | critical */
    urgency: string;
    /** The machine the part is for. */
    machine: string;
    /** The capability a maker needs, one of `SPARE_PART_CAPABILITIES`. */
    capability: string;
    /** open (no live order) | ordered (an order was accepted) | fulfilled (received) | withdrawn */
    status: string;
    /** The accepted order while `ordered` or `fulfilled`; set by compare-and-set on `status`. */
    order_id: string | null;
    created_at: string;
    updated_at: string;
  };
  /** A need matched with a maker. */
  spare_part_orders: {
    id: string;
    need_id: string;
    maker_workplace_id: string;
    /** proposed | accepted | in-production | shipped | received | declined | cancelled */
    status: string;
    /** Great-circle distance maker → needing workplace when proposed, metres. */
    distance_m: number;
    created_at: string;
    updated_at: string;
  };
}
