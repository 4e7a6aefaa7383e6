import { base64url } from '../../../src/supply/core/base64url.js';
import type { CardVerification } from '../../../src/supply/core/verify-card.js';
import { verifyCardWeb } from '../../../src/supply/core/verify-card-web.js';

/** A committee's published card key as `GET /api/supply/committees/:id/keys` lists it. */
export interface PublishedKey {
  readonly keyId: string;
  /** Raw 32-byte Ed25519 public key, base64url. */
  readonly publicKey: string;
  readonly retiredAt: string | null;
}

/**
 * Verifies a scanned or typed card token in the browser, without the network, against every key
 * the committee has published (retired keys still verify the cards they signed): the first
 * `valid` verdict wins, otherwise the verdict of the last key tried.
 *
 * @example const v = await checkCard(token, committeeId, keys, '2026-11');
 */
export async function checkCard(
  token: string,
  committeeId: string,
  keys: readonly PublishedKey[],
  period: string,
  now: Date = new Date(),
): Promise<CardVerification> {
  const raws = keys.map((k) => base64url.decode(k.publicKey)).filter((k): k is Uint8Array => k !== null);
  if (raws.length === 0) return verifyCardWeb(token, () => null, { now, period });
  let last: CardVerification | null = null;
  for (const raw of raws) {
    const verdict = await verifyCardWeb(token, (id) => (id === committeeId ? raw : null), { now, period });
    if (verdict.status === 'valid') return verdict;
    last = verdict;
  }
  return last as CardVerification;
}
