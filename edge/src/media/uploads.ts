/// <reference path="./exifr.d.ts" />
import type { R2UploadedPart } from '@cloudflare/workers-types';
import exifr from 'exifr/dist/lite.esm.mjs';
import type { Db } from '../platform/db';
import type { Env } from '../platform/env';
import { ApiError } from '../platform/errors';
import { createLogger, type Logger } from '../platform/logger';
import { formatBytes, type MediaLimits, mediaLimits } from './config';
import {
  advanceUpload,
  completeUpload,
  deleteUnattached,
  findUpload,
  insertUpload,
  type MediaRow,
  rewindUpload,
} from './repo';
import { ACCEPTED_MIME_TYPES, SNIFF_BYTES, type SniffedType, sniff } from './sniff';
import { MalformedImageError, stripPhoto } from './strip';
import {
  applyPatches,
  type ByteSource,
  MalformedBoxError,
  MoovTooLargeError,
  type Plan,
  planVideo,
} from './strip-isobmff';

// Resumable uploads for phones on weak 3G.
//
// Protocol (close to tus, simpler):
//   POST /uploads {kind, bytes, mime?, deviceId}  → {id, chunkSize, received: 0}
//   PUT  /uploads/:id  Content-Range: bytes <start>-<end>/<total>, body = the chunk
//        Chunks are aligned: start is a multiple of chunkSize and every chunk but the last is
//        exactly chunkSize bytes. A chunk below the current offset is already stored: a
//        no-op (a retry whose answer was lost). A chunk beyond the offset is refused with
//        409 and the offset, from where the client resumes.
//   GET  /uploads/:id → {received, status, ...}: where to resume after the app was closed.
//   The PUT of the last chunk answers only after the file is checked and stored.
//
// Storage: each chunk is its own R2 object (uploads/<id>/<index>). R2 multipart parts must
// be ≥ 5 MiB (except the last) and of equal size, far too large to resend on a flaky 3G
// link, and a compressed photo is a few hundred KB. When the last chunk arrives:
//   photo  the chunks are joined in memory (≤ MAX_PHOTO_BYTES), the type sniffed, the EXIF
//          GPS read, the metadata stripped, and one object written (media/<id>);
//   video  the type is sniffed from the first chunk; the box headers are read by ranges
//          from the chunk objects down to moov, which is read whole (≤ 8 MiB), and the
//          metadata boxes in it become `free` boxes of the same size (strip-isobmff.ts): a
//          list of byte patches, applied to each chunk as it is read back. The chunks are
//          then composed into media/<id>: one put when it fits in one 5 MiB part, otherwise
//          an R2 multipart upload whose parts are runs of whole chunks (all equal, ≥ 5 MiB,
//          the last shorter), so memory stays around one part (plus moov). A video whose
//          boxes cannot be walked, or whose moov is too large, is refused.
// The chunk objects are then deleted. A refused file is deleted at once (chunks and row).

export const INVALID_TYPE_MESSAGE = 'Tệp không phải ảnh hoặc video hợp lệ.';
const R2_MIN_PART = 5 * 1024 * 1024;

export const chunkKey = (id: string, index: number) =>
  `uploads/${id}/${String(index).padStart(5, '0')}`;
export const finalKey = (id: string) => `media/${id}`;

export interface UploadState {
  id: string;
  kind: 'photo' | 'video';
  bytes: number;
  received: number;
  chunkSize: number;
  status: 'uploading' | 'complete';
  mime: string | null;
  width: number | null;
  height: number | null;
  /** True when the photo carried a GPS position (it can fill the report's location). */
  hasGps: boolean;
  expiresAt: string;
}

export function uploadState(row: MediaRow): UploadState {
  return {
    id: row.id,
    kind: row.kind,
    bytes: row.declaredBytes,
    received: row.receivedBytes,
    chunkSize: row.chunkBytes,
    status: row.status,
    mime: row.status === 'complete' ? row.mime : null,
    width: row.width,
    height: row.height,
    hasGps: row.gpsLat !== null && row.gpsLng !== null,
    expiresAt: row.expiresAt,
  };
}

function limitFor(kind: 'photo' | 'video', limits: MediaLimits) {
  return kind === 'photo' ? limits.maxPhotoBytes : limits.maxVideoBytes;
}

function tooLarge(kind: 'photo' | 'video', limits: MediaLimits): ApiError {
  const max = limitFor(kind, limits);
  return new ApiError(
    413,
    'file_too_large',
    `${kind === 'photo' ? 'Ảnh' : 'Video'} vượt quá dung lượng cho phép (tối đa ${formatBytes(max)}).`,
    { kind, maxBytes: max },
  );
}

