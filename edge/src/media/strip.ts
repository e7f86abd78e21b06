// Removes metadata that can identify a person (GPS position, camera and phone model, owner
// name, dates, editing software, thumbnails that may show the uncropped picture) from photos
// and videos before they are stored, without re-encoding: the pixels and samples are copied
// byte for byte.
//
// Covered:
//   JPEG  drops every APPn segment except APP0 (JFIF), APP2 "ICC_PROFILE" (colour) and APP14
//         "Adobe" (colour transform of CMYK/YCCK), and every COM segment. EXIF (APP1) goes
//         with its GPS, maker notes and thumbnail; XMP (APP1) and IPTC/Photoshop (APP13) too.
//         When the EXIF said the picture is rotated, a new minimal EXIF with only the
//         Orientation tag is written, so the photo is not shown sideways.
//   PNG   drops tEXt, zTXt, iTXt (text, XMP), eXIf (EXIF) and tIME chunks.
//   WebP  drops the EXIF and "XMP " chunks, clears their flags in VP8X and fixes the RIFF size.
//   HEIC/HEIF (strip-isobmff.ts, in place: same length, every offset stays valid) zeroes the
//         bytes of the Exif items and of the XMP items (type 'mime', application/rdf+xml),
//         wherever iloc puts them (mdat or idat); turns udta, meco, XML and XMP-uuid boxes at
//         the top level and in the meta box into `free` boxes of the same size; cleans an
//         image sequence's moov and a motion photo's embedded video (mpvd) like a video (an
//         mpvd whose video cannot be walked becomes `free`: the still image stays). The item
//         entries stay, so readers find an empty (zeroed) Exif/XMP block. Orientation stays:
//         HEIF rotates with its irot/imir properties, not with EXIF.
//   MP4/MOV/3GP videos (strip-isobmff.ts, applied by uploads.ts while composing the chunks)
//         turn every udta, meta and meco box (QuickTime ©xyz GPS, ©mak/©mod, mdta keys such
//         as com.apple.quicktime.location.ISO6709, 3GPP loci) and the XMP uuid box, at the
//         top level and inside moov, trak (mdia, minf) and moof/traf, into `free` boxes of the
//         same size with zeroed contents; sample offsets (stco/co64) stay valid.
// Refused (the upload's "invalid file" answer): HEIC and videos whose boxes cannot be walked
// (a size that overflows its parent, no meta in a HEIC, no moov in a video), and videos whose
// moov is over 8 MiB (strip-isobmff.ts MAX_MOOV_BYTES), rather than stored with their metadata.
// Not covered (stored as received):
//   - timed metadata tracks of videos: the GPS track of action cameras, dashcams and drones
//     (GoPro GPMF, Google CAMM, DJI), Apple's mebx tracks; their samples are in mdat;
//   - creation and modification times in mvhd/tkhd/mdhd, encoder names in hdlr boxes, and
//     the brands of ftyp;
//   - bytes after the last well-formed top-level box of a video or HEIC once moov/meta was
//     cleaned (vendor trailers such as Samsung's SEF, truncated files): kept unchanged;
//   - HEIF metadata items built from another item (iloc construction_method 2) or kept in
//     another file, and metadata inside image items themselves (e.g. a JPEG-coded item);
//   - a JPEG's trailer after the scan (e.g. the MP4 of a JPEG motion photo) is copied as is.
// The mini app converts photos to JPEG on the phone before upload, so HEIC mostly arrives
// from other clients.

import { applyPatches, MalformedBoxError, planHeif } from './strip-isobmff';

export class MalformedImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedImageError';
  }
}

export interface Stripped {
  bytes: Uint8Array;
  width: number | null;
  height: number | null;
  /** Names of the removed segments/chunks, for logs and tests. */
  removed: string[];
}

