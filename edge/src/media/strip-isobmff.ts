// Metadata removal for ISO base media files (ISO/IEC 14496-12): MP4, QuickTime MOV and 3GP
// videos, and HEIF/HEIC photos (ISO/IEC 23008-12), done IN PLACE: every size and offset in the
// file stays valid, so the sample tables (stco/co64 chunk offsets) and the item locations
// (iloc) need no rewriting. The result is a list of byte patches, {offset, length, bytes?}
// (no bytes: zeros), applied to the stored bytes; a file with nothing to remove gets none.
//
//   Boxes that only carry metadata become `free` boxes of the same size: the size field
//   (and 64-bit largesize) is kept, the type becomes 'free' and everything after the size
//   fields is zeroed. Players skip `free` boxes by definition. Neutralised wherever the scan
//   looks (top level, moov, trak, mdia, minf, moof, traf, and a HEIF's file-level meta):
//     udta   user data: QuickTime ©xyz (GPS), ©mak/©mod (device), ©swr, ©day, 3GPP loci
//            (location), auth, titl..., Samsung smta, GoPro/DJI device boxes;
//     meta   QuickTime mdta keys/ilst (com.apple.quicktime.location.ISO6709, make, model,
//            software, creationdate), iTunes ilst (except a HEIF's file-level meta, which
//            holds the image itself: see below);
//     meco   additional metadata container (holds more meta boxes);
//     uuid   only the XMP one (BE7ACFCB-97A9-42E8-9C71-999491E3AFAC);
//     xml /bxml  XML metadata directly in a HEIF's meta box.
//   Inside boxes read whole, existing free/skip boxes have their contents zeroed when not
//   already zero (editors leave old metadata there when they rewrite it shorter).
//
// Videos are never held whole in memory: their plan is made from box headers read at known
// offsets (64 KiB at a time) plus the `moov` (and `moof`) boxes read whole, at most
// MAX_MOOV_BYTES each. The walk is written once as a generator that asks for byte ranges,
// driven either over an in-memory file (planVideoBytes) or an asynchronous source such as
// the chunk objects of an upload (planVideo); the caller applies the patches to each chunk
// as it composes the file (applyPatches works on any window of the file, so a patch may span
// two chunks).
//
// HEIF photos are held whole (like JPEG): in the file-level `meta`, the items of type 'Exif',
// and of type 'mime' with an XMP content type (application/rdf+xml), are found in `iinf`,
// located through `iloc` (construction_method 0: file offsets, usually inside mdat;
// 1: offsets inside `idat`) and their bytes zeroed. The item entries stay (a reader then
// finds an empty Exif/XMP block); the image items and their properties are untouched.
//
// Not covered here, by design or for now (see strip.ts for the full list): timed metadata
// tracks (GPS samples of action cameras, dashcams, drones: GoPro GPMF, Google CAMM, Apple
// mebx) whose samples live in mdat; creation/modification times of mvhd/tkhd/mdhd; bytes
// after the last well-formed top-level box once moov has been seen (vendor trailers,
// truncated files) are stored as received; HEIF items built by construction_method 2 (from
// another item) or stored in another file (data_reference_index ≠ 0).

/** The box structure cannot be walked: sizes that overflow their parent, no moov in a video, … */
export class MalformedBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedBoxError';
  }
}

/** The video's moov (or a moof) is larger than we accept to read into memory. */
export class MoovTooLargeError extends Error {
  constructor(
    readonly type: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`${type} of ${bytes} bytes exceeds ${limit}`);
    this.name = 'MoovTooLargeError';
  }
}

/** Bytes to write at `offset`: `bytes` when given (of `length` bytes), zeros otherwise. */
export interface Patch {
  offset: number;
  length: number;
  bytes?: Uint8Array;
}

