import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../db/tables.js';
import type { LandTables } from './land.tables.js';

/** A database handle (or transaction) that knows the land tables as well as the shared ones. */
export type LandDb = Kysely<Tables & LandTables>;

/**
 * Widens a handle to the land tables (declared in this area, not in src/db/tables.ts).
 *
 * @example const db = landDb(services.database.db); await db.selectFrom('parcels')…
 */
export function landDb(db: Kysely<Tables> | Transaction<Tables>): LandDb {
  return db.withTables<{ [K in keyof LandTables]: LandTables[K] }>();
}
