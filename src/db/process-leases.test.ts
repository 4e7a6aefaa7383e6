import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { holdWhenFree, localLeases, PostgresLeases } from './process-leases.js';
import { postgresAvailable, TEST_DATABASE_URL } from './test-databases.js';

const key = () => `test:${Math.random().toString(36).slice(2)}`;

describe('local leases (one process)', () => {
  it('holds a key until released; what it does not hold is free', async () => {
    const leases = localLeases();
    const k = key();
    expect(await leases.isFree(k)).toBe(true);
    await leases.acquire(k);
    expect(await leases.isFree(k)).toBe(false);
    await expect(leases.acquire(k)).rejects.toThrow(/already held/);
    await leases.release(k);
    expect(await leases.isFree(k)).toBe(true);
  });
});

describe.skipIf(!postgresAvailable)('PostgreSQL leases (several processes)', () => {
  // two instances, each with the leases of its own process
  const a = new PostgresLeases(TEST_DATABASE_URL);
  const b = new PostgresLeases(TEST_DATABASE_URL);
  afterAll(async () => {
    for (const leases of [a, b])
      for (const k of (leases as unknown as { held: Set<string> }).held) await leases.release(k);
  });

  it('shows a key held by one process as held to the other, until it is released', async () => {
    const k = key();
    await a.acquire(k);
    expect(await b.isFree(k)).toBe(false);
    expect(await a.isFree(k)).toBe(false);
    await expect(b.acquire(k)).rejects.toThrow(/another process/);
    await a.release(k);
    expect(await b.isFree(k)).toBe(true);
    await b.acquire(k);
    expect(await a.isFree(k)).toBe(false);
    await b.release(k);
  });

  it('keeps no connection open while it holds nothing', async () => {
    const k = key();
    await a.acquire(k);
    expect((a as unknown as { client: unknown }).client).not.toBeNull();
    await a.release(k);
    expect((a as unknown as { client: unknown }).client).toBeNull();
  });

  it('frees the keys of a process whose session ends, as when it dies', async () => {
    const k = key();
    await a.acquire(k);
    // the session ends the way a killed process's does: PostgreSQL drops its advisory locks
    await (a as unknown as { client: pg.Client }).client.end();
    await expect.poll(() => b.isFree(k), { timeout: 5000 }).toBe(true);
    (a as unknown as { held: Set<string>; client: unknown }).held.delete(k);
    (a as unknown as { client: unknown }).client = null;
  });

  it('takes its leases again when its connection is cut under it', async () => {
    const k = key();
    await a.acquire(k);
    const pid = (a as unknown as { client: pg.Client & { processID: number } }).client.processID;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [pid]);
    await admin.end();
    await expect
      .poll(
        async () => {
          const client = (a as unknown as { client: (pg.Client & { processID: number }) | null }).client;
          return client !== null && client.processID !== pid && !(await b.isFree(k));
        },
        { timeout: 5000 },
      )
      .toBe(true);
    await a.release(k);
    expect(await b.isFree(k)).toBe(true);
  });

  it('lets a second process wait for a key and take it once the first lets go', async () => {
    const k = key();
    expect(await a.tryAcquire(k)).toBe(true);
    expect(await b.tryAcquire(k)).toBe(false);
    let taken = false;
    const waiting = holdWhenFree(b, k, 20).then(() => {
      taken = true;
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(taken).toBe(false);
    await a.release(k);
    await waiting;
    expect(await a.isFree(k)).toBe(false);
    await b.release(k);
  });
});
