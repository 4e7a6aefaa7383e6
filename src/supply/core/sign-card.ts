import type { KeyObject } from 'node:crypto';
import { sign } from 'node:crypto';
import { base64url } from './base64url.js';
import { cardCodec } from './card-codec.js';
import type { RationCard } from './ration-card.js';

/**
 * Signs a ration card with the committee's Ed25519 private key and returns the token to print as a
 * QR code: base64url(payload ‖ signature), about 190 characters for five items. Throws TypeError
 * when the card cannot be encoded or the key is not an Ed25519 private key (programmer errors).
 *
 * @example const token = signCard({ committeeId, householdId, period: '2026-11', expiresAt, basketVersion: 3, items }, key);
 */
export function signCard(card: RationCard, privateKey: KeyObject): string {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519')
    throw new TypeError('signCard needs an Ed25519 private key');
  const payload = cardCodec.encode(card);
  const signature = sign(null, payload, privateKey);
  const token = new Uint8Array(payload.length + signature.length);
  token.set(payload, 0);
  token.set(signature, payload.length);
  return base64url.encode(token);
}
