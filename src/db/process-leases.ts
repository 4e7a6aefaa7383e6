import pg from 'pg';
import type { DatabaseTarget } from '../core/config.js';

/**
 * Claims that live exactly as long as the process holding them: "this process is working on X".
 * Another process can ask whether anybody alive still holds X — the question a server asks at
 * start about work left unfinished (a route plan left `solving`), which must not be taken from an
 * instance that is still doing it.
 */
export interface ProcessLeases {
  /** Holds `key` for this process; throws when a live process already holds it. */
  acquire(key: string): Promise<void>;
  /** Holds `key` if nobody does; false (and nothing held) when a live process holds it. */
  tryAcquire(key: string): Promise<boolean>;
  /** Lets go of `key` (nothing when not held). */
  release(key: string): Promise<void>;
  /** True when no live process holds `key` (this one included). */
  isFree(key: string): Promise<boolean>;
}

/**
 * Leases of a single process (SQLite: one server process): what this process holds is all there
 * is, and everything it does not hold is free.
 *
 * @example const leases = localLeases(); await leases.acquire('route-plan:…');
 */
export function localLeases(): ProcessLeases {
  const held = new Set<string>();
  return {
    async acquire(key) {
      if (held.has(key)) throw new Error(`lease ${key} is already held`);
      held.add(key);
    },
    async tryAcquire(key) {
      if (held.has(key)) return false;
      held.add(key);
      return true;
    },
    async release(key) {
      held.delete(key);
    },
    async isFree(key) {
      return !held.has(key);
    },
  };
}

// Keeps these advisory locks apart from any other use of pg_advisory_lock on the same database.
const NAMESPACE = 'cordones-lease:';

/**
 * Leases as PostgreSQL session advisory locks on a connection of their own, opened while at least
 * one lease is held (or for a question) and closed when none is, so an idle or finishing process
 * keeps no connection open. When the process dies its connection closes and PostgreSQL frees its
 * locks: "free" then truly means that nobody alive holds the key. Keys are hashed to the lock's
 * 64-bit id (`hashtextextended`); a collision could only make a key look held, never free.
 * If the connection drops while leases are held they are taken again on a new one; in the moments
 * between, another process may find them free.
 *
 * @example const leases = new PostgresLeases(url); await leases.acquire(`route-plan:${id}`); … await leases.release(`route-plan:${id}`);
 */
export class PostgresLeases implements ProcessLeases {
  private readonly held = new Set<string>();
  private client: pg.Client | null = null;
  // Every use of the connection runs in turn, so opening, locking and closing never interleave.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly url: string) {}

  async acquire(key: string): Promise<void> {
    if (this.held.has(key)) throw new Error(`lease ${key} is already held`);
    if (!(await this.tryAcquire(key))) throw new Error(`lease ${key} is held by another process`);
  }

  tryAcquire(key: string): Promise<boolean> {
    return this.inTurn(async () => {
      if (this.held.has(key)) return false;
      if (!(await this.tryLock(await this.connection(), key))) {
        await this.closeIfIdle();
        return false;
      }
      this.held.add(key);
      return true;
    });
  }

  release(key: string): Promise<void> {
    return this.inTurn(async () => {
      if (!this.held.delete(key)) return;
      if (this.client)
        await this.client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [NAMESPACE + key]);
      await this.closeIfIdle();
    });
  }

  isFree(key: string): Promise<boolean> {
    return this.inTurn(async () => {
      if (this.held.has(key)) return false;
      const client = await this.connection();
      const free = await this.tryLock(client, key);
      if (free) await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [NAMESPACE + key]);
      await this.closeIfIdle();
      return free;
    });
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => {});
    return next;
  }

  private async tryLock(client: pg.Client, key: string): Promise<boolean> {
    const { rows } = await client.query<{ ok: boolean }>(
      'select pg_try_advisory_lock(hashtextextended($1, 0)) as ok',
      [NAMESPACE + key],
    );
    return rows[0]?.ok === true;
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    client.on('error', () => {
      if (this.client !== client) return;
      this.client = null;
      void client.end().catch(() => {});
      // take the held leases again on a new connection
      void this.inTurn(async () => {
        if (this.held.size === 0 || this.client) return;
        const fresh = await this.connection();
        for (const key of this.held) await this.tryLock(fresh, key);
      }).catch(() => {});
    });
    await client.connect();
    this.client = client;
    return client;
  }

  private async closeIfIdle(): Promise<void> {
    if (this.held.size > 0 || !this.client) return;
    const client = this.client;
    this.client = null;
    await client.end().catch(() => {});
  }
}

/**
 * Waits until `key` can be held (polling every `pollMs`), then holds it: for work one process
 * must do while the others wait, such as loading the demo data into an empty database.
 *
 * @example await holdWhenFree(leases, 'demo-scenario'); try { … } finally { await leases.release('demo-scenario'); }
 */
export async function holdWhenFree(leases: ProcessLeases, key: string, pollMs = 250): Promise<void> {
  while (!(await leases.tryAcquire(key))) await new Promise((r) => setTimeout(r, pollMs));
}

/**
 * The leases a deployment's processes share: advisory locks on PostgreSQL, where several server
 * instances may run; this process's own set on SQLite, where only one does.
 */
export function processLeasesFor(target: DatabaseTarget): ProcessLeases {
  return target.kind === 'postgres' ? new PostgresLeases(target.url) : localLeases();
}
