import { describe, expect, it, vi } from 'vitest';
import type { Draft } from './outbox';
import { contactBody, createSender, type ReportsTransport, type SubmitBody } from './send';
import type { TransportResult, UploadProgress, UploadTransport } from './upload';

function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    submissionId: '6f1c1b0e-3a8e-4c1e-9d5c-7d1f4a6b2e90',
    categoryId: 'giao_thong',
    description: '  Ổ gà lớn trước chợ Vị Thanh  ',
    location: { source: 'pin', lat: 9.7846, lng: 105.4701, address: 'Trước chợ' },
    media: [
      {
        localId: 'a',
        kind: 'photo',
        blob: new Blob([new Uint8Array(700)], { type: 'image/jpeg' }),
        mime: 'image/jpeg',
        name: 'a.jpg',
      },
    ],
    status: 'pending',
    attempts: 0,
    createdAt: '2025-07-05T07:00:00.000Z',
    updatedAt: '2025-07-05T07:00:00.000Z',
    ...overrides,
  };
}

/** A server that completes every upload in one chunk and records the submissions. */
function fakeTransport(options: { forget?: number } = {}) {
  let uploads = 0;
  let forget = options.forget ?? 0;
  const submissions: SubmitBody[] = [];
  const created: string[] = [];
  const uploadTransport: UploadTransport = {
    create: async () => {
      uploads += 1;
      const id = `up-${uploads}`;
      created.push(id);
      return { ok: true, data: { id, chunkSize: 1024 } };
    },
    status: async () => ({ ok: true, data: { received: 0, complete: false } }),
    sendChunk: async (_id, offset, chunk, total, onProgress) => {
      onProgress(chunk.size);
      const received = offset + chunk.size;
      return { ok: true, data: { received, complete: received === total } };
    },
  };
  const transport: ReportsTransport = {
    uploads: vi.fn(() => uploadTransport),
    submit: async (body): Promise<TransportResult<{ code: string; followToken: string }>> => {
      submissions.push(body);
      if (forget > 0) {
        forget -= 1;
        return {
          ok: false,
          error: {
            kind: 'http',
            status: 422,
            code: 'media_unavailable',
            message: 'Không tìm thấy ảnh hoặc video đã tải lên.',
          },
        };
      }
      return { ok: true, data: { code: 'PA-7K3F9Q', followToken: 'secret-token' } };
    },
  };
  return { transport, submissions, created };
}

describe('sending a draft', () => {
  it('uploads the files, then submits with the same submissionId and the media ids', async () => {
    const { transport, submissions } = fakeTransport();
    const send = createSender({ transport, deviceId: async () => 'device-12345678' });
    const updates: Draft[] = [];
    const outcome = await send(draft(), async (d) => void updates.push(d));
    expect(outcome).toMatchObject({
      ok: true,
      receipt: { code: 'PA-7K3F9Q', followToken: 'secret-token' },
    });
    expect(transport.uploads).toHaveBeenCalledWith('device-12345678');
    expect(submissions).toEqual([
      {
        submissionId: '6f1c1b0e-3a8e-4c1e-9d5c-7d1f4a6b2e90',
        deviceId: 'device-12345678',
        categoryId: 'giao_thong',
        description: 'Ổ gà lớn trước chợ Vị Thanh',
        location: { source: 'pin', lat: 9.7846, lng: 105.4701, address: 'Trước chợ' },
        mediaIds: ['up-1'],
      },
    ]);
    // The upload record was written back to the draft, so a retry would resume it.
    expect(updates.at(-1)?.media[0]?.upload).toEqual({ id: 'up-1', received: 700, complete: true });
  });

  it('uploads again, once, files the server no longer has', async () => {
    const { transport, submissions, created } = fakeTransport({ forget: 1 });
    const send = createSender({ transport, deviceId: async () => 'device-12345678' });
    const outcome = await send(draft(), async () => undefined);
    expect(outcome.ok).toBe(true);
    expect(created).toEqual(['up-1', 'up-2']);
    expect(submissions.map((s) => s.mediaIds)).toEqual([['up-1'], ['up-2']]);
  });

  it('does not upload again a file already complete on the server', async () => {
    const { transport, created } = fakeTransport();
    const send = createSender({ transport, deviceId: async () => 'device-12345678' });
    const [photo] = draft().media;
    if (!photo) throw new Error('fixture');
    const uploaded = draft({
      media: [{ ...photo, upload: { id: 'up-9', received: 700, complete: true } }],
    });
    await send(uploaded, async () => undefined);
    expect(created).toEqual([]);
  });

  it('calls a network failure retryable and a refusal final', async () => {
    const offline: ReportsTransport = {
      uploads: () => ({
        create: async () => ({
          ok: false,
          error: { kind: 'network', status: 0, code: 'network', message: 'Không có kết nối mạng.' },
        }),
        status: async (): Promise<TransportResult<UploadProgress>> => {
          throw new Error('unused');
        },
        sendChunk: async () => {
          throw new Error('unused');
        },
      }),
      submit: async () => {
        throw new Error('unused');
      },
    };
    const send = createSender({
      transport: offline,
      deviceId: async () => 'device-12345678',
      sleep: async () => undefined,
    });
    expect(await send(draft(), async () => undefined)).toMatchObject({
      ok: false,
      retryable: true,
      error: { code: 'network' },
    });

    const refusing: ReportsTransport = {
      ...fakeTransport().transport,
      submit: async () => ({
        ok: false,
        error: {
          kind: 'http',
          status: 422,
          code: 'out_of_province',
          message: 'Vị trí đã chọn nằm ngoài địa bàn tỉnh Hậu Giang.',
        },
      }),
    };
    const refused = createSender({ transport: refusing, deviceId: async () => 'device-12345678' });
    expect(await refused(draft({ media: [] }), async () => undefined)).toEqual({
      ok: false,
      retryable: false,
      error: {
        code: 'out_of_province',
        message: 'Vị trí đã chọn nằm ngoài địa bàn tỉnh Hậu Giang.',
      },
    });
  });

  it("sends a Zalo location token with Zalo's access token for the server to exchange", async () => {
    const { transport, submissions } = fakeTransport();
    const send = createSender({
      transport: { ...transport, zaloAccessToken: async () => 'access' },
      deviceId: async () => 'device-12345678',
    });
    await send(
      draft({ media: [], location: { source: 'zalo', token: 'loc' } }),
      async () => undefined,
    );
    expect(submissions[0]?.location).toEqual({
      source: 'zalo',
      token: 'loc',
      accessToken: 'access',
    });
  });
});

describe('contact', () => {
  it('is left out when empty, and carries the consent when given', () => {
    expect(contactBody(draft())).toBeUndefined();
    expect(contactBody(draft({ contact: { name: ' ', phone: '', agencyMayContact: true } }))).toBe(
      undefined,
    );
    expect(
      contactBody(draft({ contact: { phone: '0912345678', agencyMayContact: false } })),
    ).toEqual({ phone: '0912345678', agencyMayContact: false, consent: true, znsConsent: false });
  });

  it('asks for Zalo (ZNS) messages only along with a phone number', () => {
    expect(
      contactBody(
        draft({ contact: { phone: '0912345678', agencyMayContact: false, znsConsent: true } }),
      ),
    ).toEqual({ phone: '0912345678', agencyMayContact: false, consent: true, znsConsent: true });
    // A name alone: no phone to message, so no ZNS consent is sent at all.
    expect(
      contactBody(draft({ contact: { name: 'An', agencyMayContact: false, znsConsent: true } })),
    ).toEqual({ name: 'An', agencyMayContact: false, consent: true });
  });
});
