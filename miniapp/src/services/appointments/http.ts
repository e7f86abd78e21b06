import type { ClientResponse } from 'hono/client';
import { type ApiResult, apiUrl, fetchWithTimeout, request, withCredentials } from '../api';
import { sessionStore } from '../auth/store';

/**
 * JSON calls for the issue-9 services (appointments, training, surveys), through the same
 * pipeline as the typed client: the session token, the timeout, and `request()`'s
 * classification of answers into `ApiResult`s with the API's Vietnamese messages. The
 * answer types are the hand-written ones of each service; client.ts files check them
 * against the API's own types.
 */

const TIMEOUT_MS = 20_000;
const send = withCredentials(sessionStore, fetchWithTimeout(TIMEOUT_MS));

type Query = Record<string, string | number | undefined>;

export type CallOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  json?: unknown;
  headers?: Record<string, string>;
  /** Past the HTTP cache: the answer must be the server's state now (a refresh after a refusal). */
  fresh?: boolean;
};

export function pathWithQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export function apiCall<T>(path: string, options: CallOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  return request(
    () =>
      send(apiUrl(pathWithQuery(path, options.query)), {
        method: options.method ?? 'GET',
        headers,
        body: options.json === undefined ? undefined : JSON.stringify(options.json),
        ...(options.fresh ? { cache: 'no-cache' as const } : {}),
      }) as Promise<ClientResponse<T, 200, 'json'>>,
  ) as Promise<ApiResult<T>>;
}
