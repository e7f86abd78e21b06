/**
 * The admin's one door to the API (same origin, /api/v1). The session is the HttpOnly cookie
 * set at sign-in; unsafe requests also carry the CSRF token the API gave with the session
 * (`X-CSRF-Token`). Errors come back as ApiError with the API's stable code and its
 * Vietnamese message, so pages show `error.message` as is.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

/** For requests that cannot go through `apiFetch` (an XMLHttpRequest upload with progress). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

/** Called when the API says the session is gone (401): the app shows the sign-in form. */
let onSignedOut: () => void = () => {};
export function onUnauthenticated(handler: () => void): void {
  onSignedOut = handler;
}

export type Query = Record<string, string | number | boolean | string[] | null | undefined>;

/** "?a=1&s=x&s=y" from a query object; empty values are left out, arrays repeat the name. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item) params.append(name, item);
    } else {
      params.set(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TIMEOUT_MS = 30_000;

export function apiPath(path: string, query?: Query): string {
  return `/api/v1${path}${queryString(query)}`;
}

/** Raw request with the session's headers; most callers want `api()`. */
export async function apiFetch(
  method: string,
  path: string,
  init: { body?: BodyInit; headers?: Record<string, string>; query?: Query } = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (UNSAFE.has(method) && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  try {
    return await fetch(apiPath(path, init.query), {
      method,
      headers,
      body: init.body,
      credentials: 'same-origin',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const timeout = error instanceof DOMException && error.name === 'TimeoutError';
    throw new ApiError(
      0,
      timeout ? 'timeout' : 'network',
      timeout
        ? 'Máy chủ không trả lời kịp. Vui lòng thử lại.'
        : 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
    );
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body as { error: { code?: string; message?: string; details?: unknown } }).error
      : undefined;
  const fallback =
    response.status >= 500
      ? 'Máy chủ gặp lỗi. Vui lòng thử lại sau.'
      : `Yêu cầu không thực hiện được (mã ${response.status}).`;
  return new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message || fallback,
    error?.details,
  );
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: { body?: unknown; query?: Query; quiet401?: boolean } = {},
): Promise<T> {
  const response = await apiFetch(method, path, {
    query: options.query,
    ...(options.body !== undefined
      ? {
          body: JSON.stringify(options.body),
          headers: { 'Content-Type': 'application/json' },
        }
      : {}),
  });
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && !options.quiet401) onSignedOut();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** The file name of a Content-Disposition header: `filename*` (UTF-8, Vietnamese) first. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || null;
}

/**
 * Downloads a file answer (an Excel export) and saves it under the server's file name, or
 * `fallbackName`. Fetched rather than linked: a refused export (a bad filter, a lost session,
 * a missing permission) then shows the API's Vietnamese message on the page instead of
 * saving its JSON error as the file. Answers the name the file was saved under.
 */
export async function downloadFile(
  path: string,
  query: Query | undefined,
  fallbackName: string,
): Promise<string> {
  const response = await apiFetch('GET', path, { query });
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401) onSignedOut();
    throw error;
  }
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    // The request's time limit also covers reading the body.
    throw new ApiError(0, 'timeout', 'Tải tệp bị gián đoạn. Vui lòng thử lại.');
  }
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** The message to show for anything a request threw. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

export const mediaUrl = (id: string) => `/api/v1/media/${encodeURIComponent(id)}`;
