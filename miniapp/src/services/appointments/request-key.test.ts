import { describe, expect, it } from 'vitest';
import { type ApiResult, httpError, networkError } from '../api';
import { createRequestKeys, randomUuid, sendOnce } from './request-key';

type Sent = { requestKey: string };

function counterKeys() {
  let n = 0;
  return createRequestKeys(() => `key-${++n}`);
}

function transport(answers: ApiResult<string>[]) {
  const sent: Sent[] = [];
  return {
    sent,
    send: async (requestKey: string) => {
      sent.push({ requestKey });
      const answer = answers.shift();
      if (!answer) throw new Error('no answer left');
      return answer;
    },
  };
}

const ok = (data: string): ApiResult<string> => ({ ok: true, status: 201, data });
const fail = (error: ReturnType<typeof httpError>): ApiResult<string> => ({ ok: false, error });

describe('booking request keys', () => {
  it('retries a lost answer with the same key, then starts a new booking with a new key', async () => {
    const keys = counterKeys();
    const t = transport([
      fail(networkError('timeout')),
      fail(networkError('network')),
      fail(httpError(503, { error: { code: 'busy', message: 'Hệ thống đang bận' } })),
      ok('booking-1'),
      ok('booking-2'),
    ]);
    for (let i = 0; i < 4; i++) await sendOnce(keys, 'dept-noi', t.send);
    await sendOnce(keys, 'dept-noi', t.send);
    expect(t.sent.map((s) => s.requestKey)).toEqual(['key-1', 'key-1', 'key-1', 'key-1', 'key-2']);
  });

  it('takes a new key after a refusal that proves nothing was booked', async () => {
    const keys = counterKeys();
    const full = httpError(409, { error: { code: 'slot_full', message: 'Khung giờ đã hết chỗ' } });
    const t = transport([fail(full), ok('booking')]);
    const first = await sendOnce(keys, 'dept', t.send);
    expect(first.ok).toBe(false);
    await sendOnce(keys, 'dept', t.send);
    expect(t.sent.map((s) => s.requestKey)).toEqual(['key-1', 'key-2']);
  });

  it('keeps the key when the session was refused (the earlier attempt may have gone through)', async () => {
    const keys = counterKeys();
    const expired = httpError(401, { error: { code: 'session_invalid', message: 'Hết phiên' } });
    const t = transport([fail(networkError('timeout')), fail(expired), ok('booking')]);
    for (let i = 0; i < 3; i++) await sendOnce(keys, 'dept', t.send);
    expect(t.sent.map((s) => s.requestKey)).toEqual(['key-1', 'key-1', 'key-1']);
  });

  it('keeps flows apart', async () => {
    const keys = counterKeys();
    expect(keys.keyFor('dept-a')).toBe('key-1');
    expect(keys.keyFor('reschedule:b1')).toBe('key-2');
    expect(keys.keyFor('dept-a')).toBe('key-1');
    keys.settle('dept-a');
    expect(keys.keyFor('dept-a')).toBe('key-3');
    expect(keys.keyFor('reschedule:b1')).toBe('key-2');
  });

  it('makes RFC 4122 version 4 ids', () => {
    const id = randomUuid();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomUuid()).not.toBe(id);
  });
});
