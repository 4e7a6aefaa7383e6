import type { Boundary } from './boundary-geometry.js';

/** A parcel as exported. */
export interface ExportParcel {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly landClass: string;
  readonly areaHectares: number;
  readonly status: string;
  readonly statusSince: string;
  readonly assignedBodyId: string | null;
  readonly previousOwner: string | null;
  readonly boundary: Boundary | null;
}

/** The CSV header of `parcelsCsv`; `cordones land import` reads the same columns. */
export const PARCEL_CSV_HEADER =
  'id,name,region,land_class,area_hectares,status,since,assigned_body_id,previous_owner';

function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Parcels as CSV (RFC 4180 quoting, `\n` line ends, header first), areas in hectares with two
 * decimals; boundaries are not in the CSV (use GeoJSON).
 *
 * @example parcelsCsv(parcels).split('\n')[0] // PARCEL_CSV_HEADER
 */
export function parcelsCsv(parcels: readonly ExportParcel[]): string {
  const lines = [PARCEL_CSV_HEADER];
  for (const p of parcels)
    lines.push(
      [
        p.id,
        p.name,
        p.region,
        p.landClass,
        p.areaHectares.toFixed(2),
        p.status,
        p.statusSince,
        p.assignedBodyId,
        p.previousOwner,
      ]
        .map(field)
        .join(','),
    );
  return `${lines.join('\n')}\n`;
}

/**
 * Parcels as a GeoJSON FeatureCollection (RFC 7946): one Feature per parcel with its id, the
 * boundary as geometry (null when the register has none) and the other columns as properties
 * named as in the CSV.
 */
export function parcelsGeoJson(parcels: readonly ExportParcel[]): {
  type: 'FeatureCollection';
  features: unknown[];
} {
  return {
    type: 'FeatureCollection',
    features: parcels.map((p) => ({
      type: 'Feature',
      id: p.id,
      geometry: p.boundary,
      properties: {
        name: p.name,
        region: p.region,
        land_class: p.landClass,
        area_hectares: p.areaHectares,
        status: p.status,
        since: p.statusSince,
        assigned_body_id: p.assignedBodyId,
        previous_owner: p.previousOwner,
      },
    })),
  };
}
