import type { ErrorObject } from 'ajv';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_TABLE, type ErrorCode, type ErrorParams, renderError } from '../core/errors.js';
import { type Locale, localeOf } from './locale.js';
import { fieldOf, reasonOf } from './validation.js';

/** An RFC 9457 problem document as Cordones sends it. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  /** Stable code from the error table. */
  readonly code: ErrorCode;
  /** Path of the field concerned, e.g. `body.password`, when there is one. */
  readonly field?: string;
  /** The sentence a person reads, in the request's language. */
  readonly detail: string;
}

/** Builds the problem document for an error code. */
export function problemOf(code: ErrorCode, locale: Locale, params: ErrorParams, field?: string): Problem {
  const entry = ERROR_TABLE[code];
  return {
    type: `urn:cordones:problem:${code}`,
    title: code,
    status: entry.status,
    code,
    ...(field !== undefined ? { field } : {}),
    detail: renderError(code, locale, params),
  };
}

/** Sends a problem as `application/problem+json`. */
export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** Turns any error into a problem; unexpected errors become a 500 without details (and are logged). */
export function toProblem(
  error: unknown,
  request: FastifyRequest,
  fallback: Locale,
  bodyLimit: number,
): Problem {
  const locale = localeOf(request, fallback);
  if (error instanceof AppError) return problemOf(error.code, locale, error.params, error.field);
  const fe = error as FastifyError & { validation?: ErrorObject[]; validationContext?: string };
  if (fe.validation && fe.validation.length > 0) {
    const first = fe.validation[0]!;
    const part = fe.validationContext ?? 'body';
    const field = fieldOf(first, part);
    if (first.keyword === 'additionalProperties') return problemOf('unknown-field', locale, { field }, field);
    return problemOf('validation', locale, { field, reason: reasonOf(first) }, field);
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problemOf('malformed-json', locale, { reason: fe.message }, 'body');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problemOf('body-too-large', locale, { limit: bodyLimit }, 'body');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problemOf(
        'unsupported-media-type',
        locale,
        { type: request.headers['content-type'] ?? '(none)' },
        'header.content-type',
      );
    default:
      break;
  }
  if (error instanceof SyntaxError && fe.statusCode === 400) {
    return problemOf('malformed-json', locale, { reason: error.message }, 'body');
  }
  if (fe.statusCode === 429) return problemOf('rate-limited', locale, { seconds: 60 });
  return problemOf('internal', locale, {});
}
