import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFederation, personPrincipal } from '../../../test/factories.js';
import { runCliCaptured as run } from '../../../test/run-cli.js';
import { defaultConfig } from '../../core/config.js';
import { openDatabase } from '../../db/database.js';
import { migrateUp } from '../../db/migrator.js';
import { createServices } from '../../server/services.js';

const dir = mkdtempSync(join(tmpdir(), 'production-import-'));
const dbPath = join(dir, 'c.db');
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('cordones production import', () => {
  let indicatorId = '';
  const savedUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    const database = await openDatabase({ kind: 'sqlite', path: dbPath });
    expect((await migrateUp(database.db)).status).toBe('ok');
    const services = await createServices(database, defaultConfig({ logLevel: 'silent' }));
    const fed = await createFederation(services);
    const w = await services.production.register.createWorkplace(personPrincipal(fed.people.secretaryA), {
      bodyId: fed.bodies.assemblyA,
      name: 'Cristalerías Chile',
      sector: 'glass',
      latitude: -33.5,
      longitude: -70.7,
      workforce: 800,
      status: 'intervened',
      since: '1972-06-01',
    });
    const [ind] = await services.production.register.createIndicators(
      personPrincipal(fed.people.secretaryA),
      w.id,
      [{ name: 'Botellas', kind: 'output', unit: 'unit' }],
    );
    indicatorId = ind!.id;
    await database.close();
    process.env.DATABASE_URL = dbPath;
  });
  afterAll(() => {
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
  });

  it('imports named lines, reports each bad line, exits non-zero, and is idempotent', async () => {
    const lines = ['workplace,indicator,period,value'];
    for (let d = 1; d <= 20; d++)
      lines.push(`Cristalerías Chile,Botellas,1972-08-${String(d).padStart(2, '0')},${5000 + (d % 3)}`);
    lines.push('Cristalerías Chile,Botellas,1972-08-21,NaN');
    lines.push('Cristalerías Chile,Vasos,1972-08-21,10');
    lines.push('"Fábrica ""Nueva""",Botellas,1972-08-21,10');
    lines.push('Cristalerías Chile,Botellas,1972-08-22');
    lines.push('Cristalerías Chile,Botellas,3000-01-01,10');
    const path = file('named.csv', `${lines.join('\n')}\n`);
    const first = await run(['production', 'import', path]);
    expect(first.code).not.toBe(0);
    expect(first.out).toContain('20 reports stored, 0 already stored, 5 lines failed');
    expect(first.out).toContain(`${path} line 22: value: NaN and Infinity are not values`);
    expect(first.out).toContain(`${path} line 23: workplace "Cristalerías Chile" has no indicator "Vasos"`);
    expect(first.out).toContain(`${path} line 24: no workplace "Fábrica "Nueva""`);
    expect(first.out).toContain(`${path} line 25: expected 4 fields, found 3`);
    expect(first.out).toMatch(/line 26: period: .*3000-01-01/);
    expect(first.err).toContain('5 of 25 lines failed');

    const good = file('good.csv', `${lines.slice(0, 21).join('\n')}\n`);
    const again = await run(['production', 'import', good]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('0 reports stored, 20 already stored, 0 lines failed');
  });

  it('takes the indicator from flags with a period,value or timestamp,value file', async () => {
    const byId = file('by-id.csv', 'timestamp,value\n1972-08-23T00:00:00Z,5001\n1972-08-24,5002\n');
    const one = await run(['production', 'import', byId, '--indicator', indicatorId]);
    expect(one.code).toBe(0);
    expect(one.out).toContain('2 reports stored');
    const byName = file('by-name.csv', 'period,value\n1972-08-25,5003\n1972-08-24,4000\n');
    const two = await run([
      'production',
      'import',
      byName,
      '--workplace',
      'Cristalerías Chile',
      '--indicator',
      'Botellas',
    ]);
    expect(two.code).not.toBe(0);
    expect(two.out).toContain('line 3: value: 1972-08-24 was already reported with the value 5002');
    const wrongHeader = await run(['production', 'import', byName]);
    expect(wrongHeader.code).not.toBe(0);
    expect(wrongHeader.err).toContain('line 1: the header must be workplace,indicator,period,value');
    const unknown = await run([
      'production',
      'import',
      byName,
      '--workplace',
      'Nada',
      '--indicator',
      'Botellas',
    ]);
    expect(unknown.err).toContain('no workplace "Nada"');
  });
});
