/** Largest photo accepted, in bytes (as uploaded, before metadata is removed). */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/** The image types a report photo may be, told by their first bytes. */
export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The outcome of reading an uploaded photo. */
export type PhotoCheck =
  /** Accepted: `bytes` is the photo with its metadata removed (see `cleanPhoto`). */
  | { readonly status: 'ok'; readonly type: PhotoType; readonly bytes: Uint8Array; readonly removed: number }
  /** Larger than PHOTO_MAX_BYTES. */
  | { readonly status: 'too-large'; readonly size: number }
  /** Not a JPEG, PNG or WebP, or one whose structure cannot be walked safely. */
  | { readonly status: 'bad-type'; readonly reason: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

/** The type of an image by its magic bytes, or null. The name and Content-Type a client sends are not trusted. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP')
    return 'image/webp';
  return null;
}

// JPEG markers without a length field: TEM, RST0–7, SOI, EOI.
const STANDALONE = new Set([0x01, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9]);
// APP1 holds EXIF (with GPS position, camera serial, time) and XMP; APP13 holds IPTC (places, names).
const JPEG_DROPPED = new Set([0xe1, 0xed]);

/**
 * A JPEG without its APP1 (EXIF, XMP) and APP13 (IPTC) segments. Segments are walked up to the
 * start of scan; the entropy-coded image after it is copied unchanged. Null when the segment
 * structure is broken (a length running past the end): such a file is refused, not half-cleaned.
 */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array | null {
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  for (;;) {
    if (at + 1 >= bytes.length || bytes[at] !== 0xff) return null;
    // Fill bytes (0xFF) may precede a marker.
    let marker = bytes[at + 1]!;
    let start = at;
    while (marker === 0xff) {
      at += 1;
      if (at + 1 >= bytes.length) return null;
      marker = bytes[at + 1]!;
    }
    start = at;
    if (STANDALONE.has(marker)) {
      kept.push(bytes.subarray(start, at + 2));
      at += 2;
      if (marker === 0xd9) break;
      continue;
    }
    if (at + 3 >= bytes.length) return null;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) return null;
    const end = at + 2 + length;
    if (marker === 0xda) {
      // Start of scan: the rest is image data (and any later markers of a progressive JPEG).
      kept.push(bytes.subarray(start));
      break;
    }
    if (!JPEG_DROPPED.has(marker)) kept.push(bytes.subarray(start, end));
    at = end;
  }
  return concat(kept);
}

// PNG ancillary chunks that carry metadata: eXIf (EXIF), and text chunks (XMP travels in iTXt).
const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt']);

/** A PNG without its eXIf and text chunks (ancillary: decoders do not need them). Null when broken. */
export function stripPngMetadata(bytes: Uint8Array): Uint8Array | null {
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) return null;
    const length =
      ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
    const end = at + 12 + length;
    if (end > bytes.length) return null;
    const type = ascii(bytes, at + 4, 4);
    if (!PNG_DROPPED.has(type)) kept.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  return concat(kept);
}

/**
 * A WebP without its EXIF and XMP chunks, with the RIFF size and the extended header's EXIF and XMP
 * flags set to match. Null when the chunk structure is broken.
 */
export function stripWebpMetadata(bytes: Uint8Array): Uint8Array | null {
  const kept: Uint8Array[] = [];
  let at = 12;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) return null;
    const type = ascii(bytes, at, 4);
    const size =
      (bytes[at + 4]! | (bytes[at + 5]! << 8) | (bytes[at + 6]! << 16) | (bytes[at + 7]! << 24)) >>> 0;
    // Chunks are padded to an even size.
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > bytes.length) return null;
    if (type !== 'EXIF' && type !== 'XMP ') {
      const chunk = bytes.slice(at, Math.min(end, bytes.length));
      // VP8X flags byte: bit 3 = EXIF present, bit 2 = XMP present.
      if (type === 'VP8X' && chunk.length > 8) chunk[8] = chunk[8]! & ~0b1100;
      kept.push(chunk);
    }
    at = end;
  }
  const body = concat(kept);
  const out = new Uint8Array(12 + body.length);
  out.set(bytes.subarray(0, 12));
  const riff = 4 + body.length;
  out[4] = riff & 0xff;
  out[5] = (riff >>> 8) & 0xff;
  out[6] = (riff >>> 16) & 0xff;
  out[7] = (riff >>> 24) & 0xff;
  out.set(body, 12);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Checks an uploaded report photo and removes what could identify or locate the reporter: size at
 * most PHOTO_MAX_BYTES, type by magic bytes (JPEG, PNG or WebP), then EXIF/XMP/IPTC removed
 * (reporters may be anonymous; a phone photo's EXIF holds the GPS position). Pixels are not
 * re-encoded: a face or a street sign in the picture stays.
 *
 * @example const r = cleanPhoto(bytes); if (r.status === 'ok') store(r.type, r.bytes);
 */
export function cleanPhoto(bytes: Uint8Array): PhotoCheck {
  if (bytes.length > PHOTO_MAX_BYTES) return { status: 'too-large', size: bytes.length };
  const type = sniffPhotoType(bytes);
  if (type === null) return { status: 'bad-type', reason: 'not a JPEG, PNG or WebP image' };
  const clean =
    type === 'image/jpeg'
      ? stripJpegMetadata(bytes)
      : type === 'image/png'
        ? stripPngMetadata(bytes)
        : stripWebpMetadata(bytes);
  if (clean === null) return { status: 'bad-type', reason: `a damaged ${type.slice(6).toUpperCase()} file` };
  return { status: 'ok', type, bytes: clean, removed: bytes.length - clean.length };
}
