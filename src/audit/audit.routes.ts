import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../core/errors.js';
import type { Principal } from '../identity/principal.js';
import type { Services } from '../server/services.js';
import { AuditPageSchema, AuditQuery, VerificationSchema } from './audit.schema.js';
import type { AuditEventView } from './audit-views.js';

/**
 * True when `principal` may see `event`: events scoped to a person are theirs alone; events scoped
 * to a body are for those who may view the body; unscoped events are for every signed-in person.
 */
export async function canSee(
  services: Services,
  principal: Principal,
  event: Pick<AuditEventView, 'scopeBodyId' | 'scopePersonId'>,
  bodyCache?: Map<string, boolean>,
): Promise<boolean> {
  if (event.scopePersonId !== null)
    return principal.kind === 'person' && principal.personId === event.scopePersonId;
  if (event.scopeBodyId === null) return true;
  const cached = bodyCache?.get(event.scopeBodyId);
  if (cached !== undefined) return cached;
  const allowed = await services.councils.may(principal, 'body.view', event.scopeBodyId);
  bodyCache?.set(event.scopeBodyId, allowed);
  return allowed;
}

function requireAuditScope(principal: Principal | null): Principal {
  if (!principal) throw new AppError('unauthenticated');
  if (principal.kind === 'token' && !principal.scopes.includes('audit:read')) {
    throw new AppError('insufficient-scope', { params: { scope: 'audit:read' } });
  }
  return principal;
}

/** Paging through the audit log and verifying its chain. */
export async function auditRoutes(appBase: FastifyInstance, opts: { services: Services }): Promise<void> {
  const app = appBase.withTypeProvider<TypeBoxTypeProvider>();
  const { services } = opts;

  app.get(
    '/api/audit',
    {
      config: { auth: 'any' },
      schema: {
        tags: ['audit'],
        summary: 'Audit events, newest first, that you may see; filter by subject',
        querystring: AuditQuery,
        response: { 200: AuditPageSchema },
      },
    },
    async (request) => {
      const principal = requireAuditScope(request.principal);
      const limit = request.query.limit ?? 50;
      const page = await services.audit.list({
        limit,
        ...(request.query.subject !== undefined ? { subjectId: request.query.subject } : {}),
        ...(request.query.before !== undefined ? { before: request.query.before } : {}),
      });
      const cache = new Map<string, boolean>();
      const visible: AuditEventView[] = [];
      for (const event of page.events)
        if (await canSee(services, principal, event, cache)) visible.push(event);
      // Paging follows the stream, not the filtered view, so hidden events never shift a page.
      return { events: visible, nextBefore: page.nextBefore };
    },
  );

  app.get(
    '/api/audit/verification',
    {
      config: { auth: 'any' },
      schema: {
        tags: ['audit'],
        summary: 'Recompute the hash chain and report the first broken link',
        response: { 200: VerificationSchema },
      },
    },
    async (request) => {
      requireAuditScope(request.principal);
      return services.audit.verify();
    },
  );
}
