import { Type } from 'typebox';

/** GET /api/audit query. */
export const AuditQuery = Type.Object(
  {
    subject: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Only events about this subject id' }),
    ),
    before: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Only events with seq below this (the nextBefore of a page)' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);

/** One audit event. */
export const AuditEventSchema = Type.Object({
  seq: Type.Integer(),
  id: Type.String(),
  occurredAt: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  scopeBodyId: Type.Union([Type.String(), Type.Null()]),
  payload: Type.Unknown(),
  hash: Type.String(),
});

/** GET /api/audit response. */
export const AuditPageSchema = Type.Object({
  events: Type.Array(AuditEventSchema),
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
});

/** GET /api/audit/verification response. */
export const VerificationSchema = Type.Object({
  status: Type.Union([Type.Literal('intact'), Type.Literal('broken')]),
  count: Type.Optional(Type.Integer()),
  headHash: Type.Optional(Type.String()),
  seq: Type.Optional(Type.Integer()),
  id: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
  checked: Type.Optional(Type.Integer()),
});
