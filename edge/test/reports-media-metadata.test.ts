import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  box,
  cat,
  changedRanges,
  DEVICE_MODEL,
  GPS_ISO6709,
  heic,
  indexOf,
  OWNER,
  text,
  type Video,
  type VideoOptions,
  video,
  XMP_PACKET,
} from '../src/media/isobmff-fixtures';
import { applyPatches, planVideoBytes } from '../src/media/strip-isobmff';
import { readExif } from '../src/media/uploads';
import { exifApp1, fakeMp4 } from './support/images';
import { db, errorOf, newPhone, upload } from './support/reports';

// Metadata of uploaded videos (MP4/MOV/3GP) and HEIC photos, through the upload API: the
// stored object has the same length as the upload, the GPS position and device are gone, and
// every other byte is the one sent. Chunks are 512 KiB (the default); the boxes to clean are
// placed across chunk (and multipart part) boundaries.

const CHUNK = 524_288;

async function stored(id: string): Promise<Uint8Array> {
  const object = (await env.MEDIA.get(`media/${id}`)) as R2ObjectBody;
  return new Uint8Array(await object.arrayBuffer());
}

/** Byte equality without vitest's element-by-element diffing (slow on megabytes). */
const same = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** What the server should store: the same file with its metadata boxes turned to free. */
function expected(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  applyPatches(out, 0, planVideoBytes(bytes).patches);
  return out;
}

/**
 * A video built with `size(n)` where the GPS string straddles `boundary` (3 bytes before it):
 * `n` (padding or sample bytes) moves everything after it by the same amount.
 */
function straddling(make: (n: number) => VideoOptions, n0: number, boundary: number): Video {
  const first = indexOf(video(make(n0)).bytes, GPS_ISO6709);
  const v = video(make(n0 + boundary - 3 - first));
  expect(indexOf(v.bytes, GPS_ISO6709)).toBe(boundary - 3);
  return v;
}

async function expectCleanUpload(v: Video, mime: string) {
  const { res, state } = await upload(newPhone(), 'video', v.bytes);
  expect(res.status).toBe(200);
  expect(state).toMatchObject({ status: 'complete', mime, hasGps: false });
  const bytes = await stored(state.id);
  expect(bytes.length).toBe(v.bytes.length);
  for (const s of [GPS_ISO6709, DEVICE_MODEL, OWNER, 'com.apple.quicktime.location']) {
    expect(indexOf(bytes, s), s).toBe(-1);
  }
  // Byte for byte what the in-memory plan gives: the samples, stco and the rest unchanged.
  expect(changedRanges(bytes, expected(v.bytes))).toEqual([]);
  expect(
    same(bytes.subarray(v.mdat.start, v.mdat.end), v.bytes.subarray(v.mdat.start, v.mdat.end)),
  ).toBe(true);
  expect(new DataView(bytes.buffer).getUint32(v.stcoEntry)).toBe(v.mdat.start);
  expect((await env.MEDIA.list({ prefix: `uploads/${state.id}/` })).objects).toHaveLength(0);
}

