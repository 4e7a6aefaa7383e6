import { Type } from 'typebox';
import { BODY_KINDS } from './councils.service.js';

const Id = Type.String({ format: 'uuid' });
const strict = { additionalProperties: false } as const;

/** `:bodyId` */
export const BodyParams = Type.Object({ bodyId: Id }, strict);
/** `:bodyId/members/:personId` */
export const MemberParams = Type.Object({ bodyId: Id, personId: Id }, strict);
/** `:bodyId/mandates/:motionId` */
export const MandateParams = Type.Object({ bodyId: Id, motionId: Id }, strict);
/** `:seatId` */
export const SeatParams = Type.Object({ seatId: Id }, strict);
/** `:electionId` */
export const ElectionParams = Type.Object({ electionId: Id }, strict);
/** `:petitionId` */
export const PetitionParams = Type.Object({ petitionId: Id }, strict);
/** `:motionId` */
export const MotionParams = Type.Object({ motionId: Id }, strict);
/** `:meetingId` */
export const MeetingParams = Type.Object({ meetingId: Id }, strict);

const Role = Type.Union([Type.Literal('member'), Type.Literal('chair'), Type.Literal('secretary')]);
const Threshold = Type.Union([
  Type.Literal('majority-of-votes-cast'),
  Type.Literal('two-thirds-of-votes-cast'),
  Type.Literal('majority-of-all-seats'),
]);
const Abstentions = Type.Union([Type.Literal('excluded'), Type.Literal('counted')]);
const Choice = Type.Union([Type.Literal('for'), Type.Literal('against'), Type.Literal('abstain')]);

/** POST /api/bodies (administrators): a body and its founding chair. */
export const CreateBodyBody = Type.Object(
  {
    kind: Type.Union(BODY_KINDS.map((k) => Type.Literal(k))),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    chairPersonId: Id,
  },
  strict,
);

/** PATCH /api/bodies/:bodyId/rules */
export const RulesBody = Type.Object(
  {
    recallSharePct: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
    quorum: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    threshold: Type.Optional(Threshold),
    abstentions: Type.Optional(Abstentions),
    weighted: Type.Optional(Type.Boolean()),
    secretVotes: Type.Optional(Type.Boolean()),
  },
  strict,
);

/** POST /api/bodies/:bodyId/members */
export const AddMemberBody = Type.Object({ personId: Id, role: Role }, strict);
/** PATCH /api/bodies/:bodyId/members/:personId */
export const SetRoleBody = Type.Object({ role: Role }, strict);
/** GET /api/bodies/:bodyId/members */
export const MembersQuery = Type.Object({ former: Type.Optional(Type.Boolean()) }, strict);
/** GET /api/bodies/:bodyId/seats */
export const SeatsQuery = Type.Object({ history: Type.Optional(Type.Boolean()) }, strict);

/** POST /api/bodies/:bodyId/affiliations: a fixed number of seats, or one per N members with a minimum. */
export const AffiliateBody = Type.Object(
  {
    councilId: Id,
    rule: Type.Union([
      Type.Object(
        { kind: Type.Literal('fixed'), seats: Type.Integer({ minimum: 1, maximum: 1000 }) },
        strict,
      ),
      Type.Object(
        {
          kind: Type.Literal('per-members'),
          membersPerSeat: Type.Integer({ minimum: 1 }),
          minSeats: Type.Integer({ minimum: 0, maximum: 1000 }),
        },
        strict,
      ),
    ]),
  },
  strict,
);

/** POST /api/bodies/:bodyId/elections */
export const OpenElectionBody = Type.Object({ councilId: Id }, strict);
/** POST /api/elections/:electionId/candidates: stand (no personId) or nominate another member. */
export const NominateBody = Type.Object({ personId: Type.Optional(Id) }, strict);
/** POST /api/elections/:electionId/ballots: person ids of candidates, most preferred first. */
export const BallotBody = Type.Object({ ranking: Type.Array(Id, { minItems: 1, maxItems: 200 }) }, strict);

/** POST /api/bodies/:bodyId/petitions: recall the holder of this seat. */
export const OpenPetitionBody = Type.Object({ seatId: Id }, strict);

