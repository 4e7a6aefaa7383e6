import { type CheckedParcel, checkParcelInput } from './parcel-input.js';

/** A problem with one feature or line of an import file. */
export interface ImportProblem {
  /** `line 7` or `feature 3` (features count from 0, lines from 1 with the header as line 1). */
  readonly where: string;
  readonly reason: string;
}

/** The outcome of reading an import file. */
export type ParcelImport =
  /** The file as a whole cannot be read (not JSON, no FeatureCollection, no header). */
  | { readonly status: 'malformed'; readonly message: string }
  /** The good parcels with where each came from, and one problem per bad feature or line. */
  | {
      readonly status: 'parsed';
      readonly parcels: { where: string; parcel: CheckedParcel }[];
      readonly problems: ImportProblem[];
    };

/** Splits one CSV line into fields (RFC 4180 quotes; no line breaks inside fields). */
export function csvFields(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let text = '';
      i++;
      for (;;) {
        const j = line.indexOf('"', i);
        if (j < 0) return null;
        text += line.slice(i, j);
        if (line[j + 1] === '"') {
          text += '"';
          i = j + 2;
        } else {
          i = j + 1;
          break;
        }
      }
      out.push(text);
      if (i === line.length) return out;
      if (line[i] !== ',') return null;
      i++;
    } else {
      const j = line.indexOf(',', i);
      if (j < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, j));
      i = j + 1;
    }
  }
}

const REQUIRED = ['name', 'region', 'land_class', 'area_hectares', 'since'];

function reasonOf(field: string, reason: { en: string }): string {
  return `${field}: ${reason.en}`;
}

function fromCsv(text: string): ParcelImport {
  const lines = text.split(/\r?\n/);
  const header = csvFields(lines[0] ?? '');
  if (!header) return { status: 'malformed', message: 'line 1: unreadable header' };
  const columns = header.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    return { status: 'malformed', message: `line 1: missing column(s) ${missing.join(', ')}` };
  const col = (row: string[], name: string) => {
    const i = columns.indexOf(name);
    return i < 0 ? undefined : row[i];
  };
  const parcels: { where: string; parcel: CheckedParcel }[] = [];
  const problems: ImportProblem[] = [];
  lines.forEach((line, index) => {
    if (index === 0 || line.trim() === '') return;
    const where = `line ${index + 1}`;
    const row = csvFields(line);
    if (!row) {
      problems.push({ where, reason: 'unbalanced quotes' });
      return;
    }
    if (row.length !== columns.length) {
      problems.push({ where, reason: `${row.length} fields where the header has ${columns.length}` });
      return;
    }
    const area = (col(row, 'area_hectares') ?? '').trim();
    const status = col(row, 'status')?.trim();
    const check = checkParcelInput({
      name: col(row, 'name') ?? '',
      region: col(row, 'region') ?? '',
      landClass: (col(row, 'land_class') ?? '').trim(),
      areaHectares: area === '' ? Number.NaN : Number(area),
      previousOwner: col(row, 'previous_owner') ?? null,
      ...(status ? { status } : {}),
      since: (col(row, 'since') ?? '').trim(),
    });
    if (check.status === 'invalid') problems.push({ where, reason: reasonOf(check.field, check.reason) });
    else parcels.push({ where, parcel: check.parcel });
  });
  return { status: 'parsed', parcels, problems };
}

function fromGeoJson(text: string): ParcelImport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { status: 'malformed', message: `not JSON: ${(error as Error).message}` };
  }
  const fc = doc as { type?: unknown; features?: unknown };
  if (
    typeof doc !== 'object' ||
    doc === null ||
    fc.type !== 'FeatureCollection' ||
    !Array.isArray(fc.features)
  )
    return { status: 'malformed', message: 'not a GeoJSON FeatureCollection' };
  const parcels: { where: string; parcel: CheckedParcel }[] = [];
  const problems: ImportProblem[] = [];
  fc.features.forEach((f: unknown, index) => {
    const where = `feature ${index}`;
    const feature = f as { type?: unknown; geometry?: unknown; properties?: unknown };
    if (typeof f !== 'object' || f === null || feature.type !== 'Feature') {
      problems.push({ where, reason: 'not a Feature' });
      return;
    }
    const p = (feature.properties ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
    const area = p.area_hectares ?? p.areaHectares;
    const status = p.status;
    const check = checkParcelInput({
      name: text(p.name),
      region: text(p.region),
      landClass: text(p.land_class ?? p.landClass),
      areaHectares:
        typeof area === 'number' ? area : typeof area === 'string' && area.trim() ? Number(area) : Number.NaN,
      previousOwner: text(p.previous_owner ?? p.previousOwner) || null,
      ...(typeof status === 'string' && status ? { status } : {}),
      since: text(p.since),
      boundary: feature.geometry ?? null,
    });
    if (check.status === 'invalid')
      problems.push({ where, reason: reasonOf(check.field.replace(/^boundary/, 'geometry'), check.reason) });
    else parcels.push({ where, parcel: check.parcel });
  });
  return { status: 'parsed', parcels, problems };
}

/**
 * Reads a parcel import file: a GeoJSON FeatureCollection (properties `name, region, land_class,
 * area_hectares, since`, optional `status, previous_owner`; geometry a Polygon, MultiPolygon or
 * null) or a CSV with a header naming the same columns (extra columns such as `id` are ignored).
 * Every feature or line is checked with `checkParcelInput`; bad ones become problems, never
 * exceptions.
 *
 * @example parseParcelFile('name,region,land_class,area_hectares,since\nFundo A,Maule,dry,120,1971-02-01\n', 'csv')
 */
export function parseParcelFile(text: string, format: 'csv' | 'geojson'): ParcelImport {
  return format === 'csv' ? fromCsv(text) : fromGeoJson(text);
}
