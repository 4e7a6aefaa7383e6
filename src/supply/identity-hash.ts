import { createHash } from 'node:crypto';

/**
 * The stored form of a person's registry number (RUT): SHA-256 hex of the number without dots,
 * dashes or spaces, upper-cased, so `12.345.678-k` and `12345678K` are the same person. The number
 * itself is never stored. (A hash of a short number can be brute-forced; it deduplicates, it does
 * not anonymise.)
 *
 * @example identityHash('12.345.678-5') === identityHash('123456785')
 */
export function identityHash(registryNumber: string): string {
  const normal = registryNumber.replace(/[.\s-]/g, '').toUpperCase();
  return createHash('sha256').update(`cordones-registry:${normal}`).digest('hex');
}