export interface Plan {
  patches: Patch[];
  /** What was neutralised, as box paths ("moov/udta", "moov/trak/meta") or items ("item:Exif"). */
  removed: string[];
  /** Bytes after the last well-formed top-level box, left as they are (0 when none). */
  trailingBytes: number;
}

/** A file read by ranges: the chunk objects of an upload, or bytes in memory. */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** The largest moov/moof read into memory (a phone video's moov is tens of KB per minute). */
export const MAX_MOOV_BYTES = 8 * 1024 * 1024;
/** Top-level boxes walked before giving up (a fragmented file has two per fragment). */
const MAX_TOP_LEVEL_BOXES = 10_000;
/**
 * Bytes read at once when looking for box headers: small boxes that follow each other come
 * from one read, so a walk makes at most about size / READ_AHEAD reads plus one per large
 * moov/moof, whatever the number of boxes (R2 reads count as subrequests).
 */
const READ_AHEAD = 64 * 1024;
const MAX_DEPTH = 8;

const FREE = new Uint8Array([0x66, 0x72, 0x65, 0x65]); // 'free'
const XMP_UUID = [
  0xbe, 0x7a, 0xcf, 0xcb, 0x97, 0xa9, 0x42, 0xe8, 0x9c, 0x71, 0x99, 0x94, 0x91, 0xe3, 0xaf, 0xac,
];
/** Boxes holding only metadata, wherever they are found. */
const METADATA_BOXES = new Set(['udta', 'meta', 'meco']);
/** Containers whose children are scanned for metadata boxes (never stbl: sample entries). */
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'moof', 'traf']);

const fourcc = (b: Uint8Array, at: number) =>
  String.fromCharCode(b[at] ?? 0, b[at + 1] ?? 0, b[at + 2] ?? 0, b[at + 3] ?? 0);
const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

interface BoxHead {
  type: string;
  /** Offset of the box in the buffer it was read from. */
  start: number;
  /** Size of the size/type/largesize fields: 8 or 16 (a uuid's usertype is payload here). */
  headerSize: number;
  end: number;
}

/**
 * The header of the box at `at` in `b`, whose parent ends at `limit` (a size of 0 means "to
 * the end of the parent"); null when the header is cut off or the size does not fit.
 */
function readHead(b: Uint8Array, at: number, limit: number): BoxHead | null {
  if (limit - at < 8 || at + 8 > b.length) return null;
  const dv = view(b);
  const size32 = dv.getUint32(at);
  const type = fourcc(b, at + 4);
  let size: number;
  let headerSize = 8;
  if (size32 === 1) {
    if (limit - at < 16 || at + 16 > b.length) return null;
    const large = dv.getBigUint64(at + 8);
    if (large > BigInt(Number.MAX_SAFE_INTEGER)) return null;
    size = Number(large);
    headerSize = 16;
  } else if (size32 === 0) {
    size = limit - at;
  } else {
    size = size32;
  }
  if (size < headerSize || at + size > limit) return null;
  return { type, start: at, headerSize, end: at + size };
}

const isXmpUuid = (b: Uint8Array, head: BoxHead) =>
  head.type === 'uuid' &&
  head.end - head.start >= head.headerSize + 16 &&
  XMP_UUID.every((v, i) => b[head.start + head.headerSize + i] === v);

function label(b: Uint8Array, head: BoxHead): string {
  return isXmpUuid(b, head) ? 'uuid:XMP' : head.type;
}

/** Patches turning the box at absolute [start, end) into a `free` box of the same size. */
function neutralise(plan: Plan, start: number, headerSize: number, end: number, name: string) {
  plan.patches.push({ offset: start + 4, length: 4, bytes: FREE });
  if (end > start + headerSize)
    plan.patches.push({ offset: start + headerSize, length: end - start - headerSize });
  plan.removed.push(name);
}

