import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../db/tables.js';

type Db = Kysely<Tables> | Transaction<Tables>;

/** Active roles of a person in a body. */
export async function activeRoles(db: Db, personId: string, bodyId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('role')
    .where('person_id', '=', personId)
    .where('body_id', '=', bodyId)
    .where('left_at', 'is', null)
    .execute();
  return rows.map((r) => r.role);
}

/** Number of seats of a council a person holds now. */
export async function seatsHeld(db: Db, personId: string, councilId: string): Promise<number> {
  const row = await db
    .selectFrom('seats')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('holder_person_id', '=', personId)
    .where('council_id', '=', councilId)
    .where('vacated_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Bodies where a person is an active member, with their roles. */
export async function membershipsOf(
  db: Db,
  personId: string,
): Promise<{ bodyId: string; name: string; kind: string; role: string }[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('bodies', 'bodies.id', 'memberships.body_id')
    .select(['bodies.id as bodyId', 'bodies.name as name', 'bodies.kind as kind', 'memberships.role as role'])
    .where('memberships.person_id', '=', personId)
    .where('memberships.left_at', 'is', null)
    .orderBy('bodies.name')
    .execute();
}

/** Councils where a person holds a seat now, with the body they represent. */
export async function seatsOf(
  db: Db,
  personId: string,
): Promise<{ councilId: string; councilName: string; councilKind: string; constituencyId: string }[]> {
  return db
    .selectFrom('seats')
    .innerJoin('bodies', 'bodies.id', 'seats.council_id')
    .select([
      'bodies.id as councilId',
      'bodies.name as councilName',
      'bodies.kind as councilKind',
      'seats.constituency_id as constituencyId',
    ])
    .where('seats.holder_person_id', '=', personId)
    .where('seats.vacated_at', 'is', null)
    .orderBy('bodies.name')
    .execute();
}

/** Inserts a body. */
export async function insertBody(db: Db, row: Tables['bodies']): Promise<void> {
  await db.insertInto('bodies').values(row).execute();
}

/** Inserts memberships in batches. */
export async function insertMemberships(db: Db, rows: Tables['memberships'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('memberships')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Inserts seats in batches. */
export async function insertSeats(db: Db, rows: Tables['seats'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('seats')
      .values(rows.slice(i, i + 500))
      .execute();
}
