import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { personOf } from '../server/auth.js';
import { commandMeta } from '../server/command-meta.js';
import type { Services } from '../server/services.js';
import {
  AddMemberBody,
  AffiliateBody,
  AmendBody,
  AttendanceBody,
  BallotBody,
  BallotReceiptSchema,
  BodyParams,
  CreateBodyBody,
  ElectionParams,
  ElectionSchema,
  FederationResponse,
  MandateBody,
  MandateParams,
  MeetingBody,
  MeetingParams,
  MemberParams,
  MembersQuery,
  MinutesQuery,
  MotionParams,
  MotionsQuery,
  NominateBody,
  OpenElectionBody,
  OpenPetitionBody,
  PetitionParams,
  PetitionSchema,
  ProposeBody,
  RulesBody,
  SeatParams,
  SeatsQuery,
  SetRoleBody,
  SignOutcomeSchema,
  VoteBody,
  VoteReceiptSchema,
  WithdrawOutcomeSchema,
} from './councils.schema.js';

const tags = ['councils'];

/**
 * The councils API: bodies and the federation, members, affiliations and seats, elections with
 * secret ranked ballots, recall petitions, motions with amendments and votes, mandates, meetings
 * and their minutes. Every route is for signed-in persons; who may do what is the service's
 * `may` / `assertMay`, and an unknown resource answers the same 403 as another body's.
 */