/** Zeroes the contents of a free/skip box read into memory, when they are not already zero. */
function clearFree(plan: Plan, b: Uint8Array, base: number, head: BoxHead, name: string) {
  const from = head.start + head.headerSize;
  if (b.subarray(from, head.end).some((v) => v !== 0)) {
    plan.patches.push({ offset: base + from, length: head.end - from });
    plan.removed.push(name);
  }
}

/**
 * Scans the children in b[from, to) of a container read into memory (`base`: the absolute
 * offset of b[0]) and neutralises metadata boxes, descending into CONTAINERS.
 */
function scanContainer(
  b: Uint8Array,
  base: number,
  from: number,
  to: number,
  path: string,
  depth: number,
  plan: Plan,
) {
  if (depth > MAX_DEPTH) throw new MalformedBoxError(`${path}: boxes nested too deep`);
  let at = from;
  // Fewer than 8 bytes left: padding (QuickTime may end a list with a 32-bit zero).
  while (to - at >= 8) {
    const head = readHead(b, at, to);
    if (!head) throw new MalformedBoxError(`${path}: bad box size at ${base + at}`);
    const name = `${path}/${label(b, head)}`;
    if (METADATA_BOXES.has(head.type) || isXmpUuid(b, head)) {
      neutralise(plan, base + head.start, head.headerSize, base + head.end, name);
    } else if (head.type === 'free' || head.type === 'skip') {
      clearFree(plan, b, base, head, name);
    } else if (CONTAINERS.has(head.type)) {
      scanContainer(b, base, head.start + head.headerSize, head.end, name, depth + 1, plan);
    }
    at = head.end;
  }
}

// ---- videos -------------------------------------------------------------------------------

interface Read {
  offset: number;
  length: number;
}

/**
 * The top-level walk of a video, as a generator that yields the byte ranges it needs and
 * receives them: the same code runs over memory or over R2 range reads.
 */
function* videoSteps(size: number, maxMoov: number): Generator<Read, Plan, Uint8Array> {
  const plan: Plan = { patches: [], removed: [], trailingBytes: 0 };
  let window: { offset: number; bytes: Uint8Array } = { offset: 0, bytes: new Uint8Array(0) };
  function* read(offset: number, length: number): Generator<Read, Uint8Array, Uint8Array> {
    const from = offset - window.offset;
    if (from >= 0 && from + length <= window.bytes.length) {
      return window.bytes.subarray(from, from + length);
    }
    const bytes = yield { offset, length: Math.min(size - offset, Math.max(length, READ_AHEAD)) };
    window = { offset, bytes };
    return bytes.subarray(0, length);
  }
  let at = 0;
  let boxes = 0;
  let moov = false;
  while (at < size) {
    if (++boxes > MAX_TOP_LEVEL_BOXES) throw new MalformedBoxError('too many top-level boxes');
    // 16 bytes of header, and a uuid's 16-byte usertype.
    const head = size - at >= 8 ? yield* read(at, Math.min(32, size - at)) : new Uint8Array(0);
    const box = readHead(head, 0, size - at);
    if (!box) {
      // Once moov is cleaned, what cannot be walked (a vendor trailer, a truncated mdat) is
      // kept as it is: zeroing it could destroy media data.
      if (moov) {
        plan.trailingBytes = size - at;
        break;
      }
      throw new MalformedBoxError(`bad top-level box size at ${at}`);
    }
    const boxSize = box.end;
    if (box.type === 'moov' || box.type === 'moof') {
      if (boxSize > maxMoov) throw new MoovTooLargeError(box.type, boxSize, maxMoov);
      const whole = yield* read(at, boxSize);
      scanContainer(whole, at, box.headerSize, boxSize, box.type, 1, plan);
      if (box.type === 'moov') moov = true;
    } else if (METADATA_BOXES.has(box.type) || isXmpUuid(head, box)) {
      neutralise(plan, at, box.headerSize, at + boxSize, label(head, box));
    }
    at += boxSize;
  }
  if (!moov) throw new MalformedBoxError('no moov box');
  return plan;
}

