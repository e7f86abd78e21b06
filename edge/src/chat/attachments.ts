import type { Context } from 'hono';
import { sniff } from '../media/sniff';
import type { AppEnv } from '../platform/env';
import { ApiError } from '../platform/errors';
import { maxFileBytes } from './config';

// Chat attachments over HTTP: the upload's checks before the bytes reach the room's Durable
// Object (which encrypts them into R2), and the headers of a download. The room key never
// leaves the object; the Worker sees plaintext bytes only in the request being served.

const NAME_MAX = 200;

/** Images shown inline in the chat, by their real first bytes. */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

function sniffImage(bytes: Uint8Array): string | null {
  const found = sniff(bytes);
  if (found?.kind === 'photo' && IMAGE_TYPES.has(found.mime)) return found.mime;
  const head = String.fromCharCode(...bytes.subarray(0, 6));
  if (head === 'GIF87a' || head === 'GIF89a') return 'image/gif';
  return null;
}

export const fileTooLarge = (limit: number) =>
  new ApiError(
    413,
    'file_too_large',
    `Tệp quá lớn. Dung lượng tối đa là ${Math.floor(limit / 1_000_000)} MB.`,
    { maxBytes: limit },
  );

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** The declared type without parameters, or 400. */
function declaredType(c: Context<AppEnv>): string {
  const raw = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!MIME.test(raw)) {
    throw new ApiError(
      400,
      'content_type_required',
      'Thiếu hoặc sai tiêu đề Content-Type của tệp (ví dụ image/jpeg, application/pdf).',
    );
  }
  if (raw.startsWith('multipart/')) {
    throw new ApiError(
      415,
      'raw_body_required',
      'Gửi nội dung tệp trực tiếp trong thân yêu cầu (không dùng biểu mẫu multipart).',
    );
  }
  return raw;
}

/** X-File-Name (URI-encoded UTF-8) as a safe display name, or 400. */
function fileName(c: Context<AppEnv>): string {
  const header = c.req.header('x-file-name');
  let name = '';
  if (header) {
    try {
      name = decodeURIComponent(header);
    } catch {
      throw new ApiError(
        400,
        'invalid_file_name',
        'Tên tệp (X-File-Name) phải được mã hóa URI (encodeURIComponent).',
      );
    }
  }
  // A name, never a path; no control characters (they would end up in headers and screens).
  const cleaned = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') {
    throw new ApiError(400, 'file_name_required', 'Thiếu tên tệp (tiêu đề X-File-Name).');
  }
  return cleaned.length > NAME_MAX ? cleaned.slice(cleaned.length - NAME_MAX) : cleaned;
}

/** The body, stopping (413) as soon as it passes `limit`: a body sent without a length is not read to its end. */
async function readAtMost(req: Request, limit: number): Promise<ArrayBuffer> {
  if (!req.body) return new ArrayBuffer(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw fileTooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out.buffer;
}

export interface UploadedFile {
  name: string;
  contentType: string;
  bytes: ArrayBuffer;
}

/**
 * The uploaded file, checked: a declared size over the limit is refused before the body is
 * read, the body itself is measured too (a chunked upload declares nothing), an empty file is
 * refused, and a file declared as an image must be a JPEG, PNG, WebP or GIF by its first bytes
 * (its type is then the real one, whatever the phone declared).
 */
export async function readUpload(c: Context<AppEnv>): Promise<UploadedFile> {
  const limit = maxFileBytes(c.env);
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw fileTooLarge(limit);
  let contentType = declaredType(c);
  const name = fileName(c);
  const bytes = await readAtMost(c.req.raw, limit);
  if (bytes.byteLength === 0) {
    throw new ApiError(400, 'empty_file', 'Tệp rỗng. Vui lòng chọn lại tệp.');
  }
  if (contentType.startsWith('image/')) {
    const real = sniffImage(new Uint8Array(bytes, 0, Math.min(bytes.byteLength, 64)));
    if (!real) {
      throw new ApiError(
        415,
        'unsupported_image',
        'Ảnh phải là JPEG, PNG, WebP hoặc GIF. Gửi dạng tệp nếu là định dạng khác.',
        { declared: contentType },
      );
    }
    contentType = real;
  }
  return { name, contentType, bytes };
}

/** Whether a stored attachment is shown in the page (a checked image) or only downloaded. */
export const isInlineImage = (contentType: string) => IMAGE_TYPES.has(contentType);

/** RFC 6266 Content-Disposition with an ASCII fallback and the real name (RFC 5987). */
export function contentDisposition(name: string, inline: boolean): string {
  const ascii =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, (ch) => (ch === 'đ' ? 'd' : 'D'))
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\]/g, '_') || 'tep';
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
