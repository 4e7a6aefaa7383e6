import { base64url } from './base64url.js';
import { cardCodec, SIGNATURE_BYTES } from './card-codec.js';
import type { CardVerification, VerifyCardOptions } from './verify-card.js';

/** Minimal WebCrypto surface used here: `globalThis.crypto.subtle` in browsers and in Node ≥ 20. */
export interface Ed25519Subtle {
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: { name: 'Ed25519' },
    extractable: boolean,
    usages: ['verify'],
  ): Promise<unknown>;
  verify(
    algorithm: { name: 'Ed25519' },
    key: never,
    signature: Uint8Array,
    data: Uint8Array,
  ): Promise<boolean>;
}

/**
 * `verifyCard` for the distribution-point page: the same checks in the same order with the same
 * verdicts, but through WebCrypto, with the committee's published 32-byte public key, and no Node
 * API — so it runs in a browser offline. `subtle` defaults to `globalThis.crypto.subtle`.
 *
 * @example await verifyCardWeb(scanned, (id) => publishedKeys[id], { now: new Date(), period: '2026-11' })
 */
export async function verifyCardWeb(
  token: string,
  publicKeyFor: (committeeId: string) => Uint8Array | null | undefined,
  options: VerifyCardOptions,
  subtle: Ed25519Subtle = (globalThis as unknown as { crypto: { subtle: Ed25519Subtle } }).crypto.subtle,
): Promise<CardVerification> {
  const bytes = base64url.decode(token.trim());
  if (bytes === null) return { status: 'malformed', reason: 'not base64url text' };
  if (bytes.length <= SIGNATURE_BYTES) return { status: 'malformed', reason: `only ${bytes.length} bytes` };
  const payload = bytes.subarray(0, bytes.length - SIGNATURE_BYTES);
  const signature = bytes.subarray(bytes.length - SIGNATURE_BYTES);
  const decoded = cardCodec.decode(payload);
  if (decoded.status === 'malformed') return decoded;
  const card = decoded.card;
  const raw = publicKeyFor(card.committeeId);
  const unknown = { status: 'unknown-key', committeeId: card.committeeId } as const;
  if (raw === null || raw === undefined)
    return { ...unknown, reason: `no public key for committee ${card.committeeId}` };
  if (raw.length !== 32)
    return { ...unknown, reason: `the key for committee ${card.committeeId} is not an Ed25519 public key` };
  let ok: boolean;
  try {
    const key = await subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
    ok = await subtle.verify({ name: 'Ed25519' }, key as never, signature, payload);
  } catch {
    return { ...unknown, reason: `the key for committee ${card.committeeId} is not an Ed25519 public key` };
  }
  if (!ok) return { status: 'forged', reason: 'the signature does not match the card' };
  if (options.period !== undefined && card.period !== options.period)
    return { status: 'wrong-period', reason: `card is for ${card.period}, not ${options.period}`, card };
  if (Math.floor(options.now.getTime() / 1000) > card.expiresAt.getTime() / 1000)
    return { status: 'expired', reason: `card expired at ${card.expiresAt.toISOString()}`, card };
  return { status: 'valid', card };
}
