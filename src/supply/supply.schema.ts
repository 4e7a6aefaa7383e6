import { Type } from 'typebox';
import { AGE_BANDS, RULE_CATEGORIES } from './household-entitlement.js';

const Id = Type.String({ format: 'uuid' });
const PeriodText = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2]|W\\d{2})$',
  description: 'A month YYYY-MM or an ISO week YYYY-Www',
});
const Key = Type.String({
  pattern: '^[A-Za-z0-9_.:-]{8,200}$',
  description: 'Idempotency key of one handover, chosen by the point',
});
const Units = Type.Integer({ minimum: 0, maximum: 2_000_000_000 });

/** `:committeeId` */
export const CommitteeParams = Type.Object({ committeeId: Id }, { additionalProperties: false });
/** `:householdId` */
export const HouseholdParams = Type.Object({ householdId: Id }, { additionalProperties: false });
/** `:deliveryId` */
export const DeliveryParams = Type.Object({ deliveryId: Id }, { additionalProperties: false });
/** `:pointId` */
export const PointParams = Type.Object({ pointId: Id }, { additionalProperties: false });
/** `:regionId` */
export const RegionParams = Type.Object({ regionId: Id }, { additionalProperties: false });
/** `:flagId` */
export const FlagParams = Type.Object({ flagId: Id }, { additionalProperties: false });
/** POST /api/supply/claim-flags/:flagId/review */
export const ReviewBody = Type.Object(
  { notes: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
/** `:reportId` */
export const ReportParams = Type.Object({ reportId: Id }, { additionalProperties: false });

/** POST /api/supply/committees/:committeeId/households */
export const RegisterHouseholdBody = Type.Object(
  {
    address: Type.String({ minLength: 1, maxLength: 300 }),
    members: Type.Array(
      Type.Object(
        {
          registryNumber: Type.String({
            minLength: 3,
            maxLength: 40,
            description: 'RUT; only its hash is stored',
          }),
          ageBand: Type.Union(AGE_BANDS.map((b) => Type.Literal(b))),
          pregnant: Type.Optional(Type.Boolean()),
          disability: Type.Optional(Type.Boolean()),
          diet: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 60 }), Type.Null()])),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 30 },
    ),
    name: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 120 }), Type.Null()], {
        description: 'How the household is called at the point, e.g. "Familia Rojas Pérez"',
      }),
    ),
  },
  { additionalProperties: false },
);

/** GET households query */
export const PageQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }), after: Type.Optional(Id) },
  { additionalProperties: false },
);

/** GET …/households/search */
export const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 120,
      description: 'Word fragments of name or address, a registry number, or a card code (#4b5c6d7e)',
    }),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    after: Type.Optional(Id),
  },
  { additionalProperties: false },
);

/** POST /api/supply/households/:householdId/move */
export const MoveBody = Type.Object(
  { toCommitteeId: Id, address: Type.String({ minLength: 1, maxLength: 300 }) },
  { additionalProperties: false },
);

/** POST /api/supply/committees/:committeeId/goods */
export const GoodBody = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    unit: Type.Union([Type.Literal('mL'), Type.Literal('g'), Type.Literal('unit')]),
  },
  { additionalProperties: false },
);

/** POST /api/supply/committees/:committeeId/rules */
export const RulesBody = Type.Object(
  {
    motionId: Type.Union([Id, Type.Null()], { description: 'The motion that adopted this version' }),
    rules: Type.Array(
      Type.Object(
        {
          goodId: Id,
          category: Type.Union(RULE_CATEGORIES.map((c) => Type.Literal(c))),
          quantity: Type.Integer({
            minimum: 0,
            maximum: 1_000_000,
            description: 'units per person per `per`',
          }),
          per: Type.Union([Type.Literal('day'), Type.Literal('week')]),
          priority: Type.Integer({ minimum: 0, maximum: 9 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);

/** `?period=` */
export const PeriodQuery = Type.Object({ period: PeriodText }, { additionalProperties: false });

/** POST /api/supply/committees/:committeeId/deliveries */
export const DeliveryBody = Type.Object(
  { goodId: Id, period: PeriodText, quantity: Units },
  { additionalProperties: false },
);

/** POST /api/supply/deliveries/:deliveryId/confirm */
export const ConfirmBody = Type.Object(
  { digest: Type.String({ pattern: '^[0-9a-f]{64}$' }) },
  { additionalProperties: false },
);

/** POST /api/supply/households/:householdId/cards */
export const CardBody = Type.Object({ period: PeriodText }, { additionalProperties: false });

/** POST /api/supply/committees/:committeeId/points */
export const PointBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

/** POST /api/supply/points/:pointId/stock */
export const StockBody = Type.Object(
  { goodId: Id, units: Type.Integer({ minimum: -2_000_000_000, maximum: 2_000_000_000 }) },
  { additionalProperties: false },
);

const claimFields = {
  key: Key,
  goodId: Id,
  period: PeriodText,
  quantity: Type.Integer({ minimum: 1, maximum: 2_000_000_000 }),
  card: Type.Optional(
    Type.String({ minLength: 1, maxLength: 1000, description: 'The scanned ration-card token' }),
  ),
  householdId: Type.Optional(Id),
};

/** POST /api/supply/committees/:committeeId/claims */
export const ClaimBody = Type.Object({ ...claimFields, pointId: Id }, { additionalProperties: false });

/** A recorded claim. */
export const ClaimResponse = Type.Object({
  status: Type.String({ description: 'recorded, or replayed for a retry with the same key' }),
  claim: Type.Object({
    id: Type.String(),
    householdId: Type.String(),
    goodId: Type.String(),
    period: Type.String(),
    quantity: Type.Integer(),
    pointId: Type.String(),
    key: Type.String(),
    source: Type.String(),
    claimedAt: Type.String(),
  }),
});

/** POST /api/supply/committees/:committeeId/claims/sync */
export const SyncBody = Type.Object(
  {
    pointId: Id,
    claims: Type.Array(
      Type.Object(
        { ...claimFields, claimedAt: Type.String({ format: 'date-time' }) },
        { additionalProperties: false },
      ),
      { maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);

/** POST /api/supply/regions/:regionId/prices */
export const PriceBody = Type.Object(
  {
    goodCode: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }),
    unit: Type.String({ minLength: 1, maxLength: 20 }),
    priceCentesimos: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
    motionId: Type.Union([Id, Type.Null()]),
  },
  { additionalProperties: false },
);

/** POST /api/supply/committees/:committeeId/price-reports */
export const PriceReportBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('overprice'), Type.Literal('hoarding')]),
    goodCode: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }),
    place: Type.String({ minLength: 1, maxLength: 300 }),
    priceCentesimos: Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000_000 }), Type.Null()]),
    description: Type.String({ maxLength: 2000 }),
    anonymous: Type.Boolean(),
    photo: Type.Optional(
      Type.Union([Type.String({ minLength: 1 }), Type.Null()], {
        description:
          'A photo as base64: JPEG, PNG or WebP (told by its first bytes), at most 2 MB; EXIF, XMP and IPTC metadata are removed before it is stored',
      }),
    ),
  },
  { additionalProperties: false },
);

/** GET price reports query */
export const ReportQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('open'), Type.Literal('checked'), Type.Literal('resolved')]),
    ),
  },
  { additionalProperties: false },
);

/** POST /api/supply/price-reports/:reportId/advance */
export const AdvanceBody = Type.Object(
  {
    to: Type.Union([Type.Literal('checked'), Type.Literal('resolved')]),
    notes: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);
