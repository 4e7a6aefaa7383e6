import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { type DatabaseTarget, defaultConfig } from '../src/core/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateUp } from '../src/db/migrator.js';
import { createServices } from '../src/server/services.js';
import { benchDatabase, startBenchServer } from './bench-server.js';

// Figure `http`: requests/s and p99 latency of an authenticated read route (GET /api/me: session
// lookup, the person's bodies and seats) under autocannon with 50 connections, on SQLite and on
// PostgreSQL. The server runs in its own process, as in production; autocannon runs here.

const _BIN = new URL('../bin/cordones.js', import.meta.url).pathname;
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
    const database = await benchDatabase(dialect, 'cordones_bench_http');
    if (!database) continue;
    await prepare(database.target);
    const server = await startBenchServer(database.url, { env: { SIGNIN_PER_MINUTE: '1000' } });
    try {
      const r = await measure(server.url, connections, seconds);
      const bad = r.non2xx + r.errors + r.timeouts;
      console.log(
        `${dialect.padEnd(8)} ${Math.round(r.requests.average).toLocaleString('en')} requests/s (mean), p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.total.toLocaleString('en')} requests, ${bad} failed`,
      );
    } finally {
      await server.stop();
      await database.cleanup();
    }
  }
  console.log('target: ≥ 8,000 requests/s on SQLite on 2 cores');
}
