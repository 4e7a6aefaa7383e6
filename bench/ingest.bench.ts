import os from 'node:os';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { type DatabaseTarget, defaultConfig } from '../src/core/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateUp } from '../src/db/migrator.js';
import { DETECTION_DEFAULTS } from '../src/production/core/detection-defaults.js';
import { initialMonitorState, type MonitorState, monitorStep } from '../src/production/core/monitor-step.js';
import { decodeMonitorState, encodeMonitorState } from '../src/production/monitor-state-codec.js';
import { periodIndex, periodOf } from '../src/production/report-period.js';
import { createServices, type Services } from '../src/server/services.js';
import { benchDatabase, startBenchServer } from './bench-server.js';
import { benchWorkplace } from './bench-workplace.js';

// Figure `ingest`: reports/s through POST /api/reports in batches of 1,000, forecasting and alert
// evaluation included, on SQLite and PostgreSQL. The server runs in its own process (bin/cordones.js
// serve), as in production; the senders run here. Each sender is the secretary of 50 workplace
// assemblies with 20 indicators each (a cordón's concentrator): one batch is one day of its 1,000
// indicators, so batches of different senders never touch the same indicator rows.
// Then, to say where the time goes, the same batches are timed in-process without HTTP, and the
// forecaster alone.

const _BIN = new URL('../bin/cordones.js', import.meta.url).pathname;
const PASSWORD = 'bench password 1972';
const WORKPLACES_PER_SENDER = 50;
const INDICATORS_PER_WORKPLACE = 20;
const BATCH = WORKPLACES_PER_SENDER * INDICATORS_PER_WORKPLACE;
const FIRST_DAY = periodIndex('1970-03-01', 'daily')!;

interface Sender {
  username: string;
  indicators: string[];
  /** Base level of each indicator. */
  levels: number[];
}

async function prepare(target: DatabaseTarget, senders: number): Promise<Sender[]> {
  const database = await openDatabase(target);
  const outcome = await migrateUp(database.db);
  if (outcome.status !== 'ok') throw new Error(`migration failed: ${outcome.error}`);
  const services = await createServices(database, defaultConfig());
  const out: Sender[] = [];
  for (let s = 0; s < senders; s++) {
    const username = `bench${s}`;
    const { personId } = await services.identity.createAccount(
      { kind: 'system', name: 'bench' },
      { username, password: PASSWORD, displayName: `Bench ${s}` },
    );
    const sender: Sender = { username, indicators: [], levels: [] };
    for (let w = 0; w < WORKPLACES_PER_SENDER; w++) {
      const bodyId = await services.councils.foundBody(
        {
          kind: 'workplace-assembly',
          name: `Asamblea ${s}-${w}`,
          members: [{ personId, role: 'secretary' }],
        },
        { actorName: 'bench' },
      );
      const { indicatorIds } = await benchWorkplace(
        services,
        bodyId,
        `Fábrica ${s}-${w}`,
        INDICATORS_PER_WORKPLACE,
        (i) => `Indicador ${i}`,
      );
      for (const [i, id] of indicatorIds.entries()) {
        sender.indicators.push(id);
        sender.levels.push(1000 + 100 * i + w);
      }
    }
    out.push(sender);
  }
  await database.close();
  return out;
}

