import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { base64url } from './base64url.js';

/** A supply committee's card-signing key pair and the public half as committees publish it. */
export interface CommitteeKeys {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The raw 32-byte Ed25519 public key, base64url (43 characters): what distribution points store. */
  readonly publicKeyText: string;
}

/**
 * Makes a fresh Ed25519 key pair for a committee. The private key is exported by the caller
 * (`privateKey.export({ format: 'pem', type: 'pkcs8' })`) to wherever it is kept.
 *
 * @example const { privateKey, publicKeyText } = generateCommitteeKeys();
 */
export function generateCommitteeKeys(): CommitteeKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('Ed25519 public key without x');
  const raw = base64url.decode(jwk.x);
  if (raw === null || raw.length !== 32) throw new Error('Ed25519 public key is not 32 bytes');
  return { privateKey, publicKey, publicKeyText: base64url.encode(raw) };
}
