import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../core/clock.js';
import { EventBus } from '../core/event-bus.js';
import {
  openTestDatabase,
  postgresAvailable,
  TEST_DATABASE_URL,
  type TestDatabase,
} from '../db/test-databases.js';
import { AuditService } from './audit.service.js';
import { CommitListener } from './commit-listener.js';

const quiet = { warn: () => {}, info: () => {} };

/** One simulated server instance: its own bus, audit service and LISTEN connection. */
async function instance(db: TestDatabase) {
  const bus = new EventBus();
  const seen: number[] = [];
  bus.subscribe((e) => seen.push(e.seq));
  const audit = await AuditService.create(db.database, systemClock, bus);
  const listener = new CommitListener({
    url: TEST_DATABASE_URL,
    channel: audit.channel,
    onCommitted: (seq) => audit.committedUpTo(seq),
    headSeq: () => audit.headSeq(),
    log: quiet,
    minRetryMs: 50,
  });
  await listener.start();
  return { audit, listener, seen };
}

function write(audit: AuditService, payload: unknown = {}): Promise<void> {
  return audit.runCommand({ actor: { kind: 'system', name: 'test' } }, async (c) => {
    c.record({ action: 'test.written', subjectType: 'thing', subjectId: 't', payload });
  });
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe.skipIf(!postgresAvailable)('commit listener [postgres]', () => {
  let db: TestDatabase;
  let a: Awaited<ReturnType<typeof instance>>;
  let b: Awaited<ReturnType<typeof instance>>;
  beforeAll(async () => {
    db = await openTestDatabase('postgres');
    a = await instance(db);
    b = await instance(db);
  });
  afterAll(async () => {
    await a?.listener.stop();
    await b?.listener.stop();
    await db?.dispose();
  });

  it('delivers every commit of every instance to each instance once, in seq order', async () => {
    const start = await a.audit.headSeq();
    await Promise.all(range(1, 20).map((i) => write(i % 2 ? a.audit : b.audit)));
    const end = start + 20;
    await until(() => a.seen.at(-1) === end && b.seen.at(-1) === end);
    expect(a.seen).toEqual(range(start + 1, end));
    expect(b.seen).toEqual(range(start + 1, end));
  });

  it('carries events far larger than a NOTIFY payload (only the seq travels)', async () => {
    const big = { text: 'x'.repeat(20_000) };
    const before = b.seen.length;
    await write(a.audit, big);
    await until(() => b.seen.length === before + 1);
  });

  it('reconnects after its connection is cut and delivers what was committed meanwhile', async () => {
    const pid = b.listener.backendPid;
    expect(pid).not.toBeNull();
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [pid]);
    await admin.end();
    // written while b is deaf (or reconnecting): b learns of them from the head after reconnecting
    await write(a.audit);
    await write(a.audit);
    const head = await a.audit.headSeq();
    await until(() => b.seen.at(-1) === head && b.listener.connected);
    expect(b.listener.backendPid).not.toBe(pid);
    expect(new Set(b.seen).size).toBe(b.seen.length);
    expect(b.seen).toEqual(range(b.seen[0] ?? 0, head));
    await write(a.audit);
    await until(() => b.seen.at(-1) === head + 1);
  });

  it('hears nothing of another deployment sharing the database', async () => {
    const other = await openTestDatabase('postgres');
    try {
      const stranger = await AuditService.create(other.database, systemClock, new EventBus());
      expect(stranger.channel).not.toBe(a.audit.channel);
      const before = [...a.seen];
      await write(stranger);
      await write(b.audit);
      const head = await b.audit.headSeq();
      await until(() => a.seen.at(-1) === head);
      expect(a.seen).toEqual([...before, head]);
    } finally {
      await other.dispose();
    }
  });
});
