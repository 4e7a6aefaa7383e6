import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../db/tables.js';

type Db = Kysely<Tables> | Transaction<Tables>;

/** Inserts a motion or an amendment. */
export async function insertMotion(db: Db, row: Tables['motions']): Promise<void> {
  await db.insertInto('motions').values(row).execute();
}

/** A motion by id. */
export async function findMotion(db: Db, id: string): Promise<Tables['motions'] | undefined> {
  return db.selectFrom('motions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Motions of a body (amendments excluded unless asked), newest first. */
export async function motionsOf(
  db: Db,
  filter: { bodyId?: string; meetingId?: string; parentId?: string; status?: string },
): Promise<Tables['motions'][]> {
  let q = db.selectFrom('motions').selectAll();
  if (filter.bodyId !== undefined) q = q.where('body_id', '=', filter.bodyId);
  if (filter.meetingId !== undefined) q = q.where('meeting_id', '=', filter.meetingId);
  if (filter.parentId !== undefined) q = q.where('parent_id', '=', filter.parentId);
  else q = q.where('parent_id', 'is', null);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  return q.orderBy('opened_at').orderBy('id').execute();
}

/** Number of open amendments of a motion. */
export async function openAmendments(db: Db, motionId: string): Promise<number> {
  const row = await db
    .selectFrom('motions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', motionId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Records an open vote; false when the person already voted on the motion. */
export async function insertVote(db: Db, row: Tables['motion_votes']): Promise<boolean> {
  const result = await db
    .insertInto('motion_votes')
    .values(row)
    .onConflict((oc) => oc.columns(['motion_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Records secret participation; false when the person already voted. */
export async function insertParticipation(db: Db, motionId: string, personId: string): Promise<boolean> {
  const result = await db
    .insertInto('motion_participation')
    .values({ motion_id: motionId, person_id: personId })
    .onConflict((oc) => oc.columns(['motion_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Stores a secret vote (random id, the choice, nothing else). */
export async function insertSecretVote(db: Db, row: Tables['motion_secret_votes']): Promise<void> {
  await db.insertInto('motion_secret_votes').values(row).execute();
}

/** Open votes on a motion, withdrawn ones included. */
export async function votesOn(db: Db, motionId: string): Promise<Tables['motion_votes'][]> {
  return db
    .selectFrom('motion_votes')
    .selectAll()
    .where('motion_id', '=', motionId)
    .orderBy('cast_at')
    .orderBy('person_id')
    .execute();
}

/** Choices of the secret votes on a motion. */
export async function secretChoices(db: Db, motionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('motion_secret_votes')
    .select('choice')
    .where('motion_id', '=', motionId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.choice);
}

/**
 * Withdraws a person's votes on the open motions of a body; returns the motions concerned.
 * Their rows stay, marked, so the record of what they voted remains visible.
 */
export async function withdrawOpenVotes(
  db: Db,
  personId: string,
  bodyId: string,
  at: string,
  reason: string,
): Promise<string[]> {
  const rows = await db
    .updateTable('motion_votes')
    .set({ withdrawn_at: at, withdrawn_reason: reason })
    .where('person_id', '=', personId)
    .where('withdrawn_at', 'is', null)
    .where('motion_id', 'in', (eb) =>
      eb.selectFrom('motions').select('id').where('body_id', '=', bodyId).where('status', '=', 'open'),
    )
    .returning('motion_id')
    .execute();
  return rows.map((r) => r.motion_id);
}

/** Closes a motion with its outcome; false when it was already closed. */
export async function closeMotion(db: Db, id: string, at: string, outcome: string): Promise<boolean> {
  const r = await db
    .updateTable('motions')
    .set({ status: 'closed', closed_at: at, outcome })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Replaces a motion's text (an adopted amendment). */
export async function setMotionText(db: Db, id: string, text: string): Promise<void> {
  await db.updateTable('motions').set({ text }).where('id', '=', id).execute();
}

/** Every vote a person cast in a council (for their record), with the motion. */
export async function votesBy(
  db: Db,
  personId: string,
  councilId: string,
): Promise<(Tables['motion_votes'] & { title: string; motion_status: string; outcome: string | null })[]> {
  return db
    .selectFrom('motion_votes')
    .innerJoin('motions', 'motions.id', 'motion_votes.motion_id')
    .selectAll('motion_votes')
    .select(['motions.title as title', 'motions.status as motion_status', 'motions.outcome as outcome'])
    .where('motion_votes.person_id', '=', personId)
    .where('motions.body_id', '=', councilId)
    .orderBy('motion_votes.cast_at')
    .execute();
}

/** Sets or replaces a body's mandate on a motion. */
export async function upsertMandate(db: Db, row: Tables['mandates']): Promise<void> {
  await db
    .insertInto('mandates')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['body_id', 'motion_id'])
        .doUpdateSet({ instruction: row.instruction, decided_at: row.decided_at }),
    )
    .execute();
}

/** Mandates of a body, or on a motion. */
export async function mandatesOf(
  db: Db,
  filter: { bodyId?: string; motionId?: string },
): Promise<Tables['mandates'][]> {
  let q = db.selectFrom('mandates').selectAll();
  if (filter.bodyId !== undefined) q = q.where('body_id', '=', filter.bodyId);
  if (filter.motionId !== undefined) q = q.where('motion_id', '=', filter.motionId);
  return q.orderBy('decided_at').orderBy('id').execute();
}

/** Inserts a meeting. */
export async function insertMeeting(db: Db, row: Tables['meetings']): Promise<void> {
  await db.insertInto('meetings').values(row).execute();
}

/** A meeting by id. */
export async function findMeeting(db: Db, id: string): Promise<Tables['meetings'] | undefined> {
  return db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Closes a meeting. */
export async function closeMeeting(db: Db, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('meetings')
    .set({ closed_at: at })
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records that a person is present; false when already recorded. */
export async function insertAttendance(db: Db, row: Tables['meeting_attendance']): Promise<boolean> {
  const result = await db
    .insertInto('meeting_attendance')
    .values(row)
    .onConflict((oc) => oc.columns(['meeting_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Who attended a meeting. */
export async function attendanceOf(db: Db, meetingId: string): Promise<Tables['meeting_attendance'][]> {
  return db
    .selectFrom('meeting_attendance')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('arrived_at')
    .orderBy('person_id')
    .execute();
}