// deterministic noise in [-1, 1)
function jitter(i: number, day: number): number {
  const x = Math.sin(i * 12.9898 + day * 78.233) * 43758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

function batchOf(sender: Sender, day: number): { indicatorId: string; period: string; value: number }[] {
  const period = periodOf(FIRST_DAY + day, 'daily');
  return sender.indicators.map((indicatorId, i) => ({
    indicatorId,
    period,
    // a step on a few indicators now and then, so alerts are raised and stored too
    value: Math.round(sender.levels[i]! * (i % 97 === day % 97 && day > 40 ? 0.5 : 1) + 10 * jitter(i, day)),
  }));
}

async function session(url: string, username: string): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

async function send(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ accepted: number; rejected: unknown[]; alertsRaised: number }> {
  const res = await fetch(`${url}/api/reports`, { method: 'POST', headers, body });
  if (res.status !== 200) throw new Error(`batch failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { accepted: number; rejected: unknown[]; alertsRaised: number };
}

/** Each sender sends days [from, to) in order; the senders run concurrently. Returns seconds and totals. */
async function drive(
  url: string,
  senders: Sender[],
  headers: Record<string, string>[],
  from: number,
  to: number,
): Promise<{ seconds: number; accepted: number; alerts: number }> {
  // bodies are built before the clock starts: the figure is the server's, not JSON.stringify's here
  const bodies = senders.map((s) =>
    Array.from({ length: to - from }, (_, k) => JSON.stringify({ items: batchOf(s, from + k) })),
  );
  let accepted = 0;
  let alerts = 0;
  const start = performance.now();
  await Promise.all(
    senders.map(async (_, s) => {
      for (const body of bodies[s]!) {
        const r = await send(url, headers[s]!, body);
        if (r.rejected.length > 0) throw new Error(`rejected: ${JSON.stringify(r.rejected[0])}`);
        accepted += r.accepted;
        alerts += r.alertsRaised;
      }
    }),
  );
  return { seconds: (performance.now() - start) / 1000, accepted, alerts };
}

/**
 * Chart reads after the ingest: `GET /api/indicators/:id/series` (the default 120 periods, each
 * indicator has 70–110 by then) for `count` indicators spread over all senders, 4 at a time.
 * Returns reads per second and the median and 95th-percentile latency in ms.
 */
async function seriesReads(
  url: string,
  senders: Sender[],
  headers: Record<string, string>[],
  count: number,
): Promise<{ perSecond: number; p50: number; p95: number; points: number }> {
  const jobs = Array.from({ length: count }, (_, k) => {
    const s = k % senders.length;
    const list = senders[s]!.indicators;
    return { s, id: list[(k * 7919) % list.length]! };
  });
  const latencies: number[] = [];
  let points = 0;
  const start = performance.now();
  for (let k = 0; k < jobs.length; k += 4) {
    await Promise.all(
      jobs.slice(k, k + 4).map(async ({ s, id }) => {
        const t = performance.now();
        const res = await fetch(`${url}/api/indicators/${id}/series`, { headers: headers[s]! });
        if (res.status !== 200) throw new Error(`series failed: ${res.status} ${await res.text()}`);
        points += ((await res.json()) as { points: unknown[] }).points.length;
        latencies.push(performance.now() - t);
      }),
    );
  }
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((x, y) => x - y);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: count / seconds, p50: at(0.5), p95: at(0.95), points: points / count };
}

/**
 * CPU time (user + system, ms) of each SQLite statement run while `on()` says so, by the start of
 * its SQL text: better-sqlite3's statements are wrapped as they are prepared (this process only).
 */
function statementTimes(on: () => boolean): Map<string, { runs: number; ms: number }> {
  const times = new Map<string, { runs: number; ms: number }>();
  const proto = SqliteDatabase.prototype as unknown as {
    prepare: (source: string) => Record<string, unknown>;
  };
  const prepare = proto.prepare;
  proto.prepare = function (this: unknown, source: string) {
    const statement = prepare.call(this, source);
    const label = source.replace(/\s+/g, ' ').slice(0, 60);
    for (const method of ['all', 'run', 'get', 'iterate']) {
      const f = (statement[method] as (...a: unknown[]) => unknown).bind(statement);
      statement[method] = (...a: unknown[]) => {
        if (!on()) return f(...a);
        const before = process.cpuUsage();
        const result = f(...a);
        const used = process.cpuUsage(before);
        const t = times.get(label) ?? { runs: 0, ms: 0 };
        t.runs += 1;
        t.ms += (used.user + used.system) / 1000;
        times.set(label, t);
        return result;
      };
    }
    return statement;
  };
  return times;
}

/**
 * The same batches through `ReportsService.ingest` in this process: no HTTP, no JSON, no validation.
 * Returns reports per second of wall time and per second of this process's CPU time (user + system),
 * the second steadier on a shared machine (SQLite's work is in this process; PostgreSQL's is not),
 * and with `statements` (SQLite) the CPU time of each statement per report.
 */
async function inProcess(
  target: DatabaseTarget,
  senders: Sender[],
  from: number,
  to: number,
  statements = false,
): Promise<{ wall: number; cpu: number; statements: [string, number][] }> {
  let timing = false;
  const times = statements ? statementTimes(() => timing) : null;
  const database = await openDatabase(target);
  const services: Services = await createServices(database, defaultConfig());
  const system = { kind: 'system', name: 'bench' } as const;
  const batches = senders.flatMap((s) => Array.from({ length: to - from }, (_, k) => batchOf(s, from + k)));
  // the first batch reads the indicator headers, as the server's first batches did
  await services.production.reports.ingest(system, batches.shift()!);
  const start = performance.now();
  const cpu = process.cpuUsage();
  let n = 0;
  timing = true;
  for (const b of batches) n += (await services.production.reports.ingest(system, b)).accepted;
  timing = false;
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  await database.close();
  const perReport: [string, number][] = [...(times ?? [])]
    .map(([sql, t]): [string, number] => [sql, (1000 * t.ms) / n])
    .sort((a, b) => b[1] - a[1]);
  return { wall: n / seconds, cpu: n / ((used.user + used.system) / 1e6), statements: perReport };
}

/**
 * What explains a PostgreSQL figure: whether autovacuum runs, and how many updates of the
 * indicator rows were HOT (no new index entries) and the size the table grew to.
 */
async function postgresNotes(url: string): Promise<string> {
  // a client of its own, ended before the database is dropped
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const autovacuum = (await client.query<{ autovacuum: string }>('show autovacuum')).rows[0]?.autovacuum;
    const s = (
      await client.query<{ upd: string; hot: string; size: string }>(
        `select n_tup_upd as upd, n_tup_hot_upd as hot, pg_size_pretty(pg_relation_size(relid)) as size
         from pg_stat_user_tables where relname = 'indicator_series'`,
      )
    ).rows[0];
    const hot = s && Number(s.upd) > 0 ? ((100 * Number(s.hot)) / Number(s.upd)).toFixed(1) : '?';
    return `autovacuum ${autovacuum}, ${hot} % of indicator_series updates HOT, indicator_series table ${s?.size}`;
  } finally {
    await client.end();
  }
}

/** monitorStep plus decoding and encoding the stored state, per report (what ingest does per item). */
function forecasterOnly(): number {
  const n = 200_000;
  let state: MonitorState = initialMonitorState();
  for (let d = 0; d < 60; d++) state = monitorStep(state, 1000 + 10 * jitter(1, d), DETECTION_DEFAULTS).state;
  const start = performance.now();
  let s = encodeMonitorState(state);
  for (let d = 0; d < n; d++) {
    const r = monitorStep(decodeMonitorState(s), 1000 + 10 * jitter(1, d + 60), DETECTION_DEFAULTS);
    s = encodeMonitorState(r.state);
  }
  return n / ((performance.now() - start) / 1000);
}

/**
 * Runs the bench: `npm run bench -- ingest [--senders 4] [--days 40] [--dialects sqlite,postgres]
 * [--profile DIR] [--statements]`.
 */
export default async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      senders: { type: 'string', default: '4' },
      days: { type: 'string', default: '40' },
      warmup: { type: 'string', default: '30' },
      dialects: { type: 'string', default: 'sqlite,postgres' },
      // a folder: the server runs with --cpu-prof and writes its profile there when it stops
      profile: { type: 'string' },
      // CPU time of each SQLite statement of the in-process part, per report
      statements: { type: 'boolean', default: false },
    },
  });
  const senders = Number(values.senders);
  const days = Number(values.days);
  const warmup = Number(values.warmup);
  // the machine may be shared: the figures follow its load
  console.log(
    `load average at start: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}`,
  );
  console.log(
    `ingest: POST /api/reports, batches of ${BATCH.toLocaleString('en')} (one day of ${WORKPLACES_PER_SENDER} workplaces × ${INDICATORS_PER_WORKPLACE} indicators), ${senders} concurrent senders, ${days} days each after ${warmup} warm-up days (forecaster past its warm-up), server in its own process, ${os.cpus().length} CPUs shared by server and senders`,
  );
  for (const dialect of values.dialects.split(',')) {
    const database = await benchDatabase(dialect, 'cordones_bench_ingest');
    if (!database) continue;
    const { target } = database;
    try {
      const list = await prepare(target, senders);
      const server = await startBenchServer(
        database.url,
        values.profile ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] } : {},
      );
      let measured: { seconds: number; accepted: number; alerts: number };
      let serverCpu = Number.NaN;
      let senderCpu = Number.NaN;
      let reads: Awaited<ReturnType<typeof seriesReads>>;
      let readCpu = Number.NaN;
      try {
        const headers = await Promise.all(list.map((s) => session(server.url, s.username)));
        await drive(server.url, list, headers, 0, warmup);
        const serverBefore = server.cpuMs() / 1000;
        const senderBefore = process.cpuUsage();
        measured = await drive(server.url, list, headers, warmup, warmup + days);
        serverCpu = server.cpuMs() / 1000 - serverBefore;
        const used = process.cpuUsage(senderBefore);
        senderCpu = (used.user + used.system) / 1e6;
        const beforeReads = server.cpuMs() / 1000;
        reads = await seriesReads(server.url, list, headers, 400);
        readCpu = (server.cpuMs() / 1000 - beforeReads) / 400;
      } finally {
        await server.stop();
      }
      const rate = measured.accepted / measured.seconds;
      console.log(
        `${dialect.padEnd(8)} ${Math.round(rate).toLocaleString('en')} reports/s over HTTP (${measured.accepted.toLocaleString('en')} reports in ${measured.seconds.toFixed(2)} s, ${(measured.seconds / ((days * senders) / senders)).toFixed(3)} s per round of ${senders} batches, ${measured.alerts} alerts raised)`,
      );
      console.log(
        `${''.padEnd(8)} CPU per report during it: server process ${((1e6 * serverCpu) / measured.accepted).toFixed(1)} µs (${Math.round(measured.accepted / serverCpu).toLocaleString('en')} reports per server CPU-second), senders (this process) ${((1e6 * senderCpu) / measured.accepted).toFixed(1)} µs; ${dialect === 'postgres' ? "PostgreSQL's own processes not counted" : 'SQLite runs inside the server process'}`,
      );
      console.log(
        `${''.padEnd(8)} ${Math.round(reads.perSecond).toLocaleString('en')} series reads/s over HTTP (GET /api/indicators/:id/series, ${Math.round(reads.points)} points each, 4 at a time): median ${reads.p50.toFixed(1)} ms, 95th percentile ${reads.p95.toFixed(1)} ms; server CPU ${(1000 * readCpu).toFixed(2)} ms a read`,
      );
      const direct = await inProcess(
        target,
        list,
        warmup + days,
        warmup + days + Math.min(days, 20),
        values.statements && dialect === 'sqlite',
      );
      console.log(
        `${''.padEnd(8)} ${Math.round(direct.wall).toLocaleString('en')} reports/s in-process through ReportsService.ingest, one batch at a time (no HTTP, JSON or validation); ${Math.round(direct.cpu).toLocaleString('en')} reports per CPU-second of this process`,
      );
      for (const [text, us] of direct.statements)
        console.log(`${''.padEnd(8)} ${us.toFixed(2).padStart(6)} µs CPU per report in SQLite: ${text}`);
      if (dialect === 'postgres') console.log(`${''.padEnd(8)} ${await postgresNotes(database.url)}`);
    } finally {
      await database.cleanup();
    }
  }
  console.log(
    `forecaster alone: ${Math.round(forecasterOnly()).toLocaleString('en')} reports/s (monitorStep with the stored state decoded and encoded, one core)`,
  );
  console.log(
    `load average at end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}`,
  );
  console.log('targets: ≥ 50,000 reports/s on SQLite, ≥ 20,000 reports/s on PostgreSQL, on 2 cores');
}
