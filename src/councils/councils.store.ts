import { type Kysely, sql, type Transaction } from 'kysely';
import { preparedQuery } from '../db/prepared-query.js';
import type { Tables } from '../db/tables.js';

type Db = Kysely<Tables> | Transaction<Tables>;

const activeRolesQuery = preparedQuery((db: Kysely<Tables>, personId: string, bodyId: string) =>
  db
    .selectFrom('memberships')
    .select('role')
    .where('person_id', '=', personId)
    .where('body_id', '=', bodyId)
    .where('left_at', 'is', null),
);

/** Active roles of a person in a body. Runs on every permission check. */
export async function activeRoles(db: Db, personId: string, bodyId: string): Promise<string[]> {
  return (await activeRolesQuery(db, personId, bodyId)).map((r) => r.role);
}

const seatsHeldQuery = preparedQuery((db: Kysely<Tables>, personId: string, councilId: string) =>
  db
    .selectFrom('seats')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('holder_person_id', '=', personId)
    .where('council_id', '=', councilId)
    .where('vacated_at', 'is', null),
);

/** Number of seats of a council a person holds now. Runs on every permission check. */
export async function seatsHeld(db: Db, personId: string, councilId: string): Promise<number> {
  const [row] = await seatsHeldQuery(db, personId, councilId);
  return Number(row?.n ?? 0);
}

/** A body where a person is a member (with a role) or holds a seat (role `delegate`). */
export interface StandingRow {
  bodyId: string;
  name: string;
  kind: string;
  role: string;
}

// Memberships and held seats in one round trip: the shell asks on every page load.
const standingsQuery = preparedQuery((db: Kysely<Tables>, personA: string, personB: string) =>
  db
    .selectFrom('memberships')
    .innerJoin('bodies', 'bodies.id', 'memberships.body_id')
    .select(['bodies.id as bodyId', 'bodies.name as name', 'bodies.kind as kind', 'memberships.role as role'])
    .where('memberships.person_id', '=', personA)
    .where('memberships.left_at', 'is', null)
    .unionAll(
      db
        .selectFrom('seats')
        .innerJoin('bodies', 'bodies.id', 'seats.council_id')
        .select([
          'bodies.id as bodyId',
          'bodies.name as name',
          'bodies.kind as kind',
          sql<string>`'delegate'`.as('role'),
        ])
        .where('seats.holder_person_id', '=', personB)
        .where('seats.vacated_at', 'is', null),
    ),
);

/** Bodies where a person is an active member (with their roles) or holds a seat now. */
export async function standingsOf(db: Db, personId: string): Promise<StandingRow[]> {
  return standingsQuery(db, personId, personId);
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
