import { beforeAll, expect, it } from 'vitest';
import { createFederation, createTestServices, personPrincipal } from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { TokenPrincipal } from '../identity/principal.js';
import type { Services } from '../server/services.js';
import { createLogisticsArea, type LogisticsArea } from './logistics-area.js';

const DAY = '1972-10-20';

describeEachDialect('logistics: pool, shipments, planning in a worker, dispatch', (database) => {
  let services: Services;
  let logistics: LogisticsArea;
  let fed: Awaited<ReturnType<typeof createFederation>>;
  let depot: string;
  let farDepot: string;
  let pointA: string;
  let pointB: string;
  let truck: string;
  let bigTruck: string;
  const p = (name: keyof Awaited<ReturnType<typeof createFederation>>['people']) =>
    personPrincipal(fed.people[name], { isAdmin: name === 'admin' });

  beforeAll(async () => {
    services = await createTestServices(database());
    logistics = createLogisticsArea(database(), services.audit, services.councils, {
      seconds: 5,
      maxIterations: 2000,
    });
    fed = await createFederation(services);
  });

  it('registers places for an administrator or the officers of their body, nobody else', async () => {
    const input = {
      name: 'Bodega Cerrillos',
      kind: 'depot' as const,
      latitude: -33.4925,
      longitude: -70.7163,
    };
    await expect(
      logistics.places.create(p('outsider'), { ...input, bodyId: fed.bodies.cordon }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      logistics.places.create(p('memberA'), { ...input, bodyId: fed.bodies.assemblyA }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    depot = (await logistics.places.create(p('cordonDelegate'), { ...input, bodyId: fed.bodies.cordon })).id;
    farDepot = (await logistics.places.create(p('admin'), { ...input, name: 'Bodega Maipú' })).id;
    pointA = (
      await logistics.places.create(p('admin'), {
        name: 'JAP Población Lo Valledor',
        kind: 'distribution-point',
        latitude: -33.4831,
        longitude: -70.6933,
      })
    ).id;
    pointB = (
      await logistics.places.create(p('secretaryA'), {
        name: 'JAP Villa México',
        kind: 'distribution-point',
        latitude: -33.5012,
        longitude: -70.7355,
        bodyId: fed.bodies.assemblyA,
      })
    ).id;
    await expect(logistics.places.create(p('admin'), { ...input, latitude: 91 })).rejects.toMatchObject({
      code: 'validation',
      field: 'body.latitude',
    });
    expect((await logistics.places.list('distribution-point')).map((x) => x.name)).toEqual([
      'JAP Población Lo Valledor',
      'JAP Villa México',
    ]);
  });

  it('records trucks volunteered and requisitioned by the deciding body, with history; others are refused', async () => {
    const truckInput = {
      plate: 'hb-1972',
      capacityKg: 3000,
      capacityM3: 12,
      owner: 'Transportes Andes',
      status: 'requisitioned' as const,
      bodyId: fed.bodies.cordon,
      depotPlaceId: depot,
    };
    await expect(logistics.pool.register(p('outsider'), truckInput)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      logistics.pool.register(p('memberA'), { ...truckInput, bodyId: fed.bodies.assemblyA }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const t = await logistics.pool.register(p('cordonDelegate'), truckInput);
    expect(t).toMatchObject({ plate: 'HB-1972', status: 'requisitioned', bodyId: fed.bodies.cordon });
    truck = t.id;
    await expect(logistics.pool.register(p('cordonDelegate'), truckInput)).rejects.toMatchObject({
      code: 'conflict',
      field: 'body.plate',
    });
    await expect(
      logistics.pool.register(p('cordonDelegate'), { ...truckInput, plate: 'X', depotPlaceId: pointA }),
    ).rejects.toMatchObject({ code: 'not-found' });
    bigTruck = (
      await logistics.pool.register(p('cordonDelegate'), {
        ...truckInput,
        plate: 'CD-0001',
        capacityKg: 8000,
        status: 'volunteered',
        owner: 'Juan Pérez',
      })
    ).id;
    const spare = await logistics.pool.register(p('secretaryA'), {
      ...truckInput,
      plate: 'EF-0002',
      bodyId: fed.bodies.assemblyA,
      status: 'volunteered',
    });
    // in assembly A's pool: the cordón may not return it, assembly A may
    await expect(
      logistics.pool.decide(p('cordonDelegate'), spare.id, { status: 'returned', bodyId: fed.bodies.cordon }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await logistics.pool.decide(p('secretaryA'), spare.id, {
      status: 'returned',
      bodyId: fed.bodies.assemblyA,
      note: 'devuelto al dueño',
    });
    // once returned, the cordón may requisition it
    await logistics.pool.decide(p('cordonDelegate'), spare.id, {
      status: 'requisitioned',
      bodyId: fed.bodies.cordon,
    });
    await logistics.pool.decide(p('cordonDelegate'), spare.id, {
      status: 'out-of-service',
      bodyId: fed.bodies.cordon,
    });
    await expect(
      logistics.pool.decide(p('cordonDelegate'), spare.id, {
        status: 'out-of-service',
        bodyId: fed.bodies.cordon,
      }),
    ).rejects.toMatchObject({ code: 'conflict', field: 'body.status' });
    const history = (await logistics.pool.get(spare.id)).history;
    expect(history.map((h) => [h.status, h.bodyId])).toEqual([
      ['volunteered', fed.bodies.assemblyA],
      ['returned', fed.bodies.assemblyA],
      ['requisitioned', fed.bodies.cordon],
      ['out-of-service', fed.bodies.cordon],
    ]);
    await expect(
      logistics.pool.assignDriver(p('memberA'), truck, fed.people.memberA.accountId),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await logistics.pool.assignDriver(p('cordonDelegate'), truck, fed.people.memberA.accountId);
    await logistics.pool.assignDriver(p('cordonDelegate'), bigTruck, fed.people.secretaryB.accountId);
    expect((await logistics.pool.list({ bodyId: fed.bodies.cordon })).map((v) => v.plate)).toEqual([
      'CD-0001',
      'EF-0002',
      'HB-1972',
    ]);
  });

  it('creates shipments for the pool or the requesting body; unknown places and bad input are clear errors', async () => {
    const base = {
      bodyId: fed.bodies.cordon,
      fromPlaceId: depot,
      toPlaceId: pointA,
      priority: 'food' as const,
      weightKg: 1200,
      dueDate: DAY,
      goods: [{ good: 'harina', quantity: 1200, unit: 'kg' }],
    };
    await expect(logistics.shipments.requestShipment(p('outsider'), base)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      logistics.shipments.requestShipment(p('cordonDelegate'), {
        ...base,
        toPlaceId: '0190c000-0000-7000-8000-000000000000',
      }),
    ).rejects.toMatchObject({ code: 'not-found', field: 'body.toPlaceId' });
    await expect(
      logistics.shipments.requestShipment(p('cordonDelegate'), { ...base, weightKg: 0 }),
    ).rejects.toMatchObject({ code: 'validation', field: 'body.weightKg' });
    await expect(
      logistics.shipments.requestShipment(p('cordonDelegate'), {
        ...base,
        window: { start: `${DAY}T12:00:00Z`, end: `${DAY}T11:00:00Z` },
      }),
    ).rejects.toMatchObject({ code: 'validation', field: 'body.window' });
    const s = await logistics.shipments.requestShipment(p('cordonDelegate'), base);
    expect(s).toMatchObject({
      status: 'requested',
      source: 'direct',
      goods: [{ good: 'harina', quantity: 1200, unit: 'kg' }],
    });
    // the JAP's officers ask for their own point; the system files supply's requests
    await logistics.shipments.requestShipment(p('secretaryA'), {
      ...base,
      toPlaceId: pointB,
      requestedByBodyId: fed.bodies.assemblyA,
      weightKg: 2500,
      goods: [{ good: 'aceite', quantity: 2500, unit: 'l' }],
    });
    await logistics.shipments.requestShipment(
      { kind: 'system', name: 'supply' },
      {
        ...base,
        priority: 'medicine',
        weightKg: 300,
        goods: [{ good: 'penicilina', quantity: 40, unit: 'caja' }],
      },
      { source: 'supply-request', sourceRef: 'req-1' },
    );
    // bad input the router reports: heavier than every truck, a window nobody reaches, an origin without trucks
    await logistics.shipments.requestShipment(p('cordonDelegate'), {
      ...base,
      weightKg: 9000,
      goods: [{ good: 'carbón', quantity: 9000, unit: 'kg' }],
    });
    await logistics.shipments.requestShipment(p('cordonDelegate'), {
      ...base,
      toPlaceId: pointB,
      window: { start: `${DAY}T00:00:00Z`, end: `${DAY}T00:01:00Z` },
    });
    await logistics.shipments.requestShipment(p('cordonDelegate'), { ...base, fromPlaceId: farDepot });
    expect(await logistics.shipments.list({ bodyId: fed.bodies.cordon, status: 'requested' })).toHaveLength(
      6,
    );
  });

  let planId = '';

  it('plans in a worker off the request path and names the shipments it could not place', async () => {
    await expect(
      logistics.planning.start(p('memberA'), { bodyId: fed.bodies.cordon, date: DAY }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const started = await logistics.planning.start(p('cordonDelegate'), {
      bodyId: fed.bodies.cordon,
      date: DAY,
    });
    expect(started).toMatchObject({ status: 'solving', shipmentCount: 6 });
    planId = started.id;
    await logistics.planning.settled(planId);
    const plan = await logistics.planning.get(planId);
    expect(plan.status).toBe('partial');
    const all = await logistics.shipments.list({ bodyId: fed.bodies.cordon });
    const weight = new Map(all.map((s) => [s.id, s.weightKg]));
    expect(plan.unplaced.map((u) => [weight.get(u.shipmentId), u.reason]).sort()).toEqual([
      [1200, 'no-vehicle-at-origin'],
      [1200, 'time-window-unreachable'],
      [9000, 'demand-exceeds-capacity'],
    ]);
    const routed = plan.routes.flatMap((r) => r.stops.map((s) => s.shipmentId));
    expect(routed).toHaveLength(3);
    for (const r of plan.routes) {
      expect(r.loadKg).toBe(r.stops.reduce((sum, s) => sum + weight.get(s.shipmentId)!, 0));
      expect(r.stops[0]!.loadKg).toBe(r.loadKg);
      expect(r.distanceM).toBeGreaterThan(0);
    }
    expect(plan.distanceM).toBe(plan.routes.reduce((sum, r) => sum + r.distanceM, 0));
    // the unplaced went back to the requests; the routed stay with the plan
    const statuses = new Map(all.map((s) => [s.id, s.status]));
    for (const u of plan.unplaced) expect(statuses.get(u.shipmentId)).toBe('requested');
    for (const id of routed) expect(statuses.get(id)).toBe('planned');
    const events = await services.audit.list({ subjectId: planId, limit: 10 });
    expect(events.events.map((e) => e.action).sort()).toEqual([
      'logistics.plan-completed',
      'logistics.plan-started',
    ]);
  });

  it('dispatches to the drivers, who record pickup, delivery and failure; deliveries reach the ledger', async () => {
    const plan0 = await logistics.planning.get(planId);
    await expect(logistics.dispatch.dispatch(p('memberA'), planId)).rejects.toMatchObject({
      code: 'forbidden',
    });
    const plan = await logistics.dispatch.dispatch(p('cordonDelegate'), planId);
    expect(plan.status).toBe('dispatched');
    await expect(logistics.dispatch.dispatch(p('cordonDelegate'), planId)).rejects.toMatchObject({
      code: 'conflict',
    });
    const drivers = new Map([
      [truck, fed.people.memberA],
      [bigTruck, fed.people.secretaryB],
    ]);
    const route = plan.routes[0]!;
    const driver = personPrincipal(drivers.get(route.vehicleId)!);
    const other = personPrincipal(route.vehicleId === truck ? fed.people.secretaryB : fed.people.memberA);
    expect(route.driverAccountId).toBe(driver.accountId);
    expect(plan0.routes.length).toBe(plan.routes.length);
    const stop = route.stops[0]!;
    const token: TokenPrincipal = {
      kind: 'token',
      tokenId: 't',
      accountId: other.accountId,
      scopes: ['logistics:drive'],
      bodyId: null,
    };
    await expect(logistics.dispatch.record(other, stop.id, 'picked-up')).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(logistics.dispatch.record(token, stop.id, 'picked-up')).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(logistics.dispatch.record(driver, stop.id, 'delivered')).rejects.toMatchObject({
      code: 'conflict',
    });
    await logistics.dispatch.record({ ...token, accountId: driver.accountId }, stop.id, 'picked-up');
    const after = await logistics.dispatch.record(driver, stop.id, 'delivered');
    expect(after.stops[0]!.status).toBe('delivered');
    const shipment = await logistics.shipments.get(stop.shipmentId);
    expect(shipment.status).toBe('delivered');
    const place = await logistics.places.get(shipment.toPlaceId);
    expect(place.delivered).toEqual(
      shipment.goods.map((g) => ({ good: g.good, unit: g.unit, quantity: g.quantity })),
    );
    expect((await logistics.dispatch.myRoutes(driver)).map((r) => r.id)).toContain(route.id);
    // a failed stop returns its shipment to the next plan
    const failing = plan.routes
      .flatMap((r) => r.stops.map((s) => ({ s, r })))
      .find((x) => x.s.id !== stop.id)!;
    const failDriver = personPrincipal(drivers.get(failing.r.vehicleId)!);
    await logistics.dispatch.record(failDriver, failing.s.id, 'failed', { reason: 'calle cortada' });
    expect(await logistics.shipments.get(failing.s.shipmentId)).toMatchObject({
      status: 'requested',
      planId: null,
      failureReason: 'calle cortada',
    });
    const next = await logistics.planning.start(p('cordonDelegate'), {
      bodyId: fed.bodies.cordon,
      date: DAY,
      seed: 2,
    });
    await logistics.planning.settled(next.id);
    const nextPlan = await logistics.planning.get(next.id);
    expect(nextPlan.routes.flatMap((r) => r.stops.map((s) => s.shipmentId))).toContain(failing.s.shipmentId);
  });

  it('fails a plan a stopped process left solving and releases its shipments', async () => {
    await logistics.shipments.requestShipment(p('cordonDelegate'), {
      bodyId: fed.bodies.cordon,
      fromPlaceId: depot,
      toPlaceId: pointA,
      priority: 'fuel',
      weightKg: 400,
      dueDate: DAY,
      goods: [{ good: 'parafina', quantity: 400, unit: 'l' }],
    });
    // a solver that never answers stands for the process that stopped mid-solve
    const stalled = createLogisticsArea(database(), services.audit, services.councils, {
      solver: () => new Promise(() => {}),
    });
    const plan = await stalled.planning.start(p('cordonDelegate'), { bodyId: fed.bodies.cordon, date: DAY });
    expect(plan.shipmentCount).toBeGreaterThan(0);
    // this process runs no solve for it: the sweep of a fresh start fails it
    expect(await logistics.planning.recoverInterrupted()).toBe(1);
    const failed = await logistics.planning.get(plan.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('interrupted');
    expect(
      await logistics.shipments.list({ bodyId: fed.bodies.cordon, status: 'planned', dueDate: DAY }),
    ).toSatisfy((list: { planId: string | null }[]) => list.every((s) => s.planId !== plan.id));
    expect(await logistics.planning.recoverInterrupted()).toBe(0);
  });
});
