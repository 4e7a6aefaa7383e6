import { beforeAll, expect, it } from 'vitest';
import {
  createFederation,
  createSupplyCommittees,
  createTestServices,
  personPrincipal,
} from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';
import type { Services } from './services.js';

// TEST_EPOCH's week: requests are due the day they are made and the day plan takes them.
const WEEK = '1972-W41';

describeEachDialect(
  'areas linked: a committee’s shortfall becomes a shipment, its delivery stock',
  (database) => {
    let services: Services;
    beforeAll(async () => {
      services = await createTestServices(database());
    });

    async function committeeWithMilk() {
      const fed = await createFederation(services);
      const jap = await createSupplyCommittees(services);
      const { supply } = services;
      const milk = await supply.entitlements.addGood(jap.chairA, jap.committeeA, {
        code: 'milk',
        name: 'Leche',
        unit: 'mL',
      });
      await supply.entitlements.adoptRules(jap.chairA, jap.committeeA, {
        motionId: null,
        rules: [{ goodId: milk.id, category: 'child', quantity: 500, per: 'day', priority: 1 }],
      });
      const registered = await supply.households.register(jap.chairA, jap.committeeA, {
        address: 'Pasaje Los Aromos 12',
        members: [
          { registryNumber: `R-${Math.random()}`, ageBand: '0-4' },
          { registryNumber: `R-${Math.random()}`, ageBand: '5-14' },
          { registryNumber: `R-${Math.random()}`, ageBand: '15-64' },
        ],
      });
      expect(registered.status).toBe('registered');
      const point = await supply.claims.addPoint(jap.chairA, jap.committeeA, 'Punto Los Aromos');
      return { fed, jap, milk, point };
    }

    it('requests the week’s milk for two children, routes it from the cordón’s depot, and a delivery settles it', async () => {
      const { fed, jap, milk, point } = await committeeWithMilk();
      const { supply, logistics } = services;
      const delegate = personPrincipal(fed.people.cordonDelegate!);
      const admin = personPrincipal(fed.people.admin!, { isAdmin: true });
      const driver = personPrincipal(fed.people.memberA!);
      const depot = await logistics.places.create(delegate, {
        name: 'Bodega Cerrillos',
        kind: 'depot',
        latitude: -33.4925,
        longitude: -70.7163,
        bodyId: fed.bodies.cordon,
      });
      const place = await logistics.places.create(admin, {
        name: 'JAP Los Aromos',
        kind: 'distribution-point',
        latitude: -33.4831,
        longitude: -70.6933,
        supplyPointId: point.id,
      });

      const before = await supply.resupply.shortfall(jap.memberA, jap.committeeA, WEEK);
      expect(before).toEqual([
        {
          goodId: milk.id,
          code: 'milk',
          name: 'Leche',
          unit: 'mL',
          due: 7000,
          claimed: 0,
          onHand: 0,
          inTransit: 0,
          short: 7000,
        },
      ]);

      const outcome = await supply.resupply.request(jap.chairA, jap.committeeA, {
        period: WEEK,
        pointId: point.id,
      });
      if (outcome.status !== 'requested') throw new Error(`expected a request, got ${outcome.status}`);
      expect(outcome.request.lines).toEqual([{ goodId: milk.id, quantity: 7000 }]);
      expect(outcome.request.status).toBe('requested');
      expect(outcome.shortfall[0]).toMatchObject({ inTransit: 7000, short: 0 });
      const shipment = await logistics.shipments.get(outcome.request.shipmentId!);
      expect(shipment).toMatchObject({
        source: 'supply-request',
        sourceRef: outcome.request.id,
        fromPlaceId: depot.id,
        toPlaceId: place.id,
        bodyId: fed.bodies.cordon,
        requestedByBodyId: jap.committeeA,
        priority: 'food',
        weightKg: 7,
        status: 'requested',
        goods: [{ good: 'milk', quantity: 7000, unit: 'mL' }],
      });

      // What is on its way is not asked for twice.
      const again = await supply.resupply.request(jap.chairA, jap.committeeA, {
        period: WEEK,
        pointId: point.id,
      });
      expect(again.status).toBe('nothing-short');

      const truck = await logistics.pool.register(delegate, {
        plate: 'JAP-1972',
        capacityKg: 3000,
        capacityM3: 12,
        owner: 'Transportes Andes',
        status: 'requisitioned',
        bodyId: fed.bodies.cordon,
        depotPlaceId: depot.id,
      });
      await logistics.pool.assignDriver(delegate, truck.id, driver.accountId);
      const started = await logistics.planning.start(delegate, {
        bodyId: fed.bodies.cordon,
        date: shipment.dueDate,
      });
      await logistics.planning.settled(started.id);
      const plan = await logistics.dispatch.dispatch(delegate, started.id);
      const [stop] = plan.routes.flatMap((r) => r.stops);
      await logistics.dispatch.record(driver, stop!.id, 'picked-up');
      await logistics.dispatch.record(driver, stop!.id, 'delivered');

      const [request] = await supply.resupply.list(jap.memberA, jap.committeeA);
      expect(request).toMatchObject({ id: outcome.request.id, status: 'delivered' });
      expect((await supply.claims.stock(jap.chairA, point.id)).stock).toEqual([
        { goodId: milk.id, quantity: 7000 },
      ]);
      const after = await supply.resupply.shortfall(jap.chairA, jap.committeeA, WEEK);
      expect(after[0]).toMatchObject({ onHand: 7000, inTransit: 0, short: 0 });
    });

    it('keeps a request it cannot route, saying why, and lets only the committee’s officers ask', async () => {
      const { jap, point } = await committeeWithMilk();
      const { supply } = services;
      const pointB = await supply.claims.addPoint(jap.chairB, jap.committeeB, 'Punto B');

      await expect(
        supply.resupply.request(jap.memberA, jap.committeeA, { period: WEEK, pointId: point.id }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await expect(
        supply.resupply.request(jap.chairB, jap.committeeA, { period: WEEK, pointId: point.id }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await expect(supply.resupply.shortfall(jap.outsider, jap.committeeA, WEEK)).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(supply.resupply.list(jap.chairB, jap.committeeA)).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(
        supply.resupply.request(jap.chairA, jap.committeeA, { period: WEEK, pointId: pointB.id }),
      ).rejects.toMatchObject({ code: 'not-found', field: 'body.pointId' });
      await expect(
        supply.resupply.request(jap.chairA, jap.committeeA, { period: '1972-13', pointId: point.id }),
      ).rejects.toMatchObject({ code: 'validation', field: 'body.period' });

      // No logistics place is linked to this point: the request is kept as unrouted, with the reason.
      const outcome = await supply.resupply.request(jap.chairA, jap.committeeA, {
        period: WEEK,
        pointId: point.id,
      });
      if (outcome.status !== 'requested') throw new Error(`expected a request, got ${outcome.status}`);
      expect(outcome.request).toMatchObject({
        status: 'unrouted',
        unroutedReason: 'no-place-for-point',
        shipmentId: null,
      });
      // An unrouted request is not on its way: the shortfall stands.
      expect((await supply.resupply.shortfall(jap.chairA, jap.committeeA, WEEK))[0]).toMatchObject({
        inTransit: 0,
        short: 7000,
      });
    });
  },
);
