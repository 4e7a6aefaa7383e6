import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  as,
  createBody,
  createFederation,
  createPerson,
  createTestApp,
  problem,
  signIn,
  type TestApp,
  type TestSession,
} from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';

type Who = 'secretaryA' | 'memberA' | 'secretaryB' | 'secretaryC' | 'cordonDelegate' | 'outsider';

const BASE = '/api/production/spare-parts';
const SYSTEM = { kind: 'system', name: 'test' } as const;

describeEachDialect('spare parts over HTTP', (database) => {
  let t: TestApp;
  let fed: Awaited<ReturnType<typeof createFederation>>;
  const s = {} as Record<Who, TestSession>;
  // A needs parts; B (1.1 km away) and C (about 11 km away) machine them.
  let workplaceA = '';
  let workplaceB = '';
  let workplaceC = '';
  let tokenA = '';
  let tokenB = '';
  let reportTokenA = '';

  const call = (who: Who | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: who ? as(s[who]) : {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const bearer = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const forbidden = (res: { statusCode: number; body: string }) => {
    expect(res.statusCode, res.body).toBe(403);
    expect(problem(res as never).code).toBe('forbidden');
  };
  const need = (part = 'Engranaje de telar') => ({
    part,
    specification: 'Z=48, módulo 2, acero 1045',
    quantity: 4,
    urgency: 'high',
    machine: 'Telar Sulzer 3',
    capability: 'machining',
  });
  const token = async (who: Who, bodyId: string, scopes: string[]) => {
    const res = await call(who, 'POST', '/api/tokens', { name: 'taller', scopes, bodyId });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ token: string }>().token;
  };
  const post = async (who: Who, url: string, payload: unknown, status = 201) => {
    const res = await call(who, 'POST', url, payload);
    expect(res.statusCode, res.body).toBe(status);
    return res.json<{ id: string; status: string }>();
  };

  beforeAll(async () => {
    t = await createTestApp(database());
    fed = await createFederation(t.services);
    const secretaryC = await createPerson(t.services);
    const assemblyC = await createBody(t.services, {
      members: [{ personId: secretaryC.personId, role: 'secretary' }],
    });
    for (const [who, person] of Object.entries({ ...fed.people, secretaryC }))
      if (who in { secretaryA: 1, memberA: 1, secretaryB: 1, secretaryC: 1, cordonDelegate: 1, outsider: 1 })
        s[who as Who] = await signIn(t.app, person.username);
    const register = t.services.production.register;
    const place = (bodyId: string, name: string, latitude: number) =>
      register.createWorkplace(SYSTEM, {
        bodyId,
        name,
        sector: 'metalmecánica',
        latitude,
        longitude: -70.65,
        workforce: 300,
        status: 'occupied',
        since: '1972-10-11',
      });
    workplaceA = (await place(fed.bodies.assemblyA, 'Textil Sumar', -33.44)).id;
    workplaceB = (await place(fed.bodies.assemblyB, 'Maestranza Cerrillos', -33.45)).id;
    workplaceC = (await place(assemblyC, 'Fundición Libertad', -33.54)).id;
    tokenA = await token('secretaryA', fed.bodies.assemblyA, ['production:spare-parts']);
    tokenB = await token('secretaryB', fed.bodies.assemblyB, ['production:spare-parts']);
    reportTokenA = await token('secretaryA', fed.bodies.assemblyA, ['production:report']);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('capabilities: the secretary or a scoped token of the workplace; not a member, outsider or another workplace', async () => {
    const body = { capabilities: [{ capability: 'machining', detail: 'torno paralelo 2 m' }] };
    const url = (w: string) => `${BASE}/workplaces/${w}/capabilities`;
    forbidden(await call('memberA', 'PUT', url(workplaceB), body));
    forbidden(await call('outsider', 'PUT', url(workplaceB), body));
    forbidden(await call('secretaryA', 'PUT', url(workplaceB), body));
    forbidden(await bearer(tokenA, 'PUT', url(workplaceB), body));
    forbidden(await bearer(reportTokenA, 'PUT', url(workplaceA), body));
    expect((await bearer(tokenB, 'PUT', url(workplaceB), body)).statusCode).toBe(200);
    const c = await call('secretaryC', 'PUT', url(workplaceC), {
      capabilities: [
        { capability: 'foundry', detail: 'bronce, hasta 200 kg' },
        { capability: 'machining', detail: '' },
      ],
    });
    expect(c.json()).toEqual({
      capabilities: [
        { capability: 'foundry', detail: 'bronce, hasta 200 kg' },
        { capability: 'machining', detail: '' },
      ],
    });
    const twice = await call('secretaryC', 'PUT', url(workplaceC), {
      capabilities: [
        { capability: 'machining', detail: '' },
        { capability: 'machining', detail: 'x' },
      ],
    });
    expect(problem(twice)).toMatchObject({ code: 'validation', field: 'body.capabilities.1.capability' });
    const unknown = await call('secretaryC', 'PUT', url(workplaceC), {
      capabilities: [{ capability: 'alchemy', detail: '' }],
    });
    expect(unknown.statusCode).toBe(400);
    const read = await call('outsider', 'GET', `${BASE}/workplaces/${workplaceB}`);
    expect(read.json()).toMatchObject({
      capabilities: [{ capability: 'machining', detail: 'torno paralelo 2 m' }],
    });
  });

  it('needs: posted by the secretary or its token; refused to others; proposals ranked by distance and load', async () => {
    const url = `${BASE}/workplaces/${workplaceA}/needs`;
    forbidden(await call('memberA', 'POST', url, need()));
    forbidden(await call('secretaryB', 'POST', url, need()));
    forbidden(await call('outsider', 'POST', url, need()));
    forbidden(await bearer(tokenB, 'POST', url, need()));
    forbidden(await bearer(reportTokenA, 'POST', url, need()));
    expect(problem(await call('secretaryA', 'POST', url, { ...need(), quantity: 0 })).code).toBe(
      'validation',
    );
    const byToken = await bearer(tokenA, 'POST', url, need('Rodamiento 6204'));
    expect(byToken.statusCode, byToken.body).toBe(201);
    const posted = await post('secretaryA', url, need());
    expect(posted).toMatchObject({ status: 'open', workplaceName: 'Textil Sumar', orders: [] });
    const detail = await call('outsider', 'GET', `${BASE}/needs/${posted.id}`);
    const proposals = detail.json<{ proposals: { workplaceId: string; distanceMetres: number }[] }>()
      .proposals;
    // the needing workplace is never proposed to itself; B is nearer than C
    expect(proposals.map((p) => p.workplaceId)).toEqual([workplaceB, workplaceC]);
    expect(proposals[0]!.distanceMetres).toBeGreaterThan(1_000);
    expect(proposals[0]!.distanceMetres).toBeLessThan(1_200);
  });

  it('orders: only the needing workplace proposes; only the maker accepts; the needer confirms receipt', async () => {
    const n = await post('secretaryA', `${BASE}/workplaces/${workplaceA}/needs`, need('Eje de bomba'));
    const proposeUrl = `${BASE}/needs/${n.id}/orders`;
    forbidden(await call('secretaryB', 'POST', proposeUrl, { makerWorkplaceId: workplaceB }));
    forbidden(await call('outsider', 'POST', proposeUrl, { makerWorkplaceId: workplaceB }));
    forbidden(await bearer(tokenB, 'POST', proposeUrl, { makerWorkplaceId: workplaceB }));
    // not to itself, and not to a workplace without the capability
    expect(
      problem(await call('secretaryA', 'POST', proposeUrl, { makerWorkplaceId: workplaceA })).field,
    ).toBe('body.makerWorkplaceId');
    const order = await post('secretaryA', proposeUrl, { makerWorkplaceId: workplaceB });
    expect(order.status).toBe('proposed');
    const to = (status: string) => ({ status });
    const move = `${BASE}/orders/${order.id}/status`;
    forbidden(await call('secretaryA', 'POST', move, to('accepted')));
    forbidden(await bearer(tokenA, 'POST', move, to('accepted')));
    forbidden(await call('secretaryC', 'POST', move, to('accepted')));
    forbidden(await call('outsider', 'POST', move, to('accepted')));
    expect((await bearer(tokenB, 'POST', move, to('accepted'))).json()).toMatchObject({ status: 'accepted' });
    // accepted work cannot be shipped before it is made
    const early = await call('secretaryB', 'POST', move, to('shipped'));
    expect(early.statusCode).toBe(409);
    expect(problem(early)).toMatchObject({
      code: 'spare-part-order-conflict',
      field: 'body.status',
      detail: 'body.status: el pedido está aceptado y no puede pasar a despachado',
    });
    await post('secretaryB', move, to('in-production'), 200);
    await post('secretaryB', move, to('shipped'), 200);
    forbidden(await call('secretaryB', 'POST', move, to('received')));
    await post('secretaryA', move, to('received'), 200);
    const done = await call('outsider', 'GET', `${BASE}/needs/${n.id}`);
    expect(done.json()).toMatchObject({ status: 'fulfilled', orderId: order.id });
    const makerView = (await bearer(tokenB, 'GET', `${BASE}/workplaces/${workplaceB}`)).json<{
      makerOrders: { id: string; status: string; need: { part: string; workplaceName: string } }[];
    }>();
    expect(makerView.makerOrders.find((o) => o.id === order.id)).toMatchObject({
      status: 'received',
      need: { part: 'Eje de bomba', workplaceName: 'Textil Sumar' },
    });
  });

  it('two concurrent accepts of one order: exactly one wins', async () => {
    const n = await post('secretaryA', `${BASE}/workplaces/${workplaceA}/needs`, need('Piñón'));
    const order = await post('secretaryA', `${BASE}/needs/${n.id}/orders`, { makerWorkplaceId: workplaceB });
    const results = await Promise.all([
      call('secretaryB', 'POST', `${BASE}/orders/${order.id}/status`, { status: 'accepted' }),
      bearer(tokenB, 'POST', `${BASE}/orders/${order.id}/status`, { status: 'accepted' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(problem(results.find((r) => r.statusCode === 409)!).code).toBe('spare-part-order-conflict');
  });

  it('two makers accepting one need at once: one gets it, the other proposal is cancelled', async () => {
    const n = await post('secretaryA', `${BASE}/workplaces/${workplaceA}/needs`, need('Cigüeñal'));
    const toB = await post('secretaryA', `${BASE}/needs/${n.id}/orders`, { makerWorkplaceId: workplaceB });
    const toC = await post('secretaryA', `${BASE}/needs/${n.id}/orders`, { makerWorkplaceId: workplaceC });
    const loadBefore = async () =>
      new Map(
        (await call('outsider', 'GET', `${BASE}/needs/${n.id}`))
          .json<{ proposals: { workplaceId: string; openOrders: number }[] }>()
          .proposals.map((p) => [p.workplaceId, p.openOrders]),
      );
    const before = await loadBefore();
    const results = await Promise.all([
      call('secretaryB', 'POST', `${BASE}/orders/${toB.id}/status`, { status: 'accepted' }),
      call('secretaryC', 'POST', `${BASE}/orders/${toC.id}/status`, { status: 'accepted' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const detail = (await call('outsider', 'GET', `${BASE}/needs/${n.id}`)).json<{
      status: string;
      orderId: string;
      orders: { id: string; status: string }[];
    }>();
    expect(detail.status).toBe('ordered');
    expect(detail.orders.map((o) => o.status).sort()).toEqual(['accepted', 'cancelled']);
    expect(detail.orders.find((o) => o.status === 'accepted')!.id).toBe(detail.orderId);
    // the winner's load now counts against it in the next ranking (5 km per open order)
    const winner =
      detail.orders.find((o) => o.status === 'accepted')!.id === toB.id ? workplaceB : workplaceC;
    expect((await loadBefore()).get(winner)).toBe(before.get(winner)! + 1);
    // cancelling accepted work reopens the need
    await post('secretaryA', `${BASE}/orders/${detail.orderId}/status`, { status: 'cancelled' }, 200);
    expect((await call('outsider', 'GET', `${BASE}/needs/${n.id}`)).json()).toMatchObject({
      status: 'open',
      orderId: null,
    });
  });

  it('withdraw: the needing workplace only; its proposals are cancelled; a closed need refuses new proposals', async () => {
    const n = await post('secretaryA', `${BASE}/workplaces/${workplaceA}/needs`, need('Polea'));
    await post('secretaryA', `${BASE}/needs/${n.id}/orders`, { makerWorkplaceId: workplaceB });
    forbidden(await call('secretaryB', 'POST', `${BASE}/needs/${n.id}/withdraw`));
    const w = await call('secretaryA', 'POST', `${BASE}/needs/${n.id}/withdraw`);
    expect(w.json()).toMatchObject({ status: 'withdrawn', orders: [{ status: 'cancelled' }] });
    const again = await call('secretaryA', 'POST', `${BASE}/needs/${n.id}/orders`, {
      makerWorkplaceId: workplaceB,
    });
    expect(again.statusCode).toBe(409);
    expect(problem(again).code).toBe('spare-part-need-closed');
  });

  it('the board of a cordón lists the live needs of the assemblies under it, most urgent first', async () => {
    const low = await post('secretaryA', `${BASE}/workplaces/${workplaceA}/needs`, {
      ...need('Tornillo'),
      urgency: 'low',
    });
    const critical = await post('secretaryA', `${BASE}/workplaces/${workplaceA}/needs`, {
      ...need('Motor rebobinado'),
      urgency: 'critical',
      capability: 'electrical-rewinding',
    });
    const board = (who: Who, body: string, status = '') =>
      call(who, 'GET', `${BASE}/board?body=${body}${status ? `&status=${status}` : ''}`);
    for (const body of [fed.bodies.cordon, fed.bodies.region, fed.bodies.nation]) {
      const needs = (await board('cordonDelegate', body)).json<{
        needs: { id: string; status: string; urgency: string }[];
      }>().needs;
      expect(needs[0]!.id).toBe(critical.id);
      expect(needs.map((x) => x.id)).toContain(low.id);
      expect(needs.every((x) => x.status === 'open' || x.status === 'ordered')).toBe(true);
    }
    // C's assembly is affiliated nowhere: its board is its own, and A's needs are not on it
    const all = (await board('outsider', fed.bodies.cordon, 'all')).json<{ needs: { status: string }[] }>()
      .needs;
    expect(all.map((x) => x.status)).toEqual(expect.arrayContaining(['fulfilled', 'withdrawn']));
    expect((await board('outsider', fed.bodies.assemblyB)).json<{ needs: unknown[] }>().needs).toEqual([]);
    expect((await call(null, 'GET', `${BASE}/board?body=${fed.bodies.cordon}`)).statusCode).toBe(401);
    expect((await board('outsider', '0193c000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('every change is one audit event, published for the boards', async () => {
    const page = await call('secretaryA', 'GET', '/api/audit?limit=200');
    expect(page.statusCode, page.body).toBe(200);
    const actions = page.json<{ events: { action: string }[] }>().events.map((e) => e.action);
    for (const action of [
      'production.spare-part-capabilities-set',
      'production.spare-part-need-posted',
      'production.spare-part-order-proposed',
      'production.spare-part-order-accepted',
      'production.spare-part-order-shipped',
      'production.spare-part-order-received',
      'production.spare-part-need-withdrawn',
    ])
      expect(actions).toContain(action);
  });
});
