/**
 * Resumable upload of one file, in chunks, over whatever transport the caller gives
 * (XMLHttpRequest against the API in the app, an in-memory server in tests).
 *
 * The server is the only source of truth for how many bytes it holds: after any failure
 * the next chunk starts at the offset the server reports (GET the upload's status), never
 * at the client's own count. So a chunk that arrived but whose answer was lost on a weak
 * 3G link is not sent twice, and one that was cut off half-way is sent again from where
 * the server stopped.
 */

export type TransportError = {
  /** network, timeout: try again; http: look at the status. */
  kind: 'network' | 'timeout' | 'http';
  status: number;
  code: string;
  message: string;
};

export type TransportResult<T> = { ok: true; data: T } | { ok: false; error: TransportError };

export type UploadProgress = {
  received: number;
  complete: boolean;
  /** The server's chunk size, when it says. */
  chunkSize?: number;
};

export type NewUpload = { kind: 'photo' | 'video'; mime: string; size: number; name: string };

export interface UploadTransport {
  /** Opens an upload; the server answers with its id and how big chunks must be. */
  create(file: NewUpload): Promise<TransportResult<{ id: string; chunkSize?: number }>>;
  /** How many bytes the server holds; a 404 means the upload expired or never existed. */
  status(id: string): Promise<TransportResult<UploadProgress>>;
  /** Sends bytes [offset, offset + chunk.size); onProgress gets the bytes of this chunk sent so far. */
  sendChunk(
    id: string,
    offset: number,
    chunk: Blob,
    total: number,
    onProgress: (sent: number) => void,
  ): Promise<TransportResult<UploadProgress>>;
}

/** What a draft keeps about an upload so that it can resume after the app is closed. */
export type UploadRecord = { id: string; received: number; complete: boolean };

export type UploadOptions = {
  /** Chunk size when the server does not say; 256 KB keeps a retry cheap on 3G. */
  chunkSize?: number;
  /** Consecutive failures before giving up (the draft then waits for the network). */
  maxAttempts?: number;
  /** Progress of the whole file, 0..size. */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
  /** Called whenever the record changes, so the caller can persist it. */
  onRecord?: (record: UploadRecord) => void | Promise<void>;
  /** Waits between retries; injected so tests run instantly. */
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
};

export type UploadOutcome =
  | { ok: true; record: UploadRecord }
  | {
      ok: false;
      /** true: a later attempt may succeed (network, timeout, 5xx, 429); false: the file itself was refused. */
      retryable: boolean;
      error: TransportError;
      /** Present once the server knows the upload, so the next attempt resumes it. */
      record?: UploadRecord;
    };

export const DEFAULT_CHUNK_SIZE = 256 * 1024;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Network trouble, a timeout, a busy server or rate limiting: worth trying again later.
 * So is a refused sign-in session (401 session_invalid): the API client has dropped it,
 * and nothing in the report needs fixing. The next attempt carries the new session if the
 * citizen has signed in again, or none (claim-device attaches it at the next sign-in).
 */
export function isRetryable(error: TransportError): boolean {
  if (error.kind !== 'http') return true;
  if (error.code === 'session_invalid') return true;
  return error.status >= 500 || error.status === 429 || error.status === 408;
}

/** Upload statuses that mean "start over": expired, swept or unknown. */
function isGone(error: TransportError): boolean {
  return error.kind === 'http' && (error.status === 404 || error.status === 410);
}

const RESYNC_CODES = new Set(['chunk_length_mismatch', 'invalid_chunk']);

/**
 * An offset disagreement, or a chunk that arrived cut short: ask the server where it
 * stands and continue from there.
 */
function isOffsetMismatch(error: TransportError): boolean {
  if (error.kind !== 'http') return false;
  return (
    error.status === 409 ||
    error.status === 416 ||
    (error.status === 400 && RESYNC_CODES.has(error.code))
  );
}

const aborted: TransportError = {
  kind: 'network',
  status: 0,
  code: 'aborted',
  message: 'aborted',
};

