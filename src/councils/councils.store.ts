import { type Kysely, sql, type Transaction } from 'kysely';
import { preparedQuery } from '../db/prepared-query.js';
import type { Tables } from '../db/tables.js';
import type { MemberView } from './council-views.js';

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

/** Inserts the settings row of a new body. */
export async function insertSettings(db: Db, row: Tables['body_settings']): Promise<void> {
  await db.insertInto('body_settings').values(row).execute();
}

/** A body's settings; every body founded through the service has a row. */
export async function settingsOf(db: Db, bodyId: string): Promise<Tables['body_settings'] | undefined> {
  return db.selectFrom('body_settings').selectAll().where('body_id', '=', bodyId).executeTakeFirst();
}

/** Changes a body's rules. */
export async function updateSettings(
  db: Db,
  bodyId: string,
  patch: Partial<Omit<Tables['body_settings'], 'body_id' | 'member_count'>>,
): Promise<void> {
  await db.updateTable('body_settings').set(patch).where('body_id', '=', bodyId).execute();
}

/** Adds `delta` to the kept member count of a body. */
export async function bumpMemberCount(db: Db, bodyId: string, delta: number): Promise<void> {
  await db
    .updateTable('body_settings')
    .set((eb) => ({ member_count: eb('member_count', '+', delta) }))
    .where('body_id', '=', bodyId)
    .execute();
}

/** A body by id. */
export async function findBody(db: Db, bodyId: string): Promise<Tables['bodies'] | undefined> {
  return db.selectFrom('bodies').selectAll().where('id', '=', bodyId).executeTakeFirst();
}

/** Every body, by name. */
export async function allBodies(db: Db): Promise<Tables['bodies'][]> {
  return db.selectFrom('bodies').selectAll().orderBy('name').orderBy('id').execute();
}

/**
 * A version of the federation that changes whenever `allBodies` or `activeAffiliations` would:
 * bodies are only ever inserted and affiliations inserted or ended, so counting them is enough.
 * A change that updates bodies or affiliations in place (a rename, a new seat rule) must change
 * this too, or the cached federation goes stale.
 */
export async function federationVersion(db: Db): Promise<string> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('bodies').select(eb.fn.countAll<number>().as('n')).as('bodies'),
      eb.selectFrom('affiliations').select(eb.fn.countAll<number>().as('n')).as('affiliations'),
      eb
        .selectFrom('affiliations')
        .select(eb.fn.countAll<number>().as('n'))
        .where('ended_at', 'is not', null)
        .as('ended'),
    ])
    .executeTakeFirstOrThrow();
  return `${row.bodies}/${row.affiliations}/${row.ended}`;
}

/** Bodies by id. */
export async function bodiesByIds(db: Db, ids: readonly string[]): Promise<Tables['bodies'][]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('bodies')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

/** The active membership row of a person in a body. */
export async function activeMembership(
  db: Db,
  bodyId: string,
  personId: string,
): Promise<Tables['memberships'] | undefined> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('person_id', '=', personId)
    .where('body_id', '=', bodyId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
}

/** Members of a body (active first, then former), with names. */
export async function membersOf(db: Db, bodyId: string, includeFormer: boolean): Promise<MemberView[]> {
  let q = db
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .select([
      'memberships.person_id as personId',
      'people.display_name as displayName',
      'memberships.role as role',
      'memberships.joined_at as joinedAt',
      'memberships.left_at as leftAt',
    ])
    .where('memberships.body_id', '=', bodyId);
  if (!includeFormer) q = q.where('memberships.left_at', 'is', null);
  return q.orderBy('people.display_name').orderBy('memberships.joined_at').execute();
}

/** Marks a membership as ended. */
export async function endMembership(db: Db, membershipId: string, at: string): Promise<void> {
  await db.updateTable('memberships').set({ left_at: at }).where('id', '=', membershipId).execute();
}

/** Changes a membership's role. */
export async function setRole(db: Db, membershipId: string, role: string): Promise<void> {
  await db.updateTable('memberships').set({ role }).where('id', '=', membershipId).execute();
}

