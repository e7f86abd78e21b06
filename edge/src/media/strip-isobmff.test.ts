import { describe, expect, it } from 'vitest';
import { exifApp1 } from '../../test/support/images';
import {
  box,
  cat,
  changedRanges,
  DEVICE_MAKE,
  DEVICE_MODEL,
  GPS_ISO6709,
  heic,
  indexOf,
  OWNER,
  text,
  type Video,
  video,
  XMP_PACKET,
} from './isobmff-fixtures';
import { sniff } from './sniff';
import { MalformedImageError, stripPhoto } from './strip';
import {
  applyPatches,
  type ByteSource,
  MalformedBoxError,
  MoovTooLargeError,
  type Patch,
  planHeif,
  planVideo,
  planVideoBytes,
} from './strip-isobmff';
import { readExif } from './uploads';

const u32At = (b: Uint8Array, at: number) =>
  new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(at);
const typeAt = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at + 4, at + 8));

function stripVideo(bytes: Uint8Array) {
  const plan = planVideoBytes(bytes);
  const out = bytes.slice();
  applyPatches(out, 0, plan.patches);
  return { plan, out };
}

/** Start offsets of the boxes of `type` anywhere in the file (found by their type bytes). */
function boxesOf(b: Uint8Array, type: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  const needle = Array.from(type, (c) => c.charCodeAt(0));
  for (let i = 4; i + 4 <= b.length; i++) {
    if (needle.every((v, j) => b[i + j] === v)) {
      const start = i - 4;
      found.push({ start, end: start + u32At(b, start) });
    }
  }
  return found;
}

const PRIVATE = [GPS_ISO6709, DEVICE_MAKE, DEVICE_MODEL, OWNER, 'com.apple.quicktime.location'];

/** The checks every stripped video must pass. */
function expectCleanVideo(v: Video, out: Uint8Array) {
  expect(out.length).toBe(v.bytes.length);
  for (const s of PRIVATE) {
    expect(indexOf(v.bytes, s), s).toBeGreaterThan(-1);
    expect(indexOf(out, s), s).toBe(-1);
  }
  // The samples and the chunk offset pointing at them are untouched.
  expect(out.subarray(v.mdat.start, v.mdat.end)).toEqual(
    v.bytes.subarray(v.mdat.start, v.mdat.end),
  );
  expect(u32At(out, v.stcoEntry)).toBe(v.mdat.start);
  // Only bytes inside the (former) udta and meta boxes of moov changed.
  const neutralised = [...boxesOf(v.bytes, 'udta'), ...boxesOf(v.bytes, 'meta')].filter(
    (r) => r.start >= v.moov.start && r.end <= v.moov.end,
  );
  expect(neutralised).toHaveLength(3);
  for (const r of changedRanges(v.bytes, out)) {
    expect(neutralised.some((n) => r.start >= n.start + 4 && r.end <= n.end)).toBe(true);
  }
  // Each became a free box of the same size with nothing in it.
  for (const n of neutralised) {
    expect(u32At(out, n.start)).toBe(n.end - n.start);
    expect(typeAt(out, n.start)).toBe('free');
    expect(out.subarray(n.start + 8, n.end).every((x) => x === 0)).toBe(true);
  }
  // Still the same kind of file, and nothing left to remove.
  expect(sniff(out)).toEqual(sniff(v.bytes));
  expect(planVideoBytes(out).patches).toEqual([]);
}

