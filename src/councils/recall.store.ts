import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../db/tables.js';

type Db = Kysely<Tables> | Transaction<Tables>;

/** Inserts a petition. */
export async function insertPetition(db: Db, row: Tables['recall_petitions']): Promise<void> {
  await db.insertInto('recall_petitions').values(row).execute();
}

/** A petition by id. */
export async function findPetition(db: Db, id: string): Promise<Tables['recall_petitions'] | undefined> {
  return db.selectFrom('recall_petitions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The open petition against a seat tenure, if any. */
export async function openPetitionFor(
  db: Db,
  seatId: string,
): Promise<Tables['recall_petitions'] | undefined> {
  return db
    .selectFrom('recall_petitions')
    .selectAll()
    .where('seat_id', '=', seatId)
    .where('status', '=', 'open')
    .executeTakeFirst();
}

/** Petitions of a constituency, newest first. */
export async function petitionsOf(db: Db, bodyId: string): Promise<Tables['recall_petitions'][]> {
  return db
    .selectFrom('recall_petitions')
    .selectAll()
    .where('body_id', '=', bodyId)
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Adds a signature; false when the person had already signed. O(log n) by primary key. */
export async function insertSignature(db: Db, row: Tables['recall_signatures']): Promise<boolean> {
  const result = await db
    .insertInto('recall_signatures')
    .values(row)
    .onConflict((oc) => oc.columns(['petition_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Removes a signature; false when there was none. */
export async function deleteSignature(db: Db, petitionId: string, personId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('recall_signatures')
    .where('petition_id', '=', petitionId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/**
 * Adds `delta` to an open petition's count and returns the new count, or null when the petition is
 * not open. The update locks the petition row, so concurrent signatures are counted one by one.
 */
export async function bumpSignatures(db: Db, petitionId: string, delta: number): Promise<number | null> {
  const row = await db
    .updateTable('recall_petitions')
    .set((eb) => ({ signature_count: eb('signature_count', '+', delta) }))
    .where('id', '=', petitionId)
    .where('status', '=', 'open')
    .returning('signature_count')
    .executeTakeFirst();
  return row ? Number(row.signature_count) : null;
}

/** True when the person signed the petition. */
export async function hasSigned(db: Db, petitionId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('recall_signatures')
    .select('person_id')
    .where('petition_id', '=', petitionId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Closes the open petitions against a seat tenure with `status`. */
export async function closePetitions(
  db: Db,
  seatId: string,
  status: 'recalled' | 'lapsed',
  at: string,
): Promise<string[]> {
  const rows = await db
    .updateTable('recall_petitions')
    .set({ status, closed_at: at })
    .where('seat_id', '=', seatId)
    .where('status', '=', 'open')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}
