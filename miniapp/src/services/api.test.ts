import type { ClientResponse } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { fetchWithTimeout, request, resolveApiBase } from './api';

function respond(
  body: unknown,
  status: number,
): () => Promise<ClientResponse<{ id: string }, 200, 'json'>> {
  const response = new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
  return async () => response as unknown as ClientResponse<{ id: string }, 200, 'json'>;
}

describe('request', () => {
  it('returns the body of a successful response', async () => {
    expect(await request(respond({ id: 'PA-1' }, 200))).toEqual({
      ok: true,
      status: 200,
      data: { id: 'PA-1' },
    });
  });

  it("keeps the API's error code, message and details", async () => {
    const body = {
      error: {
        code: 'validation_failed',
        message: 'Vui lòng chọn lĩnh vực.',
        details: { field: 'category' },
      },
    };
    expect(await request(respond(body, 422))).toEqual({
      ok: false,
      error: {
        kind: 'http',
        status: 422,
        code: 'validation_failed',
        message: 'Vui lòng chọn lĩnh vực.',
        details: { field: 'category' },
      },
    });
  });

  it('gives a Vietnamese message when an error has no API body (a proxy page, a crash)', async () => {
    const call = async () =>
      new Response('<html>Bad gateway</html>', {
        status: 502,
        headers: { 'content-type': 'text/html' },
      }) as unknown as ClientResponse<unknown, 502>;
    expect(await request(call)).toEqual({
      ok: false,
      error: {
        kind: 'http',
        status: 502,
        code: 'http_502',
        message: 'Hệ thống đang bận. Vui lòng thử lại sau ít phút.',
      },
    });
  });

  it('turns a failed fetch into the no-network message', async () => {
    const result = await request(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'network',
        status: 0,
        code: 'network',
        message: 'Không có kết nối mạng. Vui lòng thử lại.',
      },
    });
  });

  it('gives up on a server that never answers', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
      });
    const timedFetch = fetchWithTimeout(20, hanging);
    const result = await request(
      () => timedFetch('http://api.test/x') as Promise<ClientResponse<unknown>>,
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout', code: 'timeout' } });
  });

  it('passes a caller cancellation through as a network error, not a timeout', async () => {
    const controller = new AbortController();
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        );
      });
    const pending = request(
      () =>
        fetchWithTimeout(10_000, hanging)('http://api.test/x', {
          signal: controller.signal,
        }) as Promise<ClientResponse<unknown>>,
    );
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'network' } });
  });
});

describe('resolveApiBase', () => {
  it('uses the same origin unless a build sets VITE_API_BASE', () => {
    expect(resolveApiBase(undefined)).toBe('/');
    expect(resolveApiBase('  ')).toBe('/');
    expect(resolveApiBase('https://api.haugiang.gov.vn/')).toBe('https://api.haugiang.gov.vn');
  });
});
