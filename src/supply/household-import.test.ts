import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { createSupplyCommittees, createTestApp, type TestApp } from '../../test/factories.js';
import type { Database } from '../db/database.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { HouseholdBatch, HouseholdInput } from './households.service.js';
import { identityHash } from './identity-hash.js';
import { householdTerms } from './search-terms.js';
import { supplyDb } from './supply-db.js';

let registry = 8_000_000;
const household = (i: number, name: string | null = null): HouseholdInput => ({
  address: `Pasaje Ñuble ${i}`,
  name,
  members: [
    { registryNumber: `${registry++}-${registry % 10}`, ageBand: '15-64', pregnant: i % 3 === 0 },
    { registryNumber: `${registry++}-${registry % 10}`, ageBand: '0-4' },
  ],
});

/** Every index and key constraint of the household tables (and every key that refers to them). */
async function catalog(database: Database): Promise<string[]> {
  const { rows } = await sql<{ d: string }>`
    select c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) as d
      from pg_constraint c
     where c.conrelid = any(${TABLES}::regclass[]) or c.confrelid = any(${TABLES}::regclass[])
    union all
    select pg_get_indexdef(i.indexrelid) || case when i.indisvalid then '' else ' INVALID' end
      from pg_index i
     where i.indrelid = any(${TABLES}::regclass[])
     order by 1`.execute(database.db);
  return rows.map((r) => r.d);
}
const TABLES = ['supply_households', 'supply_members', 'supply_household_terms'];

// `importMany`, the scenario's path for the country's 3 million households: on PostgreSQL one
// command that drops the tables' indexes and keys and builds them again at the end.
describeEachDialect('household import (importMany)', (database, kind) => {
  let t: TestApp;
  let committeeA = '';
  let committeeB = '';
  let before: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(database());
    ({ committeeA, committeeB } = await createSupplyCommittees(t.services));
    if (kind === 'postgres') before = await catalog(database());
  });

  it('refuses a person listed twice; on PostgreSQL nothing is kept and every index is back', async () => {
    const first = household(1);
    const batches: HouseholdBatch[] = [
      { committeeId: committeeA, households: [first, household(2)] },
      { committeeId: committeeB, households: [household(3), { ...household(4), members: first.members }] },
    ];
    await expect(t.services.supply.households.importMany(batches, 'test')).rejects.toThrow();
    const db = supplyDb(database().db);
    const left = await db.selectFrom('supply_households').select('committee_id').execute();
    if (kind === 'postgres') {
      expect(left).toEqual([]);
      expect(await catalog(database())).toEqual(before);
    } else {
      // one command per batch on SQLite: the batch before the duplicate stays
      expect(left.map((r) => r.committee_id)).toEqual([committeeA, committeeA]);
      await db.deleteFrom('supply_household_terms').execute();
      await db.deleteFrom('supply_members').execute();
      await db.deleteFrom('supply_households').execute();
    }
  });

  it('writes the rows registerMany writes, an audit event per batch, and leaves every index and key', async () => {
    const batches: HouseholdBatch[] = [
      {
        committeeId: committeeA,
        households: Array.from({ length: 30 }, (_, i) => household(i, `Familia ${i}`)),
      },
      { committeeId: committeeB, households: Array.from({ length: 20 }, (_, i) => household(100 + i)) },
      { committeeId: committeeA, households: Array.from({ length: 25 }, (_, i) => household(200 + i)) },
    ];
    const since = await t.services.audit.headSeq();
    const imported: { committeeId: string; ids: readonly string[] }[] = [];
    const restoring: number[] = [];
    await t.services.supply.households.importMany(
      // an async source, as a generator that draws each batch when asked
      (async function* () {
        yield* batches;
      })(),
      'test',
      {
        onImported: (batch, ids) => imported.push({ committeeId: batch.committeeId, ids }),
        onRestoring: (done) => restoring.push(done),
      },
    );
    expect(imported.map((b) => [b.committeeId, b.ids.length])).toEqual([
      [committeeA, 30],
      [committeeB, 20],
      [committeeA, 25],
    ]);

    const db = supplyDb(database().db);
    const households = await db.selectFrom('supply_households').selectAll().orderBy('id').execute();
    const expected = batches.flatMap((b, i) =>
      b.households.map((h, j) => ({
        id: imported[i]!.ids[j]!,
        committee_id: b.committeeId,
        address: h.address,
        name: h.name ?? null,
      })),
    );
    expect(
      households.map(({ id, committee_id, address, name }) => ({ id, committee_id, address, name })),
    ).toEqual(expected.sort((a, b) => (a.id < b.id ? -1 : 1)));
    const members = await db
      .selectFrom('supply_members')
      .select(['household_id', 'identity_hash', 'age_band', 'needs'])
      .orderBy('identity_hash')
      .execute();
    const expectedMembers = batches.flatMap((b, i) =>
      b.households.flatMap((h, j) =>
        h.members.map((m) => ({
          household_id: imported[i]!.ids[j]!,
          identity_hash: identityHash(m.registryNumber),
          age_band: m.ageBand,
          needs: m.pregnant ? 'pregnant' : m.ageBand === '0-4' ? 'child' : '',
        })),
      ),
    );
    expect(members).toEqual(expectedMembers.sort((a, b) => (a.identity_hash < b.identity_hash ? -1 : 1)));
    const terms = await db
      .selectFrom('supply_household_terms')
      .select(['committee_id', 'term', 'household_id'])
      .execute();
    const expectedTerms = households.flatMap((h) =>
      householdTerms(h).map((term) => `${h.committee_id} ${term} ${h.id}`),
    );
    expect(terms.map((r) => `${r.committee_id} ${r.term} ${r.household_id}`).sort()).toEqual(
      expectedTerms.sort(),
    );

    const events = await database()
      .db.selectFrom('audit_events')
      .select(['subject_id', 'payload'])
      .where('action', '=', 'supply.households-imported')
      .where('seq', '>', since)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => [e.subject_id, JSON.parse(e.payload)])).toEqual([
      [committeeA, { households: 30, members: 60 }],
      [committeeB, { households: 20, members: 40 }],
      [committeeA, { households: 25, members: 50 }],
    ]);
    expect((await t.services.audit.verify()).status).toBe('intact');

    if (kind === 'postgres') {
      // built again at the end, one by one, each as it was
      expect(restoring.length).toBeGreaterThan(1);
      expect(await catalog(database())).toEqual(before);
    } else expect(restoring).toEqual([]);
  });

  it('keeps the refusal of a person already registered once the tables hold households', async () => {
    const [someone] = household(900).members;
    await t.services.supply.households.importMany(
      [{ committeeId: committeeA, households: [{ address: 'Pasaje 1', members: [someone!] }] }],
      'test',
    );
    await expect(
      t.services.supply.households.importMany(
        [{ committeeId: committeeB, households: [{ address: 'Pasaje 2', members: [{ ...someone! }] }] }],
        'test',
      ),
    ).rejects.toThrow();
    if (kind === 'postgres') expect(await catalog(database())).toEqual(before);
  });
});
