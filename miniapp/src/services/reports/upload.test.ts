import { describe, expect, it } from 'vitest';
import {
  type NewUpload,
  type TransportResult,
  type UploadProgress,
  type UploadRecord,
  type UploadTransport,
  uploadResumable,
} from './upload';

type ServerUpload = { bytes: Uint8Array; received: number; size: number };

/**
 * An in-memory upload server with the protocol's rules: chunks must start at the
 * received offset (409 otherwise), the upload completes when every byte is there, and
 * the network in between can be made to drop requests or answers.
 */
function fakeServer(options: { chunkSize?: number } = {}) {
  const uploads = new Map<string, ServerUpload>();
  let nextId = 1;
  const calls: string[] = [];
  const faults = {
    /** The request never reaches the server. */
    dropRequests: 0,
    /** The server stores the chunk but the answer is lost on the way back. */
    dropAnswers: 0,
    /** The connection breaks after this many bytes of the chunk reached the server. */
    cutAfter: undefined as number | undefined,
  };
  const networkError = <T>(): TransportResult<T> => ({
    ok: false,
    error: { kind: 'network', status: 0, code: 'network', message: 'Không có kết nối mạng.' },
  });
  const httpError = <T>(status: number, code: string): TransportResult<T> => ({
    ok: false,
    error: { kind: 'http', status, code, message: code },
  });
  const progressOf = (u: ServerUpload): UploadProgress => ({
    received: u.received,
    complete: u.received === u.size,
  });

  const transport: UploadTransport = {
    async create(file: NewUpload) {
      calls.push('create');
      if (faults.dropRequests > 0) {
        faults.dropRequests -= 1;
        return networkError();
      }
      const id = `up${nextId++}`;
      uploads.set(id, { bytes: new Uint8Array(file.size), received: 0, size: file.size });
      return {
        ok: true,
        data: { id, ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}) },
      };
    },
    async status(id) {
      calls.push(`status ${id}`);
      if (faults.dropRequests > 0) {
        faults.dropRequests -= 1;
        return networkError();
      }
      const upload = uploads.get(id);
      return upload ? { ok: true, data: progressOf(upload) } : httpError(404, 'upload_not_found');
    },
    async sendChunk(id, offset, chunk, _total, onProgress) {
      calls.push(`chunk ${id} @${offset}+${chunk.size}`);
      if (faults.dropRequests > 0) {
        faults.dropRequests -= 1;
        return networkError();
      }
      const upload = uploads.get(id);
      if (!upload) return httpError(404, 'upload_not_found');
      if (offset !== upload.received) return httpError(409, 'offset_mismatch');
      const data = new Uint8Array(await chunk.arrayBuffer());
      const cut = faults.cutAfter;
      const arrived = cut === undefined ? data : data.subarray(0, cut);
      faults.cutAfter = undefined;
      upload.bytes.set(arrived, offset);
      upload.received += arrived.length;
      onProgress(arrived.length);
      if (cut !== undefined) return networkError();
      if (faults.dropAnswers > 0) {
        faults.dropAnswers -= 1;
        return networkError();
      }
      return { ok: true, data: progressOf(upload) };
    },
  };
  return { transport, uploads, faults, calls };
}

function fileOf(size: number): { blob: Blob; bytes: Uint8Array } {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) % 251;
  return { blob: new Blob([bytes], { type: 'image/jpeg' }), bytes };
}

const meta = (size: number): NewUpload => ({
  kind: 'photo',
  mime: 'image/jpeg',
  size,
  name: 'anh.jpg',
});
const noSleep = async () => undefined;

