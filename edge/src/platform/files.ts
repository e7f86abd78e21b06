import type { ApiError } from './errors';

// Helpers for files that officials upload and citizens download (environment reports,
// training materials): hashing, the PDF signature, a size-capped read of a raw request body,
// and the Content-Disposition header with a Vietnamese file name.

/** Lower-case hex SHA-256 of the bytes (stored with the file; the download's ETag). */
export async function sha256OfBytes(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>),
  );
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** Whether the bytes are a PDF: the header may follow up to 1024 bytes of junk (as readers allow). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length - PDF_MAGIC.length, 1024);
  for (let start = 0; start <= limit; start++) {
    if (PDF_MAGIC.every((b, i) => bytes[start + i] === b)) return true;
  }
  return false;
}

/**
 * `inline`/`attachment` header value for a file name (RFC 6266): an ASCII fallback for old
 * clients (tone marks dropped, đ → d), the real (Vietnamese) name in `filename*`.
 */
export function contentDispositionFor(
  fileName: string,
  kind: 'inline' | 'attachment' = 'inline',
): string {
  const name = fileName.replace(/[\r\n"\\/]+/g, ' ').trim() || 'tep';
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The whole request body, refused with `tooLarge()` as soon as it passes `maxBytes`: a
 * declared Content-Length over the limit before anything is read, a chunked body while it
 * streams in, so an oversized upload never sits in memory.
 */
export async function readBodyCapped(
  req: Request,
  maxBytes: number,
  tooLarge: () => ApiError,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await req.body?.cancel();
    throw tooLarge();
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}
