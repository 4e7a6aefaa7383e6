import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultConfig } from '../src/core/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateUp } from '../src/db/migrator.js';
import { periodOf } from '../src/production/report-period.js';
import { createServices } from '../src/server/services.js';
import { benchWorkplace } from './bench-workplace.js';

// CPU time of ReportsService.ingest per report on SQLite, in one fresh process per run: no HTTP, no
// other process, so the figure moves less with the machine's load than `ingest`'s reports/s. Meant
// for before/after comparisons of ingest's own code: run it on both commits, alternately.
const WORKPLACES = 100;
const INDICATORS = 20;
const WARM_DAYS = 30;
const DAYS = 40;

async function once(): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'cordones-ingest-cpu-'));
  const database = await openDatabase({ kind: 'sqlite', path: join(dir, 'cordones.db') });
  try {
    const migrated = await migrateUp(database.db);
    if (migrated.status !== 'ok') throw new Error(`migration failed: ${migrated.error}`);
    const services = await createServices(database, defaultConfig({ logLevel: 'silent' }));
    const system = { kind: 'system', name: 'bench' } as const;
    const ids: string[] = [];
    for (let w = 0; w < WORKPLACES; w++) {
      const bodyId = await services.councils.foundBody(
        { kind: 'workplace-assembly', name: `Asamblea ${w}`, members: [] },
        { actorName: 'bench' },
      );
      const { indicatorIds } = await benchWorkplace(
        services,
        bodyId,
        `Fábrica ${w}`,
        INDICATORS,
        (i) => `Indicador ${i}`,
      );
      ids.push(...indicatorIds);
    }
    // a level per indicator, deterministic wobble, a halving now and then (alerts raised and stored)
    const batch = (d: number) =>
      ids.map((indicatorId, i) => {
        const x = Math.sin(i * 12.9898 + d * 78.233) * 43758.5453;
        const wobble = (x - Math.floor(x)) * 2 - 1;
        const level = (1000 + 7 * i) * (i % 97 === d % 97 && d > 40 ? 0.5 : 1);
        return { indicatorId, period: periodOf(3000 + d, 'daily'), value: Math.round(level + 10 * wobble) };
      });
    for (let d = 0; d < WARM_DAYS; d++) await services.production.reports.ingest(system, batch(d));
    const cpu = process.cpuUsage();
    let reports = 0;
    for (let d = WARM_DAYS; d < WARM_DAYS + DAYS; d++)
      reports += (await services.production.reports.ingest(system, batch(d))).accepted;
    const used = process.cpuUsage(cpu);
    console.log(`${((used.user + used.system) / reports).toFixed(2)}`);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `npm run bench -- ingest-cpu [--runs 5]`: each run a fresh process and SQLite file with
 * 2,000 indicators, 30 days ingested to warm the forecasters, then 40 days (80,000 reports) timed;
 * prints each run's CPU µs per report and their median.
 */
export default async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { runs: { type: 'string', default: '5' }, once: { type: 'boolean' } },
  });
  if (values.once) return once();
  const runs = Number(values.runs);
  const figures: number[] = [];
  for (let r = 0; r < runs; r++) {
    const child = spawnSync(
      process.execPath,
      [
        '--max-semi-space-size=32',
        '--import',
        'tsx',
        join(import.meta.dirname, 'run.ts'),
        'ingest-cpu',
        '--once',
      ],
      { encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(`run ${r + 1} failed: ${child.stderr}`);
    figures.push(Number(child.stdout.trim().split('\n').at(-1)));
  }
  const sorted = [...figures].sort((a, b) => a - b);
  console.log(
    `ingest-cpu: ReportsService.ingest on SQLite, ${WORKPLACES * INDICATORS} indicators, ${DAYS} days timed after ${WARM_DAYS}, one fresh process per run (server flags), load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}`,
  );
  console.log(`  CPU µs per report, each run: ${figures.map((f) => f.toFixed(2)).join(', ')}`);
  console.log(`  median: ${sorted[Math.floor((sorted.length - 1) / 2)]!.toFixed(2)} µs per report`);
}
