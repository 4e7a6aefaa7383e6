import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../db/tables.js';
import type { PlanningTables } from './planning.tables.js';

/** A database handle (or transaction) that knows the planning tables as well as the shared ones. */
export type PlanningDb = Kysely<Tables & PlanningTables>;

/**
 * Widens a handle to the planning tables (declared in this area, not in src/db/tables.ts).
 *
 * @example const db = planningDb(services.database.db); await db.selectFrom('plans')…
 */
export function planningDb(db: Kysely<Tables> | Transaction<Tables>): PlanningDb {
  return db.withTables<{ [K in keyof PlanningTables]: PlanningTables[K] }>();
}
