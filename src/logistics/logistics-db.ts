import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../db/tables.js';
import type { LogisticsTables } from './logistics.tables.js';

/** A database handle (or transaction) that knows the logistics tables as well as the shared ones. */
export type LogisticsDb = Kysely<Tables & LogisticsTables>;

/**
 * Widens a handle to the logistics tables (declared in this area, not in src/db/tables.ts).
 *
 * @example const db = logisticsDb(services.database.db); await db.selectFrom('vehicles')…
 */
export function logisticsDb(db: Kysely<Tables> | Transaction<Tables>): LogisticsDb {
  // a mapped copy: withTables wants an index-signature-compatible type, which an interface is not
  return db.withTables<{ [K in keyof LogisticsTables]: LogisticsTables[K] }>();
}
