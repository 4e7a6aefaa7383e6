import { Type } from 'typebox';
import { ESCALATION_LEVELS, INDICATOR_KINDS, WORKPLACE_STATUSES } from './production-views.js';

const Id = Type.String({ format: 'uuid' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a date YYYY-MM-DD (UTC)' });
const Status = Type.Union(WORKPLACE_STATUSES.map((s) => Type.Literal(s)));
const Text = (max = 200) => Type.String({ minLength: 1, maxLength: max });

/** `:id` in a path. */
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** POST /api/workplaces */
export const CreateWorkplaceBody = Type.Object(
  {
    bodyId: Id,
    name: Text(),
    sector: Text(100),
    latitude: Type.Number({ minimum: -90, maximum: 90, description: 'degrees, WGS 84' }),
    longitude: Type.Number({ minimum: -180, maximum: 180, description: 'degrees, WGS 84' }),
    workforce: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    status: Status,
    since: Day,
    motionId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);

/** A workplace. */
export const WorkplaceSchema = Type.Object({
  id: Type.String(),
  bodyId: Type.String(),
  name: Type.String(),
  sector: Type.String(),
  latitude: Type.Number(),
  longitude: Type.Number(),
  workforce: Type.Integer(),
  status: Type.String(),
});

/** GET /api/workplaces */
export const WorkplaceList = Type.Object({
  workplaces: Type.Array(WorkplaceSchema),
  /** Every workplace that matches, beyond this page too. */
  total: Type.Integer(),
});

// Up to 500 UUIDs, comma-separated: a page's worth of ids in one query string.
const IdList = Type.String({
  pattern: '^[0-9a-f-]{36}(,[0-9a-f-]{36}){0,499}$',
  description: 'up to 500 ids, comma-separated',
});

/** GET /api/workplaces?q=&sector=&bodyIds=&ids=&limit=&offset= */
export const WorkplaceQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 100, description: 'words of the name (case and accents ignored)' }),
    ),
    sector: Type.Optional(Type.String({ maxLength: 100 })),
    bodyIds: Type.Optional(IdList),
    ids: Type.Optional(IdList),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

/** GET /api/workplaces/:id */
export const WorkplaceDetail = Type.Object({
  ...WorkplaceSchema.properties,
  statusHistory: Type.Array(
    Type.Object({
      status: Type.String(),
      since: Type.String(),
      motionId: Type.Union([Type.String(), Type.Null()]),
      recordedAt: Type.String(),
    }),
  ),
});

/** POST /api/workplaces/:id/status */
export const StatusBody = Type.Object(
  { status: Status, since: Day, motionId: Type.Optional(Type.Union([Id, Type.Null()])) },
  { additionalProperties: false },
);

/** POST /api/products */
export const CreateProductBody = Type.Object(
  {
    code: Text(50),
    name: Text(),
    unit: Text(20),
    category: Text(100),
    basicGood: Type.Boolean(),
  },
  { additionalProperties: false },
);

/** A product. */
export const ProductSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  category: Type.String(),
  basicGood: Type.Boolean(),
});

/** GET /api/products */
export const ProductList = Type.Object({ products: Type.Array(ProductSchema) });

const Capacity = Type.Object(
  {
    productId: Id,
    period: Type.String({ minLength: 1, maxLength: 20, description: 'e.g. 1972-10 or 1972-W41' }),
    quantity: Type.Integer({ minimum: 0, description: 'units of the product per period' }),
  },
  { additionalProperties: false },
);

/** PUT /api/workplaces/:id/capacities and its answer. */
export const CapacitiesBody = Type.Object(
  { items: Type.Array(Capacity, { maxItems: 10_000 }) },
  { additionalProperties: false },
);

