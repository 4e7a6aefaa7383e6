import { v7 as uuidv7, validate, version } from 'uuid';

/**
 * A new identifier: a UUIDv7 (time-ordered, random tail), so that records created by separate
 * deployments never clash and index in creation order. Never an auto-increment integer.
 *
 * @example const id = newId(); // '01936f3e-7c7a-7b4e-9f2d-…'
 */
export function newId(): string {
  return uuidv7();
}

/** True when `value` is a well-formed UUID of any version (ids may come from other deployments). */
export function isId(value: string): boolean {
  return validate(value) && version(value) >= 1;
}
