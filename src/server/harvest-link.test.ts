import { beforeAll, expect, it } from 'vitest';
import { createSupplyCommittees, createTestServices } from '../../test/factories.js';
import { describeEachDialect } from '../db/test-databases.js';
import { createLandFixture } from '../land/land.fixture.js';
import type { Services } from './services.js';

const DAY = '1972-10-11';

describeEachDialect(
  'areas linked: a truck loaded at a peasant committee draws its harvest stock',
  (database) => {
    let services: Services;
    beforeAll(async () => {
      services = await createTestServices(database());
    });

    it('draws the wheat loaded, once, and refuses a load larger than what the committee holds', async () => {
      const f = await createLandFixture(services);
      const jap = await createSupplyCommittees(services);
      const { land, logistics } = services;
      const secretary = f.people.committeeSecretary;

      const parcel = await land.parcels.create(f.people.admin, {
        name: 'Fundo Los Silos',
        region: 'Maule',
        landClass: 'irrigated',
        areaHectares: 80,
        since: '1970-05-01',
        previousOwner: 'Sucesión Larraín',
        status: 'expropriated',
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [-71.6, -35.4],
              [-71.59, -35.4],
              [-71.59, -35.39],
              [-71.6, -35.39],
              [-71.6, -35.4],
            ],
          ],
        },
      });
      await land.transitions.move(f.people.councilChair, parcel.id, {
        to: 'assigned',
        since: '1971-09-01',
        decidingBodyId: f.bodies.council,
        assignedBodyId: f.bodies.committee,
      });
      await land.harvests.report(secretary, parcel.id, {
        productCode: 'wheat',
        quantityKg: 2_000,
        harvestedOn: '1972-01-20',
      });

      // The committee's storehouse is a depot it runs; its secretary drives the truck based there.
      const storehouse = await logistics.places.create(secretary, {
        name: 'Bodega campesina Los Silos',
        kind: 'depot',
        latitude: -35.395,
        longitude: -71.595,
        bodyId: f.bodies.committee,
      });
      const point = await services.supply.claims.addPoint(jap.chairA, jap.committeeA, 'Punto A');
      const japPlace = await logistics.places.create(f.people.admin, {
        name: 'JAP A',
        kind: 'distribution-point',
        latitude: -35.42,
        longitude: -71.66,
        supplyPointId: point.id,
      });
      const truck = await logistics.pool.register(secretary, {
        plate: 'CC-1972',
        capacityKg: 3000,
        capacityM3: 12,
        owner: 'Cooperativa Campesina',
        status: 'volunteered',
        bodyId: f.bodies.committee,
        depotPlaceId: storehouse.id,
      });
      await logistics.pool.assignDriver(secretary, truck.id, secretary.accountId);
      const ship = (kg: number) =>
        logistics.shipments.requestShipment(secretary, {
          bodyId: f.bodies.committee,
          fromPlaceId: storehouse.id,
          toPlaceId: japPlace.id,
          priority: 'food',
          weightKg: kg,
          dueDate: DAY,
          goods: [{ good: 'wheat', quantity: kg, unit: 'kg' }],
        });
      const planAndDispatch = async () => {
        const started = await logistics.planning.start(secretary, { bodyId: f.bodies.committee, date: DAY });
        await logistics.planning.settled(started.id);
        return (await logistics.dispatch.dispatch(secretary, started.id)).routes.flatMap((r) => r.stops);
      };

      await ship(1_500);
      const [first] = await planAndDispatch();
      await logistics.dispatch.record(secretary, first!.id, 'picked-up');
      expect(
        await land.harvests.harvestStock({ product: 'wheat', bodyId: f.bodies.committee }),
      ).toMatchObject({ quantityKg: 500 });
      await logistics.dispatch.record(secretary, first!.id, 'delivered');

      await ship(1_000);
      const [second] = await planAndDispatch();
      await expect(logistics.dispatch.record(secretary, second!.id, 'picked-up')).rejects.toMatchObject({
        code: 'harvest-stock-short',
        field: 'body.event',
        params: { product: 'wheat', requestedKg: 1_000, availableKg: 500 },
      });
      // Refused as a whole: nothing drawn, the stop still waits to be loaded.
      expect(
        await land.harvests.harvestStock({ product: 'wheat', bodyId: f.bodies.committee }),
      ).toMatchObject({ quantityKg: 500 });
      const route = await logistics.dispatch.myRoutes(secretary);
      expect(route.flatMap((r) => r.stops).find((s) => s.id === second!.id)?.status).toBe('planned');
    });
  },
);
