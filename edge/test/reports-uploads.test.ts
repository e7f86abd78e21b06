import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { video as mp4 } from '../src/media/isobmff-fixtures';
import { call } from './helpers';
import { baseJpeg, containsBytes, fakeMp4, phoneJpeg, pngWithText } from './support/images';
import {
  db,
  errorOf,
  json,
  newPhone,
  postJson,
  putChunk,
  reportBody,
  rowsFor,
  startUpload,
  submit,
  submitOk,
  type UploadState,
  upload,
} from './support/reports';

const rowOf = async (id: string) =>
  (await db().$client.execute({ sql: 'select * from report_media where id = ?', args: [id] }))
    .rows[0];

const chunkObjects = async (id: string) =>
  (await env.MEDIA.list({ prefix: `uploads/${id}/` })).objects.length;

describe('POST /api/v1/uploads', () => {
  it('starts an upload with the chunk size and nothing received', async () => {
    const res = await startUpload(newPhone(), 'photo', 123_456, 'image/jpeg');
    expect(res.status).toBe(201);
    const state = await json<UploadState>(res);
    expect(state).toMatchObject({
      kind: 'photo',
      bytes: 123_456,
      received: 0,
      chunkSize: 524_288,
      status: 'uploading',
    });
    expect(res.headers.get('location')).toBe(`/api/v1/uploads/${state.id}`);
  });

  it.each([
    ['photo', 10_000_001, 'Ảnh vượt quá dung lượng cho phép (tối đa 10 MB).'],
    ['video', 50_000_001, 'Video vượt quá dung lượng cho phép (tối đa 50 MB).'],
  ] as const)(
    'refuses a %s over the limit before any byte is sent',
    async (kind, bytes, message) => {
      const res = await startUpload(newPhone(), kind, bytes);
      expect(res.status).toBe(413);
      expect(await errorOf(res)).toMatchObject({ code: 'file_too_large', message });
    },
  );

  it('refuses a declared type that is not a photo or video', async () => {
    const res = await startUpload(newPhone(), 'photo', 1000, 'application/pdf');
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toMatchObject({
      code: 'invalid_media_type',
      message: 'Tệp không phải ảnh hoặc video hợp lệ.',
    });
  });

  it('validates the request', async () => {
    const res = await startUpload(newPhone(), 'audio' as 'photo', -1);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('validation_failed');
    expect(JSON.stringify(error.details)).toMatch(/photo.*video/);
  });
});

describe('the real type from the bytes', () => {
  it('refuses a non-image renamed .jpg on its first chunk and deletes it', async () => {
    const pdf = new TextEncoder().encode(`%PDF-1.7\n${'giấy tờ '.repeat(50)}`);
    const started = await json<UploadState>(
      await startUpload(newPhone(), 'photo', pdf.length, 'image/jpeg'),
    );
    const res = await putChunk(started.id, pdf, 0, pdf.length, {
      headers: { 'Content-Disposition': 'attachment; filename="anh.jpg"' },
    });
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatchObject({
      code: 'invalid_media_type',
      message: 'Tệp không phải ảnh hoặc video hợp lệ.',
    });
    expect(await rowOf(started.id)).toBeUndefined();
    expect(await chunkObjects(started.id)).toBe(0);
  });

  it('refuses a video sent as a photo', async () => {
    const mp4 = fakeMp4(4096);
    const { res } = await upload(newPhone(), 'photo', mp4);
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe('invalid_media_type');
  });

  it('refuses a file with a JPEG signature and no image inside', async () => {
    const fake = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x41, 0x42, 0x43, 0x44, 0x45]);
    const { res, state } = await upload(newPhone(), 'photo', fake);
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe('invalid_media_type');
    expect(await rowOf(state.id)).toBeUndefined();
    expect(await env.MEDIA.head(`media/${state.id}`)).toBeNull();
  });

  it('strips text and time chunks from a PNG', async () => {
    const { res, state } = await upload(newPhone(), 'photo', pngWithText());
    expect(res.status).toBe(200);
    expect(state).toMatchObject({ status: 'complete', mime: 'image/png', width: 4, height: 3 });
    const stored = new Uint8Array(
      await ((await env.MEDIA.get(`media/${state.id}`)) as R2ObjectBody).arrayBuffer(),
    );
    expect(containsBytes(stored, 'tEXt')).toBe(false);
    expect(containsBytes(stored, 'Nguyen Van A')).toBe(false);
    expect(containsBytes(stored, 'tIME')).toBe(false);
    expect(containsBytes(stored, 'IDAT')).toBe(true);
  });
});

