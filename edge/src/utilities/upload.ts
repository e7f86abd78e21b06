import type { Context } from 'hono';
import type { AppEnv } from '../platform/env';
import { ApiError } from '../platform/errors';
import { readBodyCapped } from '../platform/files';

// The photo or recording of one request: a multipart/form-data field (what the mini app sends,
// so that it can show upload progress) or the raw body. Read with a cap, so an oversized upload
// is refused while it streams in and never sits whole in the Worker's memory.

/** Room for the multipart envelope (boundaries, part headers) around the file itself. */
const ENVELOPE_BYTES = 64 * 1024;

const megabytes = (bytes: number) =>
  (bytes / 1_000_000).toLocaleString('vi-VN', { maximumFractionDigits: 1 });

export async function readUploadedFile(
  c: Context<AppEnv>,
  opts: { field: string; maxBytes: number; tooLarge: string; missing: string },
): Promise<Uint8Array> {
  const tooLarge = () =>
    new ApiError(
      413,
      'file_too_large',
      `${opts.tooLarge} (tối đa ${megabytes(opts.maxBytes)} MB).`,
      {
        maxBytes: opts.maxBytes,
      },
    );
  const contentType = c.req.header('content-type') ?? '';
  const body = await readBodyCapped(c.req.raw, opts.maxBytes + ENVELOPE_BYTES, tooLarge);
  let bytes: Uint8Array;
  if (contentType.toLowerCase().startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    } catch {
      throw new ApiError(
        400,
        'invalid_multipart',
        'Dữ liệu tải lên bị hỏng hoặc không đầy đủ. Vui lòng gửi lại.',
      );
    }
    const field: unknown = form.get(opts.field) ?? form.get('file');
    if (!(field instanceof Blob)) throw new ApiError(400, 'file_required', opts.missing);
    if (field.size > opts.maxBytes) throw tooLarge();
    bytes = new Uint8Array(await field.arrayBuffer());
  } else {
    if (body.byteLength > opts.maxBytes) throw tooLarge();
    bytes = body;
  }
  if (bytes.byteLength === 0) throw new ApiError(400, 'file_required', opts.missing);
  return bytes;
}