/** Display names of people by id (read from the identity area's people, for presentation only). */
export async function displayNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const names = new Map<string, string>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('people')
      .select(['id', 'display_name'])
      .where('id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) names.set(r.id, r.display_name);
  }
  return names;
}

/** Inserts affiliations in batches. */
export async function insertAffiliations(db: Db, rows: Tables['affiliations'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('affiliations')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Active affiliations, all of them (the federation graph), or those of one body. */
export async function activeAffiliations(
  db: Db,
  filter: { bodyId?: string; councilId?: string; bodyIds?: readonly string[] } = {},
): Promise<Tables['affiliations'][]> {
  let q = db.selectFrom('affiliations').selectAll().where('ended_at', 'is', null);
  if (filter.bodyId !== undefined) q = q.where('body_id', '=', filter.bodyId);
  if (filter.councilId !== undefined) q = q.where('council_id', '=', filter.councilId);
  if (filter.bodyIds !== undefined) {
    if (filter.bodyIds.length === 0) return [];
    q = q.where('body_id', 'in', [...filter.bodyIds]);
  }
  return q.orderBy('created_at').orderBy('id').execute();
}

const constituentQuery = preparedQuery((db: Kysely<Tables>, personId: string, councilId: string) =>
  db
    .selectFrom('memberships')
    .innerJoin('affiliations', 'affiliations.body_id', 'memberships.body_id')
    .select('memberships.id')
    .where('memberships.person_id', '=', personId)
    .where('memberships.left_at', 'is', null)
    .where('affiliations.council_id', '=', councilId)
    .where('affiliations.ended_at', 'is', null)
    .limit(1),
);

/** True when the person is an active member of a body affiliated to the council. */
export async function isConstituentOf(db: Db, personId: string, councilId: string): Promise<boolean> {
  return (await constituentQuery(db, personId, councilId)).length > 0;
}

/** Live seats (held or vacant) of a council, optionally of one constituency. */
export async function liveSeats(
  db: Db,
  councilId: string,
  constituencyId?: string,
): Promise<Tables['seats'][]> {
  let q = db
    .selectFrom('seats')
    .selectAll()
    .where('council_id', '=', councilId)
    .where('vacated_at', 'is', null);
  if (constituencyId !== undefined) q = q.where('constituency_id', '=', constituencyId);
  return q.orderBy('id').execute();
}

/** Every seat tenure of a council or held for a constituency, past ones included. */
export async function seatHistory(
  db: Db,
  filter: { councilId?: string; constituencyId?: string },
): Promise<Tables['seats'][]> {
  let q = db.selectFrom('seats').selectAll();
  if (filter.councilId !== undefined) q = q.where('council_id', '=', filter.councilId);
  if (filter.constituencyId !== undefined) q = q.where('constituency_id', '=', filter.constituencyId);
  return q.orderBy('since').orderBy('id').execute();
}

/** A seat tenure by id. */
export async function findSeat(db: Db, seatId: string): Promise<Tables['seats'] | undefined> {
  return db.selectFrom('seats').selectAll().where('id', '=', seatId).executeTakeFirst();
}

/** Ends a seat tenure, only if it is still live; true when it was. */
export async function endSeat(db: Db, seatId: string, at: string, reason: string): Promise<boolean> {
  const result = await db
    .updateTable('seats')
    .set({ vacated_at: at, vacate_reason: reason })
    .where('id', '=', seatId)
    .where('vacated_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives a vacant live seat to a holder. */
export async function fillSeat(db: Db, seatId: string, personId: string, at: string): Promise<void> {
  await db
    .updateTable('seats')
    .set({ holder_person_id: personId, since: at })
    .where('id', '=', seatId)
    .where('holder_person_id', 'is', null)
    .where('vacated_at', 'is', null)
    .execute();
}

/** Members of constituencies, for weighted votes: member counts of the given bodies. */
export async function memberCounts(db: Db, bodyIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (bodyIds.length === 0) return counts;
  const rows = await db
    .selectFrom('body_settings')
    .select(['body_id', 'member_count'])
    .where('body_id', 'in', [...new Set(bodyIds)])
    .execute();
  for (const r of rows) counts.set(r.body_id, Number(r.member_count));
  return counts;
}