describe('resuming after a network drop', () => {
  it('resumes from the offset the server reports, and ignores a chunk sent twice', async () => {
    const phone = newPhone();
    // A photo of 1.2 MB: three chunks of 512 KiB (the last one shorter).
    const photo = new Uint8Array(1_200_000);
    const jpeg = phoneJpeg({ lat: 9.79, lng: 105.47 });
    photo.set(jpeg.subarray(0, jpeg.length - 2));
    // Pad the scan data and end the file properly.
    photo.set([0xff, 0xd9], photo.length - 2);
    const started = await json<UploadState>(
      await startUpload(phone, 'photo', photo.length, 'image/jpeg'),
    );
    const size = started.chunkSize;

    const first = await putChunk(started.id, photo.subarray(0, size), 0, photo.length);
    expect((await json<UploadState>(first)).received).toBe(size);

    // The second chunk is cut off by the network: the server gets only part of it.
    const partial = await putChunk(
      started.id,
      photo.subarray(size, size + 1000),
      size,
      photo.length,
      {
        headers: { 'Content-Range': `bytes ${size}-${2 * size - 1}/${photo.length}` },
      },
    );
    expect(partial.status).toBe(400);
    expect((await errorOf(partial)).code).toBe('chunk_length_mismatch');

    // The app comes back and asks where to continue.
    const status = await call(`/api/v1/uploads/${started.id}`);
    expect(status.headers.get('upload-offset')).toBe(String(size));
    expect(await json<UploadState>(status)).toMatchObject({ received: size, status: 'uploading' });

    // A chunk from the future is refused with the offset to resume from.
    const ahead = await putChunk(started.id, photo.subarray(2 * size), 2 * size, photo.length);
    expect(ahead.status).toBe(409);
    expect(await errorOf(ahead)).toMatchObject({
      code: 'upload_offset_mismatch',
      details: { received: size },
    });

    // Resending the first chunk (its answer was lost) changes nothing.
    const again = await putChunk(started.id, photo.subarray(0, size), 0, photo.length);
    expect(await json<UploadState>(again)).toMatchObject({ received: size });

    await putChunk(started.id, photo.subarray(size, 2 * size), size, photo.length);
    const last = await putChunk(started.id, photo.subarray(2 * size), 2 * size, photo.length);
    expect(last.status).toBe(200);
    const done = await json<UploadState>(last);
    expect(done).toMatchObject({ status: 'complete', received: photo.length, hasGps: true });
    expect(await chunkObjects(started.id)).toBe(0);

    // Sending the last chunk again after completion is a no-op too.
    const late = await putChunk(started.id, photo.subarray(2 * size), 2 * size, photo.length);
    expect(await json<UploadState>(late)).toMatchObject({ status: 'complete' });
  });

  it('refuses a chunk that is not aligned, or a missing or malformed Content-Range', async () => {
    const data = baseJpeg();
    const started = await json<UploadState>(await startUpload(newPhone(), 'photo', data.length));
    const misaligned = await putChunk(started.id, data.subarray(5), 5, data.length);
    expect(misaligned.status).toBe(400);
    expect((await errorOf(misaligned)).code).toBe('invalid_chunk');
    for (const range of [undefined, 'bytes=0-10', 'bytes 10-5/269', 'bytes 0-268/999']) {
      const res = await call(`/api/v1/uploads/${started.id}`, {
        method: 'PUT',
        headers: range ? { 'Content-Range': range } : {},
        body: data,
      });
      expect(res.status).toBe(400);
      expect(['invalid_content_range', 'upload_size_mismatch']).toContain(
        (await errorOf(res)).code,
      );
    }
  });

  it('accepts a chunk in a multipart form and refuses a broken multipart body', async () => {
    const data = baseJpeg();
    const started = await json<UploadState>(await startUpload(newPhone(), 'photo', data.length));
    const broken = await call(`/api/v1/uploads/${started.id}`, {
      method: 'PUT',
      headers: {
        'Content-Type': 'multipart/form-data; boundary=----tinh',
        'Content-Range': `bytes 0-${data.length - 1}/${data.length}`,
      },
      body: '------tinh\r\nContent-Disposition: form-data; name="chunk"; filename="a.jpg"\r\n\r\nabc',
    });
    expect(broken.status).toBe(400);
    expect(await errorOf(broken)).toMatchObject({
      code: 'invalid_multipart',
      message: expect.stringMatching(/multipart/),
    });

    const form = new FormData();
    form.append('chunk', new Blob([data], { type: 'image/jpeg' }), 'anh.jpg');
    const ok = await call(`/api/v1/uploads/${started.id}`, {
      method: 'PUT',
      headers: { 'Content-Range': `bytes 0-${data.length - 1}/${data.length}` },
      body: form,
    });
    expect(ok.status).toBe(200);
    expect(await json<UploadState>(ok)).toMatchObject({ status: 'complete', mime: 'image/jpeg' });
  });

  it('answers 404 for an unknown upload', async () => {
    const res = await call(`/api/v1/uploads/${crypto.randomUUID()}`);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('upload_not_found');
  });
});

