/** A workplace as `GET /api/workplaces` lists it. */
export interface Workplace {
  readonly id: string;
  /** Its assembly (a base body). */
  readonly bodyId: string;
  readonly name: string;
  readonly sector: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly workforce: number;
  /** `private`, `occupied`, `intervened`, `social-area`, `returned` (translated under `production.status.`). */
  readonly status: string;
}

/** `GET /api/workplaces/:id`: the workplace with its status history. */
export interface WorkplaceDetail extends Workplace {
  readonly statusHistory: readonly {
    readonly status: string;
    /** YYYY-MM-DD. */
    readonly since: string;
    readonly motionId: string | null;
    readonly recordedAt: string;
  }[];
}

/** An indicator of a workplace. */
export interface Indicator {
  readonly id: string;
  readonly workplaceId: string;
  readonly name: string;
  readonly kind: string;
  /** Values are whole numbers of this unit. */
  readonly unit: string;
  readonly frequency: string;
  readonly goodDirection: string;
}

/** An alert with its escalation state. */
export interface Alert {
  readonly id: string;
  readonly indicatorId: string;
  readonly workplaceId: string;
  /** `step`, `slope`, `outlier`, `drift`. */
  readonly kind: string;
  /** `low`, `medium`, `high`. */
  readonly severity: string;
  /** The period that raised it, YYYY-MM-DD. */
  readonly period: string;
  /** `open`, `acknowledged`, `resolved`. */
  readonly status: string;
  /** The body that must answer now. */
  readonly bodyId: string;
  /** 0 workplace, 1 cordón, 2 region, 3 nation. */
  readonly level: number;
  readonly levelName: string;
  /** ISO 8601 UTC; null once acknowledged or at the top. */
  readonly deadline: string | null;
  readonly raisedAt: string;
  readonly acknowledgedAt: string | null;
  readonly resolvedAt: string | null;
  readonly resolution: string | null;
}

/** One reported period with the band that was forecast for it (null where none). */
export interface SeriesPoint {
  readonly period: string;
  readonly value: number;
  readonly expected: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly anomalyScore: number | null;
}

/** `GET /api/indicators/:id/series`. */
export interface Series {
  readonly indicator: Indicator;
  readonly points: readonly SeriesPoint[];
  /** The next period's forecast and band. */
  readonly forecast: {
    readonly period: string;
    readonly value: number;
    readonly low: number;
    readonly high: number;
  } | null;
  readonly alerts: readonly Alert[];
}

/** Body kinds whose boards can hold alerts: workplace assemblies and the councils above them. */
export const ALERT_BODY_KINDS: ReadonlySet<string> = new Set([
  'workplace-assembly',
  'cordon',
  'regional-council',
  'national-assembly',
  'peasant-committee',
]);
