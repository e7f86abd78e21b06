import { exports } from 'cloudflare:workers';

export const ORIGIN = 'https://tinh.test';

/** A request through the real Worker entry (worker.ts default export), as workerd delivers it. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(new URL(path, ORIGIN), init));
}

export type ErrorJson = { error: { code: string; message: string; details?: unknown } };