export async function uploadResumable(
  file: Blob,
  meta: NewUpload,
  existing: UploadRecord | undefined,
  transport: UploadTransport,
  options: UploadOptions = {},
): Promise<UploadOutcome> {
  const size = file.size;
  const maxAttempts = options.maxAttempts ?? 5;
  const sleep = options.sleep ?? defaultSleep;
  let chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  let record: UploadRecord | undefined = existing ? { ...existing } : undefined;
  let failures = 0;
  let lastError: TransportError | undefined;

  const save = async (next: UploadRecord) => {
    record = next;
    await options.onRecord?.({ ...next });
  };
  const progress = (sent: number) => options.onProgress?.(Math.min(sent, size), size);

  /** Counts a failure; false once the budget is spent. Backs off 1 s, 2 s, 4 s... */
  const failed = async (error: TransportError): Promise<boolean> => {
    lastError = error;
    failures += 1;
    if (failures >= maxAttempts) return false;
    await sleep(Math.min(1000 * 2 ** (failures - 1), 15_000));
    return true;
  };

  const giveUp = (error: TransportError): UploadOutcome => ({
    ok: false,
    retryable: isRetryable(error),
    error,
    ...(record ? { record: { ...record } } : {}),
  });

  // Learn where the server stands before sending anything: the last attempt may have
  // delivered more (or less) than this device recorded.
  let needStatus = record !== undefined && !record.complete;
  if (record?.complete) {
    progress(size);
    return { ok: true, record: { ...record } };
  }

  while (true) {
    if (options.signal?.aborted) return giveUp(aborted);

    if (!record) {
      const created = await transport.create(meta);
      if (!created.ok) {
        if (isRetryable(created.error) && (await failed(created.error))) continue;
        return giveUp(created.error);
      }
      if (created.data.chunkSize && created.data.chunkSize > 0) chunkSize = created.data.chunkSize;
      await save({ id: created.data.id, received: 0, complete: false });
      needStatus = false;
      progress(0);
      continue;
    }

    if (needStatus) {
      const status = await transport.status(record.id);
      if (!status.ok) {
        if (isGone(status.error)) {
          // Expired and swept: start a fresh upload of the same file.
          record = undefined;
          continue;
        }
        if (isRetryable(status.error) && (await failed(status.error))) continue;
        return giveUp(status.error);
      }
      if (status.data.chunkSize && status.data.chunkSize > 0) chunkSize = status.data.chunkSize;
      await save({
        id: record.id,
        received: status.data.received,
        complete: status.data.complete,
      });
      needStatus = false;
      progress(status.data.received);
    }

    if (record.complete || record.received >= size) {
      if (!record.complete) {
        // Every byte is there but the server has not said so: ask once more.
        needStatus = true;
        if (await failed({ kind: 'http', status: 409, code: 'incomplete', message: '' })) {
          continue;
        }
        return giveUp(lastError ?? aborted);
      }
      progress(size);
      return { ok: true, record: { ...record } };
    }

    const offset = record.received;
    // Chunks end on multiples of the chunk size, as the server requires; after a cut at an
    // odd offset the next chunk is shorter, and the one after is aligned again.
    const end = Math.min(size, offset - (offset % chunkSize) + chunkSize);
    const chunk = file.slice(offset, end);
    const sent = await transport.sendChunk(record.id, offset, chunk, size, (bytes) =>
      progress(offset + bytes),
    );
    if (sent.ok) {
      failures = 0;
      await save({ id: record.id, received: sent.data.received, complete: sent.data.complete });
      progress(sent.data.received);
      continue;
    }
    if (isGone(sent.error)) {
      record = undefined;
      continue;
    }
    if (isOffsetMismatch(sent.error)) {
      needStatus = true;
      if (await failed(sent.error)) continue;
      return giveUp(sent.error);
    }
    if (isRetryable(sent.error)) {
      // The chunk may have arrived in part or in full: resume from the server's count.
      needStatus = true;
      if (await failed(sent.error)) continue;
    }
    return giveUp(sent.error);
  }
}