class Out {
  private readonly parts: Uint8Array[] = [];
  private size = 0;
  push(part: Uint8Array) {
    this.parts.push(part);
    this.size += part.length;
  }
  join(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

const ascii = (b: Uint8Array, from: number, length: number) =>
  String.fromCharCode(...b.subarray(from, from + length));

// ---- JPEG ---------------------------------------------------------------------------------

const SOF_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

/** A minimal EXIF APP1 segment holding only Orientation (big-endian TIFF, one IFD entry). */
function orientationSegment(orientation: number): Uint8Array {
  const tiff = [
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08, // "MM", 42, IFD0 at 8
    0x00,
    0x01, // one entry
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01, // Orientation, SHORT, count 1
    0x00,
    orientation & 0xff,
    0x00,
    0x00, // value (left-justified)
    0x00,
    0x00,
    0x00,
    0x00, // no next IFD
  ];
  const payload = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff]; // "Exif\0\0"
  const length = payload.length + 2;
  return new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

export function stripJpeg(
  bytes: Uint8Array,
  opts: { orientation?: number | undefined } = {},
): Stripped {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new MalformedImageError('not a JPEG');
  const out = new Out();
  const removed: string[] = [];
  let width: number | null = null;
  let height: number | null = null;
  out.push(bytes.subarray(0, 2));
  // The orientation-only EXIF goes right after SOI, or after APP0 when the file starts with
  // JFIF (decoders look for EXIF anywhere before the scan; JFIF wants APP0 first).
  const startsWithApp0 = bytes[2] === 0xff && bytes[3] === 0xe0;
  let orientationPending =
    opts.orientation !== undefined && opts.orientation >= 2 && opts.orientation <= 8;
  const writeOrientation = () => {
    if (orientationPending) out.push(orientationSegment(opts.orientation ?? 1));
    orientationPending = false;
  };
  if (!startsWithApp0) writeOrientation();

  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw new MalformedImageError(`expected a marker at ${at}`);
    // Fill bytes (0xFF repeated) may precede a marker.
    let marker = bytes[at + 1];
    while (marker === 0xff && at + 2 < bytes.length) {
      at++;
      marker = bytes[at + 1];
    }
    if (marker === undefined) throw new MalformedImageError('truncated marker');
    if (marker === 0xd9) {
      out.push(bytes.subarray(at, at + 2));
      return { bytes: out.join(), width, height, removed };
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(bytes.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) throw new MalformedImageError('truncated segment');
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    if (length < 2 || at + 2 + length > bytes.length)
      throw new MalformedImageError('bad segment length');
    const segment = bytes.subarray(at, at + 2 + length);
    const payloadStart = at + 4;

    if (marker === 0xda) {
      // Start of scan: the entropy-coded data and everything after it is image data.
      writeOrientation();
      out.push(bytes.subarray(at));
      return { bytes: out.join(), width, height, removed };
    }
    let keep = true;
    if (marker >= 0xe0 && marker <= 0xef) {
      const app = marker - 0xe0;
      const id = ascii(bytes, payloadStart, Math.min(14, length - 2));
      keep =
        (app === 0 && (id.startsWith('JFIF') || id.startsWith('JFXX'))) ||
        (app === 2 && id.startsWith('ICC_PROFILE')) ||
        (app === 14 && id.startsWith('Adobe'));
      if (!keep)
        removed.push(
          `APP${app}${id.startsWith('Exif') ? ':Exif' : id.startsWith('http') ? ':XMP' : ''}`,
        );
    } else if (marker === 0xfe) {
      keep = false;
      removed.push('COM');
    }
    if (SOF_MARKERS.has(marker) && length >= 7) {
      height = ((bytes[payloadStart + 1] ?? 0) << 8) | (bytes[payloadStart + 2] ?? 0);
      width = ((bytes[payloadStart + 3] ?? 0) << 8) | (bytes[payloadStart + 4] ?? 0);
    }
    if (keep) out.push(segment);
    writeOrientation();
    at += 2 + length;
  }
  throw new MalformedImageError('no image data (SOS) found');
}

// ---- PNG ----------------------------------------------------------------------------------

const PNG_DROP = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

export function stripPng(bytes: Uint8Array): Stripped {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Out();
  const removed: string[] = [];
  out.push(bytes.subarray(0, 8));
  let width: number | null = null;
  let height: number | null = null;
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = ascii(bytes, at + 4, 4);
    const end = at + 12 + length;
    if (end > bytes.length) throw new MalformedImageError('truncated PNG chunk');
    if (type === 'IHDR' && length >= 8) {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
    }
    if (PNG_DROP.has(type)) removed.push(type);
    else out.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') return { bytes: out.join(), width, height, removed };
  }
  throw new MalformedImageError('PNG without IEND');
}

// ---- WebP ---------------------------------------------------------------------------------

const WEBP_DROP = new Set(['EXIF', 'XMP ']);
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

export function stripWebp(bytes: Uint8Array): Stripped {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') {
    throw new MalformedImageError('not a WebP');
  }
  const riffEnd = Math.min(bytes.length, 8 + view.getUint32(4, true));
  const chunks: Uint8Array[] = [];
  const removed: string[] = [];
  let width: number | null = null;
  let height: number | null = null;
  let at = 12;
  while (at + 8 <= riffEnd) {
    const type = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size & 1);
    if (at + 8 + size > riffEnd) throw new MalformedImageError('truncated WebP chunk');
    const p = at + 8;
    if (type === 'VP8X' && size >= 10) {
      width = 1 + ((bytes[p + 4] ?? 0) | ((bytes[p + 5] ?? 0) << 8) | ((bytes[p + 6] ?? 0) << 16));
      height = 1 + ((bytes[p + 7] ?? 0) | ((bytes[p + 8] ?? 0) << 8) | ((bytes[p + 9] ?? 0) << 16));
    } else if (type === 'VP8 ' && size >= 10 && width === null) {
      width = view.getUint16(p + 6, true) & 0x3fff;
      height = view.getUint16(p + 8, true) & 0x3fff;
    } else if (type === 'VP8L' && size >= 5 && width === null) {
      const bits = view.getUint32(p + 1, true);
      width = (bits & 0x3fff) + 1;
      height = ((bits >> 14) & 0x3fff) + 1;
    }
    if (WEBP_DROP.has(type)) removed.push(type.trim());
    else {
      const chunk = bytes.slice(at, Math.min(end, riffEnd));
      if (type === 'VP8X') chunk[8] = (chunk[8] ?? 0) & ~(VP8X_EXIF | VP8X_XMP);
      chunks.push(chunk);
    }
    at = end;
  }
  const bodySize = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(12 + bodySize);
  out.set(bytes.subarray(0, 12));
  new DataView(out.buffer).setUint32(4, 4 + bodySize, true);
  let w = 12;
  for (const c of chunks) {
    out.set(c, w);
    w += c.length;
  }
  return { bytes: out, width, height, removed };
}

// ---- HEIC/HEIF ----------------------------------------------------------------------------

/** Zeroes Exif and XMP items and neutralises metadata boxes in place (same length). */
export function stripHeic(bytes: Uint8Array): Stripped {
  let plan: ReturnType<typeof planHeif>;
  try {
    plan = planHeif(bytes);
  } catch (err) {
    if (err instanceof MalformedBoxError) throw new MalformedImageError(err.message);
    throw err;
  }
  if (plan.patches.length === 0) return { bytes, width: null, height: null, removed: [] };
  const out = bytes.slice();
  applyPatches(out, 0, plan.patches);
  return { bytes: out, width: null, height: null, removed: plan.removed };
}

/** Strips a photo of a format this module covers; null for formats stored as received. */
export function stripPhoto(
  format: 'jpeg' | 'png' | 'webp' | 'heic',
  bytes: Uint8Array,
  opts: { orientation?: number | undefined } = {},
): Stripped | null {
  switch (format) {
    case 'jpeg':
      return stripJpeg(bytes, opts);
    case 'png':
      return stripPng(bytes);
    case 'webp':
      return stripWebp(bytes);
    case 'heic':
      return stripHeic(bytes);
    default:
      return null;
  }
}
