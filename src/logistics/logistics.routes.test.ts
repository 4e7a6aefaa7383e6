import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  as,
  createFederation,
  createTestApp,
  problem,
  signIn,
  type TestApp,
  type TestSession,
} from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';

type Who = 'secretaryA' | 'memberA' | 'secretaryB' | 'cordonDelegate' | 'outsider' | 'admin';

describeEachDialect('logistics HTTP API', (database) => {
  let t: TestApp;
  let fed: Awaited<ReturnType<typeof createFederation>>;
  const s = {} as Record<Who, TestSession>;
  const ids = { depot: '', point: '', truckA: '', truckB: '', plan: '' };
  const tokens = { driverA: '', driverB: '' };

  const call = (who: Who | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: who ? as(s[who]) : {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const bearer = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const refused = (res: { statusCode: number }, code = 'forbidden') => {
    expect(res.statusCode).toBe(403);
    expect(problem(res as never).code).toBe(code);
  };

  beforeAll(async () => {
    t = await createTestApp(database());
    fed = await createFederation(t.services);
    for (const who of ['secretaryA', 'memberA', 'secretaryB', 'cordonDelegate', 'outsider', 'admin'] as const)
      s[who] = await signIn(t.app, fed.people[who].username);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('places: officers of the body or an administrator register; an outsider may not; anyone signed in reads', async () => {
    const depot = {
      name: 'Bodega Cerrillos',
      kind: 'depot',
      latitude: -33.4925,
      longitude: -70.7163,
      bodyId: fed.bodies.cordon,
    };
    refused(await call('outsider', 'POST', '/api/logistics/places', depot));
    expect((await call(null, 'GET', '/api/logistics/places')).statusCode).toBe(401);
    const created = await call('cordonDelegate', 'POST', '/api/logistics/places', depot);
    expect(created.statusCode).toBe(201);
    ids.depot = created.json().id;
    const point = await call('admin', 'POST', '/api/logistics/places', {
      name: 'JAP Lo Valledor',
      kind: 'distribution-point',
      latitude: -33.4831,
      longitude: -70.6933,
    });
    ids.point = point.json().id;
    const bad = await call('admin', 'POST', '/api/logistics/places', { ...depot, kind: 'castle' });
    expect(bad.statusCode).toBe(400);
    const list = await call('outsider', 'GET', '/api/logistics/places?kind=depot');
    expect(list.json().places.map((p: { id: string }) => p.id)).toEqual([ids.depot]);
  });

  it('pool: the deciding body decides; a plain member and an outsider are refused', async () => {
    const truck = {
      plate: 'HB-1001',
      capacityKg: 4000,
      capacityM3: 16,
      owner: 'Transportes Andes',
      status: 'requisitioned',
      bodyId: fed.bodies.cordon,
      depotPlaceId: ids.depot,
    };
    refused(
      await call('memberA', 'POST', '/api/logistics/vehicles', { ...truck, bodyId: fed.bodies.assemblyA }),
    );
    refused(await call('outsider', 'POST', '/api/logistics/vehicles', truck));
    const a = await call('cordonDelegate', 'POST', '/api/logistics/vehicles', truck);
    expect(a.statusCode).toBe(201);
    ids.truckA = a.json().id;
    const b = await call('cordonDelegate', 'POST', '/api/logistics/vehicles', {
      ...truck,
      plate: 'HB-1002',
      status: 'volunteered',
    });
    ids.truckB = b.json().id;
    const again = await call('cordonDelegate', 'POST', '/api/logistics/vehicles', truck);
    expect(again.statusCode).toBe(409);
    refused(
      await call('outsider', 'POST', `/api/logistics/vehicles/${ids.truckB}/status`, {
        status: 'returned',
        bodyId: fed.bodies.cordon,
      }),
    );
    const back = await call('cordonDelegate', 'POST', `/api/logistics/vehicles/${ids.truckB}/status`, {
      status: 'out-of-service',
      bodyId: fed.bodies.cordon,
      note: 'caja de cambios',
    });
    expect(back.json().status).toBe('out-of-service');
    const repaired = await call('cordonDelegate', 'POST', `/api/logistics/vehicles/${ids.truckB}/status`, {
      status: 'volunteered',
      bodyId: fed.bodies.cordon,
    });
    expect(repaired.json().status).toBe('volunteered');
    refused(
      await call('memberA', 'PUT', `/api/logistics/vehicles/${ids.truckA}/driver`, {
        accountId: fed.people.memberA.accountId,
      }),
    );
    for (const [truckId, driver] of [
      [ids.truckA, fed.people.memberA.accountId],
      [ids.truckB, fed.people.secretaryB.accountId],
    ] as const) {
      const res = await call('cordonDelegate', 'PUT', `/api/logistics/vehicles/${truckId}/driver`, {
        accountId: driver,
      });
      expect(res.json().driverAccountId).toBe(driver);
    }
    const detail = await call('outsider', 'GET', `/api/logistics/vehicles/${ids.truckB}`);
    expect(detail.json().history.map((h: { status: string }) => h.status)).toEqual([
      'volunteered',
      'out-of-service',
      'volunteered',
    ]);
  });

  it('shipments, a plan answered 202 at once, dispatch, and the driver’s records; wrong callers refused', async () => {
    const shipment = (kg: number, good: string) => ({
      bodyId: fed.bodies.cordon,
      fromPlaceId: ids.depot,
      toPlaceId: ids.point,
      priority: 'food',
      weightKg: kg,
      dueDate: '1972-10-20',
      goods: [{ good, quantity: kg, unit: 'kg' }],
    });
    refused(await call('outsider', 'POST', '/api/logistics/shipments', shipment(1000, 'harina')));
    const unknown = await call('cordonDelegate', 'POST', '/api/logistics/shipments', {
      ...shipment(1000, 'harina'),
      toPlaceId: '0190c000-0000-7000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    expect(problem(unknown).field).toBe('body.toPlaceId');
    for (const [kg, good] of [
      [3000, 'harina'],
      [2500, 'azúcar'],
      [9000, 'carbón'],
    ] as const)
      expect(
        (await call('cordonDelegate', 'POST', '/api/logistics/shipments', shipment(kg, good))).statusCode,
      ).toBe(201);

    refused(
      await call('memberA', 'POST', '/api/logistics/plans', {
        bodyId: fed.bodies.cordon,
        date: '1972-10-20',
      }),
    );
    const startPlan = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/logistics/plans',
        headers: { ...as(s.cordonDelegate), 'idempotency-key': 'plan-1972-10-20' },
        payload: { bodyId: fed.bodies.cordon, date: '1972-10-20' },
      });
    const started = await startPlan();
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ status: 'solving', shipmentCount: 3 });
    ids.plan = started.json().id;
    expect(started.headers.location).toBe(`/api/logistics/plans/${ids.plan}`);
    await t.services.logistics.planning.settled(ids.plan);
    // a retried request returns the same plan and solves nothing again
    const retried = await startPlan();
    expect(retried.json().id).toBe(ids.plan);
    await t.services.logistics.planning.idle();
    const plan = (await call('outsider', 'GET', `/api/logistics/plans/${ids.plan}`)).json();
    expect(plan.status).toBe('partial');
    expect(plan.unplaced).toHaveLength(1);
    expect(plan.unplaced[0].reason).toBe('demand-exceeds-capacity');
    expect(plan.routes).toHaveLength(2);

    refused(await call('memberA', 'POST', `/api/logistics/plans/${ids.plan}/dispatch`));
    const dispatched = await call('cordonDelegate', 'POST', `/api/logistics/plans/${ids.plan}/dispatch`);
    expect(dispatched.json().status).toBe('dispatched');

    for (const [who, key] of [
      ['memberA', 'driverA'],
      ['secretaryB', 'driverB'],
    ] as const) {
      const res = await call(who, 'POST', '/api/tokens', {
        name: `camión ${who}`,
        scopes: ['logistics:drive'],
      });
      expect(res.statusCode).toBe(201);
      tokens[key] = res.json().token;
    }
    const routeA = dispatched.json().routes.find((r: { vehicleId: string }) => r.vehicleId === ids.truckA);
    const stop = routeA.stops[0];
    // the driver of the other truck, by token or signed in, and an outsider are refused
    refused(
      await bearer(tokens.driverB, 'POST', `/api/logistics/stops/${stop.id}/events`, { event: 'picked-up' }),
    );
    refused(
      await call('secretaryB', 'POST', `/api/logistics/stops/${stop.id}/events`, { event: 'picked-up' }),
    );
    refused(await call('outsider', 'POST', `/api/logistics/stops/${stop.id}/events`, { event: 'picked-up' }));
    refused(await bearer(tokens.driverB, 'GET', `/api/logistics/routes/${routeA.id}`));
    const mine = await bearer(tokens.driverA, 'GET', '/api/logistics/my-routes');
    expect(mine.json().routes.map((r: { id: string }) => r.id)).toEqual([routeA.id]);
    const early = await bearer(tokens.driverA, 'POST', `/api/logistics/stops/${stop.id}/events`, {
      event: 'delivered',
    });
    expect(early.statusCode).toBe(409);
    const picked = await bearer(tokens.driverA, 'POST', `/api/logistics/stops/${stop.id}/events`, {
      event: 'picked-up',
    });
    expect(picked.statusCode).toBe(200);
    const delivered = await call('memberA', 'POST', `/api/logistics/stops/${stop.id}/events`, {
      event: 'delivered',
    });
    expect(delivered.json().stops[0].status).toBe('delivered');
    const place = (await call('outsider', 'GET', `/api/logistics/places/${ids.point}`)).json();
    const shipmentRow = (await call('outsider', 'GET', `/api/logistics/shipments/${stop.shipmentId}`)).json();
    expect(shipmentRow.status).toBe('delivered');
    expect(place.delivered).toEqual([
      { good: shipmentRow.goods[0].good, unit: 'kg', quantity: shipmentRow.weightKg },
    ]);
  });
});
