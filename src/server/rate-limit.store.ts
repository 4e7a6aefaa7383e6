import { type Kysely, sql } from 'kysely';
import type { Tables } from '../db/tables.js';

/** The rate-limit table (migration 0011); times in ms since the epoch (UTC). */
export interface RateLimitTables {
  rate_limit_windows: {
    /** `<method> <route>|<client key>`. */
    key: string;
    /** Attempts counted in the current window. */
    hits: number;
    /** When the current window ends. */
    resets_at_ms: number;
  };
}

type RateLimitDb = Kysely<Tables & RateLimitTables>;

function rateLimitDb(db: Kysely<Tables>): RateLimitDb {
  return db.withTables<{ [K in keyof RateLimitTables]: RateLimitTables[K] }>();
}

/**
 * Counts one hit on `key` in one statement (an atomic upsert on both dialects, so concurrent
 * instances never lose a count): a window that has ended starts again at 1 and lasts `windowMs`.
 */
export async function countHit(
  db: Kysely<Tables>,
  key: string,
  nowMs: number,
  windowMs: number,
): Promise<{ hits: number; resetsAtMs: number }> {
  const ends = nowMs + windowMs;
  const row = await rateLimitDb(db)
    .insertInto('rate_limit_windows')
    .values({ key, hits: 1, resets_at_ms: ends })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql`case when rate_limit_windows.resets_at_ms <= ${nowMs} then 1 else rate_limit_windows.hits + 1 end`,
        resets_at_ms: sql`case when rate_limit_windows.resets_at_ms <= ${nowMs} then ${ends} else rate_limit_windows.resets_at_ms end`,
      }),
    )
    .returning(['hits', 'resets_at_ms'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), resetsAtMs: Number(row.resets_at_ms) };
}

/** Deletes windows that ended before `nowMs`; returns how many. */
export async function purgeEnded(db: Kysely<Tables>, nowMs: number): Promise<number> {
  const r = await rateLimitDb(db)
    .deleteFrom('rate_limit_windows')
    .where('resets_at_ms', '<', nowMs)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
