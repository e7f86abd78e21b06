import {
  type TransportError,
  type TransportResult,
  type UploadProgress,
  type UploadTransport,
  uploadResumable,
} from '../../../miniapp/src/services/reports/upload';
import { ApiError, apiFetch } from './api';

// Result photos go through the same resumable upload API as citizens' photos (/api/v1/uploads,
// chunked, resumed from the server's offset after a failure), with the mini app's own upload
// loop. The API ties an upload to the hash of a device id: this browser keeps one, and sends
// it again with the resolution so the API can check the files are ours.

const DEVICE_KEY = 'tinh-admin-device-id';

export function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = `admin-${crypto.randomUUID()}`;
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

type UploadState = { id: string; received: number; chunkSize: number; status: string };

async function call<T>(
  method: string,
  path: string,
  init: { body?: BodyInit; headers?: Record<string, string> },
): Promise<TransportResult<T>> {
  try {
    const response = await apiFetch(method, path, init);
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok) return { ok: true, data: body as T };
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    return {
      ok: false,
      error: {
        kind: 'http',
        status: response.status,
        code: error?.code ?? `http_${response.status}`,
        message: error?.message ?? `Lỗi ${response.status}`,
      },
    };
  } catch (err) {
    const e = err instanceof ApiError ? err : undefined;
    return {
      ok: false,
      error: {
        kind: e?.code === 'timeout' ? 'timeout' : 'network',
        status: 0,
        code: e?.code ?? 'network',
        message: e?.message ?? String(err),
      },
    };
  }
}

const progressOf = (s: UploadState): UploadProgress => ({
  received: s.received,
  complete: s.status === 'complete',
  chunkSize: s.chunkSize,
});

function transport(): UploadTransport {
  return {
    async create(file) {
      const result = await call<UploadState>('POST', '/uploads', {
        body: JSON.stringify({
          kind: file.kind,
          bytes: file.size,
          mime: file.mime,
          deviceId: deviceId(),
        }),
        headers: { 'Content-Type': 'application/json' },
      });
      return result.ok
        ? { ok: true, data: { id: result.data.id, chunkSize: result.data.chunkSize } }
        : result;
    },
    async status(id) {
      const result = await call<UploadState>('GET', `/uploads/${id}`, {});
      return result.ok ? { ok: true, data: progressOf(result.data) } : result;
    },
    async sendChunk(id, offset, chunk, total, onProgress) {
      const result = await call<UploadState>('PUT', `/uploads/${id}`, {
        body: chunk,
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Range': `bytes ${offset}-${offset + chunk.size - 1}/${total}`,
        },
      });
      if (result.ok) onProgress(chunk.size);
      return result.ok ? { ok: true, data: progressOf(result.data) } : result;
    },
  };
}

/** Uploads one photo; answers its media id, or throws with the API's Vietnamese message. */
export async function uploadPhoto(
  file: File,
  onProgress?: (sent: number, total: number) => void,
): Promise<string> {
  const outcome = await uploadResumable(
    file,
    { kind: 'photo', mime: file.type || 'image/jpeg', size: file.size, name: file.name },
    undefined,
    transport(),
    { onProgress },
  );
  if (outcome.ok) return outcome.record.id;
  const error: TransportError = outcome.error;
  throw new ApiError(error.status, error.code, error.message);
}