/** PUT /api/workplaces/:id/techniques (one product's technique). */
export const TechniqueBody = Type.Object(
  {
    productId: Id,
    labourMilliHours: Type.Integer({ minimum: 0, description: 'labour per unit of output, milli-hours' }),
    inputs: Type.Array(
      Type.Object(
        {
          productId: Id,
          quantityMilli: Type.Integer({
            minimum: 0,
            description: "per unit of output, in thousandths of the input product's unit",
          }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);

/** GET /api/workplaces/:id/techniques */
export const TechniqueList = Type.Object({ techniques: Type.Array(TechniqueBody) });

const Probability = Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 });
const Hours = Type.Integer({ minimum: 1, maximum: 2160 });

/** POST /api/workplaces/:id/indicators */
export const CreateIndicatorsBody = Type.Object(
  {
    indicators: Type.Array(
      Type.Object(
        {
          name: Text(),
          kind: Type.Union(INDICATOR_KINDS.map((k) => Type.Literal(k))),
          productId: Type.Optional(Type.Union([Id, Type.Null()])),
          unit: Text(20),
          frequency: Type.Optional(Type.Union([Type.Literal('daily'), Type.Literal('weekly')])),
          goodDirection: Type.Optional(
            Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('none')]),
          ),
          thresholds: Type.Optional(
            Type.Object(
              {
                step: Type.Optional(Probability),
                slope: Type.Optional(Probability),
                outlier: Type.Optional(Probability),
              },
              { additionalProperties: false },
            ),
          ),
          ackHours: Type.Optional(
            Type.Object(
              { low: Type.Optional(Hours), medium: Type.Optional(Hours), high: Type.Optional(Hours) },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);

/** An indicator. */
export const IndicatorSchema = Type.Object({
  id: Type.String(),
  workplaceId: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  productId: Type.Union([Type.String(), Type.Null()]),
  unit: Type.String(),
  frequency: Type.String(),
  goodDirection: Type.String(),
  thresholds: Type.Object({ step: Type.Number(), slope: Type.Number(), outlier: Type.Number() }),
  ackHours: Type.Object({ low: Type.Integer(), medium: Type.Integer(), high: Type.Integer() }),
});

/** GET/POST /api/workplaces/:id/indicators */
export const IndicatorList = Type.Object({ indicators: Type.Array(IndicatorSchema) });

/** POST /api/reports: up to 5,000 reports of any workplaces the caller may report for. */
export const ReportBatchBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          indicatorId: Type.String({ maxLength: 100 }),
          period: Type.String({ maxLength: 30, description: 'YYYY-MM-DD; the Monday for weekly indicators' }),
          value: Type.Unknown({
            description: "a whole number in the indicator's unit; anything else is rejected for that item",
          }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 5000 },
    ),
  },
  { additionalProperties: false },
);

/** The answer to a batch. */
export const ReportBatchResponse = Type.Object({
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  alertsRaised: Type.Integer(),
  rejected: Type.Array(
    Type.Object({ index: Type.Integer(), field: Type.String(), code: Type.String(), reason: Type.String() }),
  ),
});

/** An alert. */
export const AlertSchema = Type.Object({
  id: Type.String(),
  indicatorId: Type.String(),
  workplaceId: Type.String(),
  kind: Type.String(),
  severity: Type.String(),
  probability: Type.Number(),
  probabilities: Type.Object({ step: Type.Number(), slope: Type.Number(), outlier: Type.Number() }),
  error: Type.Number(),
  period: Type.String(),
  status: Type.String(),
  bodyId: Type.String(),
  level: Type.Integer(),
  levelName: Type.String({ description: ESCALATION_LEVELS.join(' → ') }),
  deadline: Type.Union([Type.String(), Type.Null()]),
  raisedAt: Type.String(),
  acknowledgedAt: Type.Union([Type.String(), Type.Null()]),
  resolvedAt: Type.Union([Type.String(), Type.Null()]),
  resolution: Type.Union([Type.String(), Type.Null()]),
});

const Comment = Type.Object({
  id: Type.String(),
  authorPersonId: Type.String(),
  text: Type.String(),
  createdAt: Type.String(),
});

/** GET /api/alerts/:id */
export const AlertDetail = Type.Object({ ...AlertSchema.properties, comments: Type.Array(Comment) });

/** GET /api/alerts?body=&status= */
export const AlertQuery = Type.Object(
  {
    body: Id,
    status: Type.Optional(
      Type.Union([
        Type.Literal('open'),
        Type.Literal('acknowledged'),
        Type.Literal('resolved'),
        Type.Literal('all'),
      ]),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);

/** GET /api/alerts */
export const AlertList = Type.Object({ alerts: Type.Array(AlertSchema) });

/** POST /api/alerts/:id/comments */
export const CommentBody = Type.Object({ text: Text(4000) }, { additionalProperties: false });
/** A comment. */
export const CommentSchema = Comment;

/** POST /api/alerts/:id/resolve */
export const ResolveBody = Type.Object({ resolution: Text(4000) }, { additionalProperties: false });

/** GET /api/indicators/:id/series?limit= */
export const SeriesQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })) },
  { additionalProperties: false },
);

const Nullable = Type.Union([Type.Number(), Type.Null()]);

/** GET /api/indicators/:id/series */
export const SeriesResponse = Type.Object({
  indicator: IndicatorSchema,
  points: Type.Array(
    Type.Object({
      period: Type.String(),
      value: Type.Number(),
      expected: Nullable,
      low: Nullable,
      high: Nullable,
      anomalyScore: Nullable,
    }),
  ),
  forecast: Type.Union([
    Type.Object({ period: Type.String(), value: Type.Number(), low: Type.Number(), high: Type.Number() }),
    Type.Null(),
  ]),
  alerts: Type.Array(AlertSchema),
});
