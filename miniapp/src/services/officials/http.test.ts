import { describe, expect, it } from 'vitest';
import { createSend, queryString } from './http';

function fakeFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return respond(String(input), init ?? {});
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('query strings', () => {
  it('repeat list keys and leave out what is empty', () => {
    expect(queryString({ status: ['assigned', 'in_progress'], overdue: undefined, q: '' })).toBe(
      '?status=assigned&status=in_progress',
    );
    expect(queryString({})).toBe('');
  });
});

describe('an official request', () => {
  it('carries its own bearer token and the JSON body', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { ok: 1 }));
    const send = createSend(fetch, { url: (p) => `http://api.test${p}` });
    const result = await send({
      method: 'POST',
      path: '/api/v1/work/reports/PA-AAAAAA/accept',
      json: {},
      token: 'ofs_abc',
    });
    expect(result).toEqual({ ok: true, status: 200, data: { ok: 1 } });
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer ofs_abc');
    expect(headers['content-type']).toBe('application/json');
    expect(calls[0]?.init.body).toBe('{}');
  });

  it("turns the API's error body into its code and Vietnamese message", async () => {
    const { fetch } = fakeFetch(() =>
      json(409, {
        error: {
          code: 'illegal_transition',
          message: 'Không thể tiếp nhận…',
          details: { from: 'resolved' },
        },
      }),
    );
    const result = await createSend(fetch, { url: (p) => p })({ method: 'GET', path: '/x' });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'http',
        status: 409,
        code: 'illegal_transition',
        message: 'Không thể tiếp nhận…',
        details: { from: 'resolved' },
      },
    });
  });

  it('reports a dead network and a stalled server in words', async () => {
    const dead = createSend(
      (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
      { url: (p) => p },
    );
    const down = await dead({ method: 'GET', path: '/x' });
    expect(down.ok || down.error.code).toBe('network');

    const stalled = createSend(
      ((_input: RequestInfo | URL, init?: RequestInit) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
        )) as typeof fetch,
      { url: (p) => p, timeoutMs: 10 },
    );
    const slow = await stalled({ method: 'GET', path: '/x' });
    expect(slow.ok || slow.error.code).toBe('timeout');
    if (!slow.ok) expect(slow.error.message).toContain('Mạng đang chậm');
  });
});
