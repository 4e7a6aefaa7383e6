import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateBoundary } from './boundary-geometry.js';
import { segmentsIntersect } from './segments-intersect.js';

const square = [
  [-71, -35],
  [-70.9, -35],
  [-70.9, -34.9],
  [-71, -34.9],
  [-71, -35],
];

describe('segmentsIntersect', () => {
  it('sees crossings, touching ends and collinear overlaps, and nothing else', () => {
    expect(segmentsIntersect(0, 0, 2, 2, 0, 2, 2, 0)).toBe(true);
    expect(segmentsIntersect(0, 0, 1, 0, 1, 0, 2, 5)).toBe(true);
    expect(segmentsIntersect(0, 0, 2, 0, 1, 0, 3, 0)).toBe(true);
    expect(segmentsIntersect(0, 0, 1, 0, 2, 0, 3, 0)).toBe(false);
    expect(segmentsIntersect(0, 0, 1, 1, 0, 1, 1, 2)).toBe(false);
  });

  it('is symmetric in its two segments and in their ends', () => {
    const c = fc.integer({ min: -5, max: 5 });
    fc.assert(
      fc.property(c, c, c, c, c, c, c, c, (ax, ay, bx, by, cx, cy, dx, dy) => {
        const r = segmentsIntersect(ax, ay, bx, by, cx, cy, dx, dy);
        expect(segmentsIntersect(cx, cy, dx, dy, ax, ay, bx, by)).toBe(r);
        expect(segmentsIntersect(bx, by, ax, ay, dx, dy, cx, cy)).toBe(r);
      }),
    );
  });
});

describe('validateBoundary', () => {
  it('accepts a closed square polygon and a multipolygon, dropping heights', () => {
    expect(validateBoundary({ type: 'Polygon', coordinates: [square] }).status).toBe('valid');
    const withHeight = { type: 'Polygon', coordinates: [square.map(([x, y]) => [x, y, 300])] };
    const check = validateBoundary(withHeight);
    expect(check.status === 'valid' && check.boundary.coordinates[0]![0]).toEqual([-71, -35]);
    const other = square.map(([x, y]) => [x! + 1, y!]);
    expect(validateBoundary({ type: 'MultiPolygon', coordinates: [[square], [other]] }).status).toBe('valid');
  });

  it('accepts a square with a hole inside it', () => {
    const hole = [
      [-70.97, -34.97],
      [-70.93, -34.97],
      [-70.93, -34.93],
      [-70.97, -34.97],
    ];
    expect(validateBoundary({ type: 'Polygon', coordinates: [square, hole] }).status).toBe('valid');
  });

  it.each([
    ['not an object', 'x', ''],
    ['a point', { type: 'Point', coordinates: [0, 0] }, 'type'],
    ['an open ring', { type: 'Polygon', coordinates: [square.slice(0, 4)] }, 'coordinates[0]'],
    [
      'three positions',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      'coordinates[0]',
    ],
    [
      'longitude 200',
      {
        type: 'Polygon',
        coordinates: [
          [
            [200, 0],
            [1, 0],
            [1, 1],
            [200, 0],
          ],
        ],
      },
      'coordinates[0][0]',
    ],
    [
      'latitude -91',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, -91],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      'coordinates[0][1]',
    ],
    [
      'a text coordinate',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            ['1', 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      'coordinates[0][1]',
    ],
    [
      'a repeated position',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      'coordinates[0][2]',
    ],
    ['an empty multipolygon', { type: 'MultiPolygon', coordinates: [] }, 'coordinates'],
  ])('refuses %s at its path', (_, value, path) => {
    const check = validateBoundary(value);
    expect(check.status).toBe('invalid');
    expect(check.status === 'invalid' && check.path).toBe(path);
  });

  it('refuses a bow-tie (self-intersecting) ring and a spike that doubles back', () => {
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    const check = validateBoundary(bowTie);
    expect(check.status).toBe('invalid');
    expect(check.status === 'invalid' && check.reason.en).toMatch(/intersects itself/);
    const spike = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    expect(validateBoundary(spike).status).toBe('invalid');
    const flat = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [2, 0],
          [0, 0],
        ],
      ],
    };
    expect(validateBoundary(flat).status).toBe('invalid');
  });

  it('refuses a hole that crosses the outer ring', () => {
    const hole = [
      [-70.95, -34.95],
      [-70.8, -34.95],
      [-70.8, -34.92],
      [-70.95, -34.95],
    ];
    const check = validateBoundary({ type: 'Polygon', coordinates: [square, hole] });
    expect(check.status === 'invalid' && check.path).toBe('coordinates[1]');
  });

  it('accepts every convex polygon built from sorted angles (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 359 }), { minLength: 3, maxLength: 40 }),
        (degrees) => {
          const sorted = [...degrees].sort((a, b) => a - b);
          const pts = sorted.map((d) => [Math.cos((d * Math.PI) / 180), Math.sin((d * Math.PI) / 180)]);
          const r = [...pts, pts[0]!];
          // three points on a half circle may still be collinear only if antipodal and adjacent; never here
          expect(validateBoundary({ type: 'Polygon', coordinates: [r] }).status).toBe('valid');
        },
      ),
    );
  });
});