/** The patches that remove a video's metadata, reading it by ranges (R2 chunk objects). */
export async function planVideo(src: ByteSource, maxMoov = MAX_MOOV_BYTES): Promise<Plan> {
  const steps = videoSteps(src.size, maxMoov);
  let step = steps.next();
  while (!step.done) step = steps.next(await src.read(step.value.offset, step.value.length));
  return step.value;
}

/** The same plan for a video held in memory. */
export function planVideoBytes(bytes: Uint8Array, maxMoov = MAX_MOOV_BYTES): Plan {
  const steps = videoSteps(bytes.length, maxMoov);
  let step = steps.next();
  while (!step.done) {
    step = steps.next(bytes.subarray(step.value.offset, step.value.offset + step.value.length));
  }
  return step.value;
}

/**
 * Applies the patches to `target`, a window of the file starting at `targetOffset` (a whole
 * file, an upload chunk or a multipart part), in place. Patches outside the window are
 * skipped, patches across its edges are cut. Returns the number of bytes written.
 */
export function applyPatches(
  target: Uint8Array,
  targetOffset: number,
  patches: readonly Patch[],
): number {
  const end = targetOffset + target.length;
  let written = 0;
  // Zeros first, then written bytes, so a box type written inside a zeroed range survives.
  for (const pass of [false, true]) {
    for (const p of patches) {
      if ((p.bytes !== undefined) !== pass) continue;
      const from = Math.max(p.offset, targetOffset);
      const to = Math.min(p.offset + p.length, end);
      if (from >= to) continue;
      if (p.bytes)
        target.set(p.bytes.subarray(from - p.offset, to - p.offset), from - targetOffset);
      else target.fill(0, from - targetOffset, to - targetOffset);
      written += to - from;
    }
  }
  return written;
}

// ---- HEIF ---------------------------------------------------------------------------------

interface ItemLocation {
  method: number;
  dataRef: number;
  baseOffset: number;
  extents: { offset: number; length: number }[];
}

/** Reads big-endian unsigned integers of 0, 1, 2, 4 or 8 bytes within [at, limit). */
class Reader {
  private readonly dv: DataView;
  constructor(
    private readonly b: Uint8Array,
    public at: number,
    private readonly limit: number,
    private readonly what: string,
  ) {
    this.dv = view(b);
  }
  uint(bytes: number): number {
    if (this.at + bytes > this.limit) throw new MalformedBoxError(`${this.what}: truncated`);
    const at = this.at;
    this.at += bytes;
    switch (bytes) {
      case 0:
        return 0;
      case 1:
        return this.dv.getUint8(at);
      case 2:
        return this.dv.getUint16(at);
      case 4:
        return this.dv.getUint32(at);
      case 8: {
        const v = this.dv.getBigUint64(at);
        if (v > BigInt(Number.MAX_SAFE_INTEGER))
          throw new MalformedBoxError(`${this.what}: value too large`);
        return Number(v);
      }
      default:
        throw new MalformedBoxError(`${this.what}: field size ${bytes}`);
    }
  }
  skip(bytes: number) {
    if (this.at + bytes > this.limit) throw new MalformedBoxError(`${this.what}: truncated`);
    this.at += bytes;
  }
  fourcc(): string {
    if (this.at + 4 > this.limit) throw new MalformedBoxError(`${this.what}: truncated`);
    const s = fourcc(this.b, this.at);
    this.at += 4;
    return s;
  }
  /** A NUL-terminated UTF-8 string (or up to the end of the box when the NUL is missing). */
  cstring(): string {
    let end = this.at;
    while (end < this.limit && this.b[end] !== 0) end++;
    const s = new TextDecoder().decode(this.b.subarray(this.at, end));
    this.at = Math.min(end + 1, this.limit);
    return s;
  }
}

