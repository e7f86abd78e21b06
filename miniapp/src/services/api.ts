import type { AppType } from '@tinh/edge/app';
import { type ClientResponse, hc } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import { type MessageKey, vi } from '../i18n/vi';
import { type SessionEnd, sessionStore } from './auth/store';

/**
 * The typed API client and the one place that turns HTTP outcomes into `ApiResult`s, so
 * screens never see a thrown fetch error or an untyped error body.
 *
 *   const result = await request(() => api.api.v1.reports.$get({ query: { page: '1' } }));
 *   if (!result.ok) showError(result.error.message);
 */

export type ApiError =
  | {
      kind: 'http';
      status: number;
      /** The API's stable code (`{ error: { code } }`), or `http_<status>` when it sent none. */
      code: string;
      /** The API's citizen-facing message (Vietnamese), or ours when it sent none. */
      message: string;
      details?: unknown;
    }
  | { kind: 'network' | 'timeout'; status: 0; code: 'network' | 'timeout'; message: string };

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; error: ApiError };

/** What the API answers on success: the JSON body for JSON routes, the text for text routes. */
export type SuccessData<R> =
  R extends ClientResponse<infer T, infer S, infer F>
    ? S extends SuccessStatusCode
      ? F extends 'text'
        ? string
        : T
      : never
    : never;

type ErrorBody = { error: { code: string; message?: string; details?: unknown } };

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const { error } = body;
  return (
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
  );
}

class RequestTimeout extends Error {
  override name = 'RequestTimeout';
}

/**
 * Gives up on a request whose response has not started after `timeoutMs`: on a weak rural
 * connection a stalled request otherwise spins for minutes with no message.
 */
export function fetchWithTimeout(
  timeoutMs: number,
  baseFetch: typeof fetch = (input, init) => fetch(input, init),
): typeof fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const callerSignal = init?.signal;
    if (callerSignal?.aborted) controller.abort(callerSignal.reason);
    callerSignal?.addEventListener('abort', () => controller.abort(callerSignal.reason), {
      once: true,
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      return await baseFetch(input, { ...init, signal: controller.signal });
    } catch (error) {
      throw timedOut ? new RequestTimeout(`No response within ${timeoutMs} ms`) : error;
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Where requests get the citizen's session token, and report the API refusing it. */
export type Credentials = {
  /** The bearer token to send, or null (anonymous). */
  token: () => Promise<string | null>;
  /** The API refused this token; the session that sent it must end. */
  rejected: (token: string, why: SessionEnd) => Promise<void> | void;
};

/** API codes that mean "this token is no good any more": drop it, do not retry with it. */
const TOKEN_REFUSALS: Record<string, { status: number; why: SessionEnd }> = {
  session_invalid: { status: 401, why: 'expired' },
  // The server cannot check any token (no SESSION_SECRET): keeping it would fail every request.
  session_not_configured: { status: 503, why: 'unavailable' },
};

async function refusalOf(response: Response): Promise<SessionEnd | undefined> {
  if (response.status !== 401 && response.status !== 503) return undefined;
  try {
    const body: unknown = await response.clone().json();
    if (!isErrorBody(body)) return undefined;
    const refusal = TOKEN_REFUSALS[body.error.code];
    return refusal?.status === response.status ? refusal.why : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends `Authorization: Bearer <token>` while the citizen is signed in (unless the call
 * set its own), and drops the session when the API answers that the token is invalid or
 * expired. The answer itself still reaches the caller, with the API's Vietnamese message.
 */
export function withCredentials(
  credentials: Credentials,
  baseFetch: typeof fetch = (input, init) => fetch(input, init),
): typeof fetch {
  return async (input, init) => {
    const token = await credentials.token();
    const headers = new Headers(init?.headers);
    const sent = token && !headers.has('authorization') ? token : null;
    if (sent) headers.set('authorization', `Bearer ${sent}`);
    const response = await baseFetch(input, sent ? { ...init, headers } : init);
    if (sent) {
      const why = await refusalOf(response);
      if (why) await credentials.rejected(sent, why);
    }
    return response;
  };
}

function transportError(error: unknown): ApiResult<never> {
  return {
    ok: false,
    error: networkError(error instanceof RequestTimeout ? 'timeout' : 'network'),
  };
}

async function readBody(response: ClientResponse<unknown>): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const type = response.headers.get('content-type') ?? '';
  return type.includes('json') ? response.json() : response.text();
}

/**
 * Runs one client call and classifies what came back. Pass a function, not a promise,
 * so a fetch that throws synchronously is caught here too.
 */
export async function request<R extends ClientResponse<unknown>>(
  call: () => Promise<R>,
): Promise<ApiResult<SuccessData<R>>> {
  let response: R;
  try {
    response = await call();
  } catch (error) {
    return transportError(error);
  }

  let body: unknown;
  try {
    body = await readBody(response);
  } catch (error) {
    // The connection dropped mid-body, or the body is not what its content type claims.
    if (response.ok) return transportError(error);
    body = undefined;
  }

  if (response.ok) return { ok: true, status: response.status, data: body as SuccessData<R> };
  return { ok: false, error: httpError(response.status, body) };
}

/** The ApiError of a non-2xx answer: the API's code and message, or ours when it sent none. */
export function httpError(status: number, body: unknown): ApiError {
  const fallback: MessageKey = status >= 500 ? 'error.server' : 'error.unexpected';
  if (isErrorBody(body)) {
    return {
      kind: 'http',
      status,
      code: body.error.code,
      message: body.error.message || vi[fallback],
      details: body.error.details,
    };
  }
  return { kind: 'http', status, code: `http_${status}`, message: vi[fallback] };
}

/** A transport failure (no answer at all) as an ApiError. */
export function networkError(kind: 'network' | 'timeout'): ApiError {
  return {
    kind,
    status: 0,
    code: kind,
    message: vi[kind === 'timeout' ? 'error.timeout' : 'error.network'],
  };
}

/**
 * Empty in dev: the page and the API share the Vite server's origin (it proxies /api and
 * /open311). A build for Zalo must set VITE_API_BASE, since the mini app is served from
 * Zalo's host, not ours.
 */
export function resolveApiBase(configured: string | undefined): string {
  const base = configured?.trim();
  return base ? base.replace(/\/+$/, '') : '/';
}

const API_TIMEOUT_MS = 20_000;

export const API_BASE = resolveApiBase(import.meta.env.VITE_API_BASE);

/** An absolute or same-origin URL for an API path ("/api/v1/media/…"). */
export function apiUrl(path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  return `${API_BASE.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export const api = hc<AppType>(API_BASE, {
  fetch: withCredentials(sessionStore, fetchWithTimeout(API_TIMEOUT_MS)),
});
