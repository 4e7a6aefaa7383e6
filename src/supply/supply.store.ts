import { CompiledQuery, sql } from 'kysely';
import { type BulkColumn, bulkInsert } from '../db/bulk-insert.js';
import type { DialectKind } from '../db/database.js';
import { householdTerms } from './search-terms.js';
import type { SupplyTables } from './supply.tables.js';
import type { SupplyDb } from './supply-db.js';

type T = SupplyTables;
const CHUNK = 200;

async function inChunks<R>(
  rows: readonly R[],
  insert: (part: R[]) => Promise<unknown>,
  size = CHUNK,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

// Search terms are many (about ten per household) and narrow (three columns): 1,000 rows a
// statement is 3,000 parameters, within SQLite's and PostgreSQL's limits.
const TERM_CHUNK = 1000;

function byKey(a: T['supply_household_terms'], b: T['supply_household_terms']): number {
  if (a.committee_id !== b.committee_id) return a.committee_id < b.committee_id ? -1 : 1;
  if (a.term !== b.term) return a.term < b.term ? -1 : 1;
  return a.household_id < b.household_id ? -1 : a.household_id > b.household_id ? 1 : 0;
}

/** Inserts households and their members (many at once for scenario loads). */
export async function insertHouseholds(
  db: SupplyDb,
  households: T['supply_households'][],
  members: T['supply_members'][],
): Promise<void> {
  await inChunks(households, (part) => db.insertInto('supply_households').values(part).execute());
  await inChunks(members, (part) => db.insertInto('supply_members').values(part).execute());
  // In key order: a bulk registration then fills the key's B-tree in order instead of at random
  // places (about twice as fast on SQLite for a committee's 7,500 households).
  await inChunks(
    households.flatMap(termRows).sort(byKey),
    (part) => db.insertInto('supply_household_terms').values(part).execute(),
    TERM_CHUNK,
  );
}

function termRows(h: T['supply_households']): T['supply_household_terms'][] {
  return householdTerms(h).map((term) => ({ committee_id: h.committee_id, term, household_id: h.id }));
}

/** The first string after every string that begins with `prefix`, in byte (code point) order. */
function prefixEnd(prefix: string): string {
  const last = prefix.codePointAt(prefix.length - 1) ?? 0;
  return prefix.slice(0, -1) + String.fromCodePoint(last + 1);
}

/**
 * A page of a committee's households found by terms, in id order after `after`: first the page of
 * household ids (`householdSearch`, on the terms table alone), then those households by key.
 * Asked as one join ordered by the households' key, PostgreSQL walked all 300,000 households
 * in id order to find a rare name's few; the ids are therefore chosen first.
 */
export async function searchHouseholds(
  db: SupplyDb,
  committeeId: string,
  terms: readonly string[],
  options: { limit: number; after?: string; exact?: boolean },
): Promise<T['supply_households'][]> {
  if (terms.length === 0) return [];
  const ids = (await householdSearch(db, committeeId, terms, options).execute()).map((r) => r.household_id);
  const rows = await householdsByIds(db, ids);
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The ids of a page of households found by terms (`terms` non-empty): the first term (the service
 * puts the most selective first) is a range of the terms' primary key (committee, term, household),
 * a covering index scan; each further fragment must begin another term of the same household, one
 * seek of the (household, term) index per household found. Unexecuted, so tests can ask the
 * planner about it. `exact` matches whole terms only (card codes).
 */
export function householdSearch(
  db: SupplyDb,
  committeeId: string,
  terms: readonly string[],
  options: { limit: number; after?: string; exact?: boolean },
) {
  const [first = '', ...rest] = terms;
  const matches = (alias: 't' | 'u', term: string) =>
    options.exact
      ? sql<boolean>`${sql.ref(`${alias}.term`)} = ${term}`
      : sql<boolean>`${sql.ref(`${alias}.term`)} >= ${term} and ${sql.ref(`${alias}.term`)} < ${prefixEnd(term)}`;
  let q = db
    .selectFrom('supply_household_terms as t')
    .select('t.household_id')
    .distinct()
    .where('t.committee_id', '=', committeeId)
    .where(matches('t', first));
  for (const term of rest) {
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('supply_household_terms as u')
          .select('u.household_id')
          // No committee here: a household's terms all carry its one committee, and naming it would
          // let the planner range over the committee's terms instead of seeking (household, term).
          .whereRef('u.household_id', '=', 't.household_id')
          .where(matches('u', term)),
      ),
    );
  }
  if (options.after !== undefined) q = q.where('t.household_id', '>', options.after);
  return q.orderBy('t.household_id').limit(options.limit);
}

/**
 * How many terms of a committee begin with `prefix`, counting no further than `cap`: the search
 * drives by the fragment with the fewest (a covering range of the terms' key, at most `cap` rows).
 */