/** iinf: the ids of the Exif and XMP items, with their labels. */
function metadataItems(b: Uint8Array, head: BoxHead): Map<number, string> {
  const items = new Map<number, string>();
  const r = new Reader(b, head.start + head.headerSize, head.end, 'iinf');
  const version = r.uint(1);
  r.skip(3); // flags
  r.uint(version === 0 ? 2 : 4); // entry_count: the boxes that follow are walked instead
  let at = r.at;
  while (head.end - at >= 8) {
    const infe = readHead(b, at, head.end);
    if (!infe) throw new MalformedBoxError(`iinf: bad box size at ${at}`);
    at = infe.end;
    if (infe.type !== 'infe') continue;
    const e = new Reader(b, infe.start + infe.headerSize, infe.end, 'infe');
    const v = e.uint(1);
    e.skip(3); // flags
    let id: number;
    let itemType: string | null = null;
    let contentType = '';
    if (v >= 2) {
      id = e.uint(v === 2 ? 2 : 4);
      e.uint(2); // item_protection_index
      itemType = e.fourcc();
      e.cstring(); // item_name
      if (itemType === 'mime') contentType = e.cstring();
    } else {
      id = e.uint(2);
      e.uint(2);
      e.cstring();
      contentType = e.cstring();
    }
    const xmp = /xmp|rdf\+xml/i.test(contentType) && (itemType === null || itemType === 'mime');
    if (itemType === 'Exif') items.set(id, 'item:Exif');
    else if (xmp) items.set(id, 'item:XMP');
  }
  return items;
}

/** iloc (versions 0, 1, 2): where each item's bytes are. */
function itemLocations(b: Uint8Array, head: BoxHead): Map<number, ItemLocation> {
  const r = new Reader(b, head.start + head.headerSize, head.end, 'iloc');
  const version = r.uint(1);
  r.skip(3); // flags
  if (version > 2) throw new MalformedBoxError(`iloc version ${version}`);
  const sizes = r.uint(1);
  const offsetSize = sizes >> 4;
  const lengthSize = sizes & 0xf;
  const sizes2 = r.uint(1);
  const baseOffsetSize = sizes2 >> 4;
  const indexSize = version >= 1 ? sizes2 & 0xf : 0;
  for (const s of [offsetSize, lengthSize, baseOffsetSize, indexSize]) {
    if (s !== 0 && s !== 4 && s !== 8) throw new MalformedBoxError(`iloc field size ${s}`);
  }
  const count = r.uint(version < 2 ? 2 : 4);
  const locations = new Map<number, ItemLocation>();
  for (let i = 0; i < count; i++) {
    const id = r.uint(version < 2 ? 2 : 4);
    const method = version >= 1 ? r.uint(2) & 0xf : 0;
    const dataRef = r.uint(2);
    const baseOffset = r.uint(baseOffsetSize);
    const extentCount = r.uint(2);
    const extents: ItemLocation['extents'] = [];
    for (let j = 0; j < extentCount; j++) {
      r.uint(indexSize);
      extents.push({ offset: r.uint(offsetSize), length: r.uint(lengthSize) });
    }
    locations.set(id, { method, dataRef, baseOffset, extents });
  }
  return locations;
}

