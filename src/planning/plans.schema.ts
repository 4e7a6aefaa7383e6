import { Type } from 'typebox';
import { COUNCIL_TARGET_KINDS, TARGET_KINDS } from './plan-views.js';

const Id = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Period = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$',
  description: 'a month YYYY-MM or a quarter YYYY-Qn',
});
const Quantity = Type.Integer({ minimum: 0, description: 'whole units of the product per plan period' });

/** `:id` in a path. */
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** POST /api/planning/plans */
export const DraftBody = Type.Object(
  {
    bodyId: Id,
    period: Period,
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** PUT /api/planning/plans/:id/targets */
export const TargetsBody = Type.Object(
  {
    bodyId: Type.String({ format: 'uuid', description: 'the council entering them' }),
    items: Type.Array(
      Type.Object(
        { productId: Id, kind: Literals(COUNCIL_TARGET_KINDS), quantity: Quantity },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10_000 },
    ),
  },
  { additionalProperties: false },
);

/** POST /api/planning/plans/:id/amendments */
export const AmendBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    changes: Type.Array(
      Type.Object(
        { productId: Id, kind: Literals(TARGET_KINDS), quantity: Quantity },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 1_000 },
    ),
  },
  { additionalProperties: false },
);

/** GET /api/planning/plans?period= */
export const PlanQuery = Type.Object({ period: Type.Optional(Period) }, { additionalProperties: false });

const Bottleneck = Type.Object({
  productId: Type.String(),
  level: Type.Number(),
  shadowPrice: Type.Number(),
});

/** What a solve found (see `PlanOutcome`). */
export const OutcomeSchema = Type.Union([
  Type.Object({
    status: Type.Literal('planned'),
    theta: Nullable(Type.Number()),
    labourHours: Type.Number({ description: 'hours per plan period' }),
    products: Type.Array(
      Type.Object({
        productId: Type.String(),
        target: Type.Number(),
        level: Type.Number(),
        output: Type.Number(),
        capacity: Nullable(Type.Number()),
        labourPerUnit: Type.Number(),
      }),
    ),
    bottlenecks: Type.Array(Bottleneck),
  }),
  Type.Object({
    status: Type.Literal('non-productive'),
    productIds: Type.Array(Type.String()),
    reason: Type.String(),
  }),
  Type.Object({ status: Type.Literal('not-converged'), reason: Type.String() }),
  Type.Object({
    status: Type.Literal('invalid-input'),
    productId: Nullable(Type.String()),
    message: Type.String(),
  }),
]);

/** A solve job. */
export const SolveSchema = Type.Object({
  id: Type.String(),
  planId: Type.String(),
  status: Type.Union([Type.Literal('solving'), Type.Literal('solved'), Type.Literal('failed')]),
  progress: Nullable(Type.Object({ phase: Type.String(), fraction: Type.Number() })),
  outcome: Nullable(OutcomeSchema),
  error: Nullable(Type.String()),
  solveMs: Nullable(Type.Integer()),
  startedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
});

const Change = Type.Object({ productId: Type.String(), kind: Type.String(), quantity: Type.Integer() });

/** An amendment with its consequences. */
export const AmendmentSchema = Type.Object({
  id: Type.String(),
  motionId: Type.String(),
  changes: Type.Array(Change),
  solve: SolveSchema,
  consequences: Nullable(
    Type.Object({
      labourHoursDelta: Type.Number(),
      thetaBefore: Nullable(Type.Number()),
      thetaAfter: Nullable(Type.Number()),
      newBottlenecks: Type.Array(Bottleneck),
      removedBottlenecks: Type.Array(Bottleneck),
      outputChanges: Type.Array(
        Type.Object({ productId: Type.String(), before: Type.Number(), after: Type.Number() }),
      ),
    }),
  ),
  createdAt: Type.String(),
});

const PlanHead = {
  id: Type.String(),
  bodyId: Type.String(),
  period: Type.String(),
  title: Type.String(),
  status: Type.String(),
  motionId: Nullable(Type.String()),
  error: Nullable(Type.String()),
  createdAt: Type.String(),
  adoptedAt: Nullable(Type.String()),
};

/** A plan. */
export const PlanSchema = Type.Object({
  ...PlanHead,
  targets: Type.Array(
    Type.Object({
      productId: Type.String(),
      consumption: Type.Integer(),
      investment: Type.Integer(),
      reserves: Type.Integer(),
    }),
  ),
  unmappedGoods: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), unit: Type.String(), units: Type.Number() }),
  ),
  solve: Nullable(SolveSchema),
  amendments: Type.Array(AmendmentSchema),
  quotas: Type.Array(
    Type.Object({
      workplaceId: Type.String(),
      productId: Type.String(),
      quantity: Type.Integer(),
      capacity: Type.Integer(),
    }),
  ),
});

/** GET /api/planning/plans */
export const PlanList = Type.Object({ plans: Type.Array(Type.Object(PlanHead)) });

const Fulfilled = { productId: Type.String(), quota: Type.Integer(), reported: Type.Number() };

/** GET /api/planning/plans/:id/fulfilment */
export const FulfilmentSchema = Type.Object({
  planId: Type.String(),
  period: Type.String(),
  from: Type.String(),
  to: Type.String(),
  elapsed: Type.Number(),
  workplaces: Type.Array(
    Type.Object({
      workplaceId: Type.String(),
      name: Type.String(),
      cordonId: Nullable(Type.String()),
      ...Fulfilled,
    }),
  ),
  cordones: Type.Array(Type.Object({ cordonId: Nullable(Type.String()), name: Type.String(), ...Fulfilled })),
  products: Type.Array(Type.Object(Fulfilled)),
});

/** GET /api/planning/workplaces/:id/quotas */
export const WorkplaceQuotas = Type.Object({
  quotas: Type.Array(
    Type.Object({
      planId: Type.String(),
      period: Type.String(),
      title: Type.String(),
      productId: Type.String(),
      quantity: Type.Integer(),
      capacity: Type.Integer(),
    }),
  ),
});
