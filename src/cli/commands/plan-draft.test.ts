import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured as run } from '../../../test/run-cli.js';
import { defaultConfig } from '../../core/config.js';
import { openDatabase } from '../../db/database.js';
import { migrateUp } from '../../db/migrator.js';
import { createPlanningWorld } from '../../planning/planning.fixture.js';
import { createServices } from '../../server/services.js';

const dbPath = join(mkdtempSync(join(tmpdir(), 'plan-draft-')), 'c.db');

describe('cordones plan draft', () => {
  const savedUrl = process.env.DATABASE_URL;
  let nation = '';

  beforeAll(async () => {
    const database = await openDatabase({ kind: 'sqlite', path: dbPath });
    expect((await migrateUp(database.db)).status).toBe('ok');
    const services = await createServices(database, defaultConfig({ logLevel: 'silent' }));
    nation = (await createPlanningWorld(services)).bodies.nation;
    await database.close();
    process.env.DATABASE_URL = dbPath;
  });
  afterAll(() => {
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
  });

  it('drafts from the entitlements, solves in a worker and names the bottleneck', async () => {
    const { code, out } = await run(['plan', 'draft', '--period', '1972-10']);
    expect(code).toBe(0);
    expect(out).toMatch(/plan \S+ \(1972-10\): 1 products with targets/);
    expect(out).toMatch(/not planned \(no product with code sugar-\S+\): 22140 g of Azúcar/);
    expect(out).toContain(`θ ${(100 / 155).toFixed(4)}`);
    expect(out).toMatch(/bottleneck Leche at level 0\.6452/);
    const json = await run(['plan', 'draft', '--period', '1972-Q4', '--body', nation, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ period: '1972-Q4', status: 'draft', bodyId: nation });
  });

  it('refuses a bad period and a body that is not a national assembly with one line', async () => {
    const bad = await run(['plan', 'draft', '--period', '1972-W42']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--period must be a month YYYY-MM or a quarter YYYY-Qn');
    const body = await run([
      'plan',
      'draft',
      '--period',
      '1972-10',
      '--body',
      '01930000-0000-7000-8000-000000000000',
    ]);
    expect(body.code).not.toBe(0);
    expect(body.err).toContain('plans are decided by the national assembly');
  });
});
