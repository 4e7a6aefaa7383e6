import { Type } from 'typebox';
import {
  NEED_STATUSES,
  ORDER_STATUSES,
  SPARE_PART_CAPABILITIES,
  SPARE_PART_URGENCIES,
} from './spare-part-views.js';

const Id = Type.String({ format: 'uuid' });
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const Capability = Type.Union(SPARE_PART_CAPABILITIES.map((v) => Type.Literal(v)));
const Urgency = Type.Union(SPARE_PART_URGENCIES.map((v) => Type.Literal(v)));

/** `:id` in a path. */
export const SparePartIdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** GET /api/production/spare-parts/vocabulary */
export const Vocabulary = Type.Object({
  capabilities: Type.Array(Type.String()),
  urgencies: Type.Array(Type.String()),
  orderStatuses: Type.Array(Type.String()),
});

const CapabilitySchema = Type.Object(
  { capability: Capability, detail: Text(500, 0) },
  { additionalProperties: false },
);

/** PUT /api/production/spare-parts/workplaces/:id/capabilities and its answer. */
export const CapabilitiesBody = Type.Object(
  { capabilities: Type.Array(CapabilitySchema, { maxItems: SPARE_PART_CAPABILITIES.length }) },
  { additionalProperties: false },
);

/** POST /api/production/spare-parts/workplaces/:id/needs */
export const NeedBody = Type.Object(
  {
    part: Text(200),
    specification: Text(2000, 0),
    quantity: Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'pieces' }),
    urgency: Urgency,
    machine: Text(200, 0),
    capability: Capability,
  },
  { additionalProperties: false },
);

/** An order. */
export const OrderSchema = Type.Object({
  id: Type.String(),
  needId: Type.String(),
  makerWorkplaceId: Type.String(),
  makerName: Type.String(),
  status: Type.String(),
  distanceMetres: Type.Integer({ description: 'great-circle metres from maker to needing workplace' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const NeedFields = {
  id: Type.String(),
  workplaceId: Type.String(),
  workplaceName: Type.String(),
  bodyId: Type.String(),
  part: Type.String(),
  specification: Type.String(),
  quantity: Type.Integer(),
  urgency: Type.String(),
  machine: Type.String(),
  capability: Type.String(),
  status: Type.String(),
  orderId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};

/** A need with its orders. */
export const NeedSchema = Type.Object({ ...NeedFields, orders: Type.Array(OrderSchema) });

/** A maker proposed for a need. */
export const ProposalSchema = Type.Object({
  workplaceId: Type.String(),
  name: Type.String(),
  detail: Type.String(),
  distanceMetres: Type.Integer(),
  openOrders: Type.Integer(),
  score: Type.Number({ description: 'distance + 5,000 m per open order; lower is better' }),
});

/** GET /api/production/spare-parts/needs/:id */
export const NeedDetail = Type.Object({ ...NeedSchema.properties, proposals: Type.Array(ProposalSchema) });

const CapabilityList = Type.Array(Type.Object({ capability: Type.String(), detail: Type.String() }));

/** The answer of PUT …/capabilities. */
export const CapabilitiesAnswer = Type.Object({ capabilities: CapabilityList });

/** GET /api/production/spare-parts/workplaces/:id */
export const WorkplaceSpareParts = Type.Object({
  capabilities: CapabilityList,
  needs: Type.Array(NeedSchema),
  makerOrders: Type.Array(Type.Object({ ...OrderSchema.properties, need: Type.Object(NeedFields) })),
});

/** POST /api/production/spare-parts/needs/:id/orders */
export const ProposeBody = Type.Object({ makerWorkplaceId: Id }, { additionalProperties: false });

/** POST /api/production/spare-parts/orders/:id/status */
export const MoveBody = Type.Object(
  { status: Type.Union(ORDER_STATUSES.filter((s) => s !== 'proposed').map((v) => Type.Literal(v))) },
  { additionalProperties: false },
);

/** GET /api/production/spare-parts/board?body=&status= */
export const BoardQuery = Type.Object(
  {
    body: Id,
    status: Type.Optional(
      Type.Union([...NEED_STATUSES.map((v) => Type.Literal(v)), Type.Literal('live'), Type.Literal('all')]),
    ),
  },
  { additionalProperties: false },
);

/** The board of a body. */
export const BoardSchema = Type.Object({ bodyId: Type.String(), needs: Type.Array(NeedSchema) });