export async function councilsRoutes(appBase: FastifyInstance, opts: { services: Services }): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const { councils } = opts.services;
  const { elections, recall, motions } = councils;

  // Bodies and the federation
  app.get(
    '/api/bodies',
    {
      schema: {
        tags,
        summary:
          'The federation: every body and affiliation (with an ETag: a browser revalidates it and gets 304 while it is unchanged)',
        response: {
          200: FederationResponse,
          304: Type.Null({ description: 'unchanged since the ETag given' }),
        },
      },
    },
    async (request, reply) => {
      const { version, json } = await councils.federationJson();
      const etag = `"federation-${version}"`;
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      // Already serialised once for this version (to the schema's shape: the kept value holds only
      // its fields); a string payload with a JSON content type is sent as it is.
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  );
  app.post(
    '/api/bodies',
    {
      schema: {
        tags,
        summary: 'Register a body with its founding chair (administrators)',
        body: CreateBodyBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await councils.createBody(personOf(request), request.body, commandMeta(request))),
  );
  app.get(
    '/api/bodies/:bodyId',
    { schema: { tags, summary: 'A body: rules, members counted, seats, affiliations', params: BodyParams } },
    async (request) => councils.body(personOf(request), request.params.bodyId),
  );
  app.patch(
    '/api/bodies/:bodyId/rules',
    {
      schema: {
        tags,
        summary: 'Change the body’s rules (chair, secretary)',
        params: BodyParams,
        body: RulesBody,
      },
    },
    async (request) =>
      councils.setRules(personOf(request), request.params.bodyId, request.body, commandMeta(request)),
  );

  // Members
  app.get(
    '/api/bodies/:bodyId/members',
    {
      schema: {
        tags,
        summary: 'Members (former too with ?former=true)',
        params: BodyParams,
        querystring: MembersQuery,
      },
    },
    async (request) => ({
      members: await councils.members(
        personOf(request),
        request.params.bodyId,
        request.query.former ?? false,
      ),
    }),
  );
  app.post(
    '/api/bodies/:bodyId/members',
    {
      schema: {
        tags,
        summary: 'Register a member (chair, secretary)',
        params: BodyParams,
        body: AddMemberBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await councils.addMember(
            personOf(request),
            request.params.bodyId,
            request.body,
            commandMeta(request),
          ),
        ),
  );
  app.patch(
    '/api/bodies/:bodyId/members/:personId',
    {
      schema: {
        tags,
        summary: 'Change a member’s role (chair, secretary)',
        params: MemberParams,
        body: SetRoleBody,
      },
    },
    async (request, reply) => {
      const { bodyId, personId } = request.params;
      await councils.setMemberRole(
        personOf(request),
        bodyId,
        personId,
        request.body.role,
        commandMeta(request),
      );
      return reply.code(204).send();
    },
  );
  app.delete(
    '/api/bodies/:bodyId/members/:personId',
    {
      schema: {
        tags,
        summary: 'Leave the body, or record that a member left (chair, secretary)',
        params: MemberParams,
      },
    },
    async (request) =>
      councils.removeMember(
        personOf(request),
        request.params.bodyId,
        request.params.personId,
        commandMeta(request),
      ),
  );

  // Affiliations, seats, delegates
  app.post(
    '/api/bodies/:bodyId/affiliations',
    {
      schema: {
        tags,
        summary: 'Affiliate the body to a council (chair, secretary)',
        params: BodyParams,
        body: AffiliateBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await councils.affiliate(
            personOf(request),
            request.params.bodyId,
            request.body,
            commandMeta(request),
          ),
        ),
  );
  app.get(
    '/api/bodies/:bodyId/seats',
    {
      schema: {
        tags,
        summary: 'Seats of a council (every tenure with ?history=true)',
        params: BodyParams,
        querystring: SeatsQuery,
      },
    },
    async (request) => ({
      seats: await councils.seats(personOf(request), request.params.bodyId, request.query.history ?? false),
    }),
  );
  app.get(
    '/api/bodies/:bodyId/delegates',
    {
      schema: {
        tags,
        summary: 'Delegates the body sent, past and present, with votes and mandates',
        params: BodyParams,
      },
    },
    async (request) => ({ delegates: await councils.delegates(personOf(request), request.params.bodyId) }),
  );
  app.post(
    '/api/seats/:seatId/resignation',
    { schema: { tags, summary: 'Resign your seat; a by-election opens', params: SeatParams } },
    async (request) => recall.resign(personOf(request), request.params.seatId, commandMeta(request)),
  );

  // Elections
  app.get(
    '/api/bodies/:bodyId/elections',
    { schema: { tags, summary: 'Elections of delegates held by the body', params: BodyParams } },
    async (request) => ({ elections: await elections.elections(personOf(request), request.params.bodyId) }),
  );
  app.post(
    '/api/bodies/:bodyId/elections',
    {
      schema: {
        tags,
        summary: 'Open an election for the vacant seats (chair, secretary)',
        params: BodyParams,
        body: OpenElectionBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await elections.open(
            personOf(request),
            request.params.bodyId,
            request.body.councilId,
            commandMeta(request),
          ),
        ),
  );
  app.get(
    '/api/elections/:electionId',
    {
      schema: {
        tags,
        summary: 'An election and its candidates',
        params: ElectionParams,
        response: { 200: ElectionSchema },
      },
    },
    async (request) => elections.election(personOf(request), request.params.electionId),
  );
  app.post(
    '/api/elections/:electionId/candidates',
    {
      schema: {
        tags,
        summary: 'Stand, or nominate another member',
        params: ElectionParams,
        body: NominateBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await elections.nominate(
            personOf(request),
            request.params.electionId,
            request.body.personId,
            commandMeta(request),
          ),
        ),
  );
  app.post(
    '/api/elections/:electionId/acceptance',
    { schema: { tags, summary: 'Accept your nomination', params: ElectionParams } },
    async (request, reply) => {
      await elections.accept(personOf(request), request.params.electionId, commandMeta(request));
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/elections/:electionId/ballots',
    {
      schema: {
        tags,
        summary: 'Cast a secret ranked ballot; returns your receipt once',
        params: ElectionParams,
        body: BallotBody,
        response: { 201: BallotReceiptSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await elections.vote(
            personOf(request),
            request.params.electionId,
            request.body.ranking,
            commandMeta(request),
          ),
        ),
  );
  app.post(
    '/api/elections/:electionId/close',
    { schema: { tags, summary: 'Close the ballot and count it (chair, secretary)', params: ElectionParams } },
    async (request) => elections.close(personOf(request), request.params.electionId, commandMeta(request)),
  );
  app.get(
    '/api/elections/:electionId/results',
    { schema: { tags, summary: 'The count with every stage; hidden while open', params: ElectionParams } },
    async (request) => elections.results(personOf(request), request.params.electionId),
  );
  app.get(
    '/api/elections/:electionId/receipts',
    { schema: { tags, summary: 'Receipts of the counted ballots, after close', params: ElectionParams } },
    async (request) => elections.receipts(personOf(request), request.params.electionId),
  );

  // Recall petitions
  app.get(
    '/api/bodies/:bodyId/petitions',
    {
      schema: {
        tags,
        summary: 'Recall petitions of the body',
        params: BodyParams,
        response: { 200: Type.Object({ petitions: Type.Array(PetitionSchema) }) },
      },
    },
    async (request) => ({ petitions: await recall.petitions(personOf(request), request.params.bodyId) }),
  );
  app.post(
    '/api/bodies/:bodyId/petitions',
    {
      schema: {
        tags,
        summary: 'Open (and sign) a recall petition against a delegate',
        params: BodyParams,
        body: OpenPetitionBody,
        response: { 201: SignOutcomeSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await recall.open(
            personOf(request),
            request.params.bodyId,
            request.body.seatId,
            commandMeta(request),
          ),
        ),
  );
  app.get(
    '/api/petitions/:petitionId',
    {
      schema: {
        tags,
        summary: 'A petition: signatures, needed, status',
        params: PetitionParams,
        response: { 200: PetitionSchema },
      },
    },
    async (request) => recall.petition(personOf(request), request.params.petitionId),
  );
  app.post(
    '/api/petitions/:petitionId/signatures',
    {
      schema: {
        tags,
        summary: 'Sign; at the threshold the delegate is recalled at once',
        params: PetitionParams,
        response: { 200: SignOutcomeSchema },
      },
    },
    async (request) => recall.sign(personOf(request), request.params.petitionId, commandMeta(request)),
  );
  app.delete(
    '/api/petitions/:petitionId/signatures',
    {
      schema: {
        tags,
        summary: 'Withdraw your signature while the petition is open',
        params: PetitionParams,
        response: { 200: WithdrawOutcomeSchema },
      },
    },
    async (request) => recall.withdraw(personOf(request), request.params.petitionId, commandMeta(request)),
  );

  // Motions, mandates, meetings
  app.get(
    '/api/bodies/:bodyId/motions',
    {
      schema: {
        tags,
        summary: 'Motions of the body with their amendments',
        params: BodyParams,
        querystring: MotionsQuery,
      },
    },
    async (request) => ({
      motions: await motions.motions(personOf(request), request.params.bodyId, request.query.status),
    }),
  );
  app.post(
    '/api/bodies/:bodyId/motions',
    {
      schema: {
        tags,
        summary: 'Propose a motion (delegates in a council, members in a base body)',
        params: BodyParams,
        body: ProposeBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await motions.propose(personOf(request), request.params.bodyId, request.body, commandMeta(request)),
        ),
  );
  app.get(
    '/api/motions/:motionId',
    {
      schema: {
        tags,
        summary: 'A motion, its amendments, roll-call, mandates and outcome',
        params: MotionParams,
      },
    },
    async (request) => motions.motion(personOf(request), request.params.motionId),
  );
  app.post(
    '/api/motions/:motionId/amendments',
    {
      schema: {
        tags,
        summary: 'Propose an amendment, decided before the motion',
        params: MotionParams,
        body: AmendBody,
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await motions.amend(personOf(request), request.params.motionId, request.body, commandMeta(request)),
        ),
  );
  app.post(
    '/api/motions/:motionId/votes',
    {
      schema: {
        tags,
        summary: 'Vote once: for, against or abstain',
        params: MotionParams,
        body: VoteBody,
        response: { 201: VoteReceiptSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await motions.vote(
            personOf(request),
            request.params.motionId,
            request.body.choice,
            commandMeta(request),
          ),
        ),
  );
  app.post(
    '/api/motions/:motionId/close',
    { schema: { tags, summary: 'Close the vote and decide (chair, secretary)', params: MotionParams } },
    async (request) => motions.close(personOf(request), request.params.motionId, commandMeta(request)),
  );
  app.get(
    '/api/bodies/:bodyId/mandates',
    { schema: { tags, summary: 'Mandates the body gave its delegates', params: BodyParams } },
    async (request) => ({ mandates: await motions.mandates(personOf(request), request.params.bodyId) }),
  );
  app.put(
    '/api/bodies/:bodyId/mandates/:motionId',
    {
      schema: {
        tags,
        summary: 'Record the body’s mandate on a council motion (chair, secretary)',
        params: MandateParams,
        body: MandateBody,
      },
    },
    async (request) =>
      motions.setMandate(
        personOf(request),
        request.params.bodyId,
        request.params.motionId,
        request.body.instruction,
        commandMeta(request),
      ),
  );
  app.post(
    '/api/bodies/:bodyId/meetings',
    { schema: { tags, summary: 'Open a meeting (chair, secretary)', params: BodyParams, body: MeetingBody } },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await motions.openMeeting(
            personOf(request),
            request.params.bodyId,
            request.body.title,
            commandMeta(request),
          ),
        ),
  );
  app.post(
    '/api/meetings/:meetingId/attendance',
    {
      schema: {
        tags,
        summary: 'Record yourself (or, officers, another) present',
        params: MeetingParams,
        body: AttendanceBody,
      },
    },
    async (request) =>
      motions.attend(
        personOf(request),
        request.params.meetingId,
        request.body.personId,
        commandMeta(request),
      ),
  );
  app.post(
    '/api/meetings/:meetingId/close',
    { schema: { tags, summary: 'Close a meeting (chair, secretary)', params: MeetingParams } },
    async (request, reply) => {
      await motions.closeMeeting(personOf(request), request.params.meetingId, commandMeta(request));
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/meetings/:meetingId/minutes',
    {
      schema: {
        tags,
        summary: 'The minutes as Markdown, or HTML with ?format=html',
        params: MeetingParams,
        querystring: MinutesQuery,
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'markdown';
      return reply
        .type(format === 'html' ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8')
        .send(await motions.minutes(personOf(request), request.params.meetingId, format));
    },
  );
}
