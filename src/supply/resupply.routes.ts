import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { personOf, principalOf } from '../server/auth.js';
import { commandMeta } from '../server/command-meta.js';
import type { Services } from '../server/services.js';
import { CommitteeParams, PeriodQuery } from './supply.schema.js';

/** POST /api/supply/committees/:committeeId/resupply */
const ResupplyBody = Type.Object(
  { period: Type.String({ minLength: 7, maxLength: 8 }), pointId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

/**
 * Resupply: a committee's shortfall for a period and its requests (each routed to a logistics
 * shipment). Asking when nothing is short answers 200 with `status: nothing-short`; a request
 * answers 201. Retries with the same `Idempotency-Key` return the first answer.
 */
export async function resupplyRoutes(appBase: FastifyInstance, opts: { services: Services }): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const { resupply } = opts.services.supply;
  const tags = ['supply'];

  app.get(
    '/api/supply/committees/:committeeId/shortfall',
    {
      config: { auth: 'any' },
      schema: {
        tags,
        summary: 'Per good: due, claimed, in stock, on its way and short in a period',
        params: CommitteeParams,
        querystring: PeriodQuery,
      },
    },
    async (request) => ({
      period: request.query.period,
      goods: await resupply.shortfall(principalOf(request), request.params.committeeId, request.query.period),
    }),
  );

  app.post(
    '/api/supply/committees/:committeeId/resupply',
    {
      schema: {
        tags,
        summary: 'Request the shortfall at a distribution point; becomes a shipment (officers)',
        params: CommitteeParams,
        body: ResupplyBody,
      },
    },
    async (request, reply) => {
      const outcome = await resupply.request(
        personOf(request),
        request.params.committeeId,
        request.body,
        commandMeta(request),
      );
      return reply.code(outcome.status === 'requested' ? 201 : 200).send(outcome);
    },
  );

  app.get(
    '/api/supply/committees/:committeeId/resupply',
    {
      config: { auth: 'any' },
      schema: { tags, summary: 'The committee’s resupply requests, newest first', params: CommitteeParams },
    },
    async (request) => ({ requests: await resupply.list(principalOf(request), request.params.committeeId) }),
  );
}