export async function createUpload(
  db: Db,
  env: Env,
  req: { kind: 'photo' | 'video'; bytes: number; mime?: string | undefined; deviceHash: string },
): Promise<UploadState> {
  const limits = mediaLimits(env);
  if (req.bytes > limitFor(req.kind, limits)) throw tooLarge(req.kind, limits);
  const declared = req.mime?.toLowerCase().split(';')[0]?.trim();
  if (declared && !(ACCEPTED_MIME_TYPES[req.kind] as readonly string[]).includes(declared)) {
    throw new ApiError(415, 'invalid_media_type', INVALID_TYPE_MESSAGE, {
      accepted: ACCEPTED_MIME_TYPES[req.kind],
    });
  }
  const now = new Date();
  const id = crypto.randomUUID();
  const row = {
    id,
    deviceHash: req.deviceHash,
    kind: req.kind,
    mime: declared || 'application/octet-stream',
    declaredBytes: req.bytes,
    chunkBytes: limits.chunkBytes,
    r2Key: finalKey(id),
    expiresAt: new Date(now.getTime() + limits.ttlHours * 3600_000).toISOString(),
    createdAt: now.toISOString(),
  };
  await insertUpload(db, row);
  return {
    id,
    kind: req.kind,
    bytes: req.bytes,
    received: 0,
    chunkSize: limits.chunkBytes,
    status: 'uploading',
    mime: null,
    width: null,
    height: null,
    hasGps: false,
    expiresAt: row.expiresAt,
  };
}

export async function getUpload(db: Db, id: string): Promise<MediaRow> {
  const row = await findUpload(db, id);
  if (!row || (row.reportId === null && row.expiresAt <= new Date().toISOString())) {
    throw new ApiError(
      404,
      'upload_not_found',
      'Không tìm thấy tệp đang tải lên (có thể đã hết hạn). Vui lòng tải lên lại.',
    );
  }
  return row;
}

export interface ChunkRange {
  start: number;
  end: number; // inclusive
  total: number;
}

/** `bytes 0-524287/1048576`. */
export function parseContentRange(header: string | undefined): ChunkRange | null {
  const m = /^bytes (\d{1,12})-(\d{1,12})\/(\d{1,12})$/.exec(header?.trim() ?? '');
  if (!m) return null;
  const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (end < start || end >= total) return null;
  return { start, end, total };
}

export async function putChunk(
  db: Db,
  env: Env,
  id: string,
  range: ChunkRange,
  body: Uint8Array,
  log: Logger = createLogger(env.LOG_LEVEL),
): Promise<UploadState> {
  const row = await getUpload(db, id);
  if (row.status === 'complete') return uploadState(row);

  const size = row.declaredBytes;
  if (range.total !== size) {
    throw new ApiError(
      400,
      'upload_size_mismatch',
      'Kích thước tệp không khớp với lúc bắt đầu tải lên.',
      {
        bytes: size,
      },
    );
  }
  const expectedEnd = Math.min(range.start + row.chunkBytes, size) - 1;
  if (range.start % row.chunkBytes !== 0 || range.end !== expectedEnd) {
    throw new ApiError(400, 'invalid_chunk', 'Đoạn dữ liệu không đúng vị trí hoặc kích thước.', {
      chunkSize: row.chunkBytes,
      expected: { start: range.start - (range.start % row.chunkBytes), end: expectedEnd },
    });
  }
  if (body.length !== range.end - range.start + 1) {
    throw new ApiError(400, 'chunk_length_mismatch', 'Đoạn dữ liệu bị thiếu, vui lòng gửi lại.', {
      expectedBytes: range.end - range.start + 1,
      receivedBytes: body.length,
    });
  }

  if (range.start < row.receivedBytes) {
    // Already stored: a resent chunk. If the file was complete but not finished (the worker
    // stopped while checking it), finish it now.
    if (row.receivedBytes === size) return finishUpload(db, env, row, log);
    return uploadState(row);
  }
  if (range.start > row.receivedBytes) {
    throw new ApiError(
      409,
      'upload_offset_mismatch',
      'Tải lên bị gián đoạn, vui lòng tiếp tục từ vị trí máy chủ đã nhận.',
      { received: row.receivedBytes },
    );
  }

  if (range.start === 0) {
    // Refuse a wrong file on its first chunk, before a phone spends data on the rest.
    const type = sniff(body.subarray(0, SNIFF_BYTES));
    if (!type || type.kind !== row.kind) {
      await discard(db, env, row);
      throw invalidType();
    }
  }
  await env.MEDIA.put(chunkKey(id, range.start / row.chunkBytes), body);
  const now = new Date().toISOString();
  const moved = await advanceUpload(db, id, range.start, range.end + 1, now);
  const current = moved
    ? { ...row, receivedBytes: range.end + 1, updatedAt: now }
    : await getUpload(db, id);
  if (current.receivedBytes === size && current.status === 'uploading') {
    return finishUpload(db, env, current, log);
  }
  return uploadState(current);
}

