import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../db/tables.js';
import type { SupplyTables } from './supply.tables.js';

/** A database handle (or transaction) that knows the supply tables as well as the shared ones. */
export type SupplyDb = Kysely<Tables & SupplyTables>;

/**
 * The supply tables are declared in this area (src/db/tables.ts lists the shared ones), so handles
 * are widened here rather than everywhere.
 *
 * @example const db = supplyDb(services.database.db); await db.selectFrom('supply_households')…
 */
export function supplyDb(db: Kysely<Tables> | Transaction<Tables>): SupplyDb {
  return db.withTables<SupplyTables>();
}
