import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { personOf } from '../server/auth.js';
import { commandMeta } from '../server/command-meta.js';
import type { Services } from '../server/services.js';
import {
  AmendBody,
  AmendmentSchema,
  DraftBody,
  FulfilmentSchema,
  IdParams,
  PlanList,
  PlanQuery,
  PlanSchema,
  SolveSchema,
  TargetsBody,
  WorkplaceQuotas,
} from './plans.schema.js';

const tags = ['planning'];

/**
 * The planning API. Reads are open to every signed-in person (the plan is made in the open).
 * Writes that solve (`POST` plans, `PUT` targets, amendments, adoption) answer at once with the
 * solve in status `solving`; the solve runs in a worker thread and is followed at
 * `GET /api/planning/solves/:id` (progress) or by the `planning.solve-finished` event on the
 * stream. When the server listens, solves a stopped process left running are failed; on close it
 * waits for running ones.
 */
export async function planningRoutes(appBase: FastifyInstance, opts: { services: Services }): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const { plans } = opts.services.planning;

  app.addHook('onListen', async () => {
    await plans.recoverInterrupted();
  });
  app.addHook('onClose', async () => {
    await plans.idle();
  });

  app.get(
    '/api/planning/plans',
    { schema: { tags, summary: 'Plans, newest first', querystring: PlanQuery, response: { 200: PlanList } } },
    async (request) => ({ plans: await plans.list(request.query.period) }),
  );

  app.post(
    '/api/planning/plans',
    {
      schema: {
        tags,
        summary:
          "A draft plan from the supply committees' entitlements (delegates or officers of the national assembly)",
        body: DraftBody,
        response: { 202: PlanSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await plans.draftFromEntitlements(personOf(request), request.body, commandMeta(request))),
  );

  app.get(
    '/api/planning/plans/:id',
    {
      schema: {
        tags,
        summary: 'A plan with targets, solves, amendments and quotas',
        params: IdParams,
        response: { 200: PlanSchema },
      },
    },
    async (request) => plans.get(request.params.id),
  );

  app.put(
    '/api/planning/plans/:id/targets',
    {
      schema: {
        tags,
        summary:
          'Investment and reserve targets of a draft (delegates or officers of the national assembly or a regional council)',
        params: IdParams,
        body: TargetsBody,
        response: { 202: PlanSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(
          await plans.setTargets(personOf(request), request.params.id, request.body, commandMeta(request)),
        ),
  );

  app.post(
    '/api/planning/plans/:id/motion',
    {
      schema: {
        tags,
        summary: 'Put the draft before the assembly as a motion (a delegate of the assembly)',
        params: IdParams,
        response: { 200: PlanSchema },
      },
    },
    async (request) => plans.propose(personOf(request), request.params.id, commandMeta(request)),
  );

  app.post(
    '/api/planning/plans/:id/amendments',
    {
      schema: {
        tags,
        summary: 'Amend targets: an amendment motion, solved before the vote (a delegate of the assembly)',
        params: IdParams,
        body: AmendBody,
        response: { 202: AmendmentSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await plans.amend(personOf(request), request.params.id, request.body, commandMeta(request))),
  );

  app.post(
    '/api/planning/plans/:id/adoption',
    {
      schema: {
        tags,
        summary: "Adopt after the assembly's vote: solve with the adopted amendments and issue quotas",
        params: IdParams,
        response: { 202: PlanSchema },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await plans.adopt(personOf(request), request.params.id, commandMeta(request))),
  );

  app.get(
    '/api/planning/plans/:id/fulfilment',
    {
      schema: {
        tags,
        summary: 'Output reports against quotas, per workplace, cordón and product',
        params: IdParams,
        response: { 200: FulfilmentSchema },
      },
    },
    async (request) => plans.fulfilment(request.params.id),
  );

  app.get(
    '/api/planning/solves/:id',
    {
      schema: {
        tags,
        summary: 'A solve job with its progress',
        params: IdParams,
        response: { 200: SolveSchema },
      },
    },
    async (request) => plans.solve(request.params.id),
  );

  app.get(
    '/api/planning/workplaces/:id/quotas',
    {
      schema: {
        tags,
        summary: "A workplace's quotas in adopted plans",
        params: IdParams,
        response: { 200: WorkplaceQuotas },
      },
    },
    async (request) => ({ quotas: await plans.quotasOfWorkplace(request.params.id) }),
  );
}
