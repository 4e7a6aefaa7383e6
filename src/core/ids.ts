import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7, validate, version } from 'uuid';

// Random bytes for ids are drawn 64 KiB (4,096 ids) at a time: uuid's default asks the system for
// 16 bytes per id, which costs more than the rest of the id when loads make millions of them.
const pool = new Uint8Array(16 * 4096);
let used = pool.length;
// The v7 clock and counter, kept here as uuid keeps them when it draws its own bytes (RFC 9562
// method 1): within one millisecond the counter rises, so ids stay in creation order.
let lastMs = Number.NEGATIVE_INFINITY;
let seq = 0;

/**
 * A new identifier: a UUIDv7 (time-ordered, random tail), so that records created by separate
 * deployments never clash and index in creation order. Never an auto-increment integer.
 *
 * @example const id = newId(); // '01936f3e-7c7a-7b4e-9f2d-…'
 */
export function newId(): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const random = pool.subarray(used, used + 16);
  used += 16;
  const now = Date.now();
  if (now > lastMs) {
    // a fresh 31-bit counter start from the random bytes, as uuid does
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    lastMs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs++;
  }
  return uuidv7({ random, msecs: lastMs, seq });
}

/** True when `value` is a well-formed UUID of any version (ids may come from other deployments). */
export function isId(value: string): boolean {
  return validate(value) && version(value) >= 1;
}
