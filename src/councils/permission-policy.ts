import type { TokenScope } from '../identity/scopes.js';

/** A role a person holds in a base body. */
export type BodyRole = 'member' | 'chair' | 'secretary';

/** What a principal is in one body, read from memberships, seats and token grants. */
export interface Standing {
  /** Roles held now in the body (empty for outsiders and for councils, whose seats are held by delegates). */
  readonly roles: ReadonlySet<BodyRole>;
  /** Number of the body's seats (as a council) the person holds now. */
  readonly seatsHeld: number;
  /** Scopes of the API token making the request, when it was issued for this body. */
  readonly tokenScopes: ReadonlySet<TokenScope>;
}

/**
 * Every action a later area may ask about, with who may do it. Deployment administrators get no
 * political rights from being administrators: they manage accounts, not bodies.
 */
export const PERMISSION_POLICY = Object.freeze({
  /** See the body's internal matters: members, motions, petitions, alerts. */
  'body.view': (s: Standing) => s.roles.size > 0 || s.seatsHeld > 0,
  /** Vote on the body's motions and ballots: members of a base body, delegates in a council. */
  'body.vote': (s: Standing) => s.roles.size > 0 || s.seatsHeld > 0,
  /** Sign petitions (recall) of the body: its members. */
  'body.sign-petition': (s: Standing) => s.roles.size > 0,
  /** Open and close meetings, put motions, register members: chair or secretary. */
  'body.manage': (s: Standing) => s.roles.has('chair') || s.roles.has('secretary'),
  /** Vote, propose and amend in a council: holders of one of its seats now (never its officers alone). */
  'council.vote': (s: Standing) => s.seatsHeld > 0,
  /** Send the body's production reports: its secretary or a token with production:report. */
  'body.report': (s: Standing) =>
    s.roles.has('secretary') || s.roles.has('chair') || s.tokenScopes.has('production:report'),
  /** Post the workplace's spare-part needs and capabilities, move its orders: officers or a token with production:spare-parts. */
  'body.spare-parts': (s: Standing) =>
    s.roles.has('secretary') || s.roles.has('chair') || s.tokenScopes.has('production:spare-parts'),
  /** Record claims at the body's distribution points: its officers or a token with supply:claim. */
  'body.claim': (s: Standing) =>
    s.roles.has('secretary') || s.roles.has('chair') || s.tokenScopes.has('supply:claim'),
} as const satisfies Record<string, (s: Standing) => boolean>);

/** An action on a body. */
export type BodyAction = keyof typeof PERMISSION_POLICY;

/** Applies the policy. */
export function permits(action: BodyAction, standing: Standing): boolean {
  return PERMISSION_POLICY[action](standing);
}
