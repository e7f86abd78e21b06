import { type AttachmentRef, ChatRequestError, type Progress } from './types';

/**
 * POST /api/v1/chat/rooms/{id}/attachments with the file as the raw body, through
 * XMLHttpRequest: fetch() reports no upload progress, and a photo on a rural 3G link takes
 * long enough that a bar with its percentage is the difference between waiting and giving up.
 * The name travels URI-encoded in X-File-Name (headers are Latin-1; Vietnamese names are not).
 */
export function uploadAttachment(opts: {
  url: string;
  file: Blob & { name?: string };
  /** Authorization (mini app) or X-CSRF-Token (admin). */
  headers: Record<string, string>;
  onProgress: (progress: Progress) => void;
  signal?: AbortSignal;
  /** Send the session cookie (the admin, same origin). */
  withCredentials?: boolean;
  timeoutMs?: number;
}): Promise<AttachmentRef> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', opts.url);
    xhr.withCredentials = opts.withCredentials ?? false;
    xhr.timeout = opts.timeoutMs ?? 10 * 60_000;
    xhr.setRequestHeader('Content-Type', opts.file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(opts.file.name || 'tep-dinh-kem'));
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(opts.headers)) xhr.setRequestHeader(name, value);
    const total = opts.file.size;
    xhr.upload.onprogress = (event) => {
      opts.onProgress({ sent: Math.min(event.loaded, total), total });
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object') {
        opts.onProgress({ sent: total, total });
        resolve(body as AttachmentRef);
        return;
      }
      const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
      reject(
        new ChatRequestError(
          xhr.status,
          error?.code ?? `http_${xhr.status}`,
          error?.message ??
            (xhr.status >= 500
              ? 'Máy chủ gặp lỗi. Vui lòng thử lại sau.'
              : `Không tải lên được (mã ${xhr.status}).`),
        ),
      );
    };
    xhr.onerror = () =>
      reject(new ChatRequestError(0, 'network', 'Mất kết nối khi tải tệp lên. Vui lòng thử lại.'));
    xhr.ontimeout = () =>
      reject(new ChatRequestError(0, 'timeout', 'Tải tệp lên quá lâu. Vui lòng thử lại.'));
    xhr.onabort = () => reject(new ChatRequestError(0, 'aborted', 'Đã huỷ tải lên.'));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(opts.file);
  });
}
