import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  as,
  createBody,
  createTestApp,
  problem,
  signedInPerson,
  type TestApp,
  type TestSession,
} from '../../test/factories.js';
import { jpegWithExif } from '../../test/photos.js';
import { describeEachDialect } from '../db/test-databases.js';

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A real 2×2 grey PNG with an eXIf chunk (GPS) and a text chunk. */
function pngWithExif(): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 0, 0, 0, 0]);
  const pixels = deflateSync(Buffer.from([0, 0x80, 0x80, 0, 0x80, 0x80]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('eXIf', Buffer.from('MM\0*GPSLatitude -33.45', 'latin1')),
    pngChunk('tEXt', Buffer.from('Author\0Juana Perez', 'latin1')),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A WebP container (extended header, an image chunk, EXIF and XMP chunks). */
function webpWithExif(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32LE(data.length, 4);
    return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const body = Buffer.concat([
    chunk('VP8X', Buffer.from([0b1100, 0, 0, 0, 1, 0, 0, 1, 0, 0])),
    chunk('VP8L', Buffer.from([0x2f, 1, 2, 3, 4])),
    chunk('EXIF', Buffer.from('MM\0*GPSLatitude -33.45', 'latin1')),
    chunk('XMP ', Buffer.from('<x:xmpmeta>Juana</x:xmpmeta>', 'latin1')),
  ]);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + body.length, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

describeEachDialect('price-report photos', (database) => {
  let t: TestApp;
  let chair: TestSession;
  let member: TestSession;
  let resident: TestSession;
  let chairB: TestSession;
  let committee = '';

  beforeAll(async () => {
    t = await createTestApp(database());
    [chair, member, resident, chairB] = [
      await signedInPerson(t),
      await signedInPerson(t),
      await signedInPerson(t),
      await signedInPerson(t),
    ];
    committee = await createBody(t.services, {
      kind: 'supply-committee',
      members: [
        { personId: chair.personId, role: 'chair' },
        { personId: member.personId, role: 'member' },
      ],
    });
    await createBody(t.services, {
      kind: 'supply-committee',
      members: [{ personId: chairB.personId, role: 'chair' }],
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const report = (photo: Buffer | string | undefined, anonymous = true) =>
    t.app.inject({
      method: 'POST',
      url: `/api/supply/committees/${committee}/price-reports`,
      headers: as(resident),
      payload: {
        kind: 'overprice',
        goodCode: 'milk',
        place: 'Almacén El Sol',
        priceCentesimos: 1850,
        description: 'Leche al doble.',
        anonymous,
        ...(photo !== undefined
          ? { photo: typeof photo === 'string' ? photo : photo.toString('base64') }
          : {}),
      },
    });
  const photoOf = (who: TestSession | null, id: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/supply/price-reports/${id}/photo`,
      ...(who ? { headers: as(who) } : {}),
    });

  it('stores an anonymous report’s JPEG without its EXIF and shows it to the committee only', async () => {
    const res = await report(Buffer.from(jpegWithExif()));
    expect(res.statusCode).toBe(201);
    const id = res.json<{ id: string }>().id;
    const board = await t.app.inject({
      method: 'GET',
      url: `/api/supply/committees/${committee}/price-reports`,
      headers: as(member),
    });
    const shown = board
      .json<{ reports: { id: string; photo: unknown }[] }>()
      .reports.find((r) => r.id === id);
    const got = await photoOf(member, id);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    const stored = got.rawPayload;
    expect(shown?.photo).toEqual({ contentType: 'image/jpeg', byteSize: stored.length });
    expect(stored.toString('latin1')).not.toMatch(/Exif|GPS|Santiago/);
    expect([...stored.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    for (const who of [resident, chairB]) {
      const refused = await photoOf(who, id);
      expect(refused.statusCode).toBe(403);
      expect(problem(refused).code).toBe('forbidden');
    }
    expect((await photoOf(null, id)).statusCode).toBe(401);
    // The audit log tells type and size, never who reported anonymously nor the picture.
    const event = await database()
      .db.selectFrom('audit_events')
      .select(['actor_id', 'payload'])
      .where('subject_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(event.payload).toContain('"type":"image/jpeg"');
    expect(event.payload).not.toContain(resident.personId);
    expect(event.actor_id ?? '').not.toContain(resident.personId);
  });

  it('removes eXIf and text chunks from a PNG and EXIF/XMP chunks from a WebP', async () => {
    const png = await report(pngWithExif());
    expect(png.statusCode).toBe(201);
    const pngBytes = (await photoOf(chair, png.json<{ id: string }>().id)).rawPayload;
    expect(pngBytes.toString('latin1')).not.toMatch(/eXIf|GPS|Juana/);
    expect(pngBytes.toString('latin1')).toContain('IDAT');

    const webp = await report(webpWithExif());
    expect(webp.statusCode).toBe(201);
    const got = await photoOf(chair, webp.json<{ id: string }>().id);
    expect(got.headers['content-type']).toBe('image/webp');
    const w = got.rawPayload;
    expect(w.toString('latin1')).not.toMatch(/EXIF|XMP|GPS|Juana/);
    expect(w.readUInt32LE(4)).toBe(w.length - 8);
    // VP8X no longer announces EXIF or XMP.
    expect(w[20]! & 0b1100).toBe(0);
  });

  it('refuses oversize, non-image, damaged and non-base64 photos with the photo named', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024 + 1);
    big.set([0xff, 0xd8, 0xff]);
    const tooBig = await report(big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.headers['content-type']).toContain('application/problem+json');
    expect(problem(tooBig)).toMatchObject({ code: 'photo-too-large', field: 'body.photo' });
    const gif = await report(Buffer.from('GIF89a\x01\0\x01\0', 'latin1'));
    expect(gif.statusCode).toBe(415);
    expect(problem(gif)).toMatchObject({ code: 'photo-type', field: 'body.photo' });
    const damaged = await report(Buffer.from(jpegWithExif().slice(0, 30)));
    expect(problem(damaged)).toMatchObject({ status: 415, code: 'photo-type', field: 'body.photo' });
    const notBase64 = await report('this is not base64!');
    expect(problem(notBase64)).toMatchObject({ status: 415, code: 'photo-type', field: 'body.photo' });
    // Nothing was filed for the refused reports.
    const board = await t.app.inject({
      method: 'GET',
      url: `/api/supply/committees/${committee}/price-reports`,
      headers: as(member),
    });
    expect(board.json<{ reports: unknown[] }>().reports).toHaveLength(3);
    const none = await report(undefined, false);
    expect(none.statusCode).toBe(201);
    const missing = await photoOf(member, none.json<{ id: string }>().id);
    expect(problem(missing)).toMatchObject({ status: 404, code: 'not-found' });
  });
});
