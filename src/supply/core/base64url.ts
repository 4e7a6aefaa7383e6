const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let k = 0; k < ALPHABET.length; k++) LOOKUP[ALPHABET.charCodeAt(k)] = k;

/**
 * base64url without padding (RFC 4648 §5), in plain TypeScript over Uint8Array so that it runs the
 * same in Node and in a browser. `decode` returns null for any character outside the alphabet or an
 * impossible length, never throws.
 *
 * @example base64url.decode(base64url.encode(new Uint8Array([1, 2, 3])))  // → Uint8Array [1, 2, 3]
 */
export const base64url = Object.freeze({
  encode(bytes: Uint8Array): string {
    let out = '';
    let k = 0;
    for (; k + 3 <= bytes.length; k += 3) {
      const v = (bytes[k]! << 16) | (bytes[k + 1]! << 8) | bytes[k + 2]!;
      out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]! + ALPHABET[v & 63]!;
    }
    const left = bytes.length - k;
    if (left === 1) {
      const v = bytes[k]! << 16;
      out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]!;
    } else if (left === 2) {
      const v = (bytes[k]! << 16) | (bytes[k + 1]! << 8);
      out += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]!;
    }
    return out;
  },
  decode(text: string): Uint8Array | null {
    if (text.length % 4 === 1) return null;
    const out = new Uint8Array(Math.floor((text.length * 3) / 4));
    let acc = 0;
    let bits = 0;
    let o = 0;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      const v = c < 128 ? LOOKUP[c]! : -1;
      if (v < 0) return null;
      acc = ((acc << 6) | v) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (acc >> bits) & 0xff;
      }
    }
    // the unused low bits of the last character must be zero, so each byte string has one spelling
    if ((acc & ((1 << bits) - 1)) !== 0) return null;
    return out;
  },
});
