import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { personOf, principalOf } from '../server/auth.js';
import { commandMeta } from '../server/command-meta.js';
import type { Services } from '../server/services.js';
import type { StopEvent } from './dispatch.service.js';
import {
  CreatePlaceBody,
  CreateShipmentBody,
  CreateVehicleBody,
  DriverBody,
  DriverRouteList,
  DriverRouteSchema,
  IdParams,
  PlaceDetail,
  PlaceList,
  PlaceQuery,
  PlaceSchema,
  PlanList,
  PlanQuery,
  PlanSchema,
  ShipmentList,
  ShipmentQuery,
  ShipmentSchema,
  StartPlanBody,
  StopEventBody,
  VehicleDetail,
  VehicleList,
  VehicleQuery,
  VehicleSchema,
  VehicleStatusBody,
} from './logistics.schema.js';

const tags = ['logistics'];

/**
 * The logistics API: places, the vehicle pool, shipments, route plans (started here, solved in a
 * worker thread: `POST /api/logistics/plans` answers 202 at once), dispatch and the drivers'
 * records. Reads are open to signed-in persons; drivers may also use an API token of their account
 * with `logistics:drive`. When the server listens, plans a stopped process left solving are failed
 * (their shipments released); on close the server waits for running solves.
 */
export async function logisticsRoutes(appBase: FastifyInstance, opts: { services: Services }): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const { places, pool, shipments, planning, dispatch } = opts.services.logistics;

  app.addHook('onListen', async () => {
    await planning.recoverInterrupted();
  });
  app.addHook('onClose', async () => {
    await planning.idle();
  });

  app.get(
    '/api/logistics/places',
    {
      schema: {
        tags,
        summary: 'Depots, workplaces and distribution points',
        querystring: PlaceQuery,
        response: { 200: PlaceList },
      },
    },
    async (request) => ({ places: await places.list(request.query.kind) }),
  );

  app.post(
    '/api/logistics/places',
    {
      schema: {
        tags,
        summary: 'Register a place (an administrator, or the officers of the body that runs it)',
        body: CreatePlaceBody,
        response: { 201: PlaceSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await places.create(personOf(request), request.body, commandMeta(request))),
  );

  app.get(
    '/api/logistics/places/:id',
    {
      schema: {
        tags,
        summary: 'A place with the goods delivered there (the logistics deliveries ledger)',
        params: IdParams,
        response: { 200: PlaceDetail },
      },
    },
    async (request) => places.get(request.params.id),
  );

  app.get(
    '/api/logistics/vehicles',
    {
      schema: {
        tags,
        summary: 'The vehicle pool',
        querystring: VehicleQuery,
        response: { 200: VehicleList },
      },
    },
    async (request) => ({ vehicles: await pool.list(request.query) }),
  );

  app.post(
    '/api/logistics/vehicles',
    {
      schema: {
        tags,
        summary: 'A truck volunteered or requisitioned (officers or delegates of the deciding body)',
        body: CreateVehicleBody,
        response: { 201: VehicleSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await pool.register(personOf(request), request.body, commandMeta(request))),
  );

  app.get(
    '/api/logistics/vehicles/:id',
    {
      schema: {
        tags,
        summary: 'A truck with its status history',
        params: IdParams,
        response: { 200: VehicleDetail },
      },
    },
    async (request) => pool.get(request.params.id),
  );

  app.post(
    '/api/logistics/vehicles/:id/status',
    {
      schema: {
        tags,
        summary:
          "A body's decision on a truck: requisition, return, out of service (the holding body while in its pool)",
        params: IdParams,
        body: VehicleStatusBody,
        response: { 200: VehicleSchema },
      },
    },
    async (request) => pool.decide(personOf(request), request.params.id, request.body, commandMeta(request)),
  );

  app.put(
    '/api/logistics/vehicles/:id/driver',
    {
      schema: {
        tags,
        summary: "Set or clear a truck's driver account (the holding body's officers or delegates)",
        params: IdParams,
        body: DriverBody,
        response: { 200: VehicleSchema },
      },
    },
    async (request) =>
      pool.assignDriver(personOf(request), request.params.id, request.body.accountId, commandMeta(request)),
  );

  app.get(
    '/api/logistics/shipments',
    {
      schema: {
        tags,
        summary: 'Shipments (at most 1,000)',
        querystring: ShipmentQuery,
        response: { 200: ShipmentList },
      },
    },
    async (request) => ({ shipments: await shipments.list(request.query) }),
  );

  app.post(
    '/api/logistics/shipments',
    {
      schema: {
        tags,
        summary: "Request a shipment (officers or delegates of the pool's body or of the requesting body)",
        body: CreateShipmentBody,
        response: { 201: ShipmentSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await shipments.requestShipment(
            personOf(request),
            request.body,
            { source: 'direct' },
            commandMeta(request),
          ),
        ),
  );

  app.get(
    '/api/logistics/shipments/:id',
    { schema: { tags, summary: 'A shipment', params: IdParams, response: { 200: ShipmentSchema } } },
    async (request) => shipments.get(request.params.id),
  );

  app.get(
    '/api/logistics/plans',
    {
      schema: {
        tags,
        summary: 'Route plans, newest first',
        querystring: PlanQuery,
        response: { 200: PlanList },
      },
    },
    async (request) => ({ plans: await planning.list(request.query.bodyId) }),
  );

  app.post(
    '/api/logistics/plans',
    {
      schema: {
        tags,
        summary:
          "Start the day's plan of a body's pool (its officers or delegates). Answers 202 at once with the plan in status solving; poll GET /api/logistics/plans/:id",
        body: StartPlanBody,
        response: { 202: PlanSchema },
      },
    },
    async (request, reply) => {
      const plan = await planning.start(personOf(request), request.body, commandMeta(request));
      return reply.code(202).header('location', `/api/logistics/plans/${plan.id}`).send(plan);
    },
  );

  app.get(
    '/api/logistics/plans/:id',
    {
      schema: {
        tags,
        summary: 'A route plan: status, figures, routes, unplaced shipments',
        params: IdParams,
        response: { 200: PlanSchema },
      },
    },
    async (request) => planning.get(request.params.id),
  );

  app.post(
    '/api/logistics/plans/:id/dispatch',
    {
      schema: {
        tags,
        summary: "Dispatch a solved plan to its trucks' drivers (officers or delegates of the plan's body)",
        params: IdParams,
        response: { 200: PlanSchema },
      },
    },
    async (request) => dispatch.dispatch(personOf(request), request.params.id, commandMeta(request)),
  );

  app.get(
    '/api/logistics/my-routes',
    {
      config: { auth: 'any' },
      schema: {
        tags,
        summary:
          'The dispatched routes the caller drives (signed in, or a token of their account with logistics:drive)',
        response: { 200: DriverRouteList },
      },
    },
    async (request) => ({ routes: await dispatch.myRoutes(principalOf(request)) }),
  );

  app.get(
    '/api/logistics/routes/:id',
    {
      config: { auth: 'any' },
      schema: {
        tags,
        summary: "A route with its stops (signed-in persons; a token only its driver's)",
        params: IdParams,
        response: { 200: DriverRouteSchema },
      },
    },
    async (request) => dispatch.route(principalOf(request), request.params.id),
  );

  app.post(
    '/api/logistics/stops/:id/events',
    {
      config: { auth: 'any' },
      schema: {
        tags,
        summary:
          "Record picked-up, delivered or failed at a stop (the route's driver, signed in or with a logistics:drive token)",
        params: IdParams,
        body: StopEventBody,
        response: { 200: DriverRouteSchema },
      },
    },
    async (request) =>
      dispatch.record(
        principalOf(request),
        request.params.id,
        request.body.event as StopEvent,
        { reason: request.body.reason ?? null },
        commandMeta(request),
      ),
  );
}