export async function countTermMatches(
  db: SupplyDb,
  committeeId: string,
  prefix: string,
  cap: number,
): Promise<number> {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('supply_household_terms')
        .select('household_id')
        .where('committee_id', '=', committeeId)
        .where('term', '>=', prefix)
        .where('term', '<', prefixEnd(prefix))
        .limit(cap)
        .as('m'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The household of a committee that a person with this identity hash belongs to, if any. */
export async function householdByIdentity(
  db: SupplyDb,
  committeeId: string,
  hash: string,
): Promise<T['supply_households'] | undefined> {
  return db
    .selectFrom('supply_members as m')
    .innerJoin('supply_households as h', 'h.id', 'm.household_id')
    .selectAll('h')
    .where('m.identity_hash', '=', hash)
    .where('h.committee_id', '=', committeeId)
    .executeTakeFirst();
}

const text = <K extends string>(...names: K[]) => names.map((name) => ({ name, pgType: 'text' }));
const HOUSEHOLD_COLUMNS: BulkColumn<T['supply_households']>[] = text(
  'id',
  'committee_id',
  'address',
  'name',
  'registered_at',
  'updated_at',
);
const MEMBER_COLUMNS: BulkColumn<T['supply_members']>[] = text(
  'id',
  'household_id',
  'identity_hash',
  'age_band',
  'needs',
  'diet',
);
const CLAIM_COLUMNS: BulkColumn<T['supply_claims']>[] = [
  ...text('id', 'committee_id', 'household_id', 'good_id', 'period'),
  { name: 'quantity', pgType: 'bigint' },
  ...text('point_id', 'idempotency_key', 'source', 'claimed_at', 'recorded_at'),
];

const TERM_COLUMNS: BulkColumn<T['supply_household_terms']>[] = text('committee_id', 'term', 'household_id');

/**
 * Inserts many households with their members at the speed each database allows (the city's
 * 300,000 households, the country's 3 million); the unique identity hash still refuses a person
 * registered twice, failing the whole statement. On PostgreSQL one statement of any size: the
 * server then has the whole batch while the caller prepares the next. Members and search terms
 * name their household by its place in `households` (1, 2, …) and the statement joins them:
 * sending each term's household and committee ids (72 characters) would be most of what travels
 * and is parsed for the country's 19 million terms.
 */
export async function insertHouseholdsBulk(
  db: SupplyDb,
  kind: DialectKind,
  households: readonly T['supply_households'][],
  members: readonly T['supply_members'][],
): Promise<void> {
  if (kind !== 'postgres') {
    await bulkInsert(db, kind, 'supply_households', HOUSEHOLD_COLUMNS, households);
    await bulkInsert(db, kind, 'supply_members', MEMBER_COLUMNS, members);
    // the households' search terms, in key order as `insertHouseholds` writes them
    const terms = households.flatMap(termRows).sort(byKey);
    await bulkInsert(db, kind, 'supply_household_terms', TERM_COLUMNS, terms);
    return;
  }
  if (households.length === 0) return;
  const place = new Map(households.map((h, i) => [h.id, i + 1]));
  const memberPlaces = members.map((m) => {
    const at = place.get(m.household_id);
    // the join below would drop such a member without a word
    if (at === undefined) throw new Error(`member ${m.id} of a household not in this insert`);
    return at;
  });
  const termPlaces: number[] = [];
  const terms: string[] = [];
  households.forEach((h, i) => {
    for (const term of householdTerms(h)) {
      termPlaces.push(i + 1);
      terms.push(term);
    }
  });
  const column = <R, K extends keyof R>(rows: readonly R[], key: K) => rows.map((r) => r[key]);
  await sql`
    with h as (
      select * from unnest(
        ${column(households, 'id')}::text[], ${column(households, 'committee_id')}::text[],
        ${column(households, 'address')}::text[], ${column(households, 'name')}::text[],
        ${column(households, 'registered_at')}::text[], ${column(households, 'updated_at')}::text[]
      ) with ordinality as h (id, committee_id, address, name, registered_at, updated_at, place)
    ), households as (
      insert into supply_households (id, committee_id, address, name, registered_at, updated_at)
      select id, committee_id, address, name, registered_at, updated_at from h
    ), members as (
      insert into supply_members (id, household_id, identity_hash, age_band, needs, diet)
      select m.id, h.id, m.identity_hash, m.age_band, m.needs, m.diet
        from unnest(
          ${column(members, 'id')}::text[], ${memberPlaces}::int8[],
          ${column(members, 'identity_hash')}::text[], ${column(members, 'age_band')}::text[],
          ${column(members, 'needs')}::text[], ${column(members, 'diet')}::text[]
        ) as m (id, place, identity_hash, age_band, needs, diet)
        join h using (place)
    )
    insert into supply_household_terms (committee_id, term, household_id)
    select h.committee_id, t.term, h.id
      from unnest(${termPlaces}::int8[], ${terms}::text[]) as t (place, term) join h using (place)`.execute(
    db,
  );
}

/** True when any household is registered (at any committee). */
export async function hasHouseholds(db: SupplyDb): Promise<boolean> {
  return (await db.selectFrom('supply_households').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Inserts many claims at once (past handovers of a scenario); a duplicate fails the whole load. */
export async function insertClaimsBulk(
  db: SupplyDb,
  kind: DialectKind,
  rows: readonly T['supply_claims'][],
): Promise<void> {
  await bulkInsert(db, kind, 'supply_claims', CLAIM_COLUMNS, rows);
}

/** Members already registered under any of `hashes`, with their household's committee. */
export async function membersByIdentity(
  db: SupplyDb,
  hashes: readonly string[],
): Promise<{ identity_hash: string; household_id: string; committee_id: string }[]> {
  if (hashes.length === 0) return [];
  return db
    .selectFrom('supply_members as m')
    .innerJoin('supply_households as h', 'h.id', 'm.household_id')
    .select(['m.identity_hash', 'm.household_id', 'h.committee_id'])
    .where('m.identity_hash', 'in', [...hashes])
    .execute();
}

/** A household by id. */
export async function findHousehold(db: SupplyDb, id: string): Promise<T['supply_households'] | undefined> {
  return db.selectFrom('supply_households').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A page of a committee's households in id order, after `after`. */
export async function listHouseholds(
  db: SupplyDb,
  committeeId: string,
  options: { limit: number; after?: string },
): Promise<T['supply_households'][]> {
  let q = db.selectFrom('supply_households').selectAll().where('committee_id', '=', committeeId);
  if (options.after !== undefined) q = q.where('id', '>', options.after);
  return q.orderBy('id').limit(options.limit).execute();
}

/** Number of households of a committee. */
export async function countHouseholds(db: SupplyDb, committeeId: string): Promise<number> {
  const row = await db
    .selectFrom('supply_households')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('committee_id', '=', committeeId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Members of the given households. */
export async function membersOf(
  db: SupplyDb,
  householdIds: readonly string[],
): Promise<T['supply_members'][]> {
  if (householdIds.length === 0) return [];
  const out: T['supply_members'][] = [];
  for (let i = 0; i < householdIds.length; i += 500) {
    const part = await db
      .selectFrom('supply_members')
      .selectAll()
      .where('household_id', 'in', householdIds.slice(i, i + 500))
      .orderBy('household_id')
      .orderBy('id')
      .execute();
    out.push(...part);
  }
  return out;
}

/** Every member of a committee's households: the basis of its entitlements. */
export async function committeeMembers(
  db: SupplyDb,
  committeeId: string,
): Promise<Pick<T['supply_members'], 'household_id' | 'age_band' | 'needs'>[]> {
  return db
    .selectFrom('supply_members as m')
    .innerJoin('supply_households as h', 'h.id', 'm.household_id')
    .select(['m.household_id', 'm.age_band', 'm.needs'])
    .where('h.committee_id', '=', committeeId)
    .orderBy('m.household_id')
    .execute();
}

/** Moves a household to another committee and address, keeping the move in its history. */
export async function moveHousehold(db: SupplyDb, move: T['supply_household_moves']): Promise<void> {
  await db
    .updateTable('supply_households')
    .set({ committee_id: move.to_committee_id, address: move.to_address, updated_at: move.moved_at })
    .where('id', '=', move.household_id)
    .execute();
  await db.insertInto('supply_household_moves').values(move).execute();
  // The terms follow the household to its new committee and address.
  await db.deleteFrom('supply_household_terms').where('household_id', '=', move.household_id).execute();
  const moved = await findHousehold(db, move.household_id);
  if (moved) await db.insertInto('supply_household_terms').values(termRows(moved)).execute();
}

/** A household's moves, oldest first. */
export async function movesOf(db: SupplyDb, householdId: string): Promise<T['supply_household_moves'][]> {
  return db
    .selectFrom('supply_household_moves')
    .selectAll()
    .where('household_id', '=', householdId)
    .orderBy('moved_at')
    .orderBy('id')
    .execute();
}

/** Inserts a good of a committee's basket. */
export async function insertGood(db: SupplyDb, row: T['supply_goods']): Promise<void> {
  await db.insertInto('supply_goods').values(row).execute();
}

/** A committee's goods in card-item order. */
export async function goodsOf(db: SupplyDb, committeeId: string): Promise<T['supply_goods'][]> {
  return db
    .selectFrom('supply_goods')
    .selectAll()
    .where('committee_id', '=', committeeId)
    .orderBy('item_no')
    .execute();
}

/** A good by id. */
export async function findGood(db: SupplyDb, id: string): Promise<T['supply_goods'] | undefined> {
  return db.selectFrom('supply_goods').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The latest rule version of a committee. */
export async function latestRuleVersion(
  db: SupplyDb,
  committeeId: string,
): Promise<T['supply_rule_versions'] | undefined> {
  return db
    .selectFrom('supply_rule_versions')
    .selectAll()
    .where('committee_id', '=', committeeId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Inserts a rule version with its rules. */
export async function insertRuleVersion(
  db: SupplyDb,
  version: T['supply_rule_versions'],
  rules: T['supply_rules'][],
): Promise<void> {
  await db.insertInto('supply_rule_versions').values(version).execute();
  await inChunks(rules, (part) => db.insertInto('supply_rules').values(part).execute());
}

/** The rules of a version. */
export async function rulesOf(db: SupplyDb, versionId: string): Promise<T['supply_rules'][]> {
  return db
    .selectFrom('supply_rules')
    .selectAll()
    .where('version_id', '=', versionId)
    .orderBy('id')
    .execute();
}

/** A committee's rule versions, newest first. */
export async function ruleVersions(db: SupplyDb, committeeId: string): Promise<T['supply_rule_versions'][]> {
  return db
    .selectFrom('supply_rule_versions')
    .selectAll()
    .where('committee_id', '=', committeeId)
    .orderBy('version', 'desc')
    .execute();
}

/** Inserts a committee key. */
export async function insertKey(db: SupplyDb, row: T['supply_committee_keys']): Promise<void> {
  await db.insertInto('supply_committee_keys').values(row).execute();
}

/** Every key of a committee (active and retired), newest first. */
export async function keysOf(db: SupplyDb, committeeId: string): Promise<T['supply_committee_keys'][]> {
  return db
    .selectFrom('supply_committee_keys')
    .selectAll()
    .where('committee_id', '=', committeeId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Every committee's keys, with their stored private keys (sealing at start). */
export async function allKeys(db: SupplyDb): Promise<{ id: string; private_key_sealed: string }[]> {
  return db.selectFrom('supply_committee_keys').select(['id', 'private_key_sealed']).orderBy('id').execute();
}

/** Replaces a key's stored private key `before` (a PEM) with its sealed form; false when it had changed. */
export async function updateSealedKey(
  db: SupplyDb,
  id: string,
  before: string,
  sealed: string,
): Promise<boolean> {
  const r = await db
    .updateTable('supply_committee_keys')
    .set({ private_key_sealed: sealed })
    .where('id', '=', id)
    .where('private_key_sealed', '=', before)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Retires a committee's active keys. */
export async function retireKeys(db: SupplyDb, committeeId: string, at: string): Promise<void> {
  await db
    .updateTable('supply_committee_keys')
    .set({ retired_at: at })
    .where('committee_id', '=', committeeId)
    .where('retired_at', 'is', null)
    .execute();
}

/** Records an issued card. */
export async function insertCard(db: SupplyDb, row: T['supply_cards']): Promise<void> {
  await db.insertInto('supply_cards').values(row).execute();
}

/** Inserts a delivery. */
export async function insertDelivery(db: SupplyDb, row: T['supply_deliveries']): Promise<void> {
  await db.insertInto('supply_deliveries').values(row).execute();
}

/** A delivery by id. */
export async function findDelivery(db: SupplyDb, id: string): Promise<T['supply_deliveries'] | undefined> {
  return db.selectFrom('supply_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A committee's deliveries, newest first. */
export async function deliveriesOf(db: SupplyDb, committeeId: string): Promise<T['supply_deliveries'][]> {
  return db
    .selectFrom('supply_deliveries')
    .selectAll()
    .where('committee_id', '=', committeeId)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Stores the digest of a delivery's latest preview. */
export async function setPreviewDigest(db: SupplyDb, id: string, digest: string): Promise<void> {
  await db.updateTable('supply_deliveries').set({ preview_digest: digest }).where('id', '=', id).execute();
}

/** Marks a delivery confirmed, only if it was not; false when another confirmation came first. */
export async function markConfirmed(db: SupplyDb, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('supply_deliveries')
    .set({ status: 'confirmed', confirmed_at: at })
    .where('id', '=', id)
    .where('status', '=', 'recorded')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Inserts allocation rows. */
export async function insertAllocations(db: SupplyDb, rows: T['supply_allocations'][]): Promise<void> {
  await inChunks(rows, (part) => db.insertInto('supply_allocations').values(part).execute());
}

/** Units already allocated per household of a committee for one good and period (confirmed deliveries). */
export async function allocatedByHousehold(
  db: SupplyDb,
  committeeId: string,
  goodId: string,
  period: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('supply_allocations as a')
    .innerJoin('supply_deliveries as d', 'd.id', 'a.delivery_id')
    .select(['a.household_id', (eb) => eb.fn.sum<number>('a.quantity').as('units')])
    .where('d.committee_id', '=', committeeId)
    .where('a.good_id', '=', goodId)
    .where('a.period', '=', period)
    .groupBy('a.household_id')
    .execute();
  return new Map(rows.map((r) => [r.household_id, Number(r.units)]));
}

/**
 * What confirmed allocations give one household of one good in one period: null when no delivery
 * of the good was confirmed for the household's committee in the period (then the entitlement holds).
 */
export async function allocationFor(
  db: SupplyDb,
  committeeId: string,
  householdId: string,
  goodId: string,
  period: string,
): Promise<number | null> {
  const confirmed = await db
    .selectFrom('supply_deliveries')
    .select('id')
    .where('committee_id', '=', committeeId)
    .where('good_id', '=', goodId)
    .where('period', '=', period)
    .where('status', '=', 'confirmed')
    .limit(1)
    .executeTakeFirst();
  if (!confirmed) return null;
  const row = await db
    .selectFrom('supply_allocations')
    .select((eb) => eb.fn.sum<number>('quantity').as('units'))
    .where('household_id', '=', householdId)
    .where('good_id', '=', goodId)
    .where('period', '=', period)
    .executeTakeFirst();
  return Number(row?.units ?? 0);
}

/** Inserts a distribution point. */
export async function insertPoint(db: SupplyDb, row: T['supply_points']): Promise<void> {
  await db.insertInto('supply_points').values(row).execute();
}

/** A distribution point by id. */
export async function findPoint(db: SupplyDb, id: string): Promise<T['supply_points'] | undefined> {
  return db.selectFrom('supply_points').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A committee's distribution points. */
export async function pointsOf(db: SupplyDb, committeeId: string): Promise<T['supply_points'][]> {
  return db
    .selectFrom('supply_points')
    .selectAll()
    .where('committee_id', '=', committeeId)
    .orderBy('name')
    .execute();
}

/** Stock of a point per good. */
export async function stockOf(db: SupplyDb, pointId: string): Promise<T['supply_point_stock'][]> {
  return db
    .selectFrom('supply_point_stock')
    .selectAll()
    .where('point_id', '=', pointId)
    .orderBy('good_id')
    .execute();
}

/** Adds `units` (may be negative) to a point's stock of a good, creating the row at 0 first. */
export async function addStock(
  db: SupplyDb,
  pointId: string,
  goodId: string,
  units: number,
  at: string,
): Promise<void> {
  await db
    .insertInto('supply_point_stock')
    .values({ point_id: pointId, good_id: goodId, quantity: units, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['point_id', 'good_id']).doUpdateSet({
        quantity: sql<number>`supply_point_stock.quantity + ${units}`,
        updated_at: at,
      }),
    )
    .execute();
}

/** Takes `units` from a point's stock if at least that many are there; false otherwise. */
export async function takeStock(
  db: SupplyDb,
  pointId: string,
  goodId: string,
  units: number,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('supply_point_stock')
    .set({ quantity: sql<number>`quantity - ${units}`, updated_at: at })
    .where('point_id', '=', pointId)
    .where('good_id', '=', goodId)
    .where('quantity', '>=', units)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Units of a good at a point now (0 when none was ever stocked). */
export async function stockLevel(db: SupplyDb, pointId: string, goodId: string): Promise<number> {
  const row = await db
    .selectFrom('supply_point_stock')
    .select('quantity')
    .where('point_id', '=', pointId)
    .where('good_id', '=', goodId)
    .executeTakeFirst();
  return Number(row?.quantity ?? 0);
}

/**
 * Inserts a claim unless one for the same household, good and period or the same idempotency key
 * exists (the unique constraints decide, also under concurrency); true when inserted.
 */
export async function insertClaimOnce(db: SupplyDb, row: T['supply_claims']): Promise<boolean> {
  const inserted = await db
    .insertInto('supply_claims')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The claim recorded under an idempotency key. */
export async function claimByKey(db: SupplyDb, key: string): Promise<T['supply_claims'] | undefined> {
  return db.selectFrom('supply_claims').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}

/** The claim of a household for a good and period. */
export async function claimFor(
  db: SupplyDb,
  householdId: string,
  goodId: string,
  period: string,
): Promise<T['supply_claims'] | undefined> {
  return db
    .selectFrom('supply_claims')
    .selectAll()
    .where('household_id', '=', householdId)
    .where('good_id', '=', goodId)
    .where('period', '=', period)
    .executeTakeFirst();
}

/** Claims of a committee in a period per good: count and units. */
export async function claimTotals(
  db: SupplyDb,
  committeeId: string,
  period: string,
): Promise<{ good_id: string; claims: number; units: number }[]> {
  const rows = await db
    .selectFrom('supply_claims')
    .select([
      'good_id',
      (eb) => eb.fn.countAll<number>().as('claims'),
      (eb) => eb.fn.sum<number>('quantity').as('units'),
    ])
    .where('committee_id', '=', committeeId)
    .where('period', '=', period)
    .groupBy('good_id')
    .orderBy('good_id')
    .execute();
  return rows.map((r) => ({ good_id: r.good_id, claims: Number(r.claims), units: Number(r.units) }));
}

/** Inserts a flag unless one with its idempotency key exists; true when inserted. */
export async function insertFlagOnce(db: SupplyDb, row: T['supply_claim_flags']): Promise<boolean> {
  const inserted = await db
    .insertInto('supply_claim_flags')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The flag stored under an idempotency key. */
export async function flagByKey(db: SupplyDb, key: string): Promise<T['supply_claim_flags'] | undefined> {
  return db
    .selectFrom('supply_claim_flags')
    .selectAll()
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** A committee's flagged offline claims, open first then newest. */
export async function flagsOf(db: SupplyDb, committeeId: string): Promise<T['supply_claim_flags'][]> {
  return db
    .selectFrom('supply_claim_flags')
    .selectAll()
    .where('committee_id', '=', committeeId)
    .orderBy('status')
    .orderBy('synced_at', 'desc')
    .orderBy('id')
    .execute();
}

/** Inserts an official price. */
export async function insertPrice(db: SupplyDb, row: T['supply_prices']): Promise<void> {
  await db.insertInto('supply_prices').values(row).execute();
}

/** Every price adopted for a region, newest first per good. */
export async function pricesOf(db: SupplyDb, regionId: string): Promise<T['supply_prices'][]> {
  return db
    .selectFrom('supply_prices')
    .selectAll()
    .where('region_id', '=', regionId)
    .orderBy('good_code')
    .orderBy('adopted_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Inserts a price report. */
export async function insertReport(db: SupplyDb, row: T['supply_price_reports']): Promise<void> {
  await db.insertInto('supply_price_reports').values(row).execute();
}

/** A price report by id. */
export async function findReport(db: SupplyDb, id: string): Promise<T['supply_price_reports'] | undefined> {
  return db.selectFrom('supply_price_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Moves a report on from `from` status; false when its status was no longer `from`. */
export async function advanceReport(
  db: SupplyDb,
  id: string,
  from: string,
  to: string,
  notes: string,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('supply_price_reports')
    .set({ status: to, notes, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A committee's price reports, optionally of one status, newest first. */
export async function reportsOf(
  db: SupplyDb,
  committeeId: string,
  status?: string,
): Promise<T['supply_price_reports'][]> {
  let q = db.selectFrom('supply_price_reports').selectAll().where('committee_id', '=', committeeId);
  if (status !== undefined) q = q.where('status', '=', status);
  return q.orderBy('reported_at', 'desc').orderBy('id', 'desc').execute();
}

/** Households by id. */
export async function householdsByIds(
  db: SupplyDb,
  ids: readonly string[],
): Promise<T['supply_households'][]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('supply_households')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

/** Claims of the given households in the given periods. */
export async function claimsOfHouseholds(
  db: SupplyDb,
  householdIds: readonly string[],
  periods: readonly string[],
): Promise<T['supply_claims'][]> {
  if (householdIds.length === 0 || periods.length === 0) return [];
  return db
    .selectFrom('supply_claims')
    .selectAll()
    .where('household_id', 'in', [...householdIds])
    .where('period', 'in', [...periods])
    .execute();
}

/** Stock rows of the given points and goods; `lock` takes row locks (PostgreSQL) until commit. */
export async function stockRows(
  db: SupplyDb,
  pointIds: readonly string[],
  goodIds: readonly string[],
  lock: boolean,
): Promise<T['supply_point_stock'][]> {
  if (pointIds.length === 0 || goodIds.length === 0) return [];
  let q = db
    .selectFrom('supply_point_stock')
    .selectAll()
    .where('point_id', 'in', [...pointIds])
    .where('good_id', 'in', [...goodIds])
    .orderBy('point_id')
    .orderBy('good_id');
  if (lock) q = q.forUpdate();
  return q.execute();
}

/** Inserts claims, skipping any that a unique constraint refuses; returns the ids inserted. */
async function insertClaimsOnce(db: SupplyDb, rows: readonly T['supply_claims'][]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await db
      .insertInto('supply_claims')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    for (const r of inserted) ids.add(r.id);
  }
  return ids;
}

/** What a group of online claims is decided on (see `claimGroupState`). */
export interface ClaimGroupState {
  /** The named households that exist (with their committee now). */
  readonly households: { id: string; committee_id: string }[];
  /** Their members. */
  readonly members: { household_id: string; age_band: string; needs: string }[];
  /** Claims under any of the keys, or of the households in the periods. */
  readonly claims: T['supply_claims'][];
  /** The committee's rules in force (its latest rule version), null before any. */
  readonly ruleVersionId: string | null;
  /** Goods and periods with a confirmed delivery at the committee, among the periods. */
  readonly confirmed: { good_id: string; period: string }[];
  /** Units allocated per household, good and period, for the households and periods. */
  readonly allocations: { household_id: string; good_id: string; period: string; units: number }[];
  /** Stock of the points and goods, locked until commit on PostgreSQL. */
  readonly stock: { point_id: string; good_id: string; quantity: number }[];
}

// One aggregate of JSON objects per part of a group's state: the dialects name the functions
// differently, and PostgreSQL's json_agg of no rows is null.
const JSON_FUNCTIONS = {
  postgres: { agg: sql.raw('json_agg'), obj: sql.raw('json_build_object') },
  sqlite: { agg: sql.raw('json_group_array'), obj: sql.raw('json_object') },
} as const;

/** `column` is one of `values`: one parameter whatever their number, so the SQL text stays the same. */
function among(kind: DialectKind, column: string, values: readonly string[]) {
  return kind === 'postgres'
    ? sql`${sql.ref(column)} = any(${[...values]}::text[])`
    : sql`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}

/** A JSON column as the driver returns it: parsed (PostgreSQL json) or as text (SQLite). */
function parsedJson<V>(value: unknown): V {
  return (typeof value === 'string' ? JSON.parse(value) : value) as V;
}

/**
 * Everything a group of online claims of one committee is decided on, in ONE statement (one round
 * trip on PostgreSQL instead of eight): the households and their members, the claims already
 * recorded under the keys or for the households in the periods, the rule version in force,
 * confirmed deliveries and allocations, and the points' stock — read last and, on PostgreSQL,
 * locked until commit (FOR UPDATE), the lock order every claim path shares (stock rows, then
 * claims, then the audit head). Each list is one parameter, so the statement's text never changes.
 */
export async function claimGroupState(
  db: SupplyDb,
  kind: DialectKind,
  q: {
    committeeId: string;
    householdIds: readonly string[];
    keys: readonly string[];
    periods: readonly string[];
    pointIds: readonly string[];
    goodIds: readonly string[];
  },
): Promise<ClaimGroupState> {
  const { agg, obj } = JSON_FUNCTIONS[kind];
  const households = among(kind, 'household_id', q.householdIds);
  const periods = among(kind, 'period', q.periods);
  const lock = kind === 'postgres' ? sql` for update` : sql``;
  const claimColumns = sql.join(
    CLAIM_COLUMNS.map((c) => sql`${sql.lit(c.name)}, c.${sql.ref(c.name)}`),
    sql`, `,
  );
  const result = await sql<{
    households: unknown;
    members: unknown;
    claims: unknown;
    rule_version_id: string | null;
    confirmed: unknown;
    allocations: unknown;
    stock: unknown;
  }>`select
  (select coalesce(${agg}(${obj}('id', h.id, 'committee_id', h.committee_id)), '[]')
     from supply_households h where ${among(kind, 'h.id', q.householdIds)}) as households,
  (select coalesce(${agg}(${obj}('household_id', household_id, 'age_band', age_band, 'needs', needs)), '[]')
     from supply_members where ${households}) as members,
  (select coalesce(${agg}(${obj}(${claimColumns})), '[]')
     from supply_claims c where ${among(kind, 'c.idempotency_key', q.keys)}
       or (${among(kind, 'c.household_id', q.householdIds)} and ${among(kind, 'c.period', q.periods)})) as claims,
  (select id from supply_rule_versions where committee_id = ${q.committeeId}
     order by version desc limit 1) as rule_version_id,
  (select coalesce(${agg}(${obj}('good_id', good_id, 'period', period)), '[]')
     from (select distinct good_id, period from supply_deliveries
           where committee_id = ${q.committeeId} and status = 'confirmed' and ${periods}) d) as confirmed,
  (select coalesce(${agg}(${obj}('household_id', household_id, 'good_id', good_id, 'period', period, 'units', units)), '[]')
     from (select household_id, good_id, period, sum(quantity) as units from supply_allocations
           where ${households} and ${periods} group by household_id, good_id, period) a) as allocations,
  (select coalesce(${agg}(${obj}('point_id', point_id, 'good_id', good_id, 'quantity', quantity)), '[]')
     from (select point_id, good_id, quantity from supply_point_stock
           where ${among(kind, 'point_id', q.pointIds)} and ${among(kind, 'good_id', q.goodIds)}
           order by point_id, good_id${lock}) s) as stock`.execute(db);
  const row = result.rows[0]!;
  return {
    households: parsedJson(row.households),
    members: parsedJson(row.members),
    claims: parsedJson(row.claims),
    ruleVersionId: row.rule_version_id,
    confirmed: parsedJson(row.confirmed),
    allocations: parsedJson<ClaimGroupState['allocations']>(row.allocations).map((a) => ({
      ...a,
      units: Number(a.units),
    })),
    stock: parsedJson(row.stock),
  };
}

// PostgreSQL: the claims and the stock they take in one statement (one round trip). Only rows
// inserted (not refused by a unique constraint: another process was first) lower the stock.
const RECORD_POSTGRES = `with ins as (
  insert into supply_claims (${CLAIM_COLUMNS.map((c) => c.name).join(', ')})
  select ${CLAIM_COLUMNS.map((c) => c.name).join(', ')} from json_populate_recordset(null::supply_claims, $1::json)
  on conflict do nothing
  returning id, point_id, good_id, quantity
), used as (
  select point_id, good_id, sum(quantity) as units from ins group by point_id, good_id
), taken as (
  update supply_point_stock s set quantity = s.quantity - used.units, updated_at = $2
  from used where s.point_id = used.point_id and s.good_id = used.good_id
)
select id from ins`;

/**
 * Inserts decided claims, skipping any that a unique constraint refuses (the same key, or the same
 * household, good and period recorded meanwhile by another process), and lowers the stock of
 * their points by what the inserted ones hand over; returns the ids inserted. The stock rows must
 * exist (the group read them).
 */
export async function recordClaims(
  db: SupplyDb,
  kind: DialectKind,
  rows: readonly T['supply_claims'][],
  at: string,
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  if (kind === 'postgres') {
    const result = await db.executeQuery<{ id: string }>(
      CompiledQuery.raw(RECORD_POSTGRES, [JSON.stringify(rows), at]),
    );
    return new Set(result.rows.map((r) => r.id));
  }
  const inserted = await insertClaimsOnce(db, rows);
  const used = new Map<string, { pointId: string; goodId: string; units: number }>();
  for (const r of rows) {
    if (!inserted.has(r.id)) continue;
    const k = `${r.point_id}|${r.good_id}`;
    const u = used.get(k) ?? { pointId: r.point_id, goodId: r.good_id, units: 0 };
    u.units += Number(r.quantity);
    used.set(k, u);
  }
  for (const u of used.values())
    await db
      .updateTable('supply_point_stock')
      .set({ quantity: sql<number>`quantity - ${u.units}`, updated_at: at })
      .where('point_id', '=', u.pointId)
      .where('good_id', '=', u.goodId)
      .execute();
  return inserted;
}

/** A flag by id. */
export async function findFlag(db: SupplyDb, id: string): Promise<T['supply_claim_flags'] | undefined> {
  return db.selectFrom('supply_claim_flags').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks an open flag reviewed with notes; false when it was not open. */
export async function reviewFlag(db: SupplyDb, id: string, notes: string): Promise<boolean> {
  const r = await db
    .updateTable('supply_claim_flags')
    .set({ status: 'reviewed', notes })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Stores a report's photo (at most one per report: the key refuses a second). */
export async function insertReportPhoto(db: SupplyDb, row: T['supply_report_photos']): Promise<void> {
  await db.insertInto('supply_report_photos').values(row).execute();
}

/** A report's photo with its bytes. */
export async function reportPhoto(
  db: SupplyDb,
  reportId: string,
): Promise<T['supply_report_photos'] | undefined> {
  return db
    .selectFrom('supply_report_photos')
    .selectAll()
    .where('report_id', '=', reportId)
    .executeTakeFirst();
}

/** Which of these reports have a photo, with its type and size (not the bytes). */
export async function photosOf(
  db: SupplyDb,
  reportIds: readonly string[],
): Promise<{ report_id: string; content_type: string; byte_size: number }[]> {
  const out: { report_id: string; content_type: string; byte_size: number }[] = [];
  for (let i = 0; i < reportIds.length; i += 500) {
    const part = await db
      .selectFrom('supply_report_photos')
      .select(['report_id', 'content_type', 'byte_size'])
      .where('report_id', 'in', reportIds.slice(i, i + 500))
      .execute();
    out.push(...part);
  }
  return out;
}
