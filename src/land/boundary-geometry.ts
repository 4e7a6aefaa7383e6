import type { Localized } from '../core/errors.js';
import { orientation, segmentsIntersect } from './segments-intersect.js';

/** A position: longitude then latitude in degrees (WGS 84), as GeoJSON orders them. */
export type Position = [number, number];

/** A parcel boundary: a GeoJSON Polygon or MultiPolygon (RFC 7946), positions reduced to lon/lat. */
export type Boundary =
  | { readonly type: 'Polygon'; readonly coordinates: Position[][] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: Position[][][] };

/** The verdict on a candidate boundary. */
export type BoundaryCheck =
  /** A usable boundary (a third coordinate, if any, is dropped). */
  | { readonly status: 'valid'; readonly boundary: Boundary }
  /** Not usable; `path` points into the value (e.g. `coordinates[0][3]`), `reason` says why. */
  | { readonly status: 'invalid'; readonly path: string; readonly reason: Localized };

/** The most positions one boundary may have (the self-intersection check is quadratic per ring). */
export const MAX_POSITIONS = 10_000;

class Invalid {
  constructor(
    readonly path: string,
    readonly reason: Localized,
  ) {}
}

function fail(path: string, en: string, es: string): never {
  throw new Invalid(path, { en, es });
}

function position(value: unknown, path: string): Position {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3)
    fail(path, 'must be a position [longitude, latitude]', 'debe ser una posición [longitud, latitud]');
  const [lon, lat] = value as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat))
    fail(path, 'longitude and latitude must be numbers', 'longitud y latitud deben ser números');
  if (lon < -180 || lon > 180)
    fail(path, 'longitude must lie in [-180, 180]', 'la longitud debe estar en [-180, 180]');
  if (lat < -90 || lat > 90)
    fail(path, 'latitude must lie in [-90, 90]', 'la latitud debe estar en [-90, 90]');
  return [lon, lat];
}

function ring(value: unknown, path: string, budget: { left: number }): Position[] {
  if (!Array.isArray(value)) fail(path, 'must be an array of positions', 'debe ser un arreglo de posiciones');
  if (value.length < 4)
    fail(
      path,
      'a ring needs at least 4 positions (closed)',
      'un anillo necesita al menos 4 posiciones (cerrado)',
    );
  budget.left -= value.length;
  if (budget.left < 0)
    fail(path, `more than ${MAX_POSITIONS} positions`, `más de ${MAX_POSITIONS} posiciones`);
  const positions = value.map((p, i) => position(p, `${path}[${i}]`));
  const first = positions[0]!;
  const last = positions[positions.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1])
    fail(
      path,
      'the ring is not closed (last position must equal the first)',
      'el anillo no está cerrado (la última posición debe ser igual a la primera)',
    );
  for (let i = 0; i + 1 < positions.length; i++) {
    const a = positions[i]!;
    const b = positions[i + 1]!;
    if (a[0] === b[0] && a[1] === b[1])
      fail(`${path}[${i + 1}]`, 'repeats the previous position', 'repite la posición anterior');
  }
  return positions;
}

// Segment i of a closed ring runs from position i to i + 1; there are length − 1 segments.
function selfIntersection(r: Position[]): number | null {
  const m = r.length - 1;
  for (let i = 0; i < m; i++) {
    const a = r[i]!;
    const b = r[i + 1]!;
    for (let j = i + 1; j < m; j++) {
      const c = r[j]!;
      const d = r[j + 1]!;
      if (j === i + 1) {
        // adjacent at b: they may only meet there, so c must not double back along a–b
        if (
          orientation(a[0], a[1], b[0], b[1], d[0], d[1]) === 0 &&
          (a[0] - b[0]) * (d[0] - b[0]) + (a[1] - b[1]) * (d[1] - b[1]) > 0
        )
          return j;
      } else if (i === 0 && j === m - 1) {
        // adjacent at a (the closing position): the last segment c–a must not double back along a–b
        if (
          orientation(c[0], c[1], a[0], a[1], b[0], b[1]) === 0 &&
          (c[0] - a[0]) * (b[0] - a[0]) + (c[1] - a[1]) * (b[1] - a[1]) > 0
        )
          return j;
      } else if (segmentsIntersect(a[0], a[1], b[0], b[1], c[0], c[1], d[0], d[1])) return j;
    }
  }
  return null;
}

function ringsMeet(r: Position[], s: Position[]): boolean {
  for (let i = 0; i + 1 < r.length; i++)
    for (let j = 0; j + 1 < s.length; j++) {
      const a = r[i]!;
      const b = r[i + 1]!;
      const c = s[j]!;
      const d = s[j + 1]!;
      if (segmentsIntersect(a[0], a[1], b[0], b[1], c[0], c[1], d[0], d[1])) return true;
    }
  return false;
}

function polygon(value: unknown, path: string, budget: { left: number }): Position[][] {
  if (!Array.isArray(value) || value.length === 0)
    fail(path, 'must be a non-empty array of rings', 'debe ser un arreglo no vacío de anillos');
  const rings = value.map((r, i) => ring(r, `${path}[${i}]`, budget));
  rings.forEach((r, i) => {
    const j = selfIntersection(r);
    if (j !== null)
      fail(`${path}[${i}][${j}]`, 'the ring intersects itself here', 'el anillo se corta a sí mismo aquí');
  });
  for (let i = 0; i < rings.length; i++)
    for (let k = i + 1; k < rings.length; k++)
      if (ringsMeet(rings[i]!, rings[k]!))
        fail(
          `${path}[${k}]`,
          `the ring crosses or touches ring ${i}`,
          `el anillo corta o toca el anillo ${i}`,
        );
  return rings;
}

/**
 * Validates a parcel boundary: a GeoJSON Polygon or MultiPolygon whose rings are closed, have at
 * least 4 positions, stay within lon [-180, 180] and lat [-90, 90], repeat no position
 * consecutively, do not intersect themselves (a clear O(n²) segment test per ring) and do not
 * cross or touch the other rings of their polygon. Not checked: that holes lie inside the outer
 * ring, ring orientation (RFC 7946 asks readers to accept either) and overlaps between the
 * polygons of a MultiPolygon.
 *
 * @example validateBoundary({ type: 'Polygon', coordinates: [[[0,0],[1,0],[1,1],[0,0]]] }).status // 'valid'
 */
export function validateBoundary(value: unknown): BoundaryCheck {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      fail('', 'must be a GeoJSON geometry object', 'debe ser un objeto de geometría GeoJSON');
    const g = value as { type?: unknown; coordinates?: unknown };
    const budget = { left: MAX_POSITIONS };
    if (g.type === 'Polygon')
      return {
        status: 'valid',
        boundary: { type: 'Polygon', coordinates: polygon(g.coordinates, 'coordinates', budget) },
      };
    if (g.type === 'MultiPolygon') {
      if (!Array.isArray(g.coordinates) || g.coordinates.length === 0)
        fail(
          'coordinates',
          'must be a non-empty array of polygons',
          'debe ser un arreglo no vacío de polígonos',
        );
      const polygons = g.coordinates.map((p, i) => polygon(p, `coordinates[${i}]`, budget));
      return { status: 'valid', boundary: { type: 'MultiPolygon', coordinates: polygons } };
    }
    return fail('type', 'must be "Polygon" or "MultiPolygon"', 'debe ser "Polygon" o "MultiPolygon"');
  } catch (error) {
    if (error instanceof Invalid) return { status: 'invalid', path: error.path, reason: error.reason };
    throw error;
  }
}