describe('resumable upload', () => {
  it('sends a file in chunks and reports progress up to the whole size', async () => {
    const server = fakeServer();
    const { blob, bytes } = fileOf(2500);
    const progress: number[] = [];
    const outcome = await uploadResumable(blob, meta(2500), undefined, server.transport, {
      chunkSize: 1000,
      sleep: noSleep,
      onProgress: (sent) => progress.push(sent),
    });
    expect(outcome).toEqual({ ok: true, record: { id: 'up1', received: 2500, complete: true } });
    expect(server.uploads.get('up1')?.bytes).toEqual(bytes);
    expect(server.calls).toEqual([
      'create',
      'chunk up1 @0+1000',
      'chunk up1 @1000+1000',
      'chunk up1 @2000+500',
    ]);
    expect(progress.at(-1)).toBe(2500);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it("uses the server's chunk size when it gives one", async () => {
    const server = fakeServer({ chunkSize: 700 });
    await uploadResumable(fileOf(1000).blob, meta(1000), undefined, server.transport, {
      chunkSize: 100,
      sleep: noSleep,
    });
    expect(server.calls).toEqual(['create', 'chunk up1 @0+700', 'chunk up1 @700+300']);
  });

  it('after a connection cut mid-chunk, resumes from the offset the server reports', async () => {
    const server = fakeServer();
    const { blob, bytes } = fileOf(3000);
    server.faults.cutAfter = 400; // the first chunk breaks after 400 of its 1000 bytes
    const outcome = await uploadResumable(blob, meta(3000), undefined, server.transport, {
      chunkSize: 1000,
      sleep: noSleep,
    });
    expect(outcome.ok).toBe(true);
    expect(server.calls).toEqual([
      'create',
      'chunk up1 @0+1000',
      'status up1',
      'chunk up1 @400+600',
      'chunk up1 @1000+1000',
      'chunk up1 @2000+1000',
    ]);
    expect(server.uploads.get('up1')?.bytes).toEqual(bytes);
  });

  it('does not send a chunk twice when only its answer was lost', async () => {
    const server = fakeServer();
    const { blob, bytes } = fileOf(2000);
    server.faults.dropAnswers = 1;
    const outcome = await uploadResumable(blob, meta(2000), undefined, server.transport, {
      chunkSize: 1000,
      sleep: noSleep,
    });
    expect(outcome.ok).toBe(true);
    expect(server.calls).toEqual([
      'create',
      'chunk up1 @0+1000',
      'status up1',
      'chunk up1 @1000+1000',
    ]);
    expect(server.uploads.get('up1')?.bytes).toEqual(bytes);
  });

  it('gives up after repeated failures, keeping the record so a later attempt resumes', async () => {
    const server = fakeServer();
    const { blob, bytes } = fileOf(3000);
    const records: UploadRecord[] = [];
    // The first chunk gets through, then the network is gone.
    const transport: UploadTransport = {
      ...server.transport,
      sendChunk: async (...args) => {
        const result = await server.transport.sendChunk(...args);
        server.faults.dropRequests = 100;
        return result;
      },
    };
    const first = await uploadResumable(blob, meta(3000), undefined, transport, {
      chunkSize: 1000,
      maxAttempts: 3,
      sleep: noSleep,
      onRecord: (record) => void records.push(record),
    });
    expect(first).toMatchObject({
      ok: false,
      retryable: true,
      error: { code: 'network' },
      record: { id: 'up1', received: 1000, complete: false },
    });
    expect(records.at(-1)).toEqual({ id: 'up1', received: 1000, complete: false });

    // Later (the app reopened, the network is back): continue from what the server has.
    server.faults.dropRequests = 0;
    server.calls.length = 0;
    const second = await uploadResumable(blob, meta(3000), records.at(-1), server.transport, {
      chunkSize: 1000,
      sleep: noSleep,
    });
    expect(second.ok).toBe(true);
    expect(server.calls).toEqual(['status up1', 'chunk up1 @1000+1000', 'chunk up1 @2000+1000']);
    expect(server.uploads.get('up1')?.bytes).toEqual(bytes);
  });

  it('trusts the server over a stale record on the device', async () => {
    const server = fakeServer();
    const { blob } = fileOf(2000);
    await uploadResumable(blob, meta(2000), undefined, server.transport, {
      chunkSize: 1000,
      sleep: noSleep,
    });
    // The device only recorded the first chunk before it was closed.
    server.calls.length = 0;
    const outcome = await uploadResumable(
      blob,
      meta(2000),
      { id: 'up1', received: 1000, complete: false },
      server.transport,
      { chunkSize: 1000, sleep: noSleep },
    );
    expect(outcome).toEqual({ ok: true, record: { id: 'up1', received: 2000, complete: true } });
    expect(server.calls).toEqual(['status up1']);
  });

  it("resumes with the chunk size the server's status gives", async () => {
    const server = fakeServer();
    const { blob } = fileOf(1200);
    const transport: UploadTransport = {
      ...server.transport,
      status: async (id) => {
        const answer = await server.transport.status(id);
        return answer.ok ? { ok: true, data: { ...answer.data, chunkSize: 500 } } : answer;
      },
    };
    server.faults.dropAnswers = 1;
    const outcome = await uploadResumable(blob, meta(1200), undefined, transport, {
      chunkSize: 100,
      sleep: noSleep,
    });
    expect(outcome.ok).toBe(true);
    expect(server.calls).toEqual([
      'create',
      'chunk up1 @0+100',
      'status up1',
      'chunk up1 @100+400',
      'chunk up1 @500+500',
      'chunk up1 @1000+200',
    ]);
  });

  it('starts a new upload when the old one expired on the server', async () => {
    const server = fakeServer();
    const { blob } = fileOf(1500);
    const outcome = await uploadResumable(
      blob,
      meta(1500),
      { id: 'gone', received: 700, complete: false },
      server.transport,
      { chunkSize: 1000, sleep: noSleep },
    );
    expect(outcome).toEqual({ ok: true, record: { id: 'up1', received: 1500, complete: true } });
    expect(server.calls).toEqual([
      'status gone',
      'create',
      'chunk up1 @0+1000',
      'chunk up1 @1000+500',
    ]);
  });

  it('skips a file the server already has in full', async () => {
    const server = fakeServer();
    const outcome = await uploadResumable(
      fileOf(10).blob,
      meta(10),
      { id: 'up9', received: 10, complete: true },
      server.transport,
      { sleep: noSleep },
    );
    expect(outcome.ok).toBe(true);
    expect(server.calls).toEqual([]);
  });

  it('stops at once when the server refuses the file itself', async () => {
    const server = fakeServer();
    const transport: UploadTransport = {
      ...server.transport,
      create: async () => ({
        ok: false,
        error: {
          kind: 'http',
          status: 413,
          code: 'file_too_large',
          message: 'Ảnh vượt quá 10 MB.',
        },
      }),
    };
    const outcome = await uploadResumable(fileOf(10).blob, meta(10), undefined, transport, {
      sleep: noSleep,
    });
    expect(outcome).toEqual({
      ok: false,
      retryable: false,
      error: { kind: 'http', status: 413, code: 'file_too_large', message: 'Ảnh vượt quá 10 MB.' },
    });
  });

  it('waits longer after each failure', async () => {
    const server = fakeServer();
    server.faults.dropRequests = 3;
    const waits: number[] = [];
    const outcome = await uploadResumable(fileOf(10).blob, meta(10), undefined, server.transport, {
      sleep: async (ms) => void waits.push(ms),
    });
    expect(outcome.ok).toBe(true);
    expect(waits).toEqual([1000, 2000, 4000]);
  });
});
