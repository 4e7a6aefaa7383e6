import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFederation, personPrincipal, TEST_PASSWORD } from '../../test/factories.js';
import { defaultConfig } from '../core/config.js';
import { newId } from '../core/ids.js';
import { type Database, openDatabase } from '../db/database.js';
import { migrateUp } from '../db/migrator.js';
import { postgresAvailable, TEST_DATABASE_URL } from '../db/test-databases.js';
import { productionDb } from '../production/production-db.js';
import { createServices } from './services.js';

// Three real server processes (`bin/cordones.js serve`) on one PostgreSQL database of their own,
// talking to each other only through it: sessions, the sign-in count, the event stream
// (LISTEN/NOTIFY) and the escalation scheduler, which runs every second on each of them here.
// The test itself takes a few seconds; starting three processes through tsx dominates (~5 s each
// on an idle machine, far more on a loaded one), hence the generous start-up limits.

const BIN = fileURLToPath(new URL('../../bin/cordones.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Instance {
  readonly process: ChildProcess;
  readonly base: string;
}

function startInstance(databaseUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      DEMO: 'false',
      LOG_LEVEL: 'warn',
      ESCALATE_SECONDS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 75_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ process: child, base: `http://127.0.0.1:${m[1]}` });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

function stopInstance(instance: Instance): Promise<void> {
  return new Promise((resolve) => {
    if (instance.process.exitCode !== null) return resolve();
    instance.process.once('exit', () => resolve());
    instance.process.kill('SIGTERM');
  });
}

/** An open SSE stream whose frames are collected as they arrive. */
class Stream {
  readonly events: { seq: number; action: string; subjectId: string }[] = [];
  private opened = false;
  private readonly done: Promise<void>;
  private readonly abort = new AbortController();

  constructor(url: string, headers: Record<string, string>) {
    this.done = this.read(url, headers).catch(() => {});
  }

  get ready(): boolean {
    return this.opened;
  }

