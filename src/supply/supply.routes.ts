import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../core/errors.js';
import { personOf, principalOf } from '../server/auth.js';
import { commandMeta } from '../server/command-meta.js';
import type { Services } from '../server/services.js';
import type { ClaimRefusal } from './claims.service.js';
import {
  AdvanceBody,
  CardBody,
  ClaimBody,
  ClaimResponse,
  CommitteeParams,
  ConfirmBody,
  DeliveryBody,
  DeliveryParams,
  FlagParams,
  GoodBody,
  HouseholdParams,
  MoveBody,
  PageQuery,
  PeriodQuery,
  PointBody,
  PointParams,
  PriceBody,
  PriceReportBody,
  RegionParams,
  RegisterHouseholdBody,
  ReportParams,
  ReportQuery,
  ReviewBody,
  RulesBody,
  SearchQuery,
  StockBody,
  SyncBody,
} from './supply.schema.js';

/** Largest price-report request: a photo at the limit as base64 (4/3) with room to spare. */
const REPORT_BODY_LIMIT = 8 * 1024 * 1024;

const WHERE = {
  'same-request': { en: 'listed twice in this request', es: 'aparece dos veces en esta solicitud' },
  'this-committee': { en: 'in this committee', es: 'en esta junta' },
  'another-committee': { en: 'with another supply committee', es: 'en otra junta de abastecimientos' },
} as const;

/** The problem a refused claim answers with. */
function refusalError(r: ClaimRefusal, period: string): AppError {
  switch (r.status) {
    case 'already-claimed':
      return new AppError('already-claimed', {
        field: 'body.householdId',
        params: { period, claimedAt: r.claimedAt },
      });
    case 'beyond-entitlement':
      return new AppError('beyond-entitlement', {
        field: 'body.quantity',
        params: { asked: r.asked, due: r.due },
      });
    case 'card-refused':
      return new AppError('card-refused', {
        field: 'body.card',
        params: { verdict: r.verdict, reason: r.reason },
      });
    case 'unknown-household':
      return new AppError('unknown-household', { field: 'body.householdId' });
    case 'unknown-good':
      return new AppError('not-found', { field: 'body.goodId', params: { field: 'body.goodId' } });
    case 'out-of-stock':
      return new AppError('out-of-stock', { field: 'body.quantity', params: { available: r.available } });
    case 'key-reused':
      return new AppError('claim-key-reused', { field: 'body.key' });
  }
}

/**
 * The supply committees' API: households, basket and rules, totals, deliveries and allocation,
 * ration cards and keys, distribution points and stock, claims and offline sync, prices and price
 * reports. Routes marked `any` admit API tokens (a distribution point's device with
 * `supply:claim` for its committee); the rest need a signed-in person.
 */
