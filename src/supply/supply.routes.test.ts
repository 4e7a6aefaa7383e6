import type { LightMyRequestResponse } from 'fastify';
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

type Who = TestSession | { bearer: string } | null;

describeEachDialect('supply over HTTP', (database) => {
  let t: TestApp;
  let chairA: TestSession;
  let memberA: TestSession;
  let chairB: TestSession;
  let outsider: TestSession;
  let tokenA: { bearer: string };
  let tokenB: { bearer: string };
  let wrongScope: { bearer: string };
  let committeeA = '';
  let committeeB = '';

  const call = async (
    who: Who,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> => {
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
  /** Asserts every caller in `wrong` gets 403 forbidden (unknown and foreign resources alike). */
  const refused = async (wrong: Who[], method: 'GET' | 'POST', url: string, payload?: unknown) => {
    for (const who of wrong) {
      const res = await call(who, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(problem(res).code).toBe('forbidden');
    }
  };
  const token = async (session: TestSession, bodyId: string) => {
    const res = await call(session, 'POST', '/api/tokens', {
      name: 'punto',
      scopes: ['supply:claim'],
      bodyId,
    });
    expect(res.statusCode).toBe(201);
    return { bearer: res.json<{ token: string }>().token };
  };

  beforeAll(async () => {
    t = await createTestApp(database());
    [chairA, memberA, chairB, outsider] = [
      await signedInPerson(t),
      await signedInPerson(t),
      await signedInPerson(t),
      await signedInPerson(t),
    ];
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
    tokenA = await token(chairA, committeeA);
    tokenB = await token(chairB, committeeB);
    const other = await call(chairA, 'POST', '/api/tokens', {
      name: 'informes',
      scopes: ['production:report'],
      bodyId: committeeA,
    });
    wrongScope = { bearer: other.json<{ token: string }>().token };
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('walks basket → households → delivery → preview → confirm → card → claim → a second claim refused', async () => {
    const A = `/api/supply/committees/${committeeA}`;
    const good = { code: 'milk', name: 'Leche', unit: 'mL' };
    await refused([memberA, outsider, chairB, tokenA], 'POST', `${A}/goods`, good);
    const milk = (await call(chairA, 'POST', `${A}/goods`, good)).json<{ id: string }>().id;
    const rules = {
      motionId: null,
      rules: [{ goodId: milk, category: 'child', quantity: 500, per: 'day', priority: 0 }],
    };
    await refused([memberA, chairB], 'POST', `${A}/rules`, rules);
    expect((await call(chairA, 'POST', `${A}/rules`, rules)).json()).toEqual({ version: 1 });

    const household = {
      address: 'La Victoria, pasaje 7',
      members: [{ registryNumber: '7.654.321-0', ageBand: '0-4' }],
    };
    await refused([memberA, outsider, chairB], 'POST', `${A}/households`, household);
    const created = await call(chairA, 'POST', `${A}/households`, household);
    expect(created.statusCode).toBe(201);
    const householdId = created.json<{ householdId: string }>().householdId;
    const again = await call(chairA, 'POST', `${A}/households`, {
      ...household,
      members: [{ registryNumber: '76543210', ageBand: '0-4' }],
    });
    expect(again.statusCode).toBe(409);
    expect(problem(again)).toMatchObject({
      code: 'duplicate-person',
      field: 'body.members.0.registryNumber',
    });
    const second = (
      await call(chairA, 'POST', `${A}/households`, {
        address: 'b',
        members: [{ registryNumber: '5.555.555-5', ageBand: '5-14' }],
      })
    ).json<{ householdId: string }>().householdId;
    await refused([memberA, chairB, tokenA], 'GET', `${A}/households`);
    expect((await call(chairA, 'GET', `${A}/households?limit=10`)).json()).toMatchObject({ total: 2 });

    for (const who of [memberA, tokenA])
      expect((await call(who, 'GET', `${A}/basket`)).json()).toMatchObject({
        version: 1,
        goods: [{ id: milk }],
      });
    await refused([outsider, tokenB, chairB], 'GET', `${A}/basket`);
    expect((await call(tokenA, 'GET', `${A}/totals?period=1972-W42`)).json()).toMatchObject({
      goods: [{ goodId: milk, units: 7_000, households: 2 }],
    });
    await refused([outsider, tokenB], 'GET', `${A}/totals?period=1972-W42`);

    const delivery = { goodId: milk, period: '1972-W42', quantity: 5_001 };
    await refused([memberA, chairB], 'POST', `${A}/deliveries`, delivery);
    const deliveryId = (await call(chairA, 'POST', `${A}/deliveries`, delivery)).json<{ id: string }>().id;
    expect((await call(memberA, 'GET', `${A}/deliveries`)).json()).toMatchObject({
      deliveries: [{ id: deliveryId, status: 'recorded' }],
    });
    await refused([memberA, chairB, outsider], 'GET', `/api/supply/deliveries/${deliveryId}/preview`);
    await refused([chairA], 'GET', '/api/supply/deliveries/01900000-0000-7000-8000-000000000000/preview');
    const preview = (await call(chairA, 'GET', `/api/supply/deliveries/${deliveryId}/preview`)).json<{
      digest: string;
      awards: { householdId: string; award: number }[];
    }>();
    expect(preview.awards.map((a) => a.award).sort()).toEqual([2_500, 2_501]);
    await refused([memberA, chairB], 'POST', `/api/supply/deliveries/${deliveryId}/confirm`, {
      digest: preview.digest,
    });
    expect(
      (
        await call(chairA, 'POST', `/api/supply/deliveries/${deliveryId}/confirm`, { digest: preview.digest })
      ).json(),
    ).toMatchObject({ status: 'confirmed', total: 5_001 });
    const twice = await call(chairA, 'POST', `/api/supply/deliveries/${deliveryId}/confirm`, {
      digest: preview.digest,
    });
    expect(problem(twice)).toMatchObject({ status: 409, code: 'already-confirmed' });

    await refused([memberA, chairB, tokenA], 'POST', `${A}/points`, { name: 'Sede' });
    const pointId = (await call(chairA, 'POST', `${A}/points`, { name: 'Sede' })).json<{ id: string }>().id;
    await refused([memberA, chairB, tokenA], 'POST', `/api/supply/points/${pointId}/stock`, {
      goodId: milk,
      units: 10_000,
    });
    expect(
      (await call(chairA, 'POST', `/api/supply/points/${pointId}/stock`, { goodId: milk, units: 10_000 }))
        .statusCode,
    ).toBe(200);
    expect((await call(memberA, 'GET', `${A}/points`)).json()).toMatchObject({
      points: [{ id: pointId, stock: [{ quantity: 10_000 }] }],
    });

    await refused([memberA, chairB, tokenA], 'POST', `/api/supply/households/${householdId}/cards`, {
      period: '1972-W42',
    });
    const card = (
      await call(chairA, 'POST', `/api/supply/households/${householdId}/cards`, { period: '1972-W42' })
    ).json<{
      token: string;
      items: { quantity: number }[];
    }>();
    const due = card.items[0]!.quantity;
    expect([2_500, 2_501]).toContain(due);
    const keys = await call(null, 'GET', `${A}/keys`);
    expect(keys.statusCode).toBe(200);
    expect(keys.json<{ keys: unknown[] }>().keys).toHaveLength(1);

    const claim = {
      key: 'sede-0001-milk',
      pointId,
      goodId: milk,
      period: '1972-W42',
      quantity: due,
      card: card.token,
    };
    await refused([memberA, outsider, tokenB, chairB, wrongScope], 'POST', `${A}/claims`, claim);
    const first = await call(tokenA, 'POST', `${A}/claims`, claim);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'recorded', claim: { householdId, quantity: due } });
    const retry = await call(tokenA, 'POST', `${A}/claims`, claim);
    expect(retry.statusCode).toBe(200);
    expect(retry.json<{ claim: { id: string } }>().claim.id).toBe(
      first.json<{ claim: { id: string } }>().claim.id,
    );
    const double = await call(chairA, 'POST', `${A}/claims`, { ...claim, key: 'sede-0002-milk' });
    expect(problem(double)).toMatchObject({ status: 409, code: 'already-claimed' });
    const beyond = await call(tokenA, 'POST', `${A}/claims`, {
      ...claim,
      card: undefined,
      householdId: second,
      key: 'sede-0003-milk',
      quantity: 9_999,
    });
    expect(problem(beyond)).toMatchObject({
      status: 422,
      code: 'beyond-entitlement',
      field: 'body.quantity',
    });
    const forged = await call(tokenA, 'POST', `${A}/claims`, {
      ...claim,
      key: 'sede-0004-milk',
      card: `${card.token.slice(0, -4)}AAAA`,
    });
    expect(problem(forged)).toMatchObject({ code: 'card-refused' });
    expect((await call(tokenA, 'GET', `/api/supply/points/${pointId}/stock`)).json()).toMatchObject({
      stock: [{ quantity: 10_000 - due }],
    });
    await refused([tokenB, memberA], 'GET', `/api/supply/points/${pointId}/stock`);
    expect((await call(memberA, 'GET', `${A}/claims/progress?period=1972-W42`)).json()).toEqual({
      goods: [{ goodId: milk, claims: 1, units: due }],
    });
    await refused([tokenB, outsider], 'GET', `${A}/claims/progress?period=1972-W42`);

    // offline: the same household again, and the second household once
    const batch = {
      pointId,
      claims: [
        {
          key: 'offline-0001',
          goodId: milk,
          period: '1972-W42',
          householdId,
          quantity: due,
          claimedAt: '1972-10-17T09:00:00.000Z',
        },
        {
          key: 'offline-0002',
          goodId: milk,
          period: '1972-W42',
          householdId: second,
          quantity: 100,
          claimedAt: '1972-10-17T09:01:00.000Z',
        },
      ],
    };
    await refused([tokenB, memberA, outsider], 'POST', `${A}/claims/sync`, batch);
    const synced = await call(tokenA, 'POST', `${A}/claims/sync`, batch);
    expect(synced.json<{ results: { status: string }[] }>().results.map((r) => r.status)).toEqual([
      'flagged',
      'recorded',
    ]);
    await refused([memberA, tokenA, chairB], 'GET', `${A}/claims/flags`);
    expect((await call(chairA, 'GET', `${A}/claims/flags`)).json()).toMatchObject({
      flags: [{ key: 'offline-0001', reason: 'double-claim', householdId }],
    });
    const flagId = (await call(chairA, 'GET', `${A}/claims/flags`)).json<{ flags: { id: string }[] }>()
      .flags[0]!.id;
    await refused([memberA, chairB, tokenA], 'POST', `/api/supply/claim-flags/${flagId}/review`, {
      notes: 'x',
    });
    expect(
      (
        await call(chairA, 'POST', `/api/supply/claim-flags/${flagId}/review`, {
          notes: 'la vecina vino dos veces',
        })
      ).json(),
    ).toEqual({ status: 'reviewed' });
    expect(
      problem(await call(chairA, 'POST', `/api/supply/claim-flags/${flagId}/review`, { notes: 'otra vez' }))
        .code,
    ).toBe('conflict');
    expect((await call(chairA, 'GET', `${A}/claims/flags`)).json()).toMatchObject({
      flags: [{ id: flagId, status: 'reviewed' }],
    });

    await refused([chairA, memberA], 'POST', `/api/supply/committees/${committeeB}/keys/rotate`);
    expect((await call(chairA, 'POST', `${A}/keys/rotate`)).statusCode).toBe(201);
    expect(
      (await call(null, 'GET', `${A}/keys`)).json<{ keys: { retiredAt: string | null }[] }>().keys,
    ).toHaveLength(2);
  });

  it('moves households, with history for the officers only', async () => {
    const A = `/api/supply/committees/${committeeA}`;
    const id = (
      await call(chairA, 'POST', `${A}/households`, {
        address: 'a',
        members: [{ registryNumber: '9.999.999-9', ageBand: '65+' }],
      })
    ).json<{ householdId: string }>().householdId;
    const move = { toCommitteeId: committeeB, address: 'Villa Francia' };
    await refused([memberA, chairB, outsider], 'POST', `/api/supply/households/${id}/move`, move);
    expect((await call(chairA, 'POST', `/api/supply/households/${id}/move`, move)).json()).toMatchObject({
      toCommitteeId: committeeB,
    });
    await refused([chairA], 'GET', `/api/supply/households/${id}/moves`);
    expect((await call(chairB, 'GET', `/api/supply/households/${id}/moves`)).json()).toMatchObject({
      moves: [{ fromCommitteeId: committeeA }],
    });
  });

  it('runs prices and price reports', async () => {
    const price = { goodCode: 'milk', unit: 'L', priceCentesimos: 400, motionId: null };
    await refused([memberA, chairB, outsider], 'POST', `/api/supply/regions/${committeeA}/prices`, price);
    expect((await call(chairA, 'POST', `/api/supply/regions/${committeeA}/prices`, price)).statusCode).toBe(
      201,
    );
    expect((await call(null, 'GET', `/api/supply/regions/${committeeA}/prices`)).statusCode).toBe(401);
    expect((await call(outsider, 'GET', `/api/supply/regions/${committeeA}/prices`)).json()).toMatchObject({
      prices: [{ goodCode: 'milk', priceCentesimos: 400 }],
    });

    const report = {
      kind: 'hoarding',
      goodCode: 'oil',
      place: 'Bodega de la esquina',
      priceCentesimos: null,
      description: 'guarda aceite',
      anonymous: false,
    };
    const filed = await call(outsider, 'POST', `/api/supply/committees/${committeeA}/price-reports`, report);
    expect(filed.statusCode).toBe(201);
    expect(
      (await call(tokenA, 'POST', `/api/supply/committees/${committeeA}/price-reports`, report)).statusCode,
    ).toBe(403);
    const reportId = filed.json<{ id: string }>().id;
    await refused([outsider, chairB], 'GET', `/api/supply/committees/${committeeA}/price-reports`);
    expect(
      (await call(memberA, 'GET', `/api/supply/committees/${committeeA}/price-reports?status=open`)).json(),
    ).toMatchObject({ reports: [{ id: reportId }] });
    await refused([memberA, outsider, chairB], 'POST', `/api/supply/price-reports/${reportId}/advance`, {
      to: 'checked',
      notes: 'x',
    });
    const skip = await call(chairA, 'POST', `/api/supply/price-reports/${reportId}/advance`, {
      to: 'resolved',
      notes: 'x',
    });
    expect(problem(skip)).toMatchObject({ status: 409, code: 'wrong-step' });
    expect(
      (
        await call(chairA, 'POST', `/api/supply/price-reports/${reportId}/advance`, {
          to: 'checked',
          notes: 'visto',
        })
      ).json(),
    ).toMatchObject({ status: 'checked' });
  });
});
