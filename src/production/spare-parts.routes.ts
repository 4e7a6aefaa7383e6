import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '../server/auth.js';
import { commandMeta } from '../server/command-meta.js';
import type { Services } from '../server/services.js';
import {
  NEED_STATUSES,
  type NeedStatus,
  ORDER_STATUSES,
  SPARE_PART_CAPABILITIES,
  SPARE_PART_URGENCIES,
} from './spare-part-views.js';
import {
  BoardQuery,
  BoardSchema,
  CapabilitiesAnswer,
  CapabilitiesBody,
  MoveBody,
  NeedBody,
  NeedDetail,
  NeedSchema,
  OrderSchema,
  ProposeBody,
  SparePartIdParams,
  Vocabulary,
  WorkplaceSpareParts,
} from './spare-parts.schema.js';

const tags = ['production'];
// Every route takes a person or a workplace token (`production:spare-parts`); reads are open.
const any = { auth: 'any' as const };
const BASE = '/api/production/spare-parts';

/**
 * The spare-parts API: capabilities and needs of workplaces, the makers proposed for a need,
 * orders and their moves, and the board of a body.
 */
export async function sparePartsRoutes(
  appBase: FastifyInstance,
  opts: { services: Services },
): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const spareParts = opts.services.production.spareParts;

  app.get(
    `${BASE}/vocabulary`,
    {
      config: any,
      schema: { tags, summary: 'Capabilities, urgencies and order states', response: { 200: Vocabulary } },
    },
    async () => ({
      capabilities: [...SPARE_PART_CAPABILITIES],
      urgencies: [...SPARE_PART_URGENCIES],
      orderStatuses: [...ORDER_STATUSES],
    }),
  );

  app.get(
    `${BASE}/workplaces/:id`,
    {
      config: any,
      schema: {
        tags,
        summary: "A workplace's capabilities, needs with their orders, and the orders it is asked to make",
        params: SparePartIdParams,
        response: { 200: WorkplaceSpareParts },
      },
    },
    async (request) => spareParts.ofWorkplace(request.params.id),
  );

  app.put(
    `${BASE}/workplaces/:id/capabilities`,
    {
      config: any,
      schema: {
        tags,
        summary:
          "Replace a workplace's capabilities (its chair or secretary, or its token with production:spare-parts)",
        params: SparePartIdParams,
        body: CapabilitiesBody,
        response: { 200: CapabilitiesAnswer },
      },
    },
    async (request) => ({
      capabilities: await spareParts.setCapabilities(
        principalOf(request),
        request.params.id,
        request.body.capabilities,
        commandMeta(request),
      ),
    }),
  );

  app.post(
    `${BASE}/workplaces/:id/needs`,
    {
      config: any,
      schema: {
        tags,
        summary: 'Post a need (the workplace’s chair or secretary, or its token with production:spare-parts)',
        params: SparePartIdParams,
        body: NeedBody,
        response: { 201: NeedSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await spareParts.postNeed(
            principalOf(request),
            request.params.id,
            request.body,
            commandMeta(request),
          ),
        ),
  );

  app.get(
    `${BASE}/needs/:id`,
    {
      config: any,
      schema: {
        tags,
        summary: 'A need with its orders and the makers proposed for it, best first',
        params: SparePartIdParams,
        response: { 200: NeedDetail },
      },
    },
    async (request) => {
      const need = await spareParts.need(request.params.id);
      return { ...need, proposals: await spareParts.proposals(need.id) };
    },
  );

  app.post(
    `${BASE}/needs/:id/withdraw`,
    {
      config: any,
      schema: {
        tags,
        summary: 'Withdraw an open need (the needing workplace)',
        params: SparePartIdParams,
        response: { 200: NeedSchema },
      },
    },
    async (request) => spareParts.withdraw(principalOf(request), request.params.id, commandMeta(request)),
  );

  app.post(
    `${BASE}/needs/:id/orders`,
    {
      config: any,
      schema: {
        tags,
        summary:
          'Propose the need to a maker with its capability: an order in state proposed (the needing workplace)',
        params: SparePartIdParams,
        body: ProposeBody,
        response: { 201: OrderSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await spareParts.propose(
            principalOf(request),
            request.params.id,
            request.body.makerWorkplaceId,
            commandMeta(request),
          ),
        ),
  );

  app.post(
    `${BASE}/orders/:id/status`,
    {
      config: any,
      schema: {
        tags,
        summary:
          'Move an order: the maker accepts, declines, starts (in-production) and ships; the needing workplace confirms receipt; either cancels unshipped work. 409 when someone moved it first',
        params: SparePartIdParams,
        body: MoveBody,
        response: { 200: OrderSchema },
      },
    },
    async (request) =>
      spareParts.move(principalOf(request), request.params.id, request.body.status, commandMeta(request)),
  );

  app.get(
    `${BASE}/board`,
    {
      config: any,
      schema: {
        tags,
        summary:
          'The needs of every workplace of a body and the bodies under it (cordón, region, nation), with their orders; status live (default: open and ordered), one state, or all',
        querystring: BoardQuery,
        response: { 200: BoardSchema },
      },
    },
    async (request) => {
      const { body, status = 'live' } = request.query;
      const statuses: NeedStatus[] =
        status === 'live' ? ['open', 'ordered'] : status === 'all' ? [...NEED_STATUSES] : [status];
      return { bodyId: body, needs: await spareParts.board(body, statuses) };
    },
  );
}
