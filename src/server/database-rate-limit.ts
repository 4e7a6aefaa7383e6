import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Clock } from '../core/clock.js';
import type { Database } from '../db/database.js';
import { countHit, purgeEnded } from './rate-limit.store.js';

// Ended windows are swept after this many counted hits in a process (they are harmless meanwhile:
// an ended window restarts at 1 on its next hit).
const PURGE_EVERY = 500;

/**
 * A @fastify/rate-limit store that counts in the database, so every instance on one PostgreSQL
 * shares one count per client and route (the plugin's default store is per process). One upsert
 * per counted request; only the sign-in route is limited, so that is cheap.
 *
 * @example await app.register(fastifyRateLimit, { global: false, store: databaseRateLimitStore(database, clock) });
 */
export function databaseRateLimitStore(database: Database, clock: Clock): FastifyRateLimitStoreCtor {
  let counted = 0;
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly prefix = 'global',
    ) {}

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const nowMs = clock.now();
      countHit(database.db, `${this.prefix}|${key}`, nowMs, timeWindow).then(
        ({ hits, resetsAtMs }) => {
          counted += 1;
          if (counted % PURGE_EVERY === 0) void purgeEnded(database.db, nowMs).catch(() => {});
          callback(null, { current: hits, ttl: Math.max(0, resetsAtMs - nowMs) });
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    // each limited route counts on its own
    child(routeOptions: { method: string | string[]; url: string }): FastifyRateLimitStore {
      return new DatabaseRateLimitStore(null, `${String(routeOptions.method)} ${routeOptions.url}`);
    }
  }
  return DatabaseRateLimitStore;
}
