import { i18n } from './i18n.js';

/** An API error as the server sends it (`application/problem+json`), or a network failure (status 0). */
export interface Problem {
  /** Stable code from the server's error table, e.g. `invalid-credentials`; `network` when unreachable. */
  readonly code: string;
  /** The request field concerned, e.g. `body.currentPassword`. */
  readonly field?: string;
  /** A sentence for a person, already in the UI's language. */
  readonly detail: string;
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
}

/** Outcome of an API call: the decoded body, or the problem the server reported. */
export type ApiResult<T> =
  /** 2xx: `value` is the JSON body (undefined for 204). */
  | { readonly status: 'ok'; readonly value: T }
  /** Non-2xx or unreachable server. */
  | { readonly status: 'problem'; readonly problem: Problem };

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remembers the session's CSRF token (from the "me" object) for every later write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers what to do when a call finds the session gone (401 `unauthenticated`). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

const SAFE = new Set(['GET', 'HEAD']);

/**
 * Calls the API with the session cookie: JSON in and out, `X-CSRF-Token` on writes, problems as
 * values. A 401 `unauthenticated` also tells the auth context that the session has ended.
 *
 * @example const r = await api<Me>('GET', '/api/me'); if (r.status === 'ok') show(r.value);
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    return {
      status: 'problem',
      problem: { code: 'network', detail: i18n.t('common.networkError'), status: 0 },
    };
  }
  if (response.ok) {
    const value = response.status === 204 ? undefined : await response.json();
    return { status: 'ok', value: value as T };
  }
  const problem = await readProblem(response);
  if (problem.code === 'unauthenticated' && path !== '/api/me') onUnauthenticated?.();
  return { status: 'problem', problem };
}

async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const p = (await response.json()) as Partial<Problem>;
      if (typeof p.code === 'string' && typeof p.detail === 'string') {
        return {
          code: p.code,
          detail: p.detail,
          status: response.status,
          ...(typeof p.field === 'string' ? { field: p.field } : {}),
        };
      }
    } catch {
      // Fall through to the generic sentence below.
    }
  }
  return {
    code: 'unexpected',
    detail: i18n.t('common.unexpected', { status: response.status }),
    status: response.status,
  };
}