export async function supplyRoutes(appBase: FastifyInstance, opts: { services: Services }): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const { households, entitlements, allocation, cards, claims, prices } = opts.services.supply;
  const tags = ['supply'];

  app.post(
    '/api/supply/committees/:committeeId/households',
    {
      schema: {
        tags,
        summary: 'Register a household with its members (officers)',
        params: CommitteeParams,
        body: RegisterHouseholdBody,
      },
    },
    async (request, reply) => {
      const outcome = await households.register(
        personOf(request),
        request.params.committeeId,
        request.body,
        commandMeta(request),
      );
      if (outcome.status === 'duplicate') {
        const first = outcome.duplicates[0]!;
        const field = `body.members.${first.index}.registryNumber`;
        throw new AppError('duplicate-person', { field, params: { where: WHERE[first.where] } });
      }
      return reply.code(201).send({ householdId: outcome.householdId });
    },
  );

  app.get(
    '/api/supply/committees/:committeeId/households',
    {
      schema: {
        tags,
        summary: "The committee's households with members (officers)",
        params: CommitteeParams,
        querystring: PageQuery,
      },
    },
    async (request) =>
      households.list(personOf(request), request.params.committeeId, {
        limit: request.query.limit,
        ...(request.query.after !== undefined ? { after: request.query.after } : {}),
      }),
  );

  app.get(
    '/api/supply/committees/:committeeId/households/search',
    {
      config: { auth: 'any' },
      schema: {
        tags,
        summary:
          "Find the committee's households by name or address fragments, registry number or card code (officers, claim tokens)",
        params: CommitteeParams,
        querystring: SearchQuery,
      },
    },
    async (request) =>
      households.search(principalOf(request), request.params.committeeId, {
        q: request.query.q,
        limit: request.query.limit,
        ...(request.query.after !== undefined ? { after: request.query.after } : {}),
      }),
  );

  app.get(
    '/api/supply/households/:householdId/due',
    {
      config: { auth: 'any' },
      schema: {
        tags,
        summary:
          'What a household is due in a period and what it already received (officers, claim tokens of its committee)',
        params: HouseholdParams,
        querystring: PeriodQuery,
      },
    },
    async (request) =>
      claims.dueOfHousehold(principalOf(request), request.params.householdId, request.query.period),
  );

  app.post(
    '/api/supply/households/:householdId/move',
    {
      schema: {
        tags,
        summary: 'Move a household to another committee (officers of its committee)',
        params: HouseholdParams,
        body: MoveBody,
      },
    },
    async (request) =>
      households.move(personOf(request), request.params.householdId, request.body, commandMeta(request)),
  );

  app.get(
    '/api/supply/households/:householdId/moves',
    { schema: { tags, summary: "A household's moves (officers of its committee)", params: HouseholdParams } },
    async (request) => ({ moves: await households.history(personOf(request), request.params.householdId) }),
  );

  app.get(
    '/api/supply/committees/:committeeId/basket',
    {
      config: { auth: 'any' },
      schema: {
        tags,
        summary: 'Basket and rules in force (members, officers, claim tokens)',
        params: CommitteeParams,
      },
    },
    async (request) => entitlements.basket(principalOf(request), request.params.committeeId),
  );

  app.post(
    '/api/supply/committees/:committeeId/goods',
    {
      schema: {
        tags,
        summary: 'Add a good to the basket (officers)',
        params: CommitteeParams,
        body: GoodBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await entitlements.addGood(
            personOf(request),
            request.params.committeeId,
            request.body,
            commandMeta(request),
          ),
        ),
  );

  app.post(
    '/api/supply/committees/:committeeId/rules',
    {
      schema: {
        tags,
        summary: 'Adopt a new version of the entitlement rules (officers)',
        params: CommitteeParams,
        body: RulesBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await entitlements.adoptRules(
            personOf(request),
            request.params.committeeId,
            request.body,
            commandMeta(request),
          ),
        ),
  );

  app.get(
    '/api/supply/committees/:committeeId/totals',
    {
      config: { auth: 'any' },
      schema: {
        tags,
        summary: 'Total entitlements per good for a period',
        params: CommitteeParams,
        querystring: PeriodQuery,
      },
    },
    async (request) => ({
      goods: await entitlements.totals(
        principalOf(request),
        request.params.committeeId,
        request.query.period,
      ),
    }),
  );

  app.post(
    '/api/supply/committees/:committeeId/deliveries',
    {
      schema: { tags, summary: 'Record a delivery (officers)', params: CommitteeParams, body: DeliveryBody },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await allocation.recordDelivery(
            personOf(request),
            request.params.committeeId,
            request.body,
            commandMeta(request),
          ),
        ),
  );

  app.get(
    '/api/supply/committees/:committeeId/deliveries',
    {
      config: { auth: 'any' },
      schema: { tags, summary: "The committee's deliveries", params: CommitteeParams },
    },
    async (request) => ({
      deliveries: await allocation.deliveries(principalOf(request), request.params.committeeId),
    }),
  );

  app.get(
    '/api/supply/deliveries/:deliveryId/preview',
    {
      schema: {
        tags,
        summary: "Preview a delivery's split among households (officers)",
        params: DeliveryParams,
      },
    },
    async (request) => allocation.preview(personOf(request), request.params.deliveryId),
  );

  app.post(
    '/api/supply/deliveries/:deliveryId/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm the previewed split (officers)',
        params: DeliveryParams,
        body: ConfirmBody,
      },
    },
    async (request) => {
      const outcome = await allocation.confirm(
        personOf(request),
        request.params.deliveryId,
        request.body.digest,
        commandMeta(request),
      );
      if (outcome.status === 'stale-preview') throw new AppError('stale-preview', { field: 'body.digest' });
      if (outcome.status === 'already-confirmed')
        throw new AppError('already-confirmed', { field: 'params.deliveryId' });
      return outcome;
    },
  );

  app.post(
    '/api/supply/households/:householdId/cards',
    {
      schema: {
        tags,
        summary: "Issue the household's signed ration card for a period (officers)",
        params: HouseholdParams,
        body: CardBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await cards.issue(
            personOf(request),
            request.params.householdId,
            request.body.period,
            commandMeta(request),
          ),
        ),
  );

  app.get(
    '/api/supply/committees/:committeeId/keys',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: "The committee's published Ed25519 card keys (public)",
        params: CommitteeParams,
      },
    },
    async (request) => ({ keys: await cards.publicKeys(request.params.committeeId) }),
  );

  app.post(
    '/api/supply/committees/:committeeId/keys/rotate',
    {
      schema: { tags, summary: 'Retire the card key and make a new one (officers)', params: CommitteeParams },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await cards.rotateKey(personOf(request), request.params.committeeId, commandMeta(request))),
  );

  app.post(
    '/api/supply/committees/:committeeId/points',
    {
      schema: {
        tags,
        summary: 'Open a distribution point (officers)',
        params: CommitteeParams,
        body: PointBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await claims.addPoint(
            personOf(request),
            request.params.committeeId,
            request.body.name,
            commandMeta(request),
          ),
        ),
  );

  app.get(
    '/api/supply/committees/:committeeId/points',
    {
      config: { auth: 'any' },
      schema: { tags, summary: 'Distribution points with their stock', params: CommitteeParams },
    },
    async (request) => ({ points: await claims.points(principalOf(request), request.params.committeeId) }),
  );

  app.post(
    '/api/supply/points/:pointId/stock',
    {
      schema: {
        tags,
        summary: 'Add received units to a point (officers)',
        params: PointParams,
        body: StockBody,
      },
    },
    async (request) =>
      claims.receiveStock(
        personOf(request),
        request.params.pointId,
        request.body.goodId,
        request.body.units,
        commandMeta(request),
      ),
  );

  app.get(
    '/api/supply/points/:pointId/stock',
    {
      config: { auth: 'any' },
      schema: { tags, summary: "A point's stock (officers, claim tokens)", params: PointParams },
    },
    async (request) => claims.stock(principalOf(request), request.params.pointId),
  );

  app.post(
    '/api/supply/committees/:committeeId/claims',
    {
      config: { auth: 'any' },
      schema: {
        tags,
        summary: 'Record a handover exactly once (officers, or a token with supply:claim for the committee)',
        params: CommitteeParams,
        body: ClaimBody,
        response: { 200: ClaimResponse, 201: ClaimResponse },
      },
    },
    async (request, reply) => {
      const outcome = await claims.claim(principalOf(request), request.params.committeeId, request.body);
      if (outcome.status === 'recorded') return reply.code(201).send(outcome);
      if (outcome.status === 'replayed') return reply.code(200).send(outcome);
      throw refusalError(outcome, request.body.period);
    },
  );

  app.post(
    '/api/supply/committees/:committeeId/claims/sync',
    {
      config: { auth: 'any' },
      schema: {
        tags,
        summary: 'Apply claims made offline; doubles are kept and flagged',
        params: CommitteeParams,
        body: SyncBody,
      },
    },
    async (request) => ({
      results: await claims.sync(
        principalOf(request),
        request.params.committeeId,
        request.body.pointId,
        request.body.claims,
      ),
    }),
  );

  app.get(
    '/api/supply/committees/:committeeId/claims/flags',
    { schema: { tags, summary: 'Flagged offline claims (officers)', params: CommitteeParams } },
    async (request) => ({ flags: await claims.flags(personOf(request), request.params.committeeId) }),
  );

  app.post(
    '/api/supply/claim-flags/:flagId/review',
    {
      schema: {
        tags,
        summary: 'Mark a flagged offline claim reviewed, with notes (officers)',
        params: FlagParams,
        body: ReviewBody,
      },
    },
    async (request) => {
      const done = await claims.reviewFlag(
        personOf(request),
        request.params.flagId,
        request.body.notes,
        commandMeta(request),
      );
      if (!done)
        throw new AppError('conflict', {
          field: 'params.flagId',
          params: { field: 'params.flagId', reason: { en: 'already reviewed', es: 'ya fue revisado' } },
        });
      return { status: 'reviewed' };
    },
  );

  app.get(
    '/api/supply/committees/:committeeId/claims/progress',
    {
      config: { auth: 'any' },
      schema: {
        tags,
        summary: 'Claims so far per good in a period',
        params: CommitteeParams,
        querystring: PeriodQuery,
      },
    },
    async (request) => ({
      goods: await claims.progress(principalOf(request), request.params.committeeId, request.query.period),
    }),
  );

  app.post(
    '/api/supply/regions/:regionId/prices',
    {
      schema: {
        tags,
        summary: 'Adopt an official price in a region (officers of the region body)',
        params: RegionParams,
        body: PriceBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await prices.adoptPrice(
            personOf(request),
            request.params.regionId,
            request.body,
            commandMeta(request),
          ),
        ),
  );

  app.get(
    '/api/supply/regions/:regionId/prices',
    { schema: { tags, summary: 'The official prices in force in a region', params: RegionParams } },
    async (request) => ({ prices: await prices.priceList(request.params.regionId) }),
  );

  app.post(
    '/api/supply/committees/:committeeId/price-reports',
    {
      // A 2 MB photo is 2.8 MB as base64; a larger one gets the photo's own problem (413 photo-too-large).
      bodyLimit: REPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Report an over-official price or hoarding (anyone signed in; anonymous allowed)',
        params: CommitteeParams,
        body: PriceReportBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await prices.report(personOf(request), request.params.committeeId, request.body)),
  );

  app.get(
    '/api/supply/committees/:committeeId/price-reports',
    {
      schema: {
        tags,
        summary: "The committee's board of price reports (members)",
        params: CommitteeParams,
        querystring: ReportQuery,
      },
    },
    async (request) => ({
      reports: await prices.board(personOf(request), request.params.committeeId, request.query.status),
    }),
  );

  app.get(
    '/api/supply/price-reports/:reportId/photo',
    {
      schema: {
        tags,
        summary: "A price report's photo, metadata removed (members of its committee)",
        params: ReportParams,
      },
    },
    async (request, reply) => {
      const photo = await prices.photo(personOf(request), request.params.reportId);
      if (!photo)
        throw new AppError('not-found', { field: 'params.reportId', params: { field: 'params.reportId' } });
      return reply
        .header('content-type', photo.contentType)
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .send(photo.bytes);
    },
  );

  app.post(
    '/api/supply/price-reports/:reportId/advance',
    {
      schema: {
        tags,
        summary: 'Move a report open → checked → resolved with notes (officers)',
        params: ReportParams,
        body: AdvanceBody,
      },
    },
    async (request) => {
      const outcome = await prices.advance(
        personOf(request),
        request.params.reportId,
        request.body,
        commandMeta(request),
      );
      if (outcome.status === 'wrong-step')
        throw new AppError('wrong-step', {
          field: 'body.to',
          params: { current: outcome.current, to: request.body.to },
        });
      return outcome.report;
    },
  );
}
