import { type ApiError, type ApiResult, apiUrl, httpError, networkError } from '../api';

/**
 * One JSON request with an explicit bearer token, classified like `request()` in ../api.ts
 * (the API's code and Vietnamese message, or ours for a dead network). The officials'
 * calls come through here rather than through the shared `api` client, which always adds
 * the citizen's token and ends the citizen's session on a 401: an official's refused app
 * token must renew the official's token, and never sign the citizen out.
 */

export type Query = Record<string, string | readonly string[] | undefined>;

export type HttpCall = {
  method: 'GET' | 'POST';
  path: string;
  query?: Query;
  json?: unknown;
  /** `Bearer <token>` is sent when set. */
  token?: string | null;
  headers?: Record<string, string>;
};

export type Send = <T>(call: HttpCall) => Promise<ApiResult<T>>;

/** `?status=a&status=b&limit=20`: repeated keys for lists, empty values left out. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values = typeof value === 'string' ? [value] : value;
    for (const v of values) if (v !== '') params.append(key, v);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

class Timeout extends Error {}

export function createSend(
  baseFetch: typeof fetch = (input, init) => fetch(input, init),
  options: { timeoutMs?: number; url?: (path: string) => string } = {},
): Send {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const url = options.url ?? apiUrl;
  return async <T>(call: HttpCall): Promise<ApiResult<T>> => {
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    if (call.json !== undefined) headers['content-type'] = 'application/json';
    if (call.token) headers.authorization = `Bearer ${call.token}`;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let response: Response;
    let body: unknown;
    try {
      response = await baseFetch(url(call.path) + queryString(call.query), {
        method: call.method,
        headers,
        ...(call.json !== undefined ? { body: JSON.stringify(call.json) } : {}),
        signal: controller.signal,
      });
      const type = response.headers.get('content-type') ?? '';
      try {
        body =
          response.status === 204 ? undefined : type.includes('json') ? await response.json() : '';
      } catch (error) {
        if (response.ok) throw error;
        body = undefined;
      }
    } catch (error) {
      const kind = timedOut || error instanceof Timeout ? 'timeout' : 'network';
      return { ok: false, error: networkError(kind) };
    } finally {
      clearTimeout(timer);
    }
    if (response.ok) return { ok: true, status: response.status, data: body as T };
    return { ok: false, error: httpError(response.status, body) };
  };
}

/** An ApiError the app words itself (no answer from the API was involved). */
export function localError(code: string, message: string, status = 0): ApiError {
  return { kind: 'http', status, code, message };
}

export const send: Send = createSend();
