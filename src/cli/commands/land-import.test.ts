import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured as run } from '../../../test/run-cli.js';
import { openDatabase } from '../../db/database.js';
import { migrateUp } from '../../db/migrator.js';

const dir = mkdtempSync(join(tmpdir(), 'land-import-'));
const dbPath = join(dir, 'c.db');
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const ring = (x: number, y: number) => [
  [x, y],
  [x + 0.01, y],
  [x + 0.01, y + 0.01],
  [x, y + 0.01],
  [x, y],
];
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
  type: 'Feature',
  properties,
  geometry,
});
const good = {
  name: 'Fundo Pelequén',
  region: "O'Higgins",
  land_class: 'irrigated',
  area_hectares: 250,
  since: '1971-02-01',
};

describe('cordones land import / export', () => {
  const savedUrl = process.env.DATABASE_URL;
  beforeAll(async () => {
    const database = await openDatabase({ kind: 'sqlite', path: dbPath });
    expect((await migrateUp(database.db)).status).toBe('ok');
    await database.close();
    process.env.DATABASE_URL = dbPath;
  });
  afterAll(() => {
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
  });

  it('imports the good features of a GeoJSON file and reports each bad one, exiting non-zero', async () => {
    const path = file(
      'parcels.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          feature(good, { type: 'Polygon', coordinates: [ring(-70.9, -34.4)] }),
          feature({ ...good, name: 'Hijuela 2', status: 'occupied' }, null),
          feature({ ...good, area_hectares: 0 }, null),
          feature(good, {
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
          }),
          feature({ ...good, land_class: 'swamp' }, null),
          { type: 'Point' },
        ],
      }),
    );
    const first = await run(['land', 'import', path]);
    expect(first.code).not.toBe(0);
    expect(first.out).toContain(`${path} feature 2: areaHectares: must be a number greater than 0`);
    expect(first.out).toContain(
      `${path} feature 3: geometry.coordinates[0][2]: the ring intersects itself here`,
    );
    expect(first.out).toContain(`${path} feature 4: landClass: must be one of irrigated, dry, forest, other`);
    expect(first.out).toContain(`${path} feature 5: not a Feature`);
    expect(first.out).toContain('2 parcels imported (500.00 ha), 4 failed');
    expect(first.err).toContain('4 of 6 features failed');
  });

  it('imports a CSV (quoted names, line numbers in the report) and exports CSV and GeoJSON', async () => {
    const path = file(
      'parcels.csv',
      [
        'name,region,land_class,area_hectares,since,status,previous_owner',
        '"Fundo ""La Viña"", hijuela 1",Maule,dry,120.5,1970-09-01,private,Familia Errázuriz',
        'Fundo Sin Área,Maule,dry,,1970-09-01,private,',
        'Fundo Negativo,Maule,dry,-3,1970-09-01,private,',
        'Fundo Mal Fecha,Maule,dry,10,1970-02-30,private,',
        'Fundo Asignado,Maule,dry,10,1970-02-03,assigned,',
        '',
      ].join('\n'),
    );
    const res = await run(['land', 'import', path]);
    expect(res.code).not.toBe(0);
    expect(res.out).toContain(`${path} line 3: areaHectares: must be a number greater than 0`);
    expect(res.out).toContain(`${path} line 4: areaHectares`);
    expect(res.out).toContain(`${path} line 5: since: must be a date YYYY-MM-DD`);
    expect(res.out).toContain(
      `${path} line 6: status: must be one of private, occupied, expropriated, returned`,
    );
    expect(res.out).toContain('1 parcels imported (120.50 ha), 4 failed');

    const clean = file(
      'clean.csv',
      'name,region,land_class,area_hectares,since\nFundo Limpio,Ñuble,forest,33,1972-01-01\n',
    );
    expect((await run(['land', 'import', clean])).code).toBe(0);

    const csv = await run(['land', 'export', '--format', 'csv', '--region', 'Maule']);
    expect(csv.code).toBe(0);
    const lines = csv.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      '"Fundo ""La Viña"", hijuela 1",Maule,dry,120.50,private,1970-09-01,,Familia Errázuriz',
    );

    const out = join(dir, 'all.geojson');
    const geo = await run(['land', 'export', '--format', 'geojson', '--out', out]);
    expect(geo.out).toContain(`4 parcels written to ${out}`);
    const fc = JSON.parse(readFileSync(out, 'utf8')) as { features: { properties: { name: string } }[] };
    expect(fc.features.map((f) => f.properties.name).sort()).toEqual(
      ['Fundo "La Viña", hijuela 1', 'Fundo Limpio', 'Fundo Pelequén', 'Hijuela 2'].sort(),
    );
    // both exports read back through import
    const roundTrip = await run(['land', 'import', '--format', 'geojson', out]);
    expect(roundTrip.out).toContain('4 parcels imported');
    const csvOut = join(dir, 'all.csv');
    await run(['land', 'export', '--format', 'csv', '--out', csvOut]);
    expect((await run(['land', 'import', csvOut])).out).toContain('8 parcels imported');
    expect((await run(['land', 'export', '--format', 'xml'])).err).toContain(
      '--format: expected csv or geojson',
    );
  });
});
