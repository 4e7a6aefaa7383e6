import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  as,
  createBody,
  createTestApp,
  signedInPerson,
  type TestApp,
  type TestSession,
} from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';

describeEachDialect('overview and chronicle over HTTP', (database) => {
  let t: TestApp;
  let chair: TestSession;
  let outsider: TestSession;
  let committee = '';

  beforeAll(async () => {
    t = await createTestApp(database());
    [chair, outsider] = [await signedInPerson(t), await signedInPerson(t)];
    committee = await createBody(t.services, {
      kind: 'supply-committee',
      members: [{ personId: chair.personId, role: 'chair' }],
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('counts the loop’s figures for any signed-in person and tells each only the events they may see', async () => {
    const C = `/api/supply/committees/${committee}`;
    const post = (url: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url, headers: as(chair), payload });
    const milk = (await post(`${C}/goods`, { code: 'milk', name: 'Leche', unit: 'mL' })).json<{
      id: string;
    }>().id;
    await post(`${C}/rules`, {
      motionId: null,
      rules: [{ goodId: milk, category: 'everyone', quantity: 100, per: 'day', priority: 0 }],
    });
    for (const n of [1, 2])
      await post(`${C}/households`, {
        address: `Pasaje ${n}`,
        members: [{ registryNumber: `9.000.00${n}-1`, ageBand: '15-64' }],
      });
    const point = (await post(`${C}/points`, { name: 'Sede' })).json<{ id: string }>().id;
    const asked = await post(`${C}/resupply`, { period: '1972-W41', pointId: point });
    expect(asked.statusCode).toBe(201);

    expect((await t.app.inject({ method: 'GET', url: '/api/overview' })).statusCode).toBe(401);
    const res = await t.app.inject({ method: 'GET', url: '/api/overview', headers: as(outsider) });
    expect(res.statusCode).toBe(200);
    const o = res.json<{
      councils: { bodies: Record<string, number> };
      supply: { households: number; resupply: Record<string, number>; week: string };
      tour: { committeeId: string | null };
    }>();
    expect(o.councils.bodies['supply-committee']).toBeGreaterThanOrEqual(1);
    expect(o.supply.households).toBeGreaterThanOrEqual(2);
    expect(o.supply.resupply.unrouted).toBeGreaterThanOrEqual(1);
    expect(o.supply.week).toBe('1972-W41');
    expect(o.tour.committeeId).not.toBeNull();

    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/overview/chronicle?limit=10',
      headers: as(chair),
    });
    const actions = mine.json<{ events: { action: string; subjectType: string }[] }>().events;
    expect(actions).toContainEqual(
      expect.objectContaining({ action: 'supply.resupply-requested', subjectType: 'supply-request' }),
    );
    const theirs = await t.app.inject({
      method: 'GET',
      url: '/api/overview/chronicle?limit=10',
      headers: as(outsider),
    });
    // The request is scoped to the committee: an outsider does not see it.
    expect(theirs.json<{ events: { action: string }[] }>().events.map((e) => e.action)).not.toContain(
      'supply.resupply-requested',
    );
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/overview/chronicle?limit=500', headers: as(chair) }))
        .statusCode,
    ).toBe(400);
  });
});
