import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { personOf, principalOf } from '../server/auth.js';
import { commandMeta } from '../server/command-meta.js';
import type { Services } from '../server/services.js';
import {
  CreateParcelBody,
  ExportQuery,
  HarvestBody,
  HarvestSchema,
  LedgerQuery,
  LedgerSchema,
  ParcelDetailSchema,
  ParcelList,
  ParcelParams,
  ParcelQuerySchema,
  ParcelSchema,
  StockList,
  StockQuery,
  TransitionBody,
} from './land.schema.js';
import { parcelsCsv, parcelsGeoJson } from './parcel-export.js';

const tags = ['land'];

/**
 * The land API: the parcel register with filters, registration, status moves (occupy,
 * expropriate, assign, return), harvest reports, harvest stock, the agrarian-reform ledger and
 * CSV / GeoJSON export. Reading is open to every signed-in person; who may write is said per
 * route and enforced by the services.
 */
export async function landRoutes(appBase: FastifyInstance, opts: { services: Services }): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const { parcels, transitions, harvests } = opts.services.land;

  app.get(
    '/api/parcels',
    {
      schema: {
        tags,
        summary:
          'The parcel register, filtered by status, region, land class or assigned body (any signed-in person)',
        querystring: ParcelQuerySchema,
        response: { 200: ParcelList },
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      return parcels.list(filter, { limit, offset });
    },
  );

  app.post(
    '/api/parcels',
    {
      schema: {
        tags,
        summary:
          'Register a parcel (an administrator, or the chair or secretary of the registering body bodyId)',
        body: CreateParcelBody,
        response: { 201: ParcelSchema },
      },
    },
    async (request, reply) => {
      const view = await parcels.create(personOf(request), request.body, commandMeta(request));
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/parcels/:id',
    {
      schema: {
        tags,
        summary: 'A parcel with its status history, assignments and harvests (any signed-in person)',
        params: ParcelParams,
        response: { 200: ParcelDetailSchema },
      },
    },
    async (request) => parcels.parcel(request.params.id),
  );

  app.post(
    '/api/parcels/:id/transitions',
    {
      schema: {
        tags,
        summary:
          'Move a parcel to a new status: occupy, expropriate (with an adopted motion), assign, return (the chair or secretary of the deciding body)',
        params: ParcelParams,
        body: TransitionBody,
        response: { 200: ParcelSchema },
      },
    },
    async (request) =>
      transitions.move(personOf(request), request.params.id, request.body, commandMeta(request)),
  );

  app.post(
    '/api/parcels/:id/harvests',
    {
      config: { auth: 'any' },
      schema: {
        tags,
        summary:
          'Report a harvest of an assigned parcel; it becomes stock of the assigned body (its chair or secretary, or its token with production:report)',
        params: ParcelParams,
        body: HarvestBody,
        response: { 201: HarvestSchema },
      },
    },
    async (request, reply) => {
      const view = await harvests.report(
        principalOf(request),
        request.params.id,
        request.body,
        commandMeta(request),
      );
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/land/stock',
    {
      schema: {
        tags,
        summary: 'Harvest stock in kg by body and product (any signed-in person)',
        querystring: StockQuery,
        response: { 200: StockList },
      },
    },
    async (request) => ({ stock: await harvests.stockList(request.query) }),
  );

  app.get(
    '/api/land/ledger',
    {
      schema: {
        tags,
        summary:
          'The agrarian-reform ledger: hectares by status, region and land class at the end of each year or month (any signed-in person)',
        querystring: LedgerQuery,
        response: { 200: LedgerSchema },
      },
    },
    async (request) => parcels.ledger(request.query),
  );

  app.get(
    '/api/land/export',
    {
      schema: {
        tags,
        summary: 'Every matching parcel as CSV or as a GeoJSON FeatureCollection (any signed-in person)',
        querystring: ExportQuery,
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const rows = await parcels.exportParcels(filter);
      if (format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="parcels.csv"')
          .send(parcelsCsv(rows));
      return reply
        .type('application/geo+json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="parcels.geojson"')
        .send(JSON.stringify(parcelsGeoJson(rows)));
    },
  );
}
