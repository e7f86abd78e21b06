// The real type of an uploaded file, from its first bytes (magic numbers and ISO-BMFF
// brands), whatever its name or declared type says. A small table instead of a library:
// six formats, all with fixed signatures.

export type SniffedType =
  | { kind: 'photo'; format: 'jpeg' | 'png' | 'webp' | 'heic'; mime: string }
  | { kind: 'video'; format: 'mp4' | 'mov' | '3gp'; mime: string };

/** Bytes needed to decide (ftyp boxes list their compatible brands within the first few dozen bytes). */
export const SNIFF_BYTES = 64;

export const ACCEPTED_MIME_TYPES = {
  photo: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'],
  video: ['video/mp4', 'video/quicktime', 'video/3gpp'],
} as const;

const ascii = (b: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'M4V ',
  'M4VH',
  'M4VP',
  'dash',
  'mmp4',
  'MSNV',
  'f4v ',
]);
const MOV_BRANDS = new Set(['qt  ']);
const THREE_GP = /^3g[p2][0-9a-z]$/;

export function sniff(bytes: Uint8Array): SniffedType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { kind: 'photo', format: 'jpeg', mime: 'image/jpeg' };
  }
  if (
    bytes.length >= 8 &&
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => bytes[i] === v)
  ) {
    return { kind: 'photo', format: 'png', mime: 'image/png' };
  }
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') {
    return { kind: 'photo', format: 'webp', mime: 'image/webp' };
  }
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const boxSize = view.getUint32(0);
    const end = Math.min(bytes.length, boxSize >= 16 ? boxSize : 16);
    // Major brand, then the compatible brands (skipping the minor version at 12..16).
    const brands = [ascii(bytes, 8, 12)];
    for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, at + 4));
    if (brands.some((b) => HEIF_BRANDS.has(b)) && !brands.some((b) => MOV_BRANDS.has(b))) {
      // A HEIF still image; HEVC sequences ("hevc"/"msf1" as major) are still images' bursts.
      return { kind: 'photo', format: 'heic', mime: 'image/heic' };
    }
    if (brands.some((b) => MOV_BRANDS.has(b)))
      return { kind: 'video', format: 'mov', mime: 'video/quicktime' };
    if (brands.some((b) => MP4_BRANDS.has(b)))
      return { kind: 'video', format: 'mp4', mime: 'video/mp4' };
    if (brands.some((b) => THREE_GP.test(b)))
      return { kind: 'video', format: '3gp', mime: 'video/3gpp' };
  }
  return null;
}
