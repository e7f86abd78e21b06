import { describe, expect, it } from 'vitest';
import type { UploadRecord, UploadTransport } from '../reports/upload';
import { type ResultPhoto, uploadResultPhotos } from './result-photos';

/** Just enough of the upload protocol: one chunk per file, a network that can drop a chunk. */
function server() {
  const received = new Map<string, number>();
  const sizes = new Map<string, number>();
  let next = 1;
  let dropChunks = 0;
  const calls: string[] = [];
  const transport: UploadTransport = {
    async create(file) {
      const id = `m${next++}`;
      calls.push(`create ${id}`);
      sizes.set(id, file.size);
      received.set(id, 0);
      return { ok: true, data: { id, chunkSize: 1024 * 1024 } };
    },
    async status(id) {
      calls.push(`status ${id}`);
      const size = sizes.get(id) ?? 0;
      const got = received.get(id) ?? 0;
      return { ok: true, data: { received: got, complete: got === size } };
    },
    async sendChunk(id, offset, chunk, _total, onProgress) {
      if (dropChunks > 0) {
        dropChunks -= 1;
        return {
          ok: false,
          error: { kind: 'network', status: 0, code: 'network', message: 'mất mạng' },
        };
      }
      calls.push(`chunk ${id}`);
      onProgress(chunk.size);
      const got = offset + chunk.size;
      received.set(id, got);
      return { ok: true, data: { received: got, complete: got === sizes.get(id) } };
    },
  };
  return {
    transport,
    calls,
    drop: (n: number) => {
      dropChunks = n;
    },
  };
}

const photo = (localId: string, bytes: number, upload?: UploadRecord): ResultPhoto => ({
  localId,
  blob: new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }),
  mime: 'image/jpeg',
  name: `${localId}.jpg`,
  previewUrl: `blob:${localId}`,
  ...(upload ? { upload } : {}),
});

const noWait = async () => undefined;

describe('result photos', () => {
  it('are uploaded in turn and named by their ids for the resolve call', async () => {
    const { transport } = server();
    const records = new Map<string, UploadRecord>();
    const progress: string[] = [];
    const outcome = await uploadResultPhotos([photo('a', 2000), photo('b', 3000)], transport, {
      onRecord: (id, record) => records.set(id, record),
      onProgress: (id, sent, total) => progress.push(`${id} ${sent}/${total}`),
      sleep: noWait,
    });
    expect(outcome).toEqual({ ok: true, mediaIds: ['m1', 'm2'] });
    expect(records.get('b')).toEqual({ id: 'm2', received: 3000, complete: true });
    expect(progress).toContain('a 2000/2000');
  });

  it('after a dropped connection, a retry with the kept records uploads nothing twice', async () => {
    const { transport, calls, drop } = server();
    const records = new Map<string, UploadRecord>();
    drop(10);
    const first = await uploadResultPhotos([photo('a', 2000), photo('b', 3000)], transport, {
      onRecord: (id, record) => records.set(id, record),
      sleep: noWait,
    });
    expect(first.ok).toBe(false);
    if (!first.ok) expect(first.retryable).toBe(true);

    // The screen kept what the server knows; the network is back.
    drop(0);
    const again = [photo('a', 2000, records.get('a')), photo('b', 3000, records.get('b'))];
    const second = await uploadResultPhotos(again, transport, {
      onRecord: (id, record) => records.set(id, record),
      sleep: noWait,
    });
    expect(second).toEqual({ ok: true, mediaIds: ['m1', 'm2'] });
    expect(calls.filter((c) => c.startsWith('create'))).toEqual(['create m1', 'create m2']);
    expect(calls.filter((c) => c === 'chunk m1')).toHaveLength(1);
  });
});
