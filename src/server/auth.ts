import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../core/errors.js';
import type { PersonPrincipal, Principal } from '../identity/principal.js';
import type { Services } from './services.js';

/** Name of the HTTP-only session cookie. */
export const SESSION_COOKIE = 'cordones_session';

/**
 * Who may call a route: `public` (anyone), `person` (a signed-in person; the default, so a route
 * that forgets to say is closed), `any` (a person or an API token).
 */
export type RouteAuth = 'public' | 'person' | 'any';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    /** Whoever made the request, once authenticated; null on public routes without credentials. */
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function authenticate(
  request: FastifyRequest,
  services: Services,
): Promise<{ principal: Principal | null; via: 'cookie' | 'bearer' | null }> {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) {
    const principal = await services.identity.authenticateToken(header.slice('Bearer '.length).trim());
    if (!principal) throw new AppError('invalid-token');
    return { principal, via: 'bearer' };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) {
    const principal = await services.identity.authenticateSession(cookie);
    if (principal) return { principal, via: 'cookie' };
  }
  return { principal: null, via: null };
}

/**
 * Authenticates every API request (session cookie or bearer token), enforces the route's `auth`
 * setting, and requires the session's CSRF token in `X-CSRF-Token` on cookie-authenticated writes.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, opts: { services: Services }) => {
    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (request) => {
      const url = request.routeOptions.url;
      if (!url) return; // unknown route: the not-found handler answers
      // API routes are closed unless they say otherwise; the web app's files and the API docs are public.
      const isApi = url.startsWith('/api/') && !url.startsWith('/api/docs');
      const auth: RouteAuth = request.routeOptions.config.auth ?? (isApi ? 'person' : 'public');
      const { principal, via } = await authenticate(request, opts.services);
      request.principal = principal;
      if (auth === 'public') return;
      if (!principal) throw new AppError('unauthenticated');
      if (auth === 'person' && principal.kind !== 'person') throw new AppError('forbidden');
      if (via === 'cookie' && !SAFE_METHODS.has(request.method)) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !sameSecret(sent, (principal as PersonPrincipal).csrfToken)) {
          throw new AppError('csrf-failed', { field: 'header.x-csrf-token' });
        }
      }
    });
  },
  { name: 'cordones-auth' },
);

/** The signed-in person of a request on a `person` route. */
export function personOf(request: FastifyRequest): PersonPrincipal {
  const p = request.principal;
  if (p?.kind !== 'person') throw new AppError('unauthenticated');
  return p;
}

/** The principal of a request on an `any` route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthenticated');
  return request.principal;
}
