/** Test images for price-report photos: structures with the metadata the server must remove. */

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const segment = (marker: number, body: number[] | string) => {
  const b = typeof body === 'string' ? [...Buffer.from(body, 'latin1')] : body;
  return [0xff, marker, (b.length + 2) >> 8, (b.length + 2) & 0xff, ...b];
};

/** A JPEG's structure (not a decodable picture): SOI, APP0, APP1 EXIF with a GPS tag, APP13, DQT, SOS, data, EOI. */
export function jpegWithExif(): Uint8Array {
  return bytes(
    [0xff, 0xd8],
    segment(0xe0, 'JFIF\0\x01\x01\0\0\x01\0\x01\0\0'),
    segment(0xe1, 'Exif\0\0MM\0*GPSLatitude -33.4569 GPSLongitude -70.6483'),
    segment(0xed, 'Photoshop 3.0\0 8BIM city Santiago'),
    segment(
      0xdb,
      Array.from({ length: 65 }, (_, i) => i),
    ),
    [0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0],
    [0x12, 0x34, 0xff, 0x00, 0x56],
    [0xff, 0xd9],
  );
}