/** GET /api/bodies/:bodyId/motions */
export const MotionsQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])) },
  strict,
);
/** POST /api/bodies/:bodyId/motions */
export const ProposeBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    text: Type.String({ minLength: 1, maxLength: 20_000 }),
    threshold: Type.Optional(Threshold),
    quorum: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    abstentions: Type.Optional(Abstentions),
    secret: Type.Optional(Type.Boolean()),
    meetingId: Type.Optional(Type.Union([Id, Type.Null()])),
    recallSeatId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  strict,
);
/** POST /api/motions/:motionId/amendments */
export const AmendBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    text: Type.String({ minLength: 1, maxLength: 20_000 }),
  },
  strict,
);
/** POST /api/motions/:motionId/votes */
export const VoteBody = Type.Object({ choice: Choice }, strict);
/** PUT /api/bodies/:bodyId/mandates/:motionId */
export const MandateBody = Type.Object({ instruction: Type.Union([Choice, Type.Literal('free')]) }, strict);
/** POST /api/bodies/:bodyId/meetings */
export const MeetingBody = Type.Object({ title: Type.String({ minLength: 1, maxLength: 300 }) }, strict);
/** GET /api/meetings/:meetingId/minutes: Markdown (default) or HTML. */
export const MinutesQuery = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal('markdown'), Type.Literal('html')])) },
  strict,
);
/** POST /api/meetings/:meetingId/attendance: yourself (no personId), or another (officers). */
export const AttendanceBody = Type.Object({ personId: Type.Optional(Id) }, strict);

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** The federation: every body and active affiliation. */
export const FederationResponse = Type.Object({
  bodies: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), name: Type.String() })),
  affiliations: Type.Array(
    Type.Object({
      id: Type.String(),
      bodyId: Type.String(),
      councilId: Type.String(),
      rule: Type.Union([
        Type.Object({ kind: Type.Literal('fixed'), seats: Type.Integer() }),
        Type.Object({
          kind: Type.Literal('per-members'),
          membersPerSeat: Type.Integer(),
          minSeats: Type.Integer(),
        }),
      ]),
      createdAt: Type.String(),
    }),
  ),
});

/** What vacating a seat did. */
export const VacatedSeatSchema = Type.Object({
  seatId: Type.String(),
  councilId: Type.String(),
  constituencyId: Type.String(),
  delegatePersonId: Nullable(Type.String()),
  reason: Type.Union([Type.Literal('recalled'), Type.Literal('resigned'), Type.Literal('surplus')]),
  withdrawnVotes: Type.Array(Type.String(), { description: 'open council motions whose vote was withdrawn' }),
  newSeatId: Nullable(Type.String()),
  byElectionId: Nullable(Type.String()),
});

/** A signature's outcome: recorded, or the recall it caused. */
export const SignOutcomeSchema = Type.Union([
  Type.Object({
    status: Type.Literal('signature-recorded'),
    petitionId: Type.String(),
    signatures: Type.Integer(),
    needed: Type.Integer(),
  }),
  Type.Object({
    status: Type.Literal('recalled'),
    petitionId: Type.String(),
    signatures: Type.Integer(),
    needed: Type.Integer(),
    vacated: VacatedSeatSchema,
  }),
]);

/** A withdrawn signature. */
export const WithdrawOutcomeSchema = Type.Object({
  status: Type.Literal('signature-withdrawn'),
  petitionId: Type.String(),
  signatures: Type.Integer(),
  needed: Type.Integer(),
});

/** A petition as its constituents see it. */
export const PetitionSchema = Type.Object({
  id: Type.String(),
  bodyId: Type.String(),
  councilId: Type.String(),
  seatId: Type.String(),
  delegatePersonId: Type.String(),
  openedAt: Type.String(),
  status: Type.String({ description: 'open | recalled | lapsed' }),
  signatures: Type.Integer(),
  needed: Type.Integer(),
  closedAt: Nullable(Type.String()),
  signedByMe: Type.Boolean(),
});

/** An election with its candidates. */
export const ElectionSchema = Type.Object({
  id: Type.String(),
  bodyId: Type.String(),
  councilId: Type.String(),
  seats: Type.Integer(),
  kind: Type.String({ description: 'election | by-election' }),
  status: Type.String({ description: 'open | closed' }),
  openedAt: Type.String(),
  closedAt: Nullable(Type.String()),
  ballotsCast: Type.Integer(),
  standingClosed: Type.Boolean(),
  candidates: Type.Array(
    Type.Object({ personId: Type.String(), displayName: Type.String(), status: Type.String() }),
  ),
  votedByMe: Type.Boolean(),
});

/** The receipt of a cast ballot, shown once. */
export const BallotReceiptSchema = Type.Object({ receipt: Type.String() });

/** A recorded vote on a motion. */
export const VoteReceiptSchema = Type.Object({
  status: Type.Literal('recorded'),
  motionId: Type.String(),
  choice: Choice,
  secret: Type.Boolean(),
  mandate: Nullable(Type.String()),
  againstMandate: Type.Boolean(),
});
