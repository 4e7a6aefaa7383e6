import type { Localized } from '../core/errors.js';
import { type Boundary, validateBoundary } from './boundary-geometry.js';
import { isParcelStatus, type ParcelStatus } from './parcel-transitions.js';

/** Land classes of the register. */
export const LAND_CLASSES = Object.freeze(['irrigated', 'dry', 'forest', 'other'] as const);
/** One land class. */
export type LandClass = (typeof LAND_CLASSES)[number];

/** Statuses a parcel may enter the register with (an assignment needs a body and a decision). */
export const INITIAL_STATUSES = Object.freeze(['private', 'occupied', 'expropriated', 'returned'] as const);

/** A parcel as submitted (HTTP body, CSV line or GeoJSON feature), not yet checked. */
export interface ParcelInput {
  name: string;
  region: string;
  landClass: string;
  /** Hectares, > 0, stored rounded to ares (0.01 ha). */
  areaHectares: number;
  previousOwner?: string | null;
  /** GeoJSON Polygon or MultiPolygon. */
  boundary?: unknown;
  /** Initial status (default `private`). */
  status?: string;
  /** Date YYYY-MM-DD from which the initial status holds. */
  since: string;
}

/** A checked parcel input, ready to store. */
export interface CheckedParcel {
  readonly name: string;
  readonly region: string;
  readonly landClass: LandClass;
  /** Ares (1 are = 0.01 ha). */
  readonly areaAres: number;
  readonly previousOwner: string | null;
  readonly boundary: Boundary | null;
  readonly status: ParcelStatus;
  readonly since: string;
}

/** The verdict on a parcel input: checked, or the first problem with the field it concerns. */
export type ParcelInputCheck =
  /** Every field is good. */
  | { readonly status: 'ok'; readonly parcel: CheckedParcel }
  /** `field` is relative to the input (`areaHectares`, `boundary.coordinates[0]`…). */
  | {
      readonly status: 'invalid';
      readonly field: string;
      readonly reason: Localized;
      readonly geometry: boolean;
    };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `value` is a real calendar date YYYY-MM-DD. */
export function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function bad(field: string, en: string, es: string): ParcelInputCheck {
  return { status: 'invalid', field, reason: { en, es }, geometry: false };
}

/**
 * Checks a parcel input the same way for the API, the CLI import and the scenario: non-empty
 * name and region, a known land class, area > 0 (at least 0.01 ha after rounding to ares), a
 * valid boundary if any (`validateBoundary`), a permitted initial status and a real date.
 *
 * @example checkParcelInput({ name: 'Fundo El Huique', region: "O'Higgins", landClass: 'irrigated', areaHectares: 0, since: '1971-05-01' }) // invalid areaHectares
 */
export function checkParcelInput(input: ParcelInput): ParcelInputCheck {
  const name = String(input.name ?? '').trim();
  if (!name || name.length > 200)
    return bad('name', 'must have 1–200 characters', 'debe tener 1–200 caracteres');
  const region = String(input.region ?? '').trim();
  if (!region || region.length > 80)
    return bad('region', 'must have 1–80 characters', 'debe tener 1–80 caracteres');
  if (!(LAND_CLASSES as readonly string[]).includes(input.landClass))
    return bad(
      'landClass',
      `must be one of ${LAND_CLASSES.join(', ')}`,
      `debe ser uno de ${LAND_CLASSES.join(', ')}`,
    );
  const area = input.areaHectares;
  if (typeof area !== 'number' || !Number.isFinite(area) || area <= 0)
    return bad('areaHectares', 'must be a number greater than 0', 'debe ser un número mayor que 0');
  const areaAres = Math.round(area * 100);
  if (areaAres < 1) return bad('areaHectares', 'must be at least 0.01 ha', 'debe ser al menos 0,01 ha');
  if (areaAres > 100_000_000)
    return bad('areaHectares', 'must be at most 1,000,000 ha', 'debe ser a lo sumo 1.000.000 ha');
  const status = input.status ?? 'private';
  if (!isParcelStatus(status) || !(INITIAL_STATUSES as readonly string[]).includes(status))
    return bad(
      'status',
      `must be one of ${INITIAL_STATUSES.join(', ')}`,
      `debe ser uno de ${INITIAL_STATUSES.join(', ')}`,
    );
  if (typeof input.since !== 'string' || !isDate(input.since))
    return bad('since', 'must be a date YYYY-MM-DD', 'debe ser una fecha AAAA-MM-DD');
  let boundary: Boundary | null = null;
  if (input.boundary !== undefined && input.boundary !== null) {
    const check = validateBoundary(input.boundary);
    if (check.status === 'invalid')
      return {
        status: 'invalid',
        field: check.path ? `boundary.${check.path}` : 'boundary',
        reason: check.reason,
        geometry: true,
      };
    boundary = check.boundary;
  }
  const owner = input.previousOwner?.trim() || null;
  return {
    status: 'ok',
    parcel: {
      name,
      region,
      landClass: input.landClass as LandClass,
      areaAres,
      previousOwner: owner,
      boundary,
      status,
      since: input.since,
    },
  };
}