describe('videos: metadata boxes become free boxes in place', () => {
  it.each([
    ['MP4, moov before mdat', { brand: 'isom' }],
    ['MOV, moov after mdat', { brand: 'qt  ', moovLast: true }],
    ['3GP', { brand: '3gp4' }],
    ['MP4 with a 64-bit largesize mdat before moov', { moovLast: true, largeMdat: true }],
    ['MP4 with a 64-bit largesize mdat after moov', { largeMdat: true }],
  ] as const)('%s', (_, opts) => {
    const v = video(opts);
    const { plan, out } = stripVideo(v.bytes);
    expect(plan.removed).toEqual(['moov/trak/udta', 'moov/udta', 'moov/meta']);
    expect(plan.trailingBytes).toBe(0);
    expectCleanVideo(v, out);
  });

  it('passes a video without metadata through unchanged', () => {
    for (const opts of [{}, { moovLast: true, brand: 'qt  ' as const }, { largeMdat: true }]) {
      const v = video({ ...opts, metadata: false });
      expect(planVideoBytes(v.bytes)).toEqual({ patches: [], removed: [], trailingBytes: 0 });
    }
  });

  it('neutralises top-level udta/meta and XMP uuid boxes, and clears stale bytes in free boxes', () => {
    const v = video({ metadata: false });
    const xmpUuid = [
      0xbe, 0x7a, 0xcf, 0xcb, 0x97, 0xa9, 0x42, 0xe8, 0x9c, 0x71, 0x99, 0x94, 0x91, 0xe3, 0xaf,
      0xac,
    ];
    const otherUuid = new Array(16).fill(0x11);
    // A moov with a stale free box (left by an editor) and an XMP uuid box inside.
    const moov = v.bytes.subarray(v.moov.start, v.moov.end);
    const moovBody = moov.subarray(8);
    const newMoov = box(
      'moov',
      moovBody,
      box('free', text(`old ${GPS_ISO6709}`)),
      box('free', new Array(12).fill(0)),
      box('uuid', xmpUuid, text(XMP_PACKET)),
    );
    const file = cat(
      v.bytes.subarray(0, v.moov.start),
      newMoov,
      v.bytes.subarray(v.moov.end),
      box('udta', box('©xyz', text(GPS_ISO6709))),
      box('uuid', xmpUuid, text(XMP_PACKET)),
      box('uuid', otherUuid, text('kept')),
    );
    const { plan, out } = stripVideo(file);
    expect(plan.removed).toEqual(['moov/free', 'moov/uuid:XMP', 'udta', 'uuid:XMP']);
    expect(out.length).toBe(file.length);
    expect(indexOf(out, GPS_ISO6709)).toBe(-1);
    expect(indexOf(out, 'xmpmeta')).toBe(-1);
    expect(indexOf(out, 'kept')).toBeGreaterThan(-1);
    expect(planVideoBytes(out).patches).toEqual([]);
  });

  it('keeps trailing bytes after moov that are not a box, and says so', () => {
    const v = video({ moovLast: true });
    const trailer = new Uint8Array([0, 0, 0, 2, ...text('SEFT')]);
    const { plan, out } = stripVideo(cat(v.bytes, trailer));
    expect(plan.trailingBytes).toBe(trailer.length);
    expect(out.subarray(v.bytes.length)).toEqual(trailer);
    expect(indexOf(out, GPS_ISO6709)).toBe(-1);
  });
});

/** The file as chunk objects, read by ranges (counting the reads). */
function chunked(bytes: Uint8Array, chunkBytes: number): ByteSource & { reads: number } {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += chunkBytes)
    chunks.push(bytes.slice(at, at + chunkBytes));
  const source = {
    size: bytes.length,
    reads: 0,
    async read(offset: number, length: number) {
      source.reads++;
      const out = new Uint8Array(length);
      for (let done = 0; done < length; ) {
        const index = Math.floor((offset + done) / chunkBytes);
        const within = offset + done - index * chunkBytes;
        const part = (chunks[index] as Uint8Array).subarray(within, within + length - done);
        out.set(part, done);
        done += part.length;
      }
      return out;
    },
  };
  return source;
}

