import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../db/tables.js';
import type { ProductionTables } from './production.tables.js';

/** A database handle (or transaction) that knows the production tables as well as the shared ones. */
export type ProductionDb = Kysely<Tables & ProductionTables>;

/**
 * The production tables are declared in this area (src/db/tables.ts lists the shared ones), so
 * handles are widened here rather than everywhere.
 *
 * @example const db = productionDb(services.database.db); await db.selectFrom('workplaces')…
 */
export function productionDb(db: Kysely<Tables> | Transaction<Tables>): ProductionDb {
  // a mapped copy: withTables wants an index-signature-compatible type, which an interface is not
  return db.withTables<{ [K in keyof ProductionTables]: ProductionTables[K] }>();
}
