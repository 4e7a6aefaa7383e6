import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import {
  createFederation,
  createTestServices,
  createTestWorkplace,
  FIRST_REPORT_DAY,
  personPrincipal,
  reportDay,
} from '../../../test/factories.js';
import { openDatabase } from '../../db/database.js';
import { migrateUp } from '../../db/migrator.js';
import { periodIndex, periodOf } from '../../production/report-period.js';

const BIN = fileURLToPath(new URL('../../../bin/cordones.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'production-import-alongside-'));
const dbPath = join(dir, 'cordones.db');
const system = { kind: 'system', name: 'test' } as const;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The CLI is meant to be run on a live deployment: a workplace's backlog imported while the server
// takes the day's reports. Two processes then write to one SQLite file; each transaction reads (the
// audit head, the series states) before it writes, and with SQLite's default DEFERRED transactions
// whichever side the other committed under failed at once with "database is locked".
it('imports a CSV while another process ingests into the same SQLite file, losing nothing on either side', async () => {
  const database = await openDatabase({ kind: 'sqlite', path: dbPath });
  expect((await migrateUp(database.db)).status).toBe('ok');
  const services = await createTestServices(database);
  const fed = await createFederation(services);
  const workplace = await createTestWorkplace(services, fed.bodies.assemblyA, 'Textil Progreso');
  const [telares, hilos] = await services.production.register.createIndicators(
    personPrincipal(fed.people.secretaryA),
    workplace.id,
    [
      { name: 'Telares', kind: 'custom', unit: 'looms' },
      { name: 'Hilos', kind: 'custom', unit: 'kg' },
    ],
  );

  // 300 days of Hilos for the CLI, in chunks of one transaction each (its CHUNK is 5,000 lines)
  const lines = ['workplace,indicator,period,value'];
  for (let d = 0; d < 300; d++) lines.push(`Textil Progreso,Hilos,${reportDay(d)},${400 + (d % 9)}`);
  const csv = join(dir, 'hilos.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);

  const child = spawn(process.execPath, [BIN, 'production', 'import', csv], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: dbPath, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let running = true;
  void exited.then(() => {
    running = false;
  });

  // meanwhile this process ingests Telares a day at a time, as the server would, until the CLI is
  // done; its days start in 1970 so that none is past the clock's horizon however long the CLI takes
  const parentFirstDay = periodIndex('1970-01-01', 'daily')!;
  const capacity = FIRST_REPORT_DAY + 100 - parentFirstDay;
  const failures: string[] = [];
  let days = 0;
  while ((running || days < 20) && days < capacity) {
    try {
      const outcome = await services.production.reports.ingest(system, [
        {
          indicatorId: telares!.id,
          period: periodOf(parentFirstDay + days, 'daily'),
          value: 12 + (days % 3),
        },
      ]);
      if (outcome.accepted !== 1) failures.push(JSON.stringify(outcome));
    } catch (error) {
      failures.push(String(error));
    }
    days++;
    // better-sqlite3 answers synchronously, so without a pause the child's exit (and its output)
    // would never be seen; a millisecond also keeps the loop to a server's pace
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  expect(days, 'the CLI outlasted the days this side can report').toBeLessThan(capacity);
  const code = await exited;

  expect(failures).toEqual([]);
  expect(code, out).toBe(0);
  expect(out).toContain('300 reports stored, 0 already stored, 0 lines failed');
  const stored = async (indicatorId: string) =>
    Number(
      (
        await sql<{ n: number }>`
          select count(*) as n from (select indicator_no from reports union all select indicator_no from recent_reports) r
          join indicator_series s on s.no = r.indicator_no where s.indicator_id = ${indicatorId}`.execute(
          database.db,
        )
      ).rows[0]!.n,
    );
  expect(await stored(hilos!.id)).toBe(300);
  expect(await stored(telares!.id)).toBe(days);
  // both processes appended to one audit chain, and it still verifies link by link
  expect((await services.audit.verify()).status).toBe('intact');
  await database.close();
}, 60_000);
