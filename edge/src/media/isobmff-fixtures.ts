// Test fixtures only (the Worker never imports this file): small synthetic ISO base media
// files, well-formed box by box, with the metadata phones write: an MP4/MOV/3GP video whose
// moov holds mvhd, a trak (tkhd, mdia with stco pointing into mdat, and a udta), a udta with
// the QuickTime GPS position (©xyz) and device, and an Apple mdta meta; and a HEIC whose
// meta lists an image item, an Exif item and an XMP item, located by iloc in mdat or idat.

type Bytes = Uint8Array | readonly number[];

const encoder = new TextEncoder();
export const text = (s: string): number[] => Array.from(encoder.encode(s));
const cstr = (s: string) => [...text(s), 0];
const u8 = (n: number) => [n & 255];
const u16 = (n: number) => [(n >> 8) & 255, n & 255];
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u64 = (n: number) => [...u32(Math.floor(n / 2 ** 32)), ...u32(n >>> 0)];
/** A four-character code; '©' is the single byte 0xA9 as in QuickTime. */
const fourcc = (s: string) => Array.from(s, (c) => c.charCodeAt(0) & 255);

export function cat(...parts: Bytes[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A box with a 32-bit size; `type` is a four-character code or its four bytes. */
export function box(type: string | readonly number[], ...payload: Bytes[]): Uint8Array {
  const body = cat(...payload);
  return cat(u32(8 + body.length), typeof type === 'string' ? fourcc(type) : type, body);
}

/** A box with size = 1 and a 64-bit largesize. */
export function largeBox(type: string, ...payload: Bytes[]): Uint8Array {
  const body = cat(...payload);
  return cat(u32(1), fourcc(type), u64(16 + body.length), body);
}

export const fullBox = (type: string, version: number, flags: number, ...payload: Bytes[]) =>
  box(type, u8(version), u32(flags).slice(1), ...payload);

/** Position of `needle` in `haystack`, or -1. */
export function indexOf(haystack: Uint8Array, needle: string | Bytes): number {
  const n = typeof needle === 'string' ? text(needle) : Array.from(needle);
  outer: for (let i = 0; i + n.length <= haystack.length; i++) {
    for (let j = 0; j < n.length; j++) if (haystack[i + j] !== n[j]) continue outer;
    return i;
  }
  return -1;
}

/** Deterministic bytes standing in for coded samples (all ≥ 0x80: never text). */
export function samples(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = 0x80 | ((i * 31 + seed) & 0x7f);
  return out;
}

// ---- videos -------------------------------------------------------------------------------

export const GPS_ISO6709 = '+09.7845+105.4701/';
export const DEVICE_MAKE = 'samsung';
export const DEVICE_MODEL = 'SM-A055F Galaxy A05';
export const OWNER = 'Nguyen Van A';

const matrix = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000].flatMap(u32);
const CREATED = 3_850_000_000; // seconds since 1904

/** A QuickTime user-data text atom: length, language, text. */
const qtText = (type: string, value: string) =>
  box(type, u16(text(value).length), u16(0x15c7), text(value));

function trak(chunkOffset: number, mdatBytes: number, metadata: boolean): Uint8Array {
  const stbl = box(
    'stbl',
    fullBox('stsd', 0, 0, u32(0)),
    fullBox('stts', 0, 0, u32(1), u32(1), u32(1000)),
    fullBox('stsc', 0, 0, u32(1), u32(1), u32(1), u32(1)),
    fullBox('stsz', 0, 0, u32(0), u32(1), u32(mdatBytes)),
    fullBox('stco', 0, 0, u32(1), u32(chunkOffset)),
  );
  return box(
    'trak',
    fullBox(
      'tkhd',
      0,
      3,
      u32(CREATED),
      u32(CREATED),
      u32(1),
      u32(0),
      u32(1000),
      u32(0),
      u32(0),
      u16(0),
      u16(0),
      u16(0),
      u16(0),
      matrix,
      u32(16 << 16),
      u32(12 << 16),
    ),
    box(
      'mdia',
      fullBox('mdhd', 0, 0, u32(CREATED), u32(CREATED), u32(1000), u32(1000), u16(0x55c4), u16(0)),
      fullBox('hdlr', 0, 0, u32(0), fourcc('vide'), u32(0), u32(0), u32(0), cstr('VideoHandle')),
      box(
        'minf',
        fullBox('vmhd', 0, 1, u16(0), u16(0), u16(0), u16(0)),
        box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
        stbl,
      ),
    ),
    metadata ? box('udta', qtText('©mod', DEVICE_MODEL), qtText('©swr', 'A055FXXU1AWK1')) : [],
  );
}

function moovBox(chunkOffset: number, mdatBytes: number, metadata: boolean): Uint8Array {
  const key = 'com.apple.quicktime.location.ISO6709';
  return box(
    'moov',
    fullBox(
      'mvhd',
      0,
      0,
      u32(CREATED),
      u32(CREATED),
      u32(1000),
      u32(1000),
      u32(0x10000),
      u16(0x100),
      new Array(10).fill(0),
      matrix,
      new Array(24).fill(0),
      u32(2),
    ),
    trak(chunkOffset, mdatBytes, metadata),
    metadata
      ? box(
          'udta',
          qtText('©xyz', GPS_ISO6709),
          qtText('©mak', DEVICE_MAKE),
          qtText('©mod', DEVICE_MODEL),
          qtText('©aut', OWNER),
        )
      : [],
    metadata
      ? fullBox(
          'meta',
          0,
          0,
          fullBox('hdlr', 0, 0, u32(0), fourcc('mdta'), u32(0), u32(0), u32(0), [0]),
          fullBox(
            'keys',
            0,
            0,
            u32(2),
            box('mdta', text(key)),
            box('mdta', text('com.apple.quicktime.model')),
          ),
          box(
            'ilst',
            box(u32(1), box('data', u32(1), u32(0), text(GPS_ISO6709))),
            box(u32(2), box('data', u32(1), u32(0), text(DEVICE_MODEL))),
          ),
        )
      : [],
  );
}

export interface VideoOptions {
  /** 'isom' (MP4, default), 'qt  ' (MOV) or '3gp4'. */
  brand?: 'isom' | 'qt  ' | '3gp4';
  /** mdat before moov, as phones write without "fast start" (default false). */
  moovLast?: boolean;
  /** mdat with size = 1 and a 64-bit largesize. */
  largeMdat?: boolean;
  /** udta/meta with GPS and device (default true). */
  metadata?: boolean;
  /** Size of the coded samples in mdat (default 4096). */
  mdatBytes?: number;
  /** A top-level free box of this many bytes right after ftyp (reserved space). */
  padding?: number;
}

export interface Video {
  bytes: Uint8Array;
  /** The samples in mdat: [start, end) in the file. */
  mdat: { start: number; end: number };
  moov: { start: number; end: number };
  /** Offset in the file of the (only) stco entry, whose value is mdat.start. */
  stcoEntry: number;
}

export function video(opts: VideoOptions = {}): Video {
  const brand = opts.brand ?? 'isom';
  const metadata = opts.metadata ?? true;
  const mdatBytes = opts.mdatBytes ?? 4096;
  const ftyp = box(
    'ftyp',
    fourcc(brand),
    u32(0x200),
    fourcc(brand),
    fourcc(brand === 'isom' ? 'mp41' : brand),
  );
  const pad = opts.padding ? box('free', new Array(opts.padding - 8).fill(0)) : new Uint8Array(0);
  const wide = brand === 'qt  ' ? box('wide') : new Uint8Array(0);
  const payload = samples(mdatBytes);
  const mdat = opts.largeMdat ? largeBox('mdat', payload) : box('mdat', payload);
  const mdatHeader = mdat.length - mdatBytes;
  const head = ftyp.length + pad.length + wide.length;
  const moovSize = moovBox(0, mdatBytes, metadata).length;
  const mdatAt = opts.moovLast ? head : head + moovSize;
  const moovAt = opts.moovLast ? head + mdat.length : head;
  const moov = moovBox(mdatAt + mdatHeader, mdatBytes, metadata);
  const bytes = opts.moovLast ? cat(ftyp, pad, wide, mdat, moov) : cat(ftyp, pad, wide, moov, mdat);
  const stco = indexOf(moov, fourcc('stco'));
  return {
    bytes,
    mdat: { start: mdatAt + mdatHeader, end: mdatAt + mdat.length },
    moov: { start: moovAt, end: moovAt + moov.length },
    stcoEntry: moovAt + stco + 12,
  };
}

// ---- HEIC ---------------------------------------------------------------------------------

export const XMP_PACKET =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description exif:GPSLatitude="9,47.07N" exif:GPSLongitude="105,28.206E" tiff:Model="SM-A055F"/>' +
  '</rdf:RDF></x:xmpmeta>';

export interface HeicOptions {
  /** The Exif item's payload after its 4-byte header offset ("Exif\0\0" then TIFF); none: no Exif item. */
  exif?: Uint8Array;
  /** An XMP item ('mime', application/rdf+xml). */
  xmp?: string;
  /** Describe the XMP item with an infe of version 0 (content type, no item type). */
  xmpInfeVersion?: 0 | 2;
  /** Keep the XMP item in idat (construction_method 1) instead of mdat. */
  xmpInIdat?: boolean;
  /** iloc version (default 0; 1 is needed for idat). */
  ilocVersion?: 0 | 1 | 2;
  /** iloc base_offset = mdat's payload start and extents relative to it (exifr ignores base offsets). */
  baseOffset?: boolean;
  /** A top-level udta box with the device. */
  udta?: boolean;
  /** A motion photo's video in a top-level mpvd box after mdat. */
  motionVideo?: Uint8Array;
}

export interface Heic {
  bytes: Uint8Array;
  /** The coded image (hvc1 item) in mdat. */
  image: { start: number; end: number };
  exif?: { start: number; end: number };
  xmp?: { start: number; end: number };
  idat?: { start: number; end: number };
}

export function heic(opts: HeicOptions = {}): Heic {
  const version = opts.ilocVersion ?? (opts.xmpInIdat ? 1 : 0);
  const image = samples(600, 3);
  const exif = opts.exif ? cat(u32(6), opts.exif) : null;
  const xmp = opts.xmp ? new Uint8Array(text(opts.xmp)) : null;
  const xmpInMdat = xmp && !opts.xmpInIdat;
  const ftyp = box('ftyp', fourcc('heic'), u32(0), fourcc('mif1'), fourcc('heic'));

  const build = (mdatPayloadAt: number) => {
    const base = opts.baseOffset ? mdatPayloadAt : 0;
    const baseSize = opts.baseOffset ? 4 : 0;
    const entries: Bytes[] = [];
    const item = (id: number, method: number, offset: number, length: number) => {
      entries.push(
        version < 2 ? u16(id) : u32(id),
        version >= 1 ? u16(method) : [],
        u16(0),
        baseSize ? u32(method === 0 ? base : 0) : [],
        u16(1),
        u32(method === 0 ? offset - base : offset),
        u32(length),
      );
    };
    let at = mdatPayloadAt;
    item(1, 0, at, image.length);
    at += image.length;
    if (exif) {
      item(2, 0, at, exif.length);
      at += exif.length;
    }
    if (xmp) {
      if (xmpInMdat) item(3, 0, at, xmp.length);
      else item(3, 1, 0, xmp.length);
    }
    const count = 1 + (exif ? 1 : 0) + (xmp ? 1 : 0);
    const infe = [
      fullBox('infe', 2, 0, u16(1), u16(0), fourcc('hvc1'), [0]),
      exif ? fullBox('infe', 2, 0, u16(2), u16(0), fourcc('Exif'), [0]) : [],
      !xmp
        ? []
        : opts.xmpInfeVersion === 0
          ? fullBox('infe', 0, 0, u16(3), u16(0), cstr('XMP'), cstr('application/rdf+xml'))
          : fullBox('infe', 2, 1, u16(3), u16(0), fourcc('mime'), [0], cstr('application/rdf+xml')),
    ];
    return fullBox(
      'meta',
      0,
      0,
      fullBox('hdlr', 0, 0, u32(0), fourcc('pict'), u32(0), u32(0), u32(0), [0]),
      fullBox('pitm', 0, 0, u16(1)),
      fullBox('iinf', 0, 0, u16(count), ...infe),
      exif ? fullBox('iref', 0, 0, box('cdsc', u16(2), u16(1), u16(1))) : [],
      fullBox(
        'iloc',
        version,
        0,
        [0x44, baseSize << 4],
        version < 2 ? u16(count) : u32(count),
        ...entries,
      ),
      box(
        'iprp',
        box('ipco', box('hvcC', new Array(23).fill(0)), fullBox('ispe', 0, 0, u32(16), u32(12))),
        fullBox('ipma', 0, 0, u32(1), u16(1), u8(2), u8(0x81), u8(0x02)),
      ),
      xmp && opts.xmpInIdat ? box('idat', xmp) : [],
    );
  };
  const metaSize = build(0).length;
  const udta = opts.udta
    ? box('udta', qtText('©mod', DEVICE_MODEL), qtText('©aut', OWNER))
    : new Uint8Array(0);
  const mdatPayloadAt = ftyp.length + metaSize + udta.length + 8;
  const meta = build(mdatPayloadAt);
  const mdat = box('mdat', image, exif ?? [], xmpInMdat ? xmp : []);
  const mpvd = opts.motionVideo ? box('mpvd', opts.motionVideo) : new Uint8Array(0);
  const bytes = cat(ftyp, meta, udta, mdat, mpvd);
  const out: Heic = { bytes, image: { start: mdatPayloadAt, end: mdatPayloadAt + image.length } };
  let at = out.image.end;
  if (exif) {
    out.exif = { start: at, end: at + exif.length };
    at += exif.length;
  }
  if (xmp && xmpInMdat) out.xmp = { start: at, end: at + xmp.length };
  if (xmp && opts.xmpInIdat) {
    // idat is the last box of meta and holds only the XMP packet.
    const start = ftyp.length + meta.length - xmp.length;
    out.xmp = { start, end: start + xmp.length };
    out.idat = out.xmp;
  }
  return out;
}

/** The byte ranges where `a` and `b` (same length) differ, merged. */
export function changedRanges(a: Uint8Array, b: Uint8Array): { start: number; end: number }[] {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  const out: { start: number; end: number }[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const last = out[out.length - 1];
    if (last && last.end === i) last.end = i + 1;
    else out.push({ start: i, end: i + 1 });
  }
  return out;
}
