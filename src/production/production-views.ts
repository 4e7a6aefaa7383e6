// The production API's register, indicator and alert views and their vocabularies, as the services
// return them and the web app reads them (it imports this file, so nothing here imports runtime code).

/** A workplace's status in the history of the 1972 economy. */
export const WORKPLACE_STATUSES = Object.freeze([
  'private',
  'occupied',
  'intervened',
  'social-area',
  'returned',
] as const);

/** One workplace status. */
export type WorkplaceStatus = (typeof WORKPLACE_STATUSES)[number];

/** What an indicator measures. */
export const INDICATOR_KINDS = Object.freeze(['output', 'stock', 'absenteeism', 'energy', 'custom'] as const);

/** One indicator kind. */
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** A workplace as presented. */
export interface WorkplaceView {
  readonly id: string;
  readonly bodyId: string;
  readonly name: string;
  readonly sector: string;
  /** Degrees, WGS 84 (stored as integer micro-degrees). */
  readonly latitude: number;
  readonly longitude: number;
  readonly workforce: number;
  readonly status: WorkplaceStatus;
}

/** A workplace with its status history (`GET /api/workplaces/:id`). */
export interface WorkplaceDetailView extends WorkplaceView {
  readonly statusHistory: StatusEntry[];
}

/** One entry of a workplace's status history. */
export interface StatusEntry {
  readonly status: WorkplaceStatus;
  readonly since: string;
  readonly motionId: string | null;
  readonly recordedAt: string;
}

/** A product of the catalogue. */
export interface ProductView {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly category: string;
  readonly basicGood: boolean;
}

/** A capacity: units of a product a workplace can make in a period. */
export interface CapacityView {
  readonly productId: string;
  readonly period: string;
  /** In the product's unit. */
  readonly quantity: number;
}

/** How a workplace makes one unit of a product. */
export interface TechniqueView {
  readonly productId: string;
  /** Labour per unit of output in milli-hours. */
  readonly labourMilliHours: number;
  /** Inputs per unit of output in thousandths of each input product's unit. */
  readonly inputs: { productId: string; quantityMilli: number }[];
}

/** An indicator as presented. */
export interface IndicatorView {
  readonly id: string;
  readonly workplaceId: string;
  readonly name: string;
  readonly kind: IndicatorKind;
  readonly productId: string | null;
  readonly unit: string;
  readonly frequency: 'daily' | 'weekly';
  readonly goodDirection: 'up' | 'down' | 'none';
  /** Probability thresholds (0–1) above which an alert is raised. */
  readonly thresholds: { step: number; slope: number; outlier: number };
  /** Hours to acknowledge an alert, by severity. */
  readonly ackHours: { low: number; medium: number; high: number };
}

/** Where an alert stands on its way up the federation. */
export const ESCALATION_LEVELS = Object.freeze(['workplace', 'cordon', 'region', 'nation'] as const);

/** An alert's lifecycle state. */
export type AlertStatus =
  /** raised, nobody has acknowledged it yet: it escalates when its deadline passes */
  | 'open'
  /** someone responsible took it in hand; it no longer escalates */
  | 'acknowledged'
  /** handled and closed */
  | 'resolved';

/** An alert as presented. */
export interface AlertView {
  readonly id: string;
  readonly indicatorId: string;
  readonly workplaceId: string;
  readonly kind: string;
  readonly severity: 'low' | 'medium' | 'high';
  /** Probability (0–1) that passed the threshold. */
  readonly probability: number;
  /** Posterior probabilities of each change when it was raised. */
  readonly probabilities: { step: number; slope: number; outlier: number };
  /** Standardised error of the triggering value (forecast standard deviations). */
  readonly error: number;
  readonly period: string;
  readonly status: AlertStatus;
  /** The body that must acknowledge it now. */
  readonly bodyId: string;
  /** 0 workplace, 1 cordón, 2 region, 3 nation. */
  readonly level: number;
  readonly levelName: string;
  /** When it escalates unless acknowledged (ISO UTC); null once acknowledged, resolved or at the top. */
  readonly deadline: string | null;
  readonly raisedAt: string;
  readonly acknowledgedAt: string | null;
  readonly resolvedAt: string | null;
  readonly resolution: string | null;
}

/** A comment on an alert. */
export interface AlertComment {
  readonly id: string;
  readonly authorPersonId: string;
  readonly text: string;
  readonly createdAt: string;
}

/** One period of an indicator's series with the band the forecaster had drawn for it. */
export interface SeriesPoint {
  readonly period: string;
  readonly value: number;
  /** One-step forecast for this period; null while warming up or for a late report. */
  readonly expected: number | null;
  /** The band drawn for this period the period before (±1.96 predictive sd); null if none. */
  readonly low: number | null;
  readonly high: number | null;
  readonly anomalyScore: number | null;
}

/** An indicator's history, next-period forecast and alerts. */
export interface SeriesView {
  readonly indicator: IndicatorView;
  readonly points: SeriesPoint[];
  /** Forecast of the period after the last report, with its band; null before the model has one. */
  readonly forecast: { period: string; value: number; low: number; high: number } | null;
  readonly alerts: AlertView[];
}