  private async read(url: string, headers: Record<string, string>): Promise<void> {
    const res = await fetch(url, { headers, signal: this.abort.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return;
      this.opened = true;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .find((l) => l.startsWith('data: '));
        if (data) this.events.push(JSON.parse(data.slice(6)));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    }
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function signIn(base: string, username: string) {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = /cordones_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: cookie ?? '', csrf: csrfToken };
}

describe.skipIf(!postgresAvailable)('three server instances on one PostgreSQL', () => {
  const name = `cordones_instances_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  let database: Database;
  let fed: Awaited<ReturnType<typeof createFederation>>;
  let alertId: string;
  const instances: Instance[] = [];

  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin((c) => c.query(`create database ${name}`));
    // The world is made before the servers start (their own migration run then finds nothing to do).
    database = await openDatabase({ kind: 'postgres', url: databaseUrl }, { poolSize: 2 });
    const migrated = await migrateUp(database.db);
    expect(migrated.status).toBe('ok');
    const services = await createServices(database, defaultConfig({ logLevel: 'silent' }));
    fed = await createFederation(services);
    const workplace = await services.production.register.createWorkplace(
      personPrincipal(fed.people.admin, { isAdmin: true }),
      {
        bodyId: fed.bodies.assemblyA,
        name: 'Textil Sumar',
        sector: 'textiles',
        latitude: -33.4895,
        longitude: -70.6156,
        workforce: 1200,
        status: 'occupied',
        since: '1972-10-11',
      },
    );
    const [indicator] = await services.production.register.createIndicators(
      personPrincipal(fed.people.secretaryA),
      workplace.id,
      [{ name: 'Ausentismo', kind: 'absenteeism', unit: 'people' }],
    );
    // An open alert at the workplace assembly, its deadline still ahead (the test moves it).
    alertId = newId();
    await productionDb(database.db)
      .insertInto('alerts')
      .values({
        id: alertId,
        indicator_id: indicator!.id,
        workplace_id: workplace.id,
        kind: 'step',
        severity: 'medium',
        probability: 0.9,
        p_step: 0.9,
        p_slope: 0.05,
        p_outlier: 0.05,
        error: -4.2,
        period: '1972-10-11',
        status: 'open',
        body_id: fed.bodies.assemblyA,
        level: 0,
        deadline: new Date(Date.now() + 3_600_000).toISOString(),
        raised_at: new Date().toISOString(),
        acknowledged_at: null,
        acknowledged_by: null,
        resolved_at: null,
        resolved_by: null,
        resolution: null,
      })
      .execute();
    instances.push(...(await Promise.all([0, 1, 2].map(() => startInstance(databaseUrl)))));
    // every instance's LISTEN connection is up before anything is written
    await until(
      async () =>
        (
          await admin((c) =>
            c.query<{ n: number }>(
              "select count(*)::int as n from pg_stat_activity where datname = $1 and query like 'LISTEN %'",
              [name],
            ),
          )
        ).rows[0]!.n >= 3,
      'three LISTEN connections',
    );
  }, 100_000);

  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await database?.close();
    await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  });

  it('shares sessions and the sign-in count, streams every event once on each instance, and escalates once', async () => {
    const [one, two, three] = instances as [Instance, Instance, Instance];

    // signed in on one, the session and its CSRF token work on the others
    const delegate = await signIn(one.base, fed.people.cordonDelegate.username);
    const me = await fetch(`${two.base}/api/me`, { headers: { cookie: delegate.cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { personId: string }).personId).toBe(fed.people.cordonDelegate.personId);

    const streams = instances.map(
      (i) => new Stream(`${i.base}/api/events/stream`, { cookie: delegate.cookie }),
    );
    await until(() => streams.every((s) => s.ready), 'three open streams');

    // the deadline passes: three schedulers, each ticking every second, move the alert once
    await productionDb(database.db)
      .updateTable('alerts')
      .set({ deadline: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', alertId)
      .execute();
    await until(
      () => streams.every((s) => s.events.some((e) => e.action === 'production.alert-escalated')),
      'the escalation on every stream',
    );

    // the cordón's delegate acknowledges on the third instance; a write without the CSRF token,
    // or by somebody the alert has not reached, is refused there too
    const ack = (base: string, headers: Record<string, string>) =>
      fetch(`${base}/api/alerts/${alertId}/acknowledge`, { method: 'POST', headers });
    const noCsrf = await ack(three.base, { cookie: delegate.cookie });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as { code: string }).code).toBe('csrf-failed');
    const outsider = await signIn(three.base, fed.people.outsider.username);
    const wrong = await ack(two.base, { cookie: outsider.cookie, 'x-csrf-token': outsider.csrf });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { code: string }).code).toBe('forbidden');
    const acked = await ack(three.base, { cookie: delegate.cookie, 'x-csrf-token': delegate.csrf });
    expect(acked.status).toBe(200);
    await until(
      () => streams.every((s) => s.events.some((e) => e.action === 'production.alert-acknowledged')),
      'the acknowledgement on every stream',
    );
    // two more scheduler ticks on each instance: nothing moves again
    await new Promise((r) => setTimeout(r, 2200));
    for (const s of streams) await s.close();

    const expected = ['production.alert-escalated', 'production.alert-acknowledged'];
    for (const s of streams) {
      expect(s.events.map((e) => [e.action, e.subjectId])).toEqual(expected.map((a) => [a, alertId]));
      expect(s.events[1]!.seq).toBeGreaterThan(s.events[0]!.seq);
    }
    const moved = await database.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', alertId)
      .where('action', '=', 'production.alert-escalated')
      .execute();
    expect(moved).toHaveLength(1);

    // Last-Event-ID on another instance replays what was missed, once, in order
    const firstSeq = streams[0]!.events[0]!.seq;
    const replay = new Stream(`${two.base}/api/events/stream`, {
      cookie: delegate.cookie,
      'last-event-id': String(firstSeq - 1),
    });
    await until(() => replay.events.length >= 2, 'the replay');
    await replay.close();
    expect(replay.events.map((e) => e.action)).toEqual(expected);

    // the sign-in limit (10 a minute per client, the default) counts across instances: after the
    // two sign-ins above, eight more attempts pass, spread over the three, and the next is refused
    const codes: number[] = [];
    for (let i = 0; i < 9; i++) {
      const res = await fetch(`${instances[i % 3]!.base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: fed.people.memberA.username, password: 'wrong password' }),
      });
      codes.push(res.status);
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
  }, 30_000);
});
