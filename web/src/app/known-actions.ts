import en from '../locales/en.json';

/**
 * Every audit action the UI knows, read from the `actions` labels of the locale files (one list:
 * an action with a label is one the live feed listens for). Server-sent events are named after
 * their action, and `EventSource` only delivers named events to listeners of that name.
 *
 * @example KNOWN_ACTIONS.includes('identity.signed-in') // true
 */
export const KNOWN_ACTIONS: readonly string[] = Object.freeze(
  Object.entries(en.actions).flatMap(([area, verbs]) => Object.keys(verbs).map((verb) => `${area}.${verb}`)),
);
