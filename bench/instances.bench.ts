import { parseArgs } from 'node:util';
import { defaultConfig } from '../src/core/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateUp } from '../src/db/migrator.js';
import { createServices } from '../src/server/services.js';
import { type BenchServer, benchDatabase, startBenchServer } from './bench-server.js';

// Figure `instances`: the event stream across three server instances on one PostgreSQL. Events are
// committed by this process (as any instance or the CLI would: one audit command each, its NOTIFY
// inside the transaction) and read back from the SSE stream of each of three `cordones serve`
// processes. Reported: the delay from commit to arrival on each stream (one writer, one event at a
// time), and a burst from many concurrent writers (events/s delivered to all three streams).
// Every stream is checked to carry every event exactly once and in seq order.

const PASSWORD = 'bench password 1972';

interface Received {
  seq: number;
  at: number;
}

/** Reads an SSE stream in the background, timing each event's arrival. */
function openStream(url: string, cookie: string) {
  const received: Received[] = [];
  const abort = new AbortController();
  let ready: () => void = () => {};
  const opened = new Promise<void>((r) => {
    ready = r;
  });
  const done = (async () => {
    const res = await fetch(url, { headers: { cookie }, signal: abort.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return;
      ready();
      const at = performance.now();
      buffer += decoder.decode(chunk.value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const id = /^id: (\d+)$/m.exec(buffer.slice(0, end));
        if (id) received.push({ seq: Number(id[1]), at });
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    }
  })().catch(() => {});
  const close = () => {
    abort.abort();
    return done;
  };
  return { received, opened, close };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export default async function instancesBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      events: { type: 'string', default: '500' },
      burst: { type: 'string', default: '4000' },
      writers: { type: 'string', default: '16' },
    },
  });
  const sequential = Number(values.events);
  const burst = Number(values.burst);
  const writers = Number(values.writers);
  const bench = await benchDatabase('postgres', 'cordones_bench_instances');
  if (!bench) return;
  const database = await openDatabase(bench.target, { poolSize: writers });
  const servers: BenchServer[] = [];
  try {
    const migrated = await migrateUp(database.db);
    if (migrated.status !== 'ok') throw new Error(`migration failed: ${migrated.error}`);
    const services = await createServices(database, defaultConfig({ logLevel: 'silent' }));
    await services.identity.createAccount(
      { kind: 'system', name: 'bench' },
      { username: 'watcher', password: PASSWORD, displayName: 'Watcher' },
    );
    servers.push(...(await Promise.all([0, 1, 2].map(() => startBenchServer(bench.url)))));
    const signIn = await fetch(`${servers[0]!.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'watcher', password: PASSWORD }),
    });
    const cookie = /cordones_session=[^;]+/.exec(signIn.headers.get('set-cookie') ?? '')?.[0] ?? '';
    const streams = servers.map((s) => openStream(`${s.url}/api/events/stream`, cookie));
    await Promise.all(streams.map((s) => s.opened));

    const committedAt = new Map<number, number>();
    // nothing else writes meanwhile, so the i-th sequential event gets seq before + i + 1
    const write = (i: number) =>
      services.audit.runCommand({ actor: { kind: 'system', name: 'bench' } }, async (c) => {
        c.record({ action: 'bench.event', subjectType: 'bench', subjectId: `e${i}`, payload: { i } });
      });
    const head = () => services.audit.headSeq();
    const waitFor = async (seq: number) => {
      const deadline = Date.now() + 60_000;
      while (!streams.every((s) => (s.received.at(-1)?.seq ?? 0) >= seq)) {
        if (Date.now() > deadline) throw new Error(`streams did not reach seq ${seq}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    };

    // 1. one writer, one event at a time: commit → arrival on each stream
    const before = await head();
    for (let i = 0; i < sequential; i++) {
      await write(i);
      committedAt.set(before + i + 1, performance.now());
    }
    await waitFor(before + sequential);
    const delays: number[] = [];
    for (const s of streams)
      for (const r of s.received) {
        const t = committedAt.get(r.seq);
        if (t !== undefined) delays.push(r.at - t);
      }
    delays.sort((a, b) => a - b);

    // 2. a burst from concurrent writers
    const burstStart = await head();
    const began = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (next < burst) await write(sequential + next++);
      }),
    );
    const committed = performance.now();
    await waitFor(burstStart + burst);
    const delivered = performance.now();
    await Promise.all(streams.map((s) => s.close()));

    // every stream: every seq exactly once, in order
    const last = burstStart + burst;
    for (const [n, s] of streams.entries()) {
      const seqs = s.received.map((r) => r.seq).filter((q) => q > before && q <= last);
      const ok = seqs.length === last - before && seqs.every((q, k) => q === before + k + 1);
      if (!ok) throw new Error(`stream ${n + 1}: ${seqs.length} events, expected ${last - before} in order`);
    }

    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(
      `instances (3 servers, PostgreSQL, SSE): commit → stream delay over ${sequential} events × 3 streams: p50 ${ms(quantile(delays, 0.5))}, p95 ${ms(quantile(delays, 0.95))}, p99 ${ms(quantile(delays, 0.99))}, max ${ms(delays.at(-1) ?? Number.NaN)}`,
    );
    console.log(
      `instances: burst of ${burst} events from ${writers} writers: committed at ${Math.round((burst * 1000) / (committed - began))}/s, on all three streams ${Math.round((burst * 1000) / (delivered - began))}/s (last one ${ms(delivered - committed)} after the last commit); every stream had every event once, in order`,
    );
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await database.close();
    // pg's pool lets its sockets go a moment after end() resolves; dropping the database (force)
    // before that would kill them under it
    await new Promise((r) => setTimeout(r, 500));
    await bench.cleanup();
  }
}