function invalidType(): ApiError {
  return new ApiError(422, 'invalid_media_type', INVALID_TYPE_MESSAGE, {
    accepted: [...ACCEPTED_MIME_TYPES.photo, ...ACCEPTED_MIME_TYPES.video],
  });
}

function chunkCount(row: Pick<MediaRow, 'declaredBytes' | 'chunkBytes'>): number {
  return Math.ceil(row.declaredBytes / row.chunkBytes);
}

async function deleteChunks(env: Env, row: Pick<MediaRow, 'id' | 'declaredBytes' | 'chunkBytes'>) {
  const keys = Array.from({ length: chunkCount(row) }, (_, i) => chunkKey(row.id, i));
  for (let i = 0; i < keys.length; i += 1000) await env.MEDIA.delete(keys.slice(i, i + 1000));
}

/** Deletes everything of an upload that is refused. */
async function discard(db: Db, env: Env, row: MediaRow): Promise<void> {
  await deleteChunks(env, row);
  await env.MEDIA.delete(row.r2Key);
  await deleteUnattached(db, row.id);
}

class MissingChunk extends Error {
  constructor(readonly index: number) {
    super(`chunk ${index} is missing`);
  }
}

async function readChunk(env: Env, row: MediaRow, index: number): Promise<Uint8Array> {
  const object = await env.MEDIA.get(chunkKey(row.id, index));
  if (!object) throw new MissingChunk(index);
  return new Uint8Array(await object.arrayBuffer());
}

/** The uploaded file read by ranges across its chunk objects (the first chunk is in memory). */
function chunkSource(env: Env, row: MediaRow, first: Uint8Array): ByteSource {
  return {
    size: row.declaredBytes,
    async read(offset, length) {
      const out = new Uint8Array(length);
      for (let done = 0; done < length; ) {
        const index = Math.floor((offset + done) / row.chunkBytes);
        const within = offset + done - index * row.chunkBytes;
        const n = Math.min(length - done, row.chunkBytes - within);
        if (index === 0) {
          if (within + n > first.length) throw new MissingChunk(0);
          out.set(first.subarray(within, within + n), done);
        } else {
          const object = await env.MEDIA.get(chunkKey(row.id, index), {
            range: { offset: within, length: n },
          });
          const bytes = object ? new Uint8Array(await object.arrayBuffer()) : null;
          if (bytes?.length !== n) throw new MissingChunk(index);
          out.set(bytes, done);
        }
        done += n;
      }
      return out;
    },
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>),
  );
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Checks, cleans and stores a fully received upload. Idempotent. */
async function finishUpload(db: Db, env: Env, row: MediaRow, log: Logger): Promise<UploadState> {
  try {
    const done =
      row.kind === 'photo' ? await finishPhoto(env, row) : await finishVideo(env, row, log);
    if (!done) {
      await discard(db, env, row);
      throw invalidType();
    }
    const now = new Date().toISOString();
    await completeUpload(db, row.id, { ...done, now });
    await deleteChunks(env, row);
    return uploadState({ ...row, ...done, status: 'complete', updatedAt: now });
  } catch (err) {
    if (err instanceof MissingChunk) {
      // A chunk object is gone (it should not happen): ask the client to resend from there.
      const offset = err.index * row.chunkBytes;
      await rewindUpload(db, row.id, offset, new Date().toISOString());
      throw new ApiError(
        409,
        'upload_offset_mismatch',
        'Một phần tệp bị thiếu, vui lòng tiếp tục tải lên.',
        {
          received: offset,
        },
      );
    }
    throw err;
  }
}

type Finished = Pick<MediaRow, 'mime' | 'sha256' | 'width' | 'height' | 'gpsLat' | 'gpsLng'>;

