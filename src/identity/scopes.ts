/**
 * What an API token may do. A token acts for one body (a workplace, a supply committee) when it
 * has a `bodyId`; its scopes say which kinds of write it may make there.
 */
export const TOKEN_SCOPES = Object.freeze({
  /** Send indicator reports of a workplace (HTTP batch, CSV, MQTT). */
  'production:report': 'send indicator reports of a workplace',
  /** Post a workplace's spare-part needs and capabilities, and move its spare-part orders. */
  'production:spare-parts': "post a workplace's spare-part needs and capabilities, move its orders",
  /** Record claims at a distribution point and fetch its ration-card keys. */
  'supply:claim': 'record claims at a distribution point',
  /** Record pickups and deliveries of a driver's route. */
  'logistics:drive': 'record pickups and deliveries on a route',
  /** Read the audit log (for outside verifiers). */
  'audit:read': 'read the audit log',
} as const);

/** One token scope. */
export type TokenScope = keyof typeof TOKEN_SCOPES;

/** True when `value` names a scope. */
export function isTokenScope(value: string): value is TokenScope {
  return Object.hasOwn(TOKEN_SCOPES, value);
}
