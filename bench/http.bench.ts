import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { type DatabaseTarget, defaultConfig } from '../src/core/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateUp } from '../src/db/migrator.js';
import { createServices } from '../src/server/services.js';

// Figure `http`: requests/s and p99 latency of an authenticated read route (GET /api/me: session
// lookup, the person's bodies and seats) under autocannon with 50 connections, on SQLite and on
// PostgreSQL. The server runs in its own process, as in production; autocannon runs here.

const BIN = new URL('../bin/cordones.js', import.meta.url).pathname;
const PASSWORD = 'bench password 1972';

async function prepare(target: DatabaseTarget): Promise<void> {
  const database = await openDatabase(target);
  const outcome = await migrateUp(database.db);
  if (outcome.status !== 'ok') throw new Error(`migration failed: ${outcome.error}`);
  const services = await createServices(database, defaultConfig());
  const { personId } = await services.identity.createAccount(
    { kind: 'system', name: 'bench' },
    { username: 'bench', password: PASSWORD, displayName: 'Bench' },
  );
  // a realistic person: member of two bodies, delegate in one council
  const a = await services.councils.foundBody(
    { kind: 'workplace-assembly', name: 'Asamblea de Perlak', members: [{ personId, role: 'secretary' }] },
    { actorName: 'bench' },
  );
  await services.councils.foundBody(
    { kind: 'supply-committee', name: 'JAP La Victoria', members: [{ personId, role: 'member' }] },
    { actorName: 'bench' },
  );
  await services.councils.foundBody(
    {
      kind: 'cordon',
      name: 'Cordón Cerrillos-Maipú',
      seats: [{ constituencyId: a, holderPersonId: personId }],
    },
    { actorName: 'bench' },
  );
  await database.close();
}

async function startServer(databaseUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      DEMO: 'false',
      LOG_LEVEL: 'warn',
      SIGNIN_PER_MINUTE: '1000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!.replace('localhost', '127.0.0.1'));
    });
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function measure(url: string, connections: number, seconds: number): Promise<autocannon.Result> {
  const signIn = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: PASSWORD }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  const opts = { url: `${url}/api/me`, connections, headers: { cookie } };
  await autocannon({ ...opts, duration: 2 }); // warm-up: JIT, caches, pool
  return autocannon({ ...opts, duration: seconds });
}

/** Runs the bench: `npm run bench -- http [--duration 10] [--connections 50] [--dialects sqlite,postgres]`. */
export default async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      dialects: { type: 'string', default: 'sqlite,postgres' },
    },
  });
  const seconds = Number(values.duration);
  const connections = Number(values.connections);
  console.log(
    `http: GET /api/me (authenticated), ${connections} connections, ${seconds} s after a 2 s warm-up, server in its own process, ${os.cpus().length} CPUs shared by server and load generator`,
  );
  for (const dialect of values.dialects.split(',')) {
    let url: string;
    let cleanup = async () => {};
    if (dialect === 'sqlite') {
      url = join(mkdtempSync(join(os.tmpdir(), 'cordones-bench-')), 'bench.db');
      await prepare({ kind: 'sqlite', path: url });
    } else if (dialect === 'postgres') {
      const admin = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
      const client = new pg.Client({ connectionString: admin });
      try {
        await client.connect();
      } catch (err) {
        console.log(`postgres: skipped, no PostgreSQL at ${admin} (${(err as Error).message})`);
        continue;
      }
      await client.query('drop database if exists cordones_bench');
      await client.query('create database cordones_bench');
      const u = new URL(admin);
      u.pathname = '/cordones_bench';
      url = u.toString();
      await prepare({ kind: 'postgres', url });
      cleanup = async () => {
        await client.query('drop database if exists cordones_bench');
        await client.end();
      };
    } else {
      throw new Error(`unknown dialect ${dialect}`);
    }
    const server = await startServer(url);
    try {
      const r = await measure(server.url, connections, seconds);
      const bad = r.non2xx + r.errors + r.timeouts;
      console.log(
        `${dialect.padEnd(8)} ${Math.round(r.requests.average).toLocaleString('en')} requests/s (mean), p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.total.toLocaleString('en')} requests, ${bad} failed`,
      );
    } finally {
      await server.stop();
      await cleanup();
    }
  }
  console.log('target: ≥ 8,000 requests/s on SQLite on 2 cores');
}
