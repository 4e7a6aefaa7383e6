import type { Actor } from '../audit/audit.service.js';
import type { TokenScope } from './scopes.js';

/** A signed-in person, authenticated by a session cookie. */
export interface PersonPrincipal {
  readonly kind: 'person';
  readonly accountId: string;
  readonly personId: string;
  readonly username: string;
  readonly displayName: string;
  readonly isAdmin: boolean;
  readonly locale: string;
  readonly sessionId: string;
  readonly csrfToken: string;
}

/** A machine authenticated by an API token. */
export interface TokenPrincipal {
  readonly kind: 'token';
  readonly tokenId: string;
  /** The account that created the token; the token never has more rights than it had. */
  readonly accountId: string;
  readonly scopes: readonly TokenScope[];
  /** The body the token acts for, if any. */
  readonly bodyId: string | null;
}

/** Whoever makes a request. */
export type Principal = PersonPrincipal | TokenPrincipal;

/** The audit actor for a principal. */
export function actorOf(principal: Principal): Actor {
  return principal.kind === 'person'
    ? { kind: 'person', accountId: principal.accountId, personId: principal.personId }
    : { kind: 'token', tokenId: principal.tokenId, accountId: principal.accountId };
}
