import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../db/tables.js';

type Db = Kysely<Tables> | Transaction<Tables>;

/** Inserts an election. */
export async function insertElection(db: Db, row: Tables['elections']): Promise<void> {
  await db.insertInto('elections').values(row).execute();
}

/** An election by id. */
export async function findElection(db: Db, id: string): Promise<Tables['elections'] | undefined> {
  return db.selectFrom('elections').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Elections of a constituency, newest first. */
export async function electionsOf(db: Db, bodyId: string): Promise<Tables['elections'][]> {
  return db
    .selectFrom('elections')
    .selectAll()
    .where('body_id', '=', bodyId)
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Candidates of an election, in the order they stood. */
export async function candidatesOf(db: Db, electionId: string): Promise<Tables['election_candidates'][]> {
  return db
    .selectFrom('election_candidates')
    .selectAll()
    .where('election_id', '=', electionId)
    .orderBy('person_id')
    .execute();
}

/** Adds a candidate; false when the person already stands. */
export async function insertCandidate(db: Db, row: Tables['election_candidates']): Promise<boolean> {
  const result = await db
    .insertInto('election_candidates')
    .values(row)
    .onConflict((oc) => oc.columns(['election_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Marks a nominated candidate as having accepted; false when there was no such nomination. */
export async function acceptCandidate(db: Db, electionId: string, personId: string): Promise<boolean> {
  const result = await db
    .updateTable('election_candidates')
    .set({ status: 'accepted' })
    .where('election_id', '=', electionId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records that a person voted; false when they already had. */
export async function recordParticipation(db: Db, electionId: string, personId: string): Promise<boolean> {
  const result = await db
    .insertInto('election_participation')
    .values({ election_id: electionId, person_id: personId })
    .onConflict((oc) => oc.columns(['election_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Stores a ballot (nothing in it names the voter or the time). */
export async function insertBallot(db: Db, row: Tables['ballots']): Promise<void> {
  await db.insertInto('ballots').values(row).execute();
}

/** Counts a ballot on the election, and closes standing (no candidate may join once voting began). */
export async function bumpBallotsCast(db: Db, electionId: string): Promise<boolean> {
  const result = await db
    .updateTable('elections')
    .set((eb) => ({ ballots_cast: eb('ballots_cast', '+', 1) }))
    .where('id', '=', electionId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ballots of an election in the order of their random ids (never of arrival). */
export async function ballotsOf(db: Db, electionId: string): Promise<{ ranking: string; receipt: string }[]> {
  return db
    .selectFrom('ballots')
    .select(['ranking', 'receipt'])
    .where('election_id', '=', electionId)
    .orderBy('id')
    .execute();
}

/** Number of people recorded as having voted. */
export async function participationCount(db: Db, electionId: string): Promise<number> {
  const row = await db
    .selectFrom('election_participation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('election_id', '=', electionId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** True when the person voted in the election. */
export async function hasVoted(db: Db, electionId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('election_participation')
    .select('person_id')
    .where('election_id', '=', electionId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Closes an election with its stored count; false when it was already closed. */
export async function closeElection(db: Db, id: string, at: string, result: string): Promise<boolean> {
  const r = await db
    .updateTable('elections')
    .set({ status: 'closed', closed_at: at, result })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
