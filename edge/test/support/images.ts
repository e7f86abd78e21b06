// Small real images for the tests, built in memory: a 16×12 JPEG (baseline, made with sharp)
// to which the tests add what phones write into photos: EXIF with the camera, orientation
// and GPS position, XMP, and a comment.

const BASE_JPEG_16x12 =
  '/9j/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCAAMABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCOAAXT/9k=';

export function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export const baseJpeg = () => fromBase64(BASE_JPEG_16x12);

const text = (s: string) => Array.from(new TextEncoder().encode(s));

/** Degrees as EXIF's three rationals (degrees, minutes, seconds × 100). */
function dms(value: number): [number, number][] {
  const abs = Math.abs(value);
  const d = Math.floor(abs);
  const mFloat = (abs - d) * 60;
  const m = Math.floor(mFloat);
  const s = Math.round((mFloat - m) * 60 * 100);
  return [
    [d, 1],
    [m, 1],
    [s, 100],
  ];
}

/** A little-endian TIFF/EXIF block: IFD0 (Make, Model, Orientation, GPS pointer) and a GPS IFD. */
export function exifApp1(opts: {
  lat: number;
  lng: number;
  orientation?: number;
  make?: string;
}): Uint8Array {
  const make = `${opts.make ?? 'Samsung'}\0`;
  const model = 'Galaxy A05 of Nguyen Van A\0';
  const bytes: number[] = [];
  const u16 = (v: number) => bytes.push(v & 0xff, (v >> 8) & 0xff);
  const u32 = (v: number) =>
    bytes.push(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff);

  // Layout: header(8) | IFD0: 2 + 4*12 + 4 = 54 | GPS IFD: 2 + 4*12 + 4 = 54 | data
  const ifd0 = 8;
  const gpsIfd = ifd0 + 54;
  let data = gpsIfd + 54;
  const makeAt = data;
  data += make.length;
  const modelAt = data;
  data += model.length;
  const latAt = data;
  data += 24;
  const lngAt = data;
  data += 24;

  bytes.push(0x49, 0x49);
  u16(42);
  u32(ifd0);
  // IFD0
  u16(4);
  const entry = (tag: number, type: number, count: number, value: number) => {
    u16(tag);
    u16(type);
    u32(count);
    u32(value);
  };
  entry(0x010f, 2, make.length, makeAt);
  entry(0x0110, 2, model.length, modelAt);
  u16(0x0112);
  u16(3);
  u32(1);
  u16(opts.orientation ?? 1);
  u16(0);
  entry(0x8825, 4, 1, gpsIfd);
  u32(0);
  // GPS IFD
  u16(4);
  u16(0x0001);
  u16(2);
  u32(2);
  bytes.push(opts.lat >= 0 ? 0x4e : 0x53, 0, 0, 0);
  entry(0x0002, 5, 3, latAt);
  u16(0x0003);
  u16(2);
  u32(2);
  bytes.push(opts.lng >= 0 ? 0x45 : 0x57, 0, 0, 0);
  entry(0x0004, 5, 3, lngAt);
  u32(0);
  // data
  bytes.push(...text(make), ...text(model));
  for (const [n, d] of [...dms(opts.lat), ...dms(opts.lng)]) {
    u32(n);
    u32(d);
  }
  const payload = [...text('Exif\0\0'), ...bytes];
  const length = payload.length + 2;
  return new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

function segment(marker: number, payload: number[]): Uint8Array {
  const length = payload.length + 2;
  return new Uint8Array([0xff, marker, length >> 8, length & 0xff, ...payload]);
}

export const xmpApp1 = () =>
  segment(0xe1, [
    ...text('http://ns.adobe.com/xap/1.0/\0'),
    ...text(
      '<x:xmpmeta><rdf:Description exif:GPSLatitude="9,47.07N" tiff:Model="Galaxy"/></x:xmpmeta>',
    ),
  ]);

export const comment = (s: string) => segment(0xfe, text(s));

/** The base JPEG with EXIF (GPS, camera, owner in the model string), XMP and a comment. */
export function phoneJpeg(opts: { lat: number; lng: number; orientation?: number }): Uint8Array {
  const base = baseJpeg();
  const parts = [
    base.subarray(0, 2),
    exifApp1(opts),
    xmpApp1(),
    comment('Chup boi Nguyen Van A'),
    base.subarray(2),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Contains `needle` (as bytes) anywhere in `haystack`. */
export function containsBytes(haystack: Uint8Array, needle: string | number[]): boolean {
  const n = typeof needle === 'string' ? text(needle) : needle;
  outer: for (let i = 0; i + n.length <= haystack.length; i++) {
    for (let j = 0; j < n.length; j++) if (haystack[i + j] !== n[j]) continue outer;
    return true;
  }
  return false;
}

/** A PNG: signature, IHDR, a tEXt chunk, tIME, IDAT, IEND (CRCs are not checked by the stripper). */
export function pngWithText(): Uint8Array {
  const chunk = (type: string, data: number[]) => {
    const len = data.length;
    return [
      (len >>> 24) & 255,
      (len >>> 16) & 255,
      (len >>> 8) & 255,
      len & 255,
      ...text(type),
      ...data,
      0,
      0,
      0,
      0,
    ];
  };
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', [0, 0, 0, 4, 0, 0, 0, 3, 8, 2, 0, 0, 0]),
    ...chunk('tEXt', text('Author\0Nguyen Van A')),
    ...chunk('tIME', [7, 234, 1, 2, 3, 4, 5]),
    ...chunk('IDAT', [1, 2, 3, 4]),
    ...chunk('IEND', []),
  ]);
}

/** The first bytes of an MP4 (an ftyp box, then filler): enough for type sniffing, but not a
 * whole video: with no moov box, finishing it as a video is refused. */
export function fakeMp4(bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  out.set([0, 0, 0, 0x18, ...text('ftypisom'), 0, 0, 2, 0, ...text('isomiso2')]);
  for (let i = 24; i < bytes; i++) out[i] = (i * 31) & 0xff;
  return out;
}
