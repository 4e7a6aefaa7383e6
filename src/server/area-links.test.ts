import { beforeAll, expect, it } from 'vitest';
import {
  createFederation,
  createSupplyCommittees,
  createTestServices,
  personPrincipal,
} from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { Services } from './services.js';

const DAY = '1972-10-20';

describeEachDialect('areas linked: a truck delivery raises a distribution point’s stock', (database) => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices(database());
  });

  it('plans, dispatches and delivers flour to a JAP point, whose stock rises by the delivered grams', async () => {
    const fed = await createFederation(services);
    const jap = await createSupplyCommittees(services);
    const delegate = personPrincipal(fed.people.cordonDelegate!);
    const admin = personPrincipal(fed.people.admin!, { isAdmin: true });
    const driver = personPrincipal(fed.people.memberA!);

    const flour = await services.supply.entitlements.addGood(jap.chairA, jap.committeeA, {
      code: 'harina',
      name: 'Harina',
      unit: 'g',
    });
    const point = await services.supply.claims.addPoint(jap.chairA, jap.committeeA, 'Punto Lo Valledor');

    const { logistics } = services;
    const depot = await logistics.places.create(delegate, {
      name: 'Bodega Cerrillos',
      kind: 'depot',
      latitude: -33.4925,
      longitude: -70.7163,
      bodyId: fed.bodies.cordon,
    });
    const unlinked = await logistics.places.create(admin, {
      name: 'Taller Perlak',
      kind: 'workplace',
      latitude: -33.49,
      longitude: -70.7,
    });
    const linked = await logistics.places.create(admin, {
      name: 'JAP Lo Valledor',
      kind: 'distribution-point',
      latitude: -33.4831,
      longitude: -70.6933,
      supplyPointId: point.id,
    });
    const truck = await logistics.pool.register(delegate, {
      plate: 'LK-1972',
      capacityKg: 3000,
      capacityM3: 12,
      owner: 'Transportes Andes',
      status: 'requisitioned',
      bodyId: fed.bodies.cordon,
      depotPlaceId: depot.id,
    });
    await logistics.pool.assignDriver(delegate, truck.id, driver.accountId);
    const base = {
      bodyId: fed.bodies.cordon,
      fromPlaceId: depot.id,
      priority: 'food' as const,
      dueDate: DAY,
    };
    await logistics.shipments.requestShipment(delegate, {
      ...base,
      toPlaceId: linked.id,
      weightKg: 1200,
      goods: [{ good: 'harina', quantity: 1200, unit: 'kg' }],
    });
    await logistics.shipments.requestShipment(delegate, {
      ...base,
      toPlaceId: unlinked.id,
      weightKg: 300,
      goods: [{ good: 'repuestos', quantity: 300, unit: 'kg' }],
    });

    const started = await logistics.planning.start(delegate, { bodyId: fed.bodies.cordon, date: DAY });
    await logistics.planning.settled(started.id);
    const plan = await logistics.dispatch.dispatch(delegate, started.id);
    const stops = plan.routes.flatMap((r) => r.stops);
    expect(stops).toHaveLength(2);
    for (const stop of stops) {
      await logistics.dispatch.record(driver, stop.id, 'picked-up');
      await logistics.dispatch.record(driver, stop.id, 'delivered');
    }

    const stock = await services.supply.claims.stock(jap.chairA, point.id);
    expect(stock.stock).toEqual([{ goodId: flour.id, quantity: 1_200_000 }]);
    // both deliveries are in logistics' own ledger; only the linked one touched supply
    expect((await logistics.places.get(linked.id)).delivered).toEqual([
      { good: 'harina', unit: 'kg', quantity: 1200 },
    ]);
    expect((await logistics.places.get(unlinked.id)).delivered).toEqual([
      { good: 'repuestos', unit: 'kg', quantity: 300 },
    ]);
  });
});
