import { Type } from 'typebox';
import { TOKEN_SCOPES } from './scopes.js';

/** POST /api/session */
export const SignInBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);

/** A body the person belongs to. */
export const MyBodySchema = Type.Object({
  bodyId: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  roles: Type.Array(Type.String()),
});

/** GET /api/me and the sign-in response. */
export const MeResponse = Type.Object({
  accountId: Type.String(),
  personId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  isAdmin: Type.Boolean(),
  locale: Type.String(),
  csrfToken: Type.String({
    description: 'Send back in X-CSRF-Token on every write made with the session cookie',
  }),
  bodies: Type.Array(MyBodySchema),
});

/** POST /api/me/password */
export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1000 }),
    newPassword: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);

const Scope = Type.Union(
  Object.keys(TOKEN_SCOPES).map((s) => Type.Literal(s)),
  {
    description: Object.entries(TOKEN_SCOPES)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; '),
  },
);

/** POST /api/tokens */
export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    scopes: Type.Array(Scope, { minItems: 1, maxItems: 10 }),
    bodyId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  },
  { additionalProperties: false },
);

/** POST /api/tokens response: the secret appears here once and never again. */
export const CreatedTokenResponse = Type.Object({ id: Type.String(), token: Type.String() });

/** An API token without its secret. */
export const TokenView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  bodyId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});

/** GET /api/tokens */
export const TokenList = Type.Object({ tokens: Type.Array(TokenView) });

/** DELETE /api/tokens/:tokenId */
export const TokenParams = Type.Object(
  { tokenId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