/** The file-level meta of a HEIF: zero the Exif/XMP items, neutralise udta & co inside it. */
function planHeifMeta(b: Uint8Array, meta: BoxHead, plan: Plan) {
  let from = meta.start + meta.headerSize;
  // ISO meta is a full box (version, flags); QuickTime's is not. Tell them apart by where
  // the hdlr box starts.
  if (fourcc(b, from + 4) !== 'hdlr') from += 4;
  let iinf: BoxHead | null = null;
  let iloc: BoxHead | null = null;
  let idat: BoxHead | null = null;
  let at = from;
  while (meta.end - at >= 8) {
    const head = readHead(b, at, meta.end);
    if (!head) throw new MalformedBoxError(`meta: bad box size at ${at}`);
    const name = `meta/${label(b, head)}`;
    if (head.type === 'iinf') iinf = head;
    else if (head.type === 'iloc') iloc = head;
    else if (head.type === 'idat') idat = head;
    else if (
      METADATA_BOXES.has(head.type) ||
      head.type === 'xml ' ||
      head.type === 'bxml' ||
      isXmpUuid(b, head)
    ) {
      neutralise(plan, head.start, head.headerSize, head.end, name);
    } else if (head.type === 'free' || head.type === 'skip') {
      clearFree(plan, b, 0, head, name);
    }
    at = head.end;
  }
  if (!iinf || !iloc) return;
  const items = metadataItems(b, iinf);
  if (items.size === 0) return;
  const locations = itemLocations(b, iloc);
  for (const [id, name] of items) {
    const loc = locations.get(id);
    // No location: no data. Another file (data_reference_index ≠ 0) or built from another
    // item (construction_method 2): nothing of it lies here as such.
    if (loc?.dataRef !== 0 || loc.method > 1) continue;
    let lo = 0;
    let hi = b.length;
    if (loc.method === 1) {
      if (!idat) throw new MalformedBoxError(`${name} is in idat, and there is no idat`);
      lo = idat.start + idat.headerSize;
      hi = idat.end;
    }
    let found = false;
    for (const extent of loc.extents) {
      const start = lo + loc.baseOffset + extent.offset;
      // A length of 0 means "to the end of the container" (the file, or idat).
      const end = extent.length === 0 ? hi : start + extent.length;
      if (start > hi || end > hi) throw new MalformedBoxError(`${name}: extent outside the file`);
      // Already zeros (a file cleaned before): nothing to do.
      if (b.subarray(start, end).some((v) => v !== 0)) {
        plan.patches.push({ offset: start, length: end - start });
        found = true;
      }
    }
    if (found) plan.removed.push(name);
  }
}

/**
 * The patches that remove a HEIF photo's metadata (whole file in memory). Throws
 * MalformedBoxError when the structure cannot be walked or there is no meta box.
 */
export function planHeif(b: Uint8Array): Plan {
  const plan: Plan = { patches: [], removed: [], trailingBytes: 0 };
  let meta = false;
  let at = 0;
  while (at < b.length) {
    const head = readHead(b, at, b.length);
    if (!head) {
      if (meta) {
        plan.trailingBytes = b.length - at;
        break;
      }
      throw new MalformedBoxError(`bad top-level box size at ${at}`);
    }
    const name = label(b, head);
    if (head.type === 'meta') {
      planHeifMeta(b, head, plan);
      meta = true;
    } else if (head.type === 'moov') {
      // An image sequence: its metadata like a video's.
      scanContainer(b, 0, head.start + head.headerSize, head.end, 'moov', 1, plan);
    } else if (head.type === 'udta' || head.type === 'meco' || isXmpUuid(b, head)) {
      neutralise(plan, head.start, head.headerSize, head.end, name);
    } else if (head.type === 'free' || head.type === 'skip') {
      clearFree(plan, b, 0, head, name);
    } else if (head.type === 'mpvd') {
      // A motion photo's video (an MP4 file in the box): clean it like an uploaded video; if
      // it cannot be walked, drop it and keep the still image.
      const from = head.start + head.headerSize;
      try {
        const inner = planVideoBytes(b.subarray(from, head.end));
        for (const p of inner.patches) plan.patches.push({ ...p, offset: p.offset + from });
        plan.removed.push(...inner.removed.map((r) => `mpvd/${r}`));
      } catch (err) {
        if (!(err instanceof MalformedBoxError || err instanceof MoovTooLargeError)) throw err;
        neutralise(plan, head.start, head.headerSize, head.end, 'mpvd');
      }
    }
    at = head.end;
  }
  if (!meta) throw new MalformedBoxError('no meta box');
  return plan;
}
