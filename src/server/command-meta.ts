import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { CommandMeta } from '../audit/audit.service.js';
import { invalid } from '../core/errors.js';
import { actorOf } from '../identity/principal.js';

const KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

/**
 * The command meta of a write request: its actor, and — when the client sent `Idempotency-Key` —
 * the key as command id with a fingerprint of method, route and body, so a retried request
 * returns the first result and the key cannot be reused for a different request.
 *
 * @example return services.audit.runCommand(commandMeta(request), async (c) => { … });
 */
export function commandMeta(request: FastifyRequest): CommandMeta {
  if (!request.principal) throw new Error('commandMeta needs an authenticated request');
  const actor = actorOf(request.principal);
  const key = request.headers['idempotency-key'];
  if (key === undefined) return { actor };
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw invalid('header.idempotency-key', {
      en: 'must be 8–200 letters, digits or ._:-',
      es: 'debe tener 8–200 letras, dígitos o ._:-',
    });
  }
  const fingerprint = createHash('sha256')
    .update(`${request.method} ${request.routeOptions.url ?? request.url}\n`)
    .update(JSON.stringify(request.params ?? {}))
    .update('\n')
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
  return { actor, commandId: key, fingerprint };
}
