import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  as,
  createBody,
  createTestApp,
  problem,
  signedInPerson,
  type TestApp,
  type TestSession,
} from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';
import { parseSearch } from './search-terms.js';
import { householdSearch, insertHouseholds } from './supply.store.js';
import { supplyDb } from './supply-db.js';

type Who = TestSession | { bearer: string } | null;
type Found = { households: { id: string; name: string | null; address: string; cardCode: string }[] };

describeEachDialect('household search at the distribution point', (database, kind) => {
  let t: TestApp;
  let chairA: TestSession;
  let memberA: TestSession;
  let chairB: TestSession;
  let tokenA: { bearer: string };
  let tokenB: { bearer: string };
  let committeeA = '';
  let committeeB = '';
  const ids: Record<string, string> = {};

  const call = (who: Who, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const headers: Record<string, string> = {};
    if (who && 'bearer' in who) headers.authorization = `Bearer ${who.bearer}`;
    else if (who) Object.assign(headers, as(who));
    return t.app.inject({
      method,
      url,
      headers,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  };
  const search = async (who: Who, q: string, extra = ''): Promise<LightMyRequestResponse> =>
    call(
      who,
      'GET',
      `/api/supply/committees/${committeeA}/households/search?q=${encodeURIComponent(q)}${extra}`,
    );
  const names = async (q: string) =>
    (await search(tokenA, q))
      .json<Found>()
      .households.map((h) => h.name)
      .sort();

  beforeAll(async () => {
    t = await createTestApp(database());
    [chairA, memberA, chairB] = [await signedInPerson(t), await signedInPerson(t), await signedInPerson(t)];
    committeeA = await createBody(t.services, {
      kind: 'supply-committee',
      members: [
        { personId: chairA.personId, role: 'chair' },
        { personId: memberA.personId, role: 'member' },
      ],
    });
    committeeB = await createBody(t.services, {
      kind: 'supply-committee',
      members: [{ personId: chairB.personId, role: 'chair' }],
    });
    const tokenOf = async (who: TestSession, bodyId: string) => ({
      bearer: (
        await call(who, 'POST', '/api/tokens', { name: 'punto', scopes: ['supply:claim'], bodyId })
      ).json<{ token: string }>().token,
    });
    tokenA = await tokenOf(chairA, committeeA);
    tokenB = await tokenOf(chairB, committeeB);
    const register = async (
      committee: string,
      who: TestSession,
      name: string | null,
      address: string,
      rut: string,
    ) => {
      const res = await call(who, 'POST', `/api/supply/committees/${committee}/households`, {
        ...(name !== null ? { name } : {}),
        address,
        members: [{ registryNumber: rut, ageBand: '15-64' }],
      });
      expect(res.statusCode).toBe(201);
      return res.json<{ householdId: string }>().householdId;
    };
    ids.rojas = await register(
      committeeA,
      chairA,
      'Familia Rojas Pérez',
      'Pasaje Ñuble 1245, La Victoria',
      '8.111.111-1',
    );
    ids.rosas = await register(committeeA, chairA, 'Rosas Muñoz', 'Avenida Departamental 300', '8.222.222-2');
    ids.soto = await register(committeeA, chairA, null, 'Población Rojas Magallanes 12', '8.333.333-3');
    ids.other = await register(committeeB, chairB, 'Familia Rojas Bravo', 'Pasaje Ñuble 99', '8.444.444-4');
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('finds households by fragments that begin words of name or address, without accents', async () => {
    expect(await names('rojas')).toEqual(['Familia Rojas Pérez', null]);
    expect(await names('ro')).toEqual(['Familia Rojas Pérez', 'Rosas Muñoz', null]);
    expect(await names('NUBLE')).toEqual(['Familia Rojas Pérez']);
    expect(await names('roj 1245')).toEqual(['Familia Rojas Pérez']);
    expect(await names('munoz avenida')).toEqual(['Rosas Muñoz']);
    // A fragment inside a word is not a match, and another committee's households never are.
    expect(await names('ojas')).toEqual([]);
    expect(await names('bravo')).toEqual([]);
    const short = (await search(tokenA, 'r')).json<Found & { tooShort: boolean }>();
    expect(short).toMatchObject({ households: [], tooShort: true });
  });

  it('finds a household by a member’s registry number or by the card code', async () => {
    const byRut = (await search(chairA, '8222222-2')).json<Found>();
    expect(byRut.households.map((h) => h.id)).toEqual([ids.rosas]);
    // The same person asked at another committee is not found there.
    const elsewhere = await call(
      tokenB,
      'GET',
      `/api/supply/committees/${committeeB}/households/search?q=8.222.222-2`,
    );
    expect(elsewhere.json<Found>().households).toEqual([]);
    const soto = (await search(tokenA, 'magallanes')).json<Found>().households[0]!;
    expect(soto.id).toBe(ids.soto);
    expect(soto.cardCode).toBe(ids.soto!.replaceAll('-', '').slice(-8));
    for (const q of [`#${soto.cardCode}`, soto.cardCode.toUpperCase()]) {
      expect((await search(tokenA, q)).json<Found>().households.map((h) => h.id)).toEqual([ids.soto]);
    }
  });

  it('reads a card code of letters only as a code when no word matches it', async () => {
    const id = '01900000-0000-7000-8000-0000deadbeef';
    await insertHouseholds(
      supplyDb(t.services.database.db),
      [
        {
          id,
          committee_id: committeeA,
          address: 'Pasaje Uno 1',
          name: null,
          registered_at: 'x',
          updated_at: 'x',
        },
      ],
      [],
    );
    expect((await search(tokenA, 'DEADBEEF')).json<Found>().households.map((h) => h.id)).toEqual([id]);
    expect((await search(tokenA, '#deadbeef')).json<Found>().households.map((h) => h.id)).toEqual([id]);
  });

  it('pages in id order', async () => {
    const first = (await search(tokenA, 'ro', '&limit=2')).json<Found & { nextAfter: string | null }>();
    expect(first.households).toHaveLength(2);
    expect(first.nextAfter).toBe(first.households[1]!.id);
    const rest = (await search(tokenA, 'ro', `&limit=2&after=${first.nextAfter}`)).json<
      Found & { nextAfter: string | null }
    >();
    expect(rest.households).toHaveLength(1);
    expect(rest.nextAfter).toBeNull();
    const all = [...first.households, ...rest.households].map((h) => h.id);
    expect(all).toEqual([...all].sort());
  });

  it('lets only the committee’s officers and point tokens search', async () => {
    for (const who of [memberA, chairB, tokenB]) {
      const res = await search(who, 'rojas');
      expect(res.statusCode).toBe(403);
      expect(problem(res).code).toBe('forbidden');
    }
    expect((await search(null, 'rojas')).statusCode).toBe(401);
    const bad = await search(tokenA, '');
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).field).toContain('q');
  });

  it('shows what a found household is due and what it received, to the committee’s point only', async () => {
    const A = `/api/supply/committees/${committeeA}`;
    const milk = (
      await call(chairA, 'POST', `${A}/goods`, { code: 'milk', name: 'Leche', unit: 'mL' })
    ).json<{
      id: string;
    }>().id;
    await call(chairA, 'POST', `${A}/rules`, {
      motionId: null,
      rules: [{ goodId: milk, category: 'everyone', quantity: 1000, per: 'week', priority: 0 }],
    });
    const url = `/api/supply/households/${ids.rojas}/due?period=1972-W42`;
    type Due = { goods: { goodId: string; quantity: number; claimed: { quantity: number } | null }[] };
    expect((await call(tokenA, 'GET', url)).json<Due>().goods).toEqual([
      { goodId: milk, quantity: 1000, claimed: null },
    ]);
    const pointId = (await call(chairA, 'POST', `${A}/points`, { name: 'Sede' })).json<{ id: string }>().id;
    await call(chairA, 'POST', `/api/supply/points/${pointId}/stock`, { goodId: milk, units: 5000 });
    const claimed = await call(tokenA, 'POST', `${A}/claims`, {
      key: 'busqueda-0001',
      pointId,
      goodId: milk,
      period: '1972-W42',
      quantity: 1000,
      householdId: ids.rojas,
    });
    expect(claimed.statusCode).toBe(201);
    expect((await call(chairA, 'GET', url)).json<Due>().goods[0]!.claimed).toMatchObject({ quantity: 1000 });
    for (const who of [memberA, chairB, tokenB]) {
      const res = await call(who, 'GET', url);
      expect(res.statusCode).toBe(403);
      expect(problem(res).code).toBe('forbidden');
    }
    const unknown = await call(
      tokenA,
      'GET',
      '/api/supply/households/01900000-0000-7000-8000-000000000000/due?period=1972-W42',
    );
    expect(unknown.statusCode).toBe(403);
    expect(
      (await call(tokenA, 'GET', `/api/supply/households/${ids.rojas}/due?period=1972-13`)).statusCode,
    ).toBe(400);
  });

  it('follows a household that moves to another committee', async () => {
    const moved = await call(chairA, 'POST', `/api/supply/households/${ids.rosas}/move`, {
      toCommitteeId: committeeB,
      address: 'Calle Nueva 5',
    });
    expect(moved.statusCode).toBe(200);
    expect(await names('rosas')).toEqual([]);
    const there = await call(
      tokenB,
      'GET',
      `/api/supply/committees/${committeeB}/households/search?q=rosas%20nueva`,
    );
    expect(there.json<Found>().households.map((h) => h.id)).toEqual([ids.rosas]);
  });

  it('answers a fragment from the terms index, not by scanning', async () => {
    const query = parseSearch('roj 1245');
    if (query.kind !== 'words') throw new Error('expected words');
    const db = supplyDb(t.services.database.db);
    const { sql: text, parameters } = householdSearch(db, committeeA, query.words, { limit: 20 }).compile();
    if (kind === 'sqlite') {
      const plan = await sql
        .raw<{ detail: string }>(`explain query plan ${inline(text, parameters)}`)
        .execute(db);
      const details = plan.rows.map((r) => r.detail).join('\n');
      expect(details).toMatch(
        /SEARCH t USING (COVERING )?INDEX sqlite_autoindex_supply_household_terms_1 \(committee_id=\? AND term>\? AND term<\?\)/,
      );
      expect(details).toMatch(
        /SEARCH u (EXISTS )?USING COVERING INDEX supply_household_terms_household_idx \(household_id=\? AND term>\? AND term<\?\)/,
      );
      expect(details).not.toMatch(/SCAN (t|u|h)\b/);
    } else {
      // Small tables are cheaper to scan; with scans priced out the plan must use the key.
      const details = await db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        const plan = await sql
          .raw<{ 'QUERY PLAN': string }>(`explain ${inline(text, parameters)}`)
          .execute(trx);
        return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(details).toMatch(
        /Index (Only )?Scan using supply_household_terms_pk on supply_household_terms t/,
      );
      expect(details).not.toMatch(/Seq Scan/);
    }
  });
});

/** Inlines parameters into SQL for EXPLAIN (test values only: ids and lower-case words). */
function inline(text: string, parameters: readonly unknown[]): string {
  let i = 0;
  return text.replace(/\?|\$\d+/g, () => `'${String(parameters[i++]).replaceAll("'", "''")}'`);
}
