import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { personOf } from '../server/auth.js';
import type { Services } from '../server/services.js';

const ChronicleQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })) },
  { additionalProperties: false },
);

/** The overview (figures of every area, the tour's anchors) and the chronicle of notable events. */
export async function overviewRoutes(appBase: FastifyInstance, opts: { services: Services }): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const { overview } = opts.services;
  const tags = ['overview'];

  app.get(
    '/api/overview',
    { schema: { tags, summary: 'Every area’s figures now, and the guided tour’s anchors' } },
    // Signed-in people only (the routes' default); the figures are counts, nobody's data.
    async () => overview.overview(),
  );

  app.get(
    '/api/overview/chronicle',
    {
      schema: { tags, summary: 'The newest notable events the person may see', querystring: ChronicleQuery },
    },
    async (request) => ({
      events: await overview.chronicle(personOf(request), request.query.limit ?? 30),
    }),
  );
}
