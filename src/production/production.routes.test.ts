import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  as,
  createFederation,
  createTestApp,
  problem,
  reportDay,
  signIn,
  type TestApp,
  type TestSession,
} from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';

type Who =
  | 'secretaryA'
  | 'memberA'
  | 'secretaryB'
  | 'cordonDelegate'
  | 'regionDelegate'
  | 'nationDelegate'
  | 'outsider'
  | 'admin';

/** 40 quiet days around 500 then 12 days around 150: one step change. */
function stepSeries(): number[] {
  let seed = 7;
  return Array.from({ length: 52 }, (_, d) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.round((d < 40 ? 500 : 150) + ((seed / 2147483648) * 2 - 1) * 5);
  });
}

describeEachDialect('production over HTTP', (database) => {
  let t: TestApp;
  let fed: Awaited<ReturnType<typeof createFederation>>;
  const s = {} as Record<Who, TestSession>;
  let workplaceA = '';
  let workplaceB = '';
  let productId = '';
  let indicatorA = '';
  let indicatorB = '';
  let tokenA = '';
  let tokenB = '';
  let alertId = '';

  const call = (
    who: Who | null,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: { ...(who ? as(s[who]) : {}), ...headers },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const bearer = (token: string, url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}`, ...headers },
      payload: payload as object,
    });
  const forbidden = (res: { statusCode: number }) => {
    expect(res.statusCode).toBe(403);
    expect(problem(res as never).code).toBe('forbidden');
  };

  beforeAll(async () => {
    t = await createTestApp(database());
    fed = await createFederation(t.services);
    for (const [who, person] of Object.entries(fed.people))
      s[who as Who] = await signIn(t.app, person.username);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('POST /api/workplaces: an administrator or the assembly officers; not a member or an outsider', async () => {
    const body = (bodyId: string, name: string) => ({
      bodyId,
      name,
      sector: 'textiles',
      latitude: -33.49,
      longitude: -70.62,
      workforce: 900,
      status: 'occupied',
      since: '1972-10-11',
    });
    forbidden(await call('memberA', 'POST', '/api/workplaces', body(fed.bodies.assemblyA, 'Sumar')));
    forbidden(await call('outsider', 'POST', '/api/workplaces', body(fed.bodies.assemblyA, 'Sumar')));
    forbidden(await call('secretaryB', 'POST', '/api/workplaces', body(fed.bodies.assemblyA, 'Sumar')));
    const a = await call('admin', 'POST', '/api/workplaces', body(fed.bodies.assemblyA, 'Sumar'));
    expect(a.statusCode).toBe(201);
    workplaceA = a.json<{ id: string }>().id;
    const b = await call('secretaryB', 'POST', '/api/workplaces', body(fed.bodies.assemblyB, 'Madeco'));
    expect(b.statusCode).toBe(201);
    workplaceB = b.json<{ id: string }>().id;
    const bad = await call('admin', 'POST', '/api/workplaces', {
      ...body(fed.bodies.assemblyA, 'x'),
      extra: 1,
    });
    expect(problem(bad).code).toBe('unknown-field');
    expect((await call(null, 'GET', '/api/workplaces')).statusCode).toBe(401);
  });

  it('GET /api/workplaces pages and filters the register: words of the name without accents, assemblies, ids', async () => {
    const page = async (query: string) => {
      const res = await call('outsider', 'GET', `/api/workplaces?${query}`);
      expect(res.statusCode).toBe(200);
      const body = res.json<{ workplaces: { id: string; name: string }[]; total: number }>();
      return { names: body.workplaces.map((w) => w.name), total: body.total };
    };
    // by name: Madeco before Sumar
    expect(await page('limit=1')).toEqual({ names: ['Madeco'], total: 2 });
    expect(await page('limit=1&offset=1')).toEqual({ names: ['Sumar'], total: 2 });
    expect(await page('offset=2')).toEqual({ names: [], total: 2 });
    expect(await page('q=SUM')).toEqual({ names: ['Sumar'], total: 1 });
    expect(await page(`q=${encodeURIComponent('madéco  ')}`)).toEqual({ names: ['Madeco'], total: 1 });
    expect(await page('q=sumar%20madeco')).toEqual({ names: [], total: 0 });
    expect(await page(`bodyIds=${fed.bodies.assemblyB},${fed.bodies.assemblyA}`)).toEqual({
      names: ['Madeco', 'Sumar'],
      total: 2,
    });
    expect(await page(`ids=${workplaceA}`)).toEqual({ names: ['Sumar'], total: 1 });
    expect(await page('sector=mining')).toEqual({ names: [], total: 0 });
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['offset=-1', 'offset'],
      ['ids=not-an-id', 'ids'],
      [`bodyIds=${fed.bodies.assemblyA};drop`, 'bodyIds'],
    ] as const) {
      const bad = await call('outsider', 'GET', `/api/workplaces?${query}`);
      expect(bad.statusCode, query).toBe(400);
      expect(JSON.stringify(problem(bad)), query).toContain(field);
    }
    expect((await call(null, 'GET', '/api/workplaces?q=sumar')).statusCode).toBe(401);
  });

  it('GET /api/workplaces and /:id: open to signed-in people; status changes by officers only', async () => {
    const list = await call('outsider', 'GET', '/api/workplaces');
    expect(list.json<{ workplaces: { id: string }[] }>().workplaces.map((w) => w.id)).toEqual(
      expect.arrayContaining([workplaceA, workplaceB]),
    );
    expect((await call('outsider', 'GET', `/api/workplaces/${workplaceA}`)).json()).toMatchObject({
      name: 'Sumar',
      statusHistory: [{ status: 'occupied' }],
    });
    forbidden(
      await call('memberA', 'POST', `/api/workplaces/${workplaceA}/status`, {
        status: 'social-area',
        since: '1972-12-01',
      }),
    );
    forbidden(
      await call('secretaryB', 'POST', `/api/workplaces/${workplaceA}/status`, {
        status: 'social-area',
        since: '1972-12-01',
      }),
    );
    const ok = await call('secretaryA', 'POST', `/api/workplaces/${workplaceA}/status`, {
      status: 'social-area',
      since: '1972-12-01',
    });
    expect(ok.json()).toMatchObject({ status: 'social-area' });
  });

  it('products, capacities and techniques: officers write, others are refused', async () => {
    forbidden(
      await call('memberA', 'POST', '/api/products', {
        code: 'P1',
        name: 'Paño',
        unit: 'm',
        category: 'tex',
        basicGood: true,
      }),
    );
    forbidden(
      await call('outsider', 'POST', '/api/products', {
        code: 'P1',
        name: 'Paño',
        unit: 'm',
        category: 'tex',
        basicGood: true,
      }),
    );
    const p = await call('secretaryA', 'POST', '/api/products', {
      code: 'P1',
      name: 'Paño',
      unit: 'm',
      category: 'tex',
      basicGood: true,
    });
    expect(p.statusCode).toBe(201);
    productId = p.json<{ id: string }>().id;
    expect(
      (await call('outsider', 'GET', '/api/products')).json<{ products: unknown[] }>().products,
    ).toHaveLength(1);

    const caps = { items: [{ productId, period: '1972-10', quantity: 30_000 }] };
    forbidden(await call('memberA', 'PUT', `/api/workplaces/${workplaceA}/capacities`, caps));
    forbidden(await call('secretaryB', 'PUT', `/api/workplaces/${workplaceA}/capacities`, caps));
    expect(
      (await call('secretaryA', 'PUT', `/api/workplaces/${workplaceA}/capacities`, caps)).statusCode,
    ).toBe(200);
    expect((await call('outsider', 'GET', `/api/workplaces/${workplaceA}/capacities`)).json()).toEqual(caps);

    const tech = { productId, labourMilliHours: 300, inputs: [] };
    forbidden(await call('memberA', 'PUT', `/api/workplaces/${workplaceA}/techniques`, tech));
    forbidden(await call('secretaryB', 'PUT', `/api/workplaces/${workplaceA}/techniques`, tech));
    expect(
      (await call('secretaryA', 'PUT', `/api/workplaces/${workplaceA}/techniques`, tech)).statusCode,
    ).toBe(200);
    expect((await call('outsider', 'GET', `/api/workplaces/${workplaceA}/techniques`)).json()).toEqual({
      techniques: [tech],
    });
  });

  it('indicators: officers add them; members and delegates above see them; others get the same 403', async () => {
    const body = { indicators: [{ name: 'Producción', kind: 'output', productId, unit: 'm' }] };
    forbidden(await call('memberA', 'POST', `/api/workplaces/${workplaceA}/indicators`, body));
    forbidden(await call('secretaryB', 'POST', `/api/workplaces/${workplaceA}/indicators`, body));
    const created = await call('secretaryA', 'POST', `/api/workplaces/${workplaceA}/indicators`, body);
    expect(created.statusCode).toBe(201);
    indicatorA = created.json<{ indicators: { id: string }[] }>().indicators[0]!.id;
    const b = await call('secretaryB', 'POST', `/api/workplaces/${workplaceB}/indicators`, {
      indicators: [{ name: 'Energía', kind: 'energy', unit: 'kWh' }],
    });
    indicatorB = b.json<{ indicators: { id: string }[] }>().indicators[0]!.id;
    expect((await call('memberA', 'GET', `/api/workplaces/${workplaceA}/indicators`)).statusCode).toBe(200);
    expect((await call('cordonDelegate', 'GET', `/api/workplaces/${workplaceA}/indicators`)).statusCode).toBe(
      200,
    );
    forbidden(await call('outsider', 'GET', `/api/workplaces/${workplaceA}/indicators`));
    forbidden(await call('secretaryB', 'GET', `/api/workplaces/${workplaceA}/indicators`));
    // an unknown workplace answers exactly like a foreign one
    const unknown = await call(
      'outsider',
      'GET',
      '/api/workplaces/01936f3e-7c7a-7b4e-9f2d-000000000000/indicators',
    );
    expect(unknown.statusCode).toBe(403);
    expect(unknown.body).toBe(
      (await call('outsider', 'GET', `/api/workplaces/${workplaceA}/indicators`)).body,
    );
  });

  it('POST /api/reports: a workplace token or its secretary; another workplace’s token is refused per item', async () => {
    for (const [who, bodyId] of [
      ['secretaryA', fed.bodies.assemblyA],
      ['secretaryB', fed.bodies.assemblyB],
    ] as const) {
      const res = await call(who, 'POST', '/api/tokens', {
        name: 'telemetry',
        scopes: ['production:report'],
        bodyId,
      });
      expect(res.statusCode).toBe(201);
      if (who === 'secretaryA') tokenA = res.json<{ token: string }>().token;
      else tokenB = res.json<{ token: string }>().token;
    }
    const values = stepSeries();
    const items = values.map((value, d) => ({
      indicatorId: indicatorA,
      period: reportDay(d),
      value,
    }));
    const foreign = await bearer(tokenB, '/api/reports', { items: items.slice(0, 5) });
    const refused = foreign.json<{ accepted: number; rejected: { code: string }[] }>();
    expect(refused.accepted).toBe(0);
    expect(refused.rejected.map((r) => r.code)).toEqual(new Array(5).fill('unknown-indicator'));
    const member = await call('memberA', 'POST', '/api/reports', { items: items.slice(0, 5) });
    expect(member.json<{ rejected: unknown[] }>().rejected).toHaveLength(5);

    const key = { 'idempotency-key': 'batch-0001-sumar' };
    const first = await bearer(tokenA, '/api/reports', { items: items.slice(0, 30) }, key);
    expect(first.json()).toMatchObject({ accepted: 30, duplicates: 0, rejected: [] });
    const replay = await bearer(tokenA, '/api/reports', { items: items.slice(0, 30) }, key);
    expect(replay.json()).toEqual(first.json());
    const bySecretary = await call('secretaryA', 'POST', '/api/reports', { items: items.slice(25, 40) });
    expect(bySecretary.json()).toMatchObject({ accepted: 10, duplicates: 5 });
    const rest = await bearer(tokenA, '/api/reports', {
      items: [
        ...items.slice(40),
        { indicatorId: indicatorA, period: 'yesterday', value: 1 },
        { indicatorId: indicatorB, period: '1972-08-01', value: 1 },
      ],
    });
    const out = rest.json<{
      accepted: number;
      alertsRaised: number;
      rejected: { index: number; code: string; reason: string }[];
    }>();
    expect(out.accepted).toBe(12);
    expect(out.alertsRaised).toBe(1);
    expect(out.rejected.map((r) => [r.index, r.code])).toEqual([
      [12, 'invalid-period'],
      [13, 'unknown-indicator'],
    ]);
    const spanish = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { authorization: `Bearer ${tokenA}`, 'accept-language': 'es' },
      payload: { items: [{ indicatorId: indicatorA, period: items[0]!.period, value: -1 }] },
    });
    expect(spanish.json<{ rejected: { reason: string }[] }>().rejected[0]!.reason).toContain('ya se informó');
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/reports', payload: { items: [] } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('GET /api/indicators/:id/series: members and delegates above; not outsiders, other workplaces or tokens', async () => {
    const res = await call('cordonDelegate', 'GET', `/api/indicators/${indicatorA}/series?limit=100`);
    expect(res.statusCode).toBe(200);
    const series = res.json<{
      points: unknown[];
      alerts: { id: string }[];
      forecast: { period: string } | null;
    }>();
    expect(series.points).toHaveLength(52);
    expect(series.forecast?.period).toBe(reportDay(52));
    expect(series.alerts).toHaveLength(1);
    alertId = series.alerts[0]!.id;
    forbidden(await call('outsider', 'GET', `/api/indicators/${indicatorA}/series`));
    forbidden(await call('secretaryB', 'GET', `/api/indicators/${indicatorA}/series`));
    const token = await t.app.inject({
      method: 'GET',
      url: `/api/indicators/${indicatorA}/series`,
      headers: { authorization: `Bearer ${tokenA}` },
    });
    expect(token.statusCode).toBe(403);
  });

  it('alert boards show escalation state; handling is for those responsible', async () => {
    const board = await call('memberA', 'GET', `/api/alerts?body=${fed.bodies.assemblyA}`);
    expect(board.json<{ alerts: { id: string; level: number; deadline: string }[] }>().alerts).toMatchObject([
      { id: alertId, level: 0, levelName: 'workplace' },
    ]);
    forbidden(await call('outsider', 'GET', `/api/alerts?body=${fed.bodies.assemblyA}`));
    forbidden(await call('memberA', 'GET', `/api/alerts?body=${fed.bodies.cordon}`));
    expect((await call('cordonDelegate', 'GET', `/api/alerts?body=${fed.bodies.cordon}`)).json()).toEqual({
      alerts: [],
    });

    const deadline = board.json<{ alerts: { deadline: string }[] }>().alerts[0]!.deadline;
    t.clock.set(Date.parse(deadline) + 1000);
    expect(await t.services.production.runner.tick()).toEqual({ escalated: 1, atTop: 0 });
    const atCordon = await call('cordonDelegate', 'GET', `/api/alerts?body=${fed.bodies.cordon}`);
    expect(atCordon.json()).toMatchObject({ alerts: [{ id: alertId, level: 1, levelName: 'cordon' }] });

    forbidden(await call('memberA', 'POST', `/api/alerts/${alertId}/acknowledge`));
    forbidden(await call('outsider', 'POST', `/api/alerts/${alertId}/acknowledge`));
    forbidden(await call('secretaryB', 'POST', `/api/alerts/${alertId}/acknowledge`));
    forbidden(await call('outsider', 'POST', `/api/alerts/${alertId}/comments`, { text: 'hola' }));
    forbidden(await call('outsider', 'GET', `/api/alerts/${alertId}`));
    const comment = await call('memberA', 'POST', `/api/alerts/${alertId}/comments`, {
      text: 'Falta algodón',
    });
    expect(comment.statusCode).toBe(201);
    const ack = await call('cordonDelegate', 'POST', `/api/alerts/${alertId}/acknowledge`);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', deadline: null, level: 1 });
    forbidden(await call('memberA', 'POST', `/api/alerts/${alertId}/resolve`, { resolution: 'ok' }));
    const resolved = await call('secretaryA', 'POST', `/api/alerts/${alertId}/resolve`, {
      resolution: 'Llegó el algodón',
    });
    expect(resolved.json()).toMatchObject({ status: 'resolved' });
    const again = await call('secretaryA', 'POST', `/api/alerts/${alertId}/resolve`, { resolution: 'again' });
    expect(problem(again).code).toBe('alert-closed');
    const detail = await call('regionDelegate', 'GET', `/api/alerts/${alertId}`);
    expect(detail.json()).toMatchObject({ status: 'resolved', comments: [{ text: 'Falta algodón' }] });
    const all = await call('memberA', 'GET', `/api/alerts?body=${fed.bodies.assemblyA}&status=all`);
    expect(all.json<{ alerts: unknown[] }>().alerts).toHaveLength(1);
  });

  it('starts the escalation runner only when the server listens', async () => {
    expect(t.services.production.runner.active).toBe(false);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    expect(t.services.production.runner.active).toBe(true);
  });
});
