import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../core/errors.js';
import { personOf, SESSION_COOKIE } from '../server/auth.js';
import type { Services } from '../server/services.js';
import {
  ChangePasswordBody,
  CreatedTokenResponse,
  CreateTokenBody,
  MeResponse,
  SignInBody,
  TokenList,
  TokenParams,
} from './identity.schema.js';
import type { PersonPrincipal } from './principal.js';

/** Sign-in, sign-out, the signed-in person, password change and API tokens. */
export async function identityRoutes(appBase: FastifyInstance, opts: { services: Services }): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const { identity, councils, config } = opts.services;

  const me = async (p: PersonPrincipal) => ({
    accountId: p.accountId,
    personId: p.personId,
    username: p.username,
    displayName: p.displayName,
    isAdmin: p.isAdmin,
    locale: p.locale,
    csrfToken: p.csrfToken,
    bodies: await councils.bodiesOf(p.personId),
  });

  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
      maxAge: config.sessionTtlHours * 3600,
    });

  app.post(
    '/api/session',
    {
      config: {
        auth: 'public',
        rateLimit: { max: config.signInPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ['identity'],
        summary: 'Sign in with user name and password; sets the HTTP-only session cookie',
        body: SignInBody,
        response: { 200: MeResponse },
      },
    },
    async (request, reply) => {
      const outcome = await identity.signIn(request.body.username, request.body.password);
      if (outcome.status !== 'signed-in') throw new AppError('invalid-credentials');
      setSessionCookie(reply, outcome.sessionToken);
      return me(outcome.principal);
    },
  );

  app.delete(
    '/api/session',
    { schema: { tags: ['identity'], summary: 'Sign out: ends this session and clears the cookie' } },
    async (request, reply) => {
      await identity.signOut(personOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      schema: {
        tags: ['identity'],
        summary: 'The signed-in person and their bodies',
        response: { 200: MeResponse },
      },
    },
    async (request) => me(personOf(request)),
  );

  app.post(
    '/api/me/password',
    {
      schema: {
        tags: ['identity'],
        summary: 'Change the password; other sessions end',
        body: ChangePasswordBody,
      },
    },
    async (request, reply) => {
      await identity.changePassword(
        personOf(request),
        request.body.currentPassword,
        request.body.newPassword,
      );
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/tokens',
    {
      schema: {
        tags: ['identity'],
        summary: 'API tokens you created (all, for administrators)',
        response: { 200: TokenList },
      },
    },
    async (request) => ({ tokens: await identity.listApiTokens(personOf(request)) }),
  );

  app.post(
    '/api/tokens',
    {
      schema: {
        tags: ['identity'],
        summary: 'Create an API token for a machine; the secret is shown once',
        body: CreateTokenBody,
        response: { 201: CreatedTokenResponse },
      },
    },
    async (request, reply) => {
      const person = personOf(request);
      const bodyId = request.body.bodyId ?? null;
      // A token acts for a body only if its creator may manage that body.
      if (bodyId !== null) await councils.assertMay(person, 'body.manage', bodyId);
      const created = await identity.createApiToken(person, {
        name: request.body.name,
        scopes: request.body.scopes,
        bodyId,
      });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/api/tokens/:tokenId',
    { schema: { tags: ['identity'], summary: 'Revoke an API token', params: TokenParams } },
    async (request, reply) => {
      await identity.revokeApiToken(personOf(request), request.params.tokenId);
      return reply.code(204).send();
    },
  );
}
