import type { AttachmentRef } from '../types';
import { chatError } from '../types';
import type { RoomContext } from './context';
import { objectKey } from './files';
import { rescheduleAlarm } from './housekeeping';
import { buffer } from './store';

// Attachments: encrypted with the room's data key before they reach R2 (the object holds
// IV ‖ ciphertext ‖ tag and no name or type), their sealed name and type in the room's storage.
// An upload is pending until a message uses it; the room's alarm deletes pending uploads
// after 24 h, and deleting a message deletes its files.

export const PENDING_UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_MAX_FILE_BYTES = 20_000_000;
const NAME_MAX = 200;
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

export function maxFileBytes(rc: Pick<RoomContext, 'env'>): number {
  const n = Number(rc.env.CHAT_MAX_FILE_BYTES ?? DEFAULT_MAX_FILE_BYTES);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : DEFAULT_MAX_FILE_BYTES;
}

/** A file name safe to show and to send back in Content-Disposition: no paths, no controls. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // Control characters (C0 and DEL) would break headers and listings.
  const clean = [...base]
    .filter((ch) => {
      const code = ch.charCodeAt(0);
      return code >= 0x20 && code !== 0x7f;
    })
    .join('')
    .trim()
    .normalize('NFC');
  return clean.slice(0, NAME_MAX);
}

export async function storeAttachment(
  rc: RoomContext,
  uploaderId: string,
  file: { name: string; contentType: string; bytes: ArrayBuffer },
  nowMs = Date.now(),
): Promise<AttachmentRef> {
  const name = cleanFileName(file.name);
  if (name === '') throw chatError('invalid', 'Tên tệp không hợp lệ.');
  const contentType = file.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!CONTENT_TYPE.test(contentType)) throw chatError('invalid', 'Loại tệp không hợp lệ.');
  const size = file.bytes.byteLength;
  if (size === 0) throw chatError('invalid', 'Tệp rỗng.');
  if (size > maxFileBytes(rc)) throw chatError('invalid', 'Tệp quá lớn.');

  const id = crypto.randomUUID();
  const sealed = await rc.codec.sealAttachmentBytes(id, new Uint8Array(file.bytes));
  const { keyVersion, meta } = await rc.codec.sealAttachmentMeta(id, { name, contentType });
  // The object before the row: a row always points at bytes that exist.
  await rc.env.CHAT_FILES.put(objectKey(rc.roomId, id), sealed, {
    httpMetadata: { contentType: 'application/octet-stream' },
  });
  rc.store.insertAttachment({
    id,
    uploaderId,
    messageId: null,
    bytes: size,
    createdAt: new Date(nowMs).toISOString(),
    expiresAtMs: nowMs + PENDING_UPLOAD_TTL_MS,
    keyVersion,
    meta,
  });
  await rescheduleAlarm(rc);
  return { id, name, contentType, bytes: size };
}

/**
 * The decrypted file, for a member. A pending upload is visible to its uploader only; an
 * unknown id, or bytes gone from R2, is null.
 */
export async function readAttachment(
  rc: RoomContext,
  officialId: string,
  attachmentId: string,
): Promise<{ name: string; contentType: string; bytes: ArrayBuffer } | null> {
  const row = rc.store.attachment(attachmentId);
  if (!row) return null;
  if (row.messageId === null && row.uploaderId !== officialId) return null;
  const object = await rc.env.CHAT_FILES.get(objectKey(rc.roomId, attachmentId));
  if (!object) return null;
  const sealed = new Uint8Array(await object.arrayBuffer());
  const bytes = await rc.codec.openAttachmentBytes(attachmentId, row.keyVersion, sealed);
  const meta = await rc.codec.openAttachmentMeta(attachmentId, row.keyVersion, row.meta);
  return { name: meta.name, contentType: meta.contentType, bytes: buffer(bytes) };
}
