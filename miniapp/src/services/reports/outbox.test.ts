import { describe, expect, it, vi } from 'vitest';
import {
  createOutbox,
  type Draft,
  memoryDraftStore,
  type Receipt,
  type SendDraft,
  type SendOutcome,
} from './outbox';

function draft(id: string, overrides: Partial<Draft> = {}): Draft {
  return {
    submissionId: id,
    categoryId: 'giao_thong',
    description: 'Ổ gà lớn trước chợ',
    location: { source: 'pin', lat: 9.7845, lng: 105.4701 },
    media: [
      {
        localId: 'p1',
        kind: 'photo',
        blob: new Blob(['jpeg'], { type: 'image/jpeg' }),
        mime: 'image/jpeg',
        name: 'anh.jpg',
      },
    ],
    status: 'pending',
    attempts: 0,
    createdAt: `2025-07-05T07:0${id.length}:00.000Z`,
    updatedAt: '2025-07-05T07:00:00.000Z',
    ...overrides,
  };
}

const receipt = (d: Draft): Receipt => ({
  code: `PA-${d.submissionId.toUpperCase().padEnd(6, 'X').slice(0, 6)}`,
  followToken: 'tok',
  submissionId: d.submissionId,
  categoryId: d.categoryId,
  description: d.description,
  createdAt: d.createdAt,
});

const offline: SendOutcome = {
  ok: false,
  retryable: true,
  error: { code: 'network', message: 'Không có kết nối mạng. Vui lòng thử lại.' },
};

function setup(send: SendDraft) {
  const store = memoryDraftStore();
  const receipts: Receipt[] = [];
  const outbox = createOutbox({
    store,
    send,
    onSent: (r) => void receipts.push(r),
    now: () => new Date('2025-07-05T08:00:00.000Z'),
  });
  return { store, outbox, receipts };
}

describe('outbox', () => {
  it('keeps a report that could not be sent, photos included, with the same submission id', async () => {
    const sent: string[] = [];
    let online = false;
    const { outbox, receipts } = setup(async (d) => {
      sent.push(d.submissionId);
      return online ? { ok: true, receipt: receipt(d) } : offline;
    });
    await outbox.put(draft('a'));
    expect(await outbox.sendOne('a')).toEqual(offline);

    const [kept] = await outbox.list();
    expect(kept).toMatchObject({
      submissionId: 'a',
      status: 'waiting',
      attempts: 1,
      lastError: { code: 'network' },
    });
    expect(kept?.media[0]?.blob).toBeInstanceOf(Blob);
    expect(await kept?.media[0]?.blob.text()).toBe('jpeg');

    online = true;
    const report = await outbox.flush();
    expect(report.sent.map((r) => r.submissionId)).toEqual(['a']);
    expect(sent).toEqual(['a', 'a']);
    expect(await outbox.list()).toEqual([]);
    expect(receipts.map((r) => r.code)).toEqual(['PA-AXXXXX']);
  });

  it('never runs two sends of one draft at once (double tap, online event during a retry)', async () => {
    let release: (outcome: SendOutcome) => void = () => undefined;
    const send = vi.fn<SendDraft>(
      () =>
        new Promise<SendOutcome>((resolve) => {
          release = resolve;
        }),
    );
    const { outbox } = setup(send);
    const d = await outbox.put(draft('a'));
    const first = outbox.sendOne('a');
    const second = outbox.sendOne('a');
    const third = outbox.flush();
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    release({ ok: true, receipt: receipt(d) });
    expect((await first).ok).toBe(true);
    expect((await second).ok).toBe(true);
    await third;
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('sends drafts oldest first and stops at the first network failure', async () => {
    const tried: string[] = [];
    const { outbox } = setup(async (d) => {
      tried.push(d.submissionId);
      return d.submissionId === 'bb' ? offline : { ok: true, receipt: receipt(d) };
    });
    await outbox.put(draft('ccc'));
    await outbox.put(draft('a'));
    await outbox.put(draft('bb'));
    const report = await outbox.flush();
    expect(tried).toEqual(['a', 'bb']);
    expect(report.sent.map((r) => r.submissionId)).toEqual(['a']);
    expect(report.failed.map((d) => d.submissionId)).toEqual(['bb']);
    expect((await outbox.list()).map((d) => [d.submissionId, d.status])).toEqual([
      ['bb', 'waiting'],
      ['ccc', 'pending'],
    ]);
  });

  it('does not resend on its own a report the server refused, and moves on to the next', async () => {
    const tried: string[] = [];
    const { outbox } = setup(async (d) => {
      tried.push(d.submissionId);
      return d.submissionId === 'a'
        ? {
            ok: false,
            retryable: false,
            error: { code: 'outside_province', message: 'Vị trí nằm ngoài địa bàn tỉnh.' },
          }
        : { ok: true, receipt: receipt(d) };
    });
    await outbox.put(draft('a'));
    await outbox.put(draft('bb'));
    await outbox.flush();
    expect(tried).toEqual(['a', 'bb']);
    const [left] = await outbox.list();
    expect(left).toMatchObject({
      submissionId: 'a',
      status: 'rejected',
      lastError: { message: 'Vị trí nằm ngoài địa bàn tỉnh.' },
    });
    await outbox.flush();
    expect(tried).toEqual(['a', 'bb']);
  });

  it('keeps upload offsets learnt during a failed send, for the next attempt', async () => {
    const { outbox } = setup(async (d, update) => {
      const [photo] = d.media;
      if (photo) {
        await update({
          ...d,
          media: [{ ...photo, upload: { id: 'up1', received: 262144, complete: false } }],
        });
      }
      return offline;
    });
    await outbox.put(draft('a'));
    await outbox.sendOne('a');
    const [kept] = await outbox.list();
    expect(kept?.status).toBe('waiting');
    expect(kept?.media[0]?.upload).toEqual({ id: 'up1', received: 262144, complete: false });
  });

  it('treats a draft left "sending" by a closed page as waiting to be sent', async () => {
    const { outbox, store } = setup(async (d) => ({ ok: true, receipt: receipt(d) }));
    await store.set('a', draft('a', { status: 'sending', attempts: 1 }));
    expect((await outbox.list())[0]?.status).toBe('pending');
    expect((await outbox.flush()).sent).toHaveLength(1);
  });

  it('turns a sender that throws into a retryable failure instead of losing the draft', async () => {
    const { outbox } = setup(async () => {
      throw new Error('boom');
    });
    await outbox.put(draft('a'));
    expect(await outbox.sendOne('a')).toMatchObject({ ok: false, retryable: true });
    expect((await outbox.list())[0]?.status).toBe('waiting');
  });

  it('tells subscribers when the list changes', async () => {
    const { outbox } = setup(async (d) => ({ ok: true, receipt: receipt(d) }));
    const listener = vi.fn();
    const unsubscribe = outbox.subscribe(listener);
    await outbox.put(draft('a'));
    expect(listener).toHaveBeenCalled();
    unsubscribe();
    listener.mockClear();
    await outbox.remove('a');
    expect(listener).not.toHaveBeenCalled();
  });
});