describe('videos in chunks', () => {
  it.each([7, 64, 100, 333, 4096])(
    'plans from range reads and patches chunks of %i bytes like the whole file',
    async (chunkBytes) => {
      for (const opts of [{}, { moovLast: true, largeMdat: true }]) {
        const v = video(opts);
        const whole = stripVideo(v.bytes);
        const source = chunked(v.bytes, chunkBytes);
        const plan = await planVideo(source);
        expect(plan).toEqual(whole.plan);
        // The file is smaller than one read-ahead window: one read.
        expect(source.reads).toBe(1);
        const parts: Uint8Array[] = [];
        for (let at = 0; at < v.bytes.length; at += chunkBytes) {
          const chunk = v.bytes.slice(at, at + chunkBytes);
          applyPatches(chunk, at, plan.patches);
          parts.push(chunk);
        }
        expect(cat(...parts)).toEqual(whole.out);
      }
    },
  );

  it('reads headers 64 KiB at a time and moov whole, never the samples', async () => {
    const v = video({ moovLast: true, mdatBytes: 1_000_000 });
    const source = chunked(v.bytes, 100_000);
    const plan = await planVideo(source);
    expect(plan.removed).toHaveLength(3);
    expect(source.reads).toBe(2); // ftyp + mdat header, then moov
  });

  it('walks many small top-level boxes in few reads, and gives up past 10,000', async () => {
    const v = video();
    const small = box('free', new Array(8).fill(0));
    const many = (n: number) =>
      cat(
        v.bytes.subarray(0, v.moov.start),
        ...new Array(n).fill(small),
        v.bytes.subarray(v.moov.start),
      );
    const source = chunked(many(9000), 4096);
    expect((await planVideo(source)).removed).toHaveLength(3);
    expect(source.reads).toBeLessThanOrEqual(3);
    expect(() => planVideoBytes(many(10_000))).toThrow(/too many top-level boxes/);
  });

  it('applies a patch that spans chunk boundaries, cut at each edge', () => {
    const patches: Patch[] = [
      { offset: 5, length: 10 },
      { offset: 8, length: 4, bytes: new Uint8Array(text('free')) },
      { offset: 40, length: 2 },
    ];
    const file = new Uint8Array(32).fill(0xaa);
    const expected = file.slice();
    applyPatches(expected, 0, patches);
    expect(Array.from(expected.subarray(4, 16))).toEqual([
      0xaa,
      0,
      0,
      0,
      ...text('free'),
      0,
      0,
      0,
      0xaa,
    ]);
    for (const size of [1, 3, 6, 9, 32]) {
      const parts: Uint8Array[] = [];
      let written = 0;
      for (let at = 0; at < file.length; at += size) {
        const chunk = file.slice(at, at + size);
        written += applyPatches(chunk, at, patches);
        parts.push(chunk);
      }
      expect(cat(...parts)).toEqual(expected);
      expect(written).toBe(14);
    }
  });
});

describe('videos that cannot be walked', () => {
  const v = video();
  const moovAt = v.moov.start;
  const mutate = (f: (b: Uint8Array, dv: DataView) => void) => {
    const b = v.bytes.slice();
    f(b, new DataView(b.buffer));
    return b;
  };

  it.each([
    ['a first box smaller than its header', (_: Uint8Array, dv: DataView) => dv.setUint32(0, 4)],
    [
      'a box running past the end before moov',
      (_: Uint8Array, dv: DataView) => dv.setUint32(0, 0x7fffffff),
    ],
    [
      'a moov child overflowing moov',
      (_: Uint8Array, dv: DataView) => dv.setUint32(moovAt + 8, 0x10000),
    ],
    [
      'a largesize beyond 2^53',
      (_: Uint8Array, dv: DataView) => {
        dv.setUint32(moovAt, 1);
        dv.setUint32(moovAt + 8, 0xffffffff);
      },
    ],
    ['no moov at all', (b: Uint8Array) => b.set(text('junk'), moovAt + 4)],
  ])('refuses %s', (_, f) => {
    expect(() => planVideoBytes(mutate(f))).toThrow(MalformedBoxError);
  });

  it('refuses a moov over the limit', async () => {
    expect(() => planVideoBytes(v.bytes, 256)).toThrow(MoovTooLargeError);
    await expect(planVideo(chunked(v.bytes, 100), 256)).rejects.toThrow(MoovTooLargeError);
  });

  it('refuses boxes nested without end', () => {
    let nested = box('udta');
    for (let i = 0; i < 20; i++) nested = box('trak', nested);
    const file = cat(box('ftyp', text('isom'), [0, 0, 0, 0]), box('moov', nested));
    expect(() => planVideoBytes(file)).toThrow(/nested too deep/);
  });

  it('never fails otherwise on corrupted bytes', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const files = [video(), video({ moovLast: true, largeMdat: true, brand: 'qt  ' })];
    for (let round = 0; round < 400; round++) {
      const f = files[round % 2] as Video;
      const b = f.bytes.slice();
      // Corrupt a few bytes, mostly in the box structure (moov).
      for (let k = 0; k < 1 + (random() % 4); k++) {
        const at =
          random() % 3
            ? f.moov.start + (random() % (f.moov.end - f.moov.start))
            : random() % b.length;
        b[at] = random() & 0xff;
      }
      try {
        const { out } = stripVideo(b);
        expect(out.length).toBe(b.length);
      } catch (err) {
        expect(err).toBeInstanceOf(MalformedBoxError);
      }
    }
  });
});

