import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { base64url } from './base64url.js';

/** Prefix of a sealed private key: the scheme and its version, so a later scheme can be told apart. */
export const SEALED_PREFIX = 'aes-256-gcm:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The additional data a key's seal is bound to: a sealed key copied onto another row does not open. */
function aad(keyId: string): Buffer {
  return Buffer.from(`cordones:supply-committee-key:${keyId}`, 'utf8');
}

/** True when `stored` is a sealed key (otherwise it is a PKCS#8 PEM from before migration 0009). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(SEALED_PREFIX);
}

/**
 * Encrypts a committee's PKCS#8 PEM private key with the deployment's 32-byte key-encryption key
 * (AES-256-GCM, a random 96-bit IV per seal, the key's id as additional data):
 * `aes-256-gcm:v1:<iv>:<ciphertext>:<tag>`, each part base64url.
 *
 * @example const stored = sealKey(kek, keyId, pem); openKey(kek, keyId, stored) === pem
 */
export function sealKey(kek: Uint8Array, keyId: string, pem: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(keyId));
  const body = Buffer.concat([cipher.update(pem, 'utf8'), cipher.final()]);
  return `${SEALED_PREFIX}${base64url.encode(iv)}:${base64url.encode(body)}:${base64url.encode(cipher.getAuthTag())}`;
}

/**
 * Decrypts a sealed key; null when the KEK is not the one it was sealed with, the row's id differs,
 * or the text was altered (GCM authentication fails) — never a wrong key silently.
 */
export function openKey(kek: Uint8Array, keyId: string, stored: string): string | null {
  if (!isSealed(stored)) return null;
  const [ivText, bodyText, tagText, ...extra] = stored.slice(SEALED_PREFIX.length).split(':');
  if (extra.length > 0 || ivText === undefined || bodyText === undefined || tagText === undefined)
    return null;
  const iv = base64url.decode(ivText);
  const body = base64url.decode(bodyText);
  const tag = base64url.decode(tagText);
  if (!iv || !body || !tag || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(keyId));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
