import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseTarget } from '../src/core/config.js';

const BIN = new URL('../bin/cordones.js', import.meta.url).pathname;
// Node's flags of a production server (ops/cordones.service, ops/Containerfile, `npm start`).
const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

/** A `cordones serve` process started for a bench. */
export interface BenchServer {
  /** Base URL on 127.0.0.1. */
  readonly url: string;
  /**
   * CPU time the server process has used so far (user + system, ms; Linux /proc, else NaN), so a
   * bench can report the server's CPU per request apart from the load generator's.
   */
  cpuMs(): number;
  /** Sends SIGTERM and resolves when the process has exited; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts `cordones serve` in its own process (as in production, so the load generator in the bench
 * process does not share its event loop) on a free port, without demo data and with request logs
 * off, with production's node flags. `nodeArgs` go to node itself too, e.g. `['--cpu-prof', '--cpu-prof-dir=/tmp/p']`.
 */
export async function startBenchServer(
  databaseUrl: string,
  options: { env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<BenchServer> {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(options.nodeArgs ?? []), BIN, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      DEMO: 'false',
      LOG_LEVEL: 'warn',
      ...options.env,
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
  let stopped: Promise<void> | null = null;
  return {
    url,
    cpuMs: () => processCpuMs(child.pid),
    stop: () => {
      stopped ??= new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      });
      return stopped;
    },
  };
}

// /proc/<pid>/stat counts in clock ticks, 100 a second on Linux.
const TICK_MS = 10;

/** User + system CPU time of a process in ms (Linux), NaN where /proc is not there. */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    // the command name (field 2) is in parentheses and may hold spaces: count fields after it
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (fields 14 and 15)
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU ms used so far by each local PostgreSQL backend serving database `name` (Linux /proc; the
 * process title names the database), by pid. The difference of two snapshots is the database's
 * share of a run (backends that exited in between are missed; the WAL writer and checkpointer,
 * shared by every database, are not counted). Empty where /proc is not there.
 */
export function postgresBackendsCpuMs(name: string): Map<number, number> {
  const out = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!title.startsWith('postgres:') || !title.includes(` ${name} `)) continue;
      const ms = processCpuMs(Number(pid));
      if (!Number.isNaN(ms)) out.set(Number(pid), ms);
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** CPU ms the backends in `after` used since the `before` snapshot (a new backend from 0). */
export function cpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

/** A fresh database for one bench run of one dialect. */
export interface BenchDatabase {
  /** The DATABASE_URL to give the server. */
  readonly url: string;
  readonly target: DatabaseTarget;
  /** Removes the database (PostgreSQL) when the bench is done. */
  cleanup(): Promise<void>;
}

/**
 * A new empty database for `dialect`: a SQLite file in a temporary folder (removed by `cleanup`),
 * or a PostgreSQL database named `name` on the server of TEST_DATABASE_URL (dropped first if left
 * over). Resolves to null, after printing why, when PostgreSQL cannot be reached, so a bench still
 * reports SQLite.
 */
export async function benchDatabase(dialect: string, name: string): Promise<BenchDatabase | null> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(os.tmpdir(), `${name}-`));
    const path = join(dir, 'bench.db');
    // a run leaves tens of MB (the database, its WAL) that nothing reads afterwards
    return {
      url: path,
      target: { kind: 'sqlite', path },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (dialect !== 'postgres') throw new Error(`unknown dialect ${dialect}: sqlite or postgres`);
  const admin = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
  } catch (err) {
    console.log(`postgres: skipped, no PostgreSQL at ${admin} (${(err as Error).message})`);
    return null;
  }
  await client.query(`drop database if exists ${name}`);
  await client.query(`create database ${name}`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    url,
    target: { kind: 'postgres', url },
    cleanup: async () => {
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
