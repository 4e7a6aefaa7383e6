import type { KeyObject } from 'node:crypto';
import { createPublicKey, verify } from 'node:crypto';
import { base64url } from './base64url.js';
import { cardCodec, SIGNATURE_BYTES } from './card-codec.js';
import type { RationCard } from './ration-card.js';

/** A committee's public key: a Node KeyObject or the raw 32 bytes that committees publish. */
export type CardPublicKey = KeyObject | Uint8Array;

/** The verdict on a scanned token, checked in this order; only `valid` may be honoured. */
export type CardVerification =
  /** Well formed, signed by the committee's key, for the expected period and not expired. */
  | { readonly status: 'valid'; readonly card: RationCard }
  /** Not a card at all: bad characters, wrong length, unknown version. */
  | { readonly status: 'malformed'; readonly reason: string }
  /** The card names a committee whose key this point does not know. */
  | { readonly status: 'unknown-key'; readonly reason: string; readonly committeeId: string }
  /** The signature does not match: altered or made without the committee's key. */
  | { readonly status: 'forged'; readonly reason: string }
  /** Genuine, but for another period than the one being distributed. */
  | { readonly status: 'wrong-period'; readonly reason: string; readonly card: RationCard }
  /** Genuine, but its validity ended before `now`. */
  | { readonly status: 'expired'; readonly reason: string; readonly card: RationCard };

/** When and for what period a card is checked. */
export interface VerifyCardOptions {
  /** The time of the check (the expiry is compared with it, to the second). */
  readonly now: Date;
  /** The period being distributed; omit to accept any period. */
  readonly period?: string;
}

/**
 * Verifies a ration-card token offline: decodes it, finds the issuing committee's public key with
 * `publicKeyFor` (null or undefined when unknown), checks the Ed25519 signature, then the period and
 * the expiry. Never throws on bad input: every outcome is a `CardVerification` value.
 *
 * @example verifyCard(token, (id) => keys.get(id), { now: new Date(), period: '2026-11' })
 */
export function verifyCard(
  token: string,
  publicKeyFor: (committeeId: string) => CardPublicKey | null | undefined,
  options: VerifyCardOptions,
): CardVerification {
  const bytes = base64url.decode(token.trim());
  if (bytes === null) return { status: 'malformed', reason: 'not base64url text' };
  if (bytes.length <= SIGNATURE_BYTES) return { status: 'malformed', reason: `only ${bytes.length} bytes` };
  const payload = bytes.subarray(0, bytes.length - SIGNATURE_BYTES);
  const signature = bytes.subarray(bytes.length - SIGNATURE_BYTES);
  const decoded = cardCodec.decode(payload);
  if (decoded.status === 'malformed') return decoded;
  const card = decoded.card;

  const raw = publicKeyFor(card.committeeId);
  if (raw === null || raw === undefined)
    return {
      status: 'unknown-key',
      reason: `no public key for committee ${card.committeeId}`,
      committeeId: card.committeeId,
    };
  const key = toKeyObject(raw);
  if (key === null)
    return {
      status: 'unknown-key',
      reason: `the key for committee ${card.committeeId} is not an Ed25519 public key`,
      committeeId: card.committeeId,
    };
  if (!verify(null, payload, key, signature))
    return { status: 'forged', reason: 'the signature does not match the card' };

  if (options.period !== undefined && card.period !== options.period)
    return { status: 'wrong-period', reason: `card is for ${card.period}, not ${options.period}`, card };
  if (Math.floor(options.now.getTime() / 1000) > card.expiresAt.getTime() / 1000)
    return { status: 'expired', reason: `card expired at ${card.expiresAt.toISOString()}`, card };
  return { status: 'valid', card };
}

function toKeyObject(key: CardPublicKey): KeyObject | null {
  if (!(key instanceof Uint8Array)) return key.asymmetricKeyType === 'ed25519' ? key : null;
  if (key.length !== 32) return null;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: base64url.encode(key) }, format: 'jwk' });
  } catch {
    return null;
  }
}