async function finishPhoto(env: Env, row: MediaRow): Promise<Finished | null> {
  const chunks = await Promise.all(
    Array.from({ length: chunkCount(row) }, (_, i) => readChunk(env, row, i)),
  );
  const original = concat(chunks);
  const type = sniff(original.subarray(0, SNIFF_BYTES));
  if (type?.kind !== 'photo') return null;

  const { gps, orientation } = await readExif(original);
  let stored = original;
  let width: number | null = null;
  let height: number | null = null;
  try {
    const stripped = stripPhoto(type.format as 'jpeg' | 'png' | 'webp' | 'heic', original, {
      orientation,
    });
    if (stripped) {
      stored = stripped.bytes;
      width = stripped.width;
      height = stripped.height;
    }
  } catch (err) {
    // Right magic number, broken structure: not an image we can vouch for.
    if (err instanceof MalformedImageError) return null;
    throw err;
  }
  await env.MEDIA.put(row.r2Key, stored, { httpMetadata: { contentType: type.mime } });
  return {
    mime: type.mime,
    sha256: await sha256Hex(stored),
    width,
    height,
    gpsLat: gps?.lat ?? null,
    gpsLng: gps?.lng ?? null,
  };
}

/** GPS position and orientation from EXIF (JPEG, HEIC, TIFF-based); none when absent or unreadable. */
export async function readExif(
  bytes: Uint8Array,
): Promise<{ gps: { lat: number; lng: number } | null; orientation: number | undefined }> {
  try {
    const tags = (await exifr.parse(bytes, {
      gps: true,
      ifd0: { pick: ['Orientation'] },
      exif: false,
      translateValues: false,
      mergeOutput: true,
    })) as { latitude?: number; longitude?: number; Orientation?: number } | undefined;
    const lat = tags?.latitude;
    const lng = tags?.longitude;
    const gps =
      typeof lat === 'number' &&
      typeof lng === 'number' &&
      Number.isFinite(lat) &&
      Number.isFinite(lng) &&
      Math.abs(lat) <= 90 &&
      Math.abs(lng) <= 180 &&
      !(lat === 0 && lng === 0)
        ? { lat, lng }
        : null;
    return {
      gps,
      orientation: typeof tags?.Orientation === 'number' ? tags.Orientation : undefined,
    };
  } catch {
    return { gps: null, orientation: undefined };
  }
}

async function finishVideo(env: Env, row: MediaRow, log: Logger): Promise<Finished | null> {
  const count = chunkCount(row);
  const first = await readChunk(env, row, 0);
  const type: SniffedType | null = sniff(first.subarray(0, SNIFF_BYTES));
  if (type?.kind !== 'video') return null;
  const meta = { httpMetadata: { contentType: type.mime } };

  // Where the metadata is, from the box headers and moov; refused when it cannot be found.
  let plan: Plan;
  try {
    plan = await planVideo(chunkSource(env, row, first));
  } catch (err) {
    if (err instanceof MalformedBoxError || err instanceof MoovTooLargeError) {
      log.warn('video_refused', { uploadId: row.id, reason: err.name, detail: err.message });
      return null;
    }
    throw err;
  }
  if (plan.trailingBytes > 0) {
    log.warn('video_trailing_bytes', { uploadId: row.id, bytes: plan.trailingBytes });
  }
  log.debug('video_metadata_removed', { uploadId: row.id, removed: plan.removed });
  // Each chunk is patched as it is read back, before it joins the composed object.
  const patched = (chunk: Uint8Array, index: number) => {
    applyPatches(chunk, index * row.chunkBytes, plan.patches);
    return chunk;
  };

  if (row.declaredBytes <= R2_MIN_PART) {
    const rest = await Promise.all(
      Array.from({ length: count - 1 }, async (_, i) =>
        patched(await readChunk(env, row, i + 1), i + 1),
      ),
    );
    await env.MEDIA.put(row.r2Key, concat([patched(first, 0), ...rest]), meta);
  } else {
    const chunksPerPart = Math.ceil(R2_MIN_PART / row.chunkBytes);
    const upload = await env.MEDIA.createMultipartUpload(row.r2Key, meta);
    try {
      const parts: R2UploadedPart[] = [];
      for (let start = 0, n = 1; start < count; start += chunksPerPart, n++) {
        const run: Uint8Array[] = [];
        for (let i = start; i < Math.min(count, start + chunksPerPart); i++) {
          run.push(patched(i === 0 ? first : await readChunk(env, row, i), i));
        }
        parts.push(await upload.uploadPart(n, concat(run)));
      }
      await upload.complete(parts);
    } catch (err) {
      await upload.abort().catch(() => undefined);
      throw err;
    }
  }
  return { mime: type.mime, sha256: null, width: null, height: null, gpsLat: null, gpsLng: null };
}
