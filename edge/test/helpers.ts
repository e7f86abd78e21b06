import { exports } from 'cloudflare:workers';
import { expect } from 'vitest';

export const ORIGIN = 'https://tinh.test';

/** A request through the real Worker entry (worker.ts default export), as workerd delivers it. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(new URL(path, ORIGIN), init));
}

export type ErrorJson = { error: { code: string; message: string; details?: unknown } };

/** A JSON request (or none, without `body`) through `call`. */
export function sendJson(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
) {
  return call(path, {
    method,
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The JSON of an answer that must have `status` (its body shown when it has not). */
export async function ok<T = Record<string, unknown>>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** The `error` of an answer that must have `status`. */
export async function failure(res: Response, status: number): Promise<ErrorJson['error']> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (JSON.parse(text) as ErrorJson).error;
}
