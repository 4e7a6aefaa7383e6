import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { defaultConfig } from '../src/core/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateUp } from '../src/db/migrator.js';
import { createServices } from '../src/server/services.js';
import { startBenchServer } from './bench-server.js';

// Figure `country`: p50 and p95 latency of the API calls the main web pages make on first render
// (home, federation, a cordón's body page, production with its alert boards, a workplace, a
// supply committee with its households, logistics, land), over a country-scale PostgreSQL
// database (3 million households, 30,000 workplaces, 100,000 products). Target: p95 < 300 ms.
// The database is DATABASE_URL or --database-url, else `cordones_country` on the server of
// TEST_DATABASE_URL; when it holds no accounts the bench loads the country scenario into it first
// with the CLI (minutes) and keeps it for the next run. The server runs in its own process.

const BIN = new URL('../bin/cordones.js', import.meta.url).pathname;

interface Call {
  page: string;
  path: string;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function ensureDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

/** The demo accounts' passwords and the ids the pages are opened on. */
async function prepare(url: string): Promise<{
  passwords: Map<string, string>;
  cordonId: string;
  assemblyId: string;
  japId: string;
}> {
  const database = await openDatabase({ kind: 'postgres', url });
  try {
    const outcome = await migrateUp(database.db);
    if (outcome.status !== 'ok') throw new Error(`migration failed: ${outcome.error}`);
    const services = await createServices(database, defaultConfig({ logLevel: 'silent' }));
    if ((await services.identity.accountCount()) === 0) {
      console.log('country: empty database, loading the country scenario with the CLI…');
      const load = spawnSync(process.execPath, [BIN, 'scenario', 'load', '--scale', 'country'], {
        env: { ...process.env, DATABASE_URL: url },
        stdio: 'inherit',
      });
      if (load.status !== 0) throw new Error('the country scenario did not load');
    }
    const passwords = new Map(
      (await services.identity.demoCredentials()).map((a) => [a.username, a.password]),
    );
    const { bodies } = await services.councils.federation();
    const id = (name: string) => {
      const b = bodies.find((x) => x.name === name);
      if (!b) throw new Error(`no body "${name}": is this a country-scale database?`);
      return b.id;
    };
    return {
      passwords,
      cordonId: id('Cordón R1-C1'),
      assemblyId: id('Asamblea R1-C1-T1'),
      japId: id('JAP R1-1'),
    };
  } finally {
    await database.close();
  }
}

async function signIn(base: string, username: string, password: string): Promise<string> {
  const r = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`sign-in of ${username} failed: ${r.status} ${await r.text()}`);
  return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function get(
  base: string,
  cookie: string,
  path: string,
): Promise<{ ms: number; body: unknown; bytes: number }> {
  const started = performance.now();
  const r = await fetch(`${base}${path}`, { headers: { cookie } });
  const text = await r.text();
  const ms = performance.now() - started;
  if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${text.slice(0, 200)}`);
  return { ms, body: JSON.parse(text), bytes: text.length };
}

/** Runs the bench: `npm run bench -- country [--database-url URL] [--rounds 20]`. */
export default async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      'database-url': { type: 'string' },
      rounds: { type: 'string', default: '20' },
    },
  });
  const admin = new URL(process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
  admin.pathname = '/cordones_country';
  const url = values['database-url'] ?? process.env.DATABASE_URL ?? admin.toString();
  if (!url.startsWith('postgres')) throw new Error('the country bench runs on PostgreSQL');
  const rounds = Number(values.rounds);
  await ensureDatabase(url);
  const ids = await prepare(url);
  const server = await startBenchServer(url, { env: { SIGNIN_PER_MINUTE: '1000' } });
  try {
    const ana = await signIn(server.url, 'ana', ids.passwords.get('ana')!);
    const luis = await signIn(server.url, 'luis', ids.passwords.get('luis')!);
    const base = server.url;
    // The calls each page makes on first render, as the web app makes them (web/src/<area>/…).
    const me = (await get(base, ana, '/api/me')).body as { bodies: { bodyId: string }[] };
    const workplace = (await get(base, ana, `/api/workplaces?bodyIds=${ids.assemblyId}`)).body as {
      workplaces: { id: string; bodyId: string }[];
    };
    const workplaceId = workplace.workplaces.find((w) => w.bodyId === ids.assemblyId)?.id;
    if (!workplaceId) throw new Error('the assembly of ana has no workplace');
    const indicators = (await get(base, ana, `/api/workplaces/${workplaceId}/indicators`)).body as {
      indicators: { id: string }[];
    };
    const month = new Date().toISOString().slice(0, 7);
    const calls: (Call & { cookie: string })[] = [
      ...['/api/me', '/api/audit?limit=15'].map((path) => ({ page: 'home', path, cookie: ana })),
      { page: 'federation', path: '/api/bodies', cookie: ana },
      ...[
        `/api/bodies/${ids.cordonId}`,
        `/api/bodies/${ids.cordonId}/members`,
        `/api/bodies/${ids.cordonId}/delegates`,
        `/api/bodies/${ids.cordonId}/petitions`,
        `/api/bodies/${ids.cordonId}/elections`,
        `/api/bodies/${ids.cordonId}/motions?status=open`,
        `/api/bodies/${ids.cordonId}/mandates`,
      ].map((path) => ({ page: 'body (cordón)', path, cookie: ana })),
      // the person's own workplaces, then the first page of the register
      {
        page: 'production',
        path: `/api/workplaces?bodyIds=${[...new Set(me.bodies.map((b) => b.bodyId))].sort().join(',')}`,
        cookie: ana,
      },
      { page: 'production', path: '/api/workplaces?limit=50&offset=0', cookie: ana },
      { page: 'production', path: '/api/workplaces?limit=50&offset=0&q=textil', cookie: ana },
      ...me.bodies.map((b) => ({
        page: 'production',
        path: `/api/alerts?body=${encodeURIComponent(b.bodyId)}`,
        cookie: ana,
      })),
      ...[
        `/api/workplaces/${workplaceId}`,
        `/api/workplaces/${workplaceId}/indicators`,
        ...indicators.indicators.map((i) => `/api/indicators/${i.id}/series?limit=90`),
      ].map((path) => ({ page: 'workplace', path, cookie: ana })),
      ...[
        `/api/supply/committees/${ids.japId}/basket`,
        `/api/supply/committees/${ids.japId}/households?limit=500`,
        `/api/supply/committees/${ids.japId}/points`,
        `/api/supply/committees/${ids.japId}/claims/progress?period=${month}`,
        `/api/supply/committees/${ids.japId}/claims/flags`,
        `/api/supply/committees/${ids.japId}/price-reports`,
      ].map((path) => ({ page: 'supply committee', path, cookie: luis })),
      ...[
        '/api/logistics/plans',
        '/api/logistics/vehicles',
        '/api/logistics/places?kind=depot',
        '/api/logistics/shipments',
        '/api/logistics/places',
      ].map((path) => ({ page: 'logistics', path, cookie: ana })),
      ...['/api/parcels?limit=5000', '/api/land/ledger'].map((path) => ({ page: 'land', path, cookie: ana })),
    ];
    const times = calls.map(() => [] as number[]);
    const sizes = calls.map(() => 0);
    // one warm-up round (JIT, caches, pool), then `rounds` timed rounds, one request at a time
    for (let round = -1; round < rounds; round++)
      for (const [i, call] of calls.entries()) {
        const r = await get(base, call.cookie, call.path);
        if (round >= 0) times[i]!.push(r.ms);
        sizes[i] = r.bytes;
      }
    console.log(
      `country: ${calls.length} API calls of the main pages, ${rounds} rounds each after a warm-up, one at a time, server in its own process on ${url.replace(/\/\/[^@]*@/, '//')} (${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})`,
    );
    let worst = 0;
    for (const [i, call] of calls.entries()) {
      const sorted = [...times[i]!].sort((a, b) => a - b);
      const p95 = percentile(sorted, 95);
      worst = Math.max(worst, p95);
      console.log(
        `  ${call.page.padEnd(17)} ${call.path.replace(/[0-9a-f-]{36}/g, ':id').padEnd(52)} p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms  ${(sizes[i]! / 1024).toFixed(0).padStart(6)} KiB`,
      );
    }
    console.log(
      `country: worst p95 ${worst.toFixed(1)} ms (target < 300 ms): ${worst < 300 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await server.stop();
  }
}
