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

describeEachDialect('resupply over HTTP', (database) => {
  let t: TestApp;
  let chair: TestSession;
  let member: TestSession;
  let otherChair: TestSession;
  let outsider: TestSession;
  let committee = '';
  let otherCommittee = '';

  const call = (
    who: TestSession | null,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    key?: string,
  ): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method,
      url,
      headers: { ...(who ? as(who) : {}), ...(key ? { 'idempotency-key': key } : {}) },
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });

  beforeAll(async () => {
    t = await createTestApp(database());
    [chair, member, otherChair, outsider] = [
      await signedInPerson(t),
      await signedInPerson(t),
      await signedInPerson(t),
      await signedInPerson(t),
    ];
    committee = await createBody(t.services, {
      kind: 'supply-committee',
      members: [
        { personId: chair.personId, role: 'chair' },
        { personId: member.personId, role: 'member' },
      ],
    });
    otherCommittee = await createBody(t.services, {
      kind: 'supply-committee',
      members: [{ personId: otherChair.personId, role: 'chair' }],
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('shows the shortfall to members, lets officers request it once per key, and refuses everyone else', async () => {
    const C = `/api/supply/committees/${committee}`;
    const milk = (await call(chair, 'POST', `${C}/goods`, { code: 'milk', name: 'Leche', unit: 'mL' })).json<{
      id: string;
    }>().id;
    await call(chair, 'POST', `${C}/rules`, {
      motionId: null,
      rules: [{ goodId: milk, category: 'child', quantity: 500, per: 'day', priority: 0 }],
    });
    await call(chair, 'POST', `${C}/households`, {
      address: 'La Victoria 7',
      members: [{ registryNumber: '11.111.111-1', ageBand: '0-4' }],
    });
    const point = (await call(chair, 'POST', `${C}/points`, { name: 'Sede' })).json<{ id: string }>().id;
    const otherPoint = (
      await call(otherChair, 'POST', `/api/supply/committees/${otherCommittee}/points`, { name: 'Otra' })
    ).json<{ id: string }>().id;

    const seen = await call(member, 'GET', `${C}/shortfall?period=1972-W41`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toEqual({
      period: '1972-W41',
      goods: [
        {
          goodId: milk,
          code: 'milk',
          name: 'Leche',
          unit: 'mL',
          due: 3500,
          claimed: 0,
          onHand: 0,
          inTransit: 0,
          short: 3500,
        },
      ],
    });
    for (const who of [outsider, otherChair])
      expect((await call(who, 'GET', `${C}/shortfall?period=1972-W41`)).statusCode).toBe(403);
    expect((await call(null, 'GET', `${C}/shortfall?period=1972-W41`)).statusCode).toBe(401);
    const badPeriod = await call(member, 'GET', `${C}/shortfall?period=1972-W99`);
    expect(badPeriod.statusCode).toBe(400);
    expect(problem(badPeriod).field).toBe('query.period');

    const body = { period: '1972-W41', pointId: point };
    for (const who of [member, outsider, otherChair]) {
      const res = await call(who, 'POST', `${C}/resupply`, body);
      expect(res.statusCode).toBe(403);
      expect(problem(res).code).toBe('forbidden');
    }
    const foreignPoint = await call(chair, 'POST', `${C}/resupply`, { ...body, pointId: otherPoint });
    expect(foreignPoint.statusCode).toBe(404);
    expect(problem(foreignPoint).field).toBe('body.pointId');
    const unknownField = await call(chair, 'POST', `${C}/resupply`, { ...body, quantity: 5 });
    expect(unknownField.statusCode).toBe(400);

    const first = await call(chair, 'POST', `${C}/resupply`, body, 'resupply-1');
    expect(first.statusCode).toBe(201);
    const made = first.json<{
      status: string;
      request: { id: string; status: string; unroutedReason: string; lines: unknown };
    }>();
    // No logistics place is linked to the point in this test: kept, unrouted, with its reason.
    expect(made).toMatchObject({
      status: 'requested',
      request: {
        status: 'unrouted',
        unroutedReason: 'no-place-for-point',
        lines: [{ goodId: milk, quantity: 3500 }],
      },
    });
    const retry = await call(chair, 'POST', `${C}/resupply`, body, 'resupply-1');
    expect(retry.json<{ request: { id: string } }>().request.id).toBe(made.request.id);

    const listed = await call(member, 'GET', `${C}/resupply`);
    expect(listed.json<{ requests: { id: string }[] }>().requests.map((r) => r.id)).toEqual([
      made.request.id,
    ]);
    expect((await call(otherChair, 'GET', `${C}/resupply`)).statusCode).toBe(403);
  });
});
