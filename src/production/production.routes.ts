import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { personOf, principalOf } from '../server/auth.js';
import { commandMeta } from '../server/command-meta.js';
import { localeOf } from '../server/locale.js';
import type { Services } from '../server/services.js';
import {
  AlertDetail,
  AlertList,
  AlertQuery,
  AlertSchema,
  CapacitiesBody,
  CommentBody,
  CommentSchema,
  CreateIndicatorsBody,
  CreateProductBody,
  CreateWorkplaceBody,
  IdParams,
  IndicatorList,
  ProductList,
  ProductSchema,
  ReportBatchBody,
  ReportBatchResponse,
  ResolveBody,
  SeriesQuery,
  SeriesResponse,
  StatusBody,
  TechniqueBody,
  TechniqueList,
  WorkplaceDetail,
  WorkplaceList,
  WorkplaceQuery,
  WorkplaceSchema,
} from './production.schema.js';
import type { AlertStatus } from './production-views.js';

const tags = ['production'];

/**
 * The production API: the register (workplaces, products, capacities, techniques, indicators),
 * the report batch, indicator series and alert boards. When the server listens (not under
 * `inject` in tests) it also starts the escalation runner, and stops it on close.
 */
export async function productionRoutes(
  appBase: FastifyInstance,
  opts: { services: Services },
): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const { production, config } = opts.services;
  const { register, reports, alerts, runner } = production;

  app.addHook('onListen', async () => {
    runner.start(config.escalationIntervalSeconds * 1000, (error) =>
      app.log.error({ err: error }, 'escalation run failed'),
    );
  });
  app.addHook('onClose', async () => {
    await runner.stop();
  });

  app.get(
    '/api/workplaces',
    {
      schema: {
        tags,
        summary:
          'The register of workplaces, by name, filtered and paged (open to every signed-in person); without `limit`, every match',
        querystring: WorkplaceQuery,
        response: { 200: WorkplaceList },
      },
    },
    async (request) => {
      const { bodyIds, ids, ...rest } = request.query;
      return register.registerPage({
        ...rest,
        ...(bodyIds === undefined ? {} : { bodyIds: bodyIds.split(',') }),
        ...(ids === undefined ? {} : { ids: ids.split(',') }),
      });
    },
  );

  app.post(
    '/api/workplaces',
    {
      schema: {
        tags,
        summary: "Register an assembly's workplace (its chair or secretary, or an administrator)",
        body: CreateWorkplaceBody,
        response: { 201: WorkplaceSchema },
      },
    },
    async (request, reply) => {
      const view = await register.createWorkplace(personOf(request), request.body, commandMeta(request));
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/api/workplaces/:id',
    {
      schema: {
        tags,
        summary: 'A workplace with its status history',
        params: IdParams,
        response: { 200: WorkplaceDetail },
      },
    },
    async (request) => register.workplace(request.params.id),
  );

  app.post(
    '/api/workplaces/:id/status',
    {
      schema: {
        tags,
        summary: "Record a new status (the assembly's chair or secretary, or an administrator)",
        params: IdParams,
        body: StatusBody,
        response: { 200: WorkplaceSchema },
      },
    },
    async (request) =>
      register.changeStatus(personOf(request), request.params.id, request.body, commandMeta(request)),
  );

  app.get(
    '/api/products',
    { schema: { tags, summary: 'The product catalogue', response: { 200: ProductList } } },
    async () => ({ products: await register.listProducts() }),
  );

  app.post(
    '/api/products',
    {
      schema: {
        tags,
        summary: 'Add a product (an administrator, or an officer of an assembly with a workplace)',
        body: CreateProductBody,
        response: { 201: ProductSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await register.createProduct(personOf(request), request.body, commandMeta(request))),
  );

  app.get(
    '/api/workplaces/:id/capacities',
    {
      schema: {
        tags,
        summary: 'Capacities by product and period',
        params: IdParams,
        response: { 200: CapacitiesBody },
      },
    },
    async (request) => ({ items: await register.capacities(request.params.id) }),
  );

  app.put(
    '/api/workplaces/:id/capacities',
    {
      schema: {
        tags,
        summary: "Set capacities (the assembly's chair or secretary)",
        params: IdParams,
        body: CapacitiesBody,
        response: { 200: CapacitiesBody },
      },
    },
    async (request) => ({
      items: await register.setCapacities(
        personOf(request),
        request.params.id,
        request.body.items,
        commandMeta(request),
      ),
    }),
  );

  app.get(
    '/api/workplaces/:id/techniques',
    {
      schema: {
        tags,
        summary: 'Techniques of a workplace',
        params: IdParams,
        response: { 200: TechniqueList },
      },
    },
    async (request) => ({ techniques: await register.techniques(request.params.id) }),
  );

  app.put(
    '/api/workplaces/:id/techniques',
    {
      schema: {
        tags,
        summary: "Set the technique for one product (the assembly's chair or secretary)",
        params: IdParams,
        body: TechniqueBody,
        response: { 200: TechniqueBody },
      },
    },
    async (request) =>
      register.setTechnique(personOf(request), request.params.id, request.body, commandMeta(request)),
  );

  app.get(
    '/api/workplaces/:id/indicators',
    {
      schema: {
        tags,
        summary: "Indicators (the assembly's members and the delegates of the councils above)",
        params: IdParams,
        response: { 200: IndicatorList },
      },
    },
    async (request) => ({ indicators: await register.indicators(personOf(request), request.params.id) }),
  );

  app.post(
    '/api/workplaces/:id/indicators',
    {
      schema: {
        tags,
        summary: "Add indicators (the assembly's chair or secretary)",
        params: IdParams,
        body: CreateIndicatorsBody,
        response: { 201: IndicatorList },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        indicators: await register.createIndicators(
          personOf(request),
          request.params.id,
          request.body.indicators,
          commandMeta(request),
        ),
      }),
  );

  app.post(
    '/api/reports',
    {
      config: { auth: 'any' },
      schema: {
        tags,
        summary:
          'Send a batch of reports: a workplace token with production:report, or the assembly’s secretary or chair. Valid items are kept; each invalid one is listed with its reason',
        body: ReportBatchBody,
        response: { 200: ReportBatchResponse },
      },
    },
    async (request) =>
      reports.ingest(principalOf(request), request.body.items, {
        locale: localeOf(request, config.defaultLocale),
        meta: commandMeta(request),
      }),
  );

  app.get(
    '/api/indicators/:id/series',
    {
      schema: {
        tags,
        summary: 'History with forecast band, next forecast and alerts of an indicator',
        params: IdParams,
        querystring: SeriesQuery,
        response: { 200: SeriesResponse },
      },
    },
    async (request) => alerts.series(personOf(request), request.params.id, request.query.limit ?? 120),
  );

  app.get(
    '/api/alerts',
    {
      schema: {
        tags,
        summary: 'The alert board of a body, with escalation level and deadlines (its members or delegates)',
        querystring: AlertQuery,
        response: { 200: AlertList },
      },
    },
    async (request) => {
      const status = request.query.status;
      const statuses: AlertStatus[] =
        status === undefined
          ? ['open', 'acknowledged']
          : status === 'all'
            ? ['open', 'acknowledged', 'resolved']
            : [status];
      return {
        alerts: await alerts.board(
          personOf(request),
          request.query.body,
          statuses,
          request.query.limit ?? 200,
        ),
      };
    },
  );

  app.get(
    '/api/alerts/:id',
    {
      schema: {
        tags,
        summary: 'An alert with its comments',
        params: IdParams,
        response: { 200: AlertDetail },
      },
    },
    async (request) => alerts.alert(personOf(request), request.params.id),
  );

  app.post(
    '/api/alerts/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge: the assembly’s officers, or a delegate of the council it has reached',
        params: IdParams,
        response: { 200: AlertSchema },
      },
    },
    async (request) => alerts.acknowledge(personOf(request), request.params.id, commandMeta(request)),
  );

  app.post(
    '/api/alerts/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comment on an alert (anyone who may see it)',
        params: IdParams,
        body: CommentBody,
        response: { 201: CommentSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await alerts.comment(personOf(request), request.params.id, request.body.text, commandMeta(request)),
        ),
  );

  app.post(
    '/api/alerts/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve with a note: the assembly’s officers, or a delegate of the council it has reached',
        params: IdParams,
        body: ResolveBody,
        response: { 200: AlertSchema },
      },
    },
    async (request) =>
      alerts.resolve(personOf(request), request.params.id, request.body.resolution, commandMeta(request)),
  );
}
