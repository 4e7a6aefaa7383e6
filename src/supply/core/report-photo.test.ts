import { describe, expect, it } from 'vitest';
import { jpegWithExif } from '../../../test/photos.js';
import { cleanPhoto, PHOTO_MAX_BYTES, sniffPhotoType, stripJpegMetadata } from './report-photo.js';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('report photos', () => {
  it('tells JPEG, PNG and WebP by their first bytes only', () => {
    expect(sniffPhotoType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffPhotoType(bytes([0x89], 'PNG\r\n\x1a\n'))).toBe('image/png');
    expect(sniffPhotoType(bytes('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffPhotoType(bytes('GIF89a'))).toBeNull();
    expect(sniffPhotoType(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
  });

  it('removes APP1 (EXIF, XMP) and APP13 (IPTC) from a JPEG and keeps the rest byte for byte', () => {
    const original = jpegWithExif();
    const result = cleanPhoto(original);
    if (result.status !== 'ok') throw new Error(result.status);
    const text = Buffer.from(result.bytes).toString('latin1');
    expect(text).not.toContain('Exif');
    expect(text).not.toContain('GPS');
    expect(text).not.toContain('Santiago');
    expect(text).toContain('JFIF');
    // The scan data and the end marker are untouched.
    expect([...result.bytes.slice(-7)]).toEqual([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9]);
    expect(result.removed).toBeGreaterThan(40);
  });

  it('refuses a JPEG whose segments cannot be walked instead of half-cleaning it', () => {
    const broken = jpegWithExif().slice(0, 30);
    expect(stripJpegMetadata(broken)).toBeNull();
    expect(cleanPhoto(broken)).toMatchObject({ status: 'bad-type' });
  });

  it('refuses more than 2 MB before reading it', () => {
    const big = new Uint8Array(PHOTO_MAX_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect(cleanPhoto(big)).toEqual({ status: 'too-large', size: PHOTO_MAX_BYTES + 1 });
  });
});