// ---- HEIC ---------------------------------------------------------------------------------

const exif = () => exifApp1({ lat: 9.7845, lng: 105.4701 }).subarray(4); // "Exif\0\0" + TIFF
const EXIF_MODEL = 'Galaxy A05 of Nguyen Van A';

describe('HEIC: Exif and XMP items zeroed in place', () => {
  it('zeroes the Exif item in mdat, the XMP item in idat, and neutralises udta', async () => {
    const h = heic({ exif: exif(), xmp: XMP_PACKET, xmpInIdat: true, udta: true });
    // The fixture is real enough for exifr (what the upload uses to read the GPS position).
    expect((await readExif(h.bytes)).gps).toEqual({ lat: 9.7845, lng: 105.4701 });

    const out = stripPhoto('heic', h.bytes);
    expect(out?.removed).toEqual(['item:Exif', 'item:XMP', 'udta']);
    const bytes = out?.bytes as Uint8Array;
    expect(bytes.length).toBe(h.bytes.length);
    for (const s of [EXIF_MODEL, 'Samsung', 'GPSLatitude', 'xmpmeta', DEVICE_MODEL, OWNER]) {
      expect(indexOf(h.bytes, s), s).toBeGreaterThan(-1);
      expect(indexOf(bytes, s), s).toBe(-1);
    }
    expect((await readExif(bytes)).gps).toBeNull();
    // The extents are all zeros; the image is untouched; nothing else changed but udta.
    const { exif: e, xmp: x, image } = h as Required<typeof h>;
    expect(bytes.subarray(e.start, e.end).every((v) => v === 0)).toBe(true);
    expect(bytes.subarray(x.start, x.end).every((v) => v === 0)).toBe(true);
    expect(bytes.subarray(image.start, image.end)).toEqual(
      h.bytes.subarray(image.start, image.end),
    );
    const udta = boxesOf(h.bytes, 'udta')[0] as { start: number; end: number };
    expect(typeAt(bytes, udta.start)).toBe('free');
    const allowed = [e, x, { start: udta.start + 4, end: udta.end }];
    for (const r of changedRanges(h.bytes, bytes)) {
      expect(allowed.some((a) => r.start >= a.start && r.end <= a.end)).toBe(true);
    }
    expect(sniff(bytes)?.mime).toBe('image/heic');
    // Cleaning again finds nothing left.
    expect(planHeif(bytes)).toEqual({ patches: [], removed: [], trailingBytes: 0 });
  });

  it.each([
    ['iloc v0', { ilocVersion: 0 }],
    ['iloc v1 with a base offset', { ilocVersion: 1, baseOffset: true }],
    ['iloc v2 (32-bit ids and count)', { ilocVersion: 2 }],
    ['iloc v2 with a base offset', { ilocVersion: 2, baseOffset: true }],
  ] as const)('finds the extents with %s', (_, opts) => {
    const h = heic({ exif: exif(), xmp: XMP_PACKET, ...opts });
    const out = stripPhoto('heic', h.bytes)?.bytes as Uint8Array;
    const ranges = changedRanges(h.bytes, out);
    const { exif: e, xmp: x } = h as Required<typeof h>;
    expect(ranges[0]?.start).toBeGreaterThanOrEqual(e.start);
    expect(ranges.at(-1)?.end).toBeLessThanOrEqual(x.end);
    expect(out.subarray(e.start, x.end).every((v) => v === 0)).toBe(true);
    expect(indexOf(out, EXIF_MODEL)).toBe(-1);
    expect(indexOf(out, 'xmpmeta')).toBe(-1);
  });

  it('passes a HEIC without metadata through unchanged', () => {
    const h = heic();
    expect(stripPhoto('heic', h.bytes)).toEqual({
      bytes: h.bytes,
      width: null,
      height: null,
      removed: [],
    });
  });

  it("cleans a motion photo's embedded video", () => {
    const v = video();
    const h = heic({ exif: exif(), motionVideo: v.bytes });
    const out = stripPhoto('heic', h.bytes);
    expect(out?.removed).toEqual([
      'item:Exif',
      'mpvd/moov/trak/udta',
      'mpvd/moov/udta',
      'mpvd/moov/meta',
    ]);
    expect(indexOf(out?.bytes as Uint8Array, GPS_ISO6709)).toBe(-1);
    expect(out?.bytes.length).toBe(h.bytes.length);
  });

  it('refuses a HEIC whose structure cannot be walked', () => {
    const h = heic({ exif: exif() });
    const at = indexOf(h.bytes, 'iloc') - 4;
    const bad = [
      // An Exif extent beyond the end of the file (iloc v0, 4-byte offsets and lengths: the
      // second item's extent_offset is 36 bytes into the box).
      (() => {
        const b = h.bytes.slice();
        expect(u32At(b, at + 36)).toBe((h.exif as { start: number }).start);
        new DataView(b.buffer).setUint32(at + 36, b.length + 10);
        return b;
      })(),
      // iloc cut short.
      (() => {
        const b = h.bytes.slice();
        new DataView(b.buffer).setUint16(at + 14, 500); // item_count
        return b;
      })(),
      // No meta box.
      cat(box('ftyp', text('heic'), [0, 0, 0, 0], text('mif1heic')), box('mdat', [1, 2, 3])),
      // A meta child overflowing meta.
      (() => {
        const b = h.bytes.slice();
        new DataView(b.buffer).setUint32(indexOf(b, 'hdlr') - 4, 0xffff);
        return b;
      })(),
    ];
    for (const b of bad) expect(() => stripPhoto('heic', b)).toThrow(MalformedImageError);
  });

  it('never fails otherwise on corrupted bytes', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const h = heic({ exif: exif(), xmp: XMP_PACKET, xmpInIdat: true, udta: true });
    const metaEnd = h.image.start; // ftyp, meta, udta, then mdat's samples
    for (let round = 0; round < 400; round++) {
      const b = h.bytes.slice();
      for (let k = 0; k < 1 + (random() % 4); k++) b[random() % metaEnd] = random() & 0xff;
      try {
        expect(stripPhoto('heic', b)?.bytes.length).toBe(b.length);
      } catch (err) {
        expect(err).toBeInstanceOf(MalformedImageError);
      }
    }
  });

  it('reads an XMP item described by an infe of version 0', () => {
    const h = heic({ xmp: XMP_PACKET, xmpInfeVersion: 0 });
    const out = stripPhoto('heic', h.bytes);
    expect(out?.removed).toEqual(['item:XMP']);
    const x = h.xmp as { start: number; end: number };
    expect(changedRanges(h.bytes, out?.bytes as Uint8Array)).toEqual([x]);
  });
});