describe('video metadata, through the upload API', () => {
  it('cleans an MP4 whose moov/udta lies across two chunks', async () => {
    // moov first, after reserved space (a top-level free box) that pushes it to the boundary.
    const v = straddling((n) => ({ padding: n }), 1000, CHUNK);
    expect(v.bytes.length).toBeGreaterThan(CHUNK);
    expect(v.moov.start).toBeLessThan(CHUNK);
    await expectCleanUpload(v, 'video/mp4');
  });

  it('cleans a MOV with moov after mdat, across the second chunk boundary', async () => {
    const v = straddling((n) => ({ brand: 'qt  ', moovLast: true, mdatBytes: n }), 1000, 2 * CHUNK);
    expect(v.moov.start).toBeGreaterThan(CHUNK);
    await expectCleanUpload(v, 'video/quicktime');
  });

  it('cleans a video composed by R2 multipart, with a 64-bit mdat and udta across a part boundary', async () => {
    // Parts are 10 chunks (5 MiB): the boundary at 10 chunks is both a chunk and a part edge.
    const v = straddling(
      (n) => ({ moovLast: true, largeMdat: true, mdatBytes: n }),
      5_000_000,
      10 * CHUNK,
    );
    expect(v.bytes.length).toBeGreaterThan(5 * 1024 * 1024);
    await expectCleanUpload(v, 'video/mp4');
  }, 60_000);

  it('stores a 3GP without metadata exactly as sent', async () => {
    const v = video({ brand: '3gp4', metadata: false, mdatBytes: CHUNK });
    const { res, state } = await upload(newPhone(), 'video', v.bytes);
    expect(res.status).toBe(200);
    expect(state.mime).toBe('video/3gpp');
    expect(changedRanges(await stored(state.id), v.bytes)).toEqual([]);
  });

  it.each([
    [
      'a moov child whose size overflows moov',
      () => {
        const v = video();
        const b = v.bytes.slice();
        new DataView(b.buffer).setUint32(v.moov.start + 8, 0x7fff0000);
        return b;
      },
    ],
    ['no moov box (an ftyp and filler)', () => fakeMp4(CHUNK + 100)],
    [
      'a top-level box running past the end of the file',
      () =>
        cat(box('ftyp', text('isom'), [0, 0, 2, 0], text('isom')), [0, 0x10, 0, 0], text('mdat')),
    ],
  ])(
    'refuses a video with %s, with the invalid-file message, and keeps nothing',
    async (_, make) => {
      const { res, state } = await upload(newPhone(), 'video', make());
      expect(res.status).toBe(422);
      expect(await errorOf(res)).toMatchObject({
        code: 'invalid_media_type',
        message: 'Tệp không phải ảnh hoặc video hợp lệ.',
      });
      const rows = await db().$client.execute({
        sql: 'select id from report_media where id = ?',
        args: [state.id],
      });
      expect(rows.rows).toHaveLength(0);
      expect(await env.MEDIA.head(`media/${state.id}`)).toBeNull();
      expect((await env.MEDIA.list({ prefix: `uploads/${state.id}/` })).objects).toHaveLength(0);
    },
  );
});

describe('HEIC metadata, through the upload API', () => {
  const exif = () => exifApp1({ lat: 9.7845, lng: 105.4701 }).subarray(4);

  it('reads the GPS position, then zeroes the Exif and XMP items in place', async () => {
    const h = heic({ exif: exif(), xmp: XMP_PACKET, xmpInIdat: true, udta: true });
    const { res, state } = await upload(newPhone(), 'photo', h.bytes, 'image/heic');
    expect(res.status).toBe(200);
    // The position was read before cleaning (it can fill the report's location).
    expect(state).toMatchObject({ status: 'complete', mime: 'image/heic', hasGps: true });
    const bytes = await stored(state.id);
    expect(bytes.length).toBe(h.bytes.length);
    for (const s of ['Galaxy A05 of Nguyen Van A', 'Samsung', 'xmpmeta', DEVICE_MODEL, OWNER]) {
      expect(indexOf(bytes, s), s).toBe(-1);
    }
    expect((await readExif(bytes)).gps).toBeNull();
    expect(bytes.subarray(h.image.start, h.image.end)).toEqual(
      h.bytes.subarray(h.image.start, h.image.end),
    );
  });

  it('stores a HEIC without metadata exactly as sent', async () => {
    const h = heic();
    const { res, state } = await upload(newPhone(), 'photo', h.bytes);
    expect(res.status).toBe(200);
    expect(changedRanges(await stored(state.id), h.bytes)).toEqual([]);
  });

  it('refuses a HEIC whose Exif item points outside the file', async () => {
    const h = heic({ exif: exif() });
    const b = h.bytes.slice();
    const iloc = indexOf(b, 'iloc') - 4;
    new DataView(b.buffer).setUint32(iloc + 36, b.length + 1); // the Exif extent_offset
    const { res } = await upload(newPhone(), 'photo', b);
    expect(res.status).toBe(422);
    expect((await errorOf(res)).message).toBe('Tệp không phải ảnh hoặc video hợp lệ.');
  });
});