describe('videos', () => {
  it('composes a video larger than one R2 part from its chunks', async () => {
    const phone = newPhone();
    // A well-formed MP4 (videos without a moov are refused) with no metadata: stored as sent.
    const video = mp4({ metadata: false, mdatBytes: 6 * 1024 * 1024 + 12_345 }).bytes;
    const { res, state } = await upload(phone, 'video', video, 'video/mp4');
    expect(res.status).toBe(200);
    expect(state).toMatchObject({ status: 'complete', mime: 'video/mp4' });
    const stored = (await env.MEDIA.get(`media/${state.id}`)) as R2ObjectBody;
    expect(stored.size).toBe(video.length);
    const digest = async (b: ArrayBuffer | Uint8Array) =>
      Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', b))).join(',');
    expect(await digest(await stored.arrayBuffer())).toBe(await digest(video));
    expect(await chunkObjects(state.id)).toBe(0);
  }, 60_000);

  it('allows at most the configured number of photos and videos per report', async () => {
    const phone = newPhone();
    const videos = [];
    for (let i = 0; i < 2; i++) {
      videos.push((await upload(phone, 'video', mp4({ mdatBytes: 2048 }).bytes)).state.id);
    }
    const res = await submit(phone, { mediaIds: videos });
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatchObject({
      code: 'too_many_media',
      message: expect.stringMatching(/tối đa 5 ảnh và 1 video/),
    });
  });
});

describe('GET /api/v1/media/:id', () => {
  it('serves nothing that is not attached to a visible report', async () => {
    const phone = newPhone();
    const { state } = await upload(phone, 'photo', baseJpeg());
    expect((await call(`/api/v1/media/${state.id}`)).status).toBe(404);

    const sent = await submitOk(phone, { mediaIds: [state.id] });
    const res = await call(`/api/v1/media/${state.id}`);
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag') ?? '';
    await res.arrayBuffer();
    const cached = await call(`/api/v1/media/${state.id}`, { headers: { 'If-None-Match': etag } });
    expect(cached.status).toBe(304);

    await db().$client.execute({
      sql: 'update reports set hidden = 1 where code = ?',
      args: [sent.code],
    });
    expect((await call(`/api/v1/media/${state.id}`)).status).toBe(404);
  });

  it('does not let another device attach my upload', async () => {
    const mine = newPhone();
    const { state } = await upload(mine, 'photo', baseJpeg());
    const res = await submit(newPhone(), { mediaIds: [state.id] });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe('media_unavailable');
    // Nor attach one file to two reports.
    await submitOk(mine, { mediaIds: [state.id] });
    const twice = await submit(mine, { mediaIds: [state.id] });
    expect(twice.status).toBe(422);
  });
});

describe('one file, two reports at once', () => {
  it('attaches a file to exactly one of two parallel submissions and writes nothing for the other', async () => {
    const phone = newPhone();
    const { state } = await upload(phone, 'photo', baseJpeg());
    const bodies = [
      reportBody(phone, { mediaIds: [state.id] }),
      reportBody(phone, { mediaIds: [state.id] }),
    ];
    const answers = await Promise.all(bodies.map((b) => postJson('/api/v1/reports', b, phone)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 422]);
    const loser = bodies[answers.findIndex((r) => r.status === 422)];
    expect(await rowsFor(loser?.submissionId ?? '')).toEqual({
      reports: 0,
      events: 0,
      contacts: 0,
      fts: 0,
    });
    expect((await errorOf(answers.find((r) => r.status === 422) as Response)).code).toBe(
      'media_unavailable',
    );
  });

  it('answers HEAD with the offset to resume from', async () => {
    const started = await json<UploadState>(await startUpload(newPhone(), 'photo', 1000));
    const res = await call(`/api/v1/uploads/${started.id}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('upload-offset')).toBe('0');
    expect(res.headers.get('upload-length')).toBe('1000');
  });
});
