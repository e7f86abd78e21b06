import {
  type TransportError,
  type UploadOptions,
  type UploadRecord,
  type UploadTransport,
  uploadResumable,
} from '../reports/upload';

/**
 * The photos of a resolved report ("after"), sent the way citizens send theirs: shrunk on
 * the phone, then uploaded in resumable chunks with a progress bar. Each photo's upload
 * record is kept by the screen, so "Thử lại" after a dropped connection resumes the files
 * where the server stopped and never uploads a finished one again; the resolve call then
 * names them by id, and the server files them as the report's result (phase `result`).
 */

export type ResultPhoto = {
  localId: string;
  blob: Blob;
  mime: string;
  name: string;
  previewUrl: string;
  upload?: UploadRecord;
};

export type ResultUploadOutcome =
  | { ok: true; mediaIds: string[] }
  | { ok: false; error: TransportError; retryable: boolean };

export async function uploadResultPhotos(
  photos: readonly ResultPhoto[],
  transport: UploadTransport,
  hooks: {
    /** The server's record of one photo changed: keep it for a retry. */
    onRecord: (localId: string, record: UploadRecord) => void;
    /** Bytes sent of one photo. */
    onProgress?: (localId: string, sent: number, total: number) => void;
    chunkSize?: number;
    sleep?: UploadOptions['sleep'];
  },
): Promise<ResultUploadOutcome> {
  const mediaIds: string[] = [];
  for (const photo of photos) {
    const outcome = await uploadResumable(
      photo.blob,
      { kind: 'photo', mime: photo.mime, size: photo.blob.size, name: photo.name },
      photo.upload,
      transport,
      {
        chunkSize: hooks.chunkSize,
        sleep: hooks.sleep,
        onRecord: (record) => hooks.onRecord(photo.localId, record),
        onProgress: (sent, total) => hooks.onProgress?.(photo.localId, sent, total),
      },
    );
    if (!outcome.ok) return { ok: false, error: outcome.error, retryable: outcome.retryable };
    mediaIds.push(outcome.record.id);
  }
  return { ok: true, mediaIds };
}
