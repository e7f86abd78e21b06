import type { Env } from '../platform/env';
import { DEFAULT_TIMEOUT_MS } from './graph';

// A small client of the Zalo Official Account API v3 (server to server): the province's OA
// sends a citizen a customer-service ("tư vấn") text message about their report.
//
//   POST {ZALO_OA_API_URL}/v3.0/oa/message/cs
//   access_token: <OA access token>
//   { "recipient": { "user_id": "<the user's id as the OA sees it>" },
//     "message": { "text": "…" } }
//
// Zalo answers HTTP 200 with an envelope `{ error: 0, message: "Success", data: { message_id,
// user_id } }`; a refusal keeps HTTP 200 with `error` ≠ 0. What a refusal means for the
// message decides what the outbox does next (see `classify`):
//   - `retry`: Zalo could not take it now (network, timeout, HTTP 5xx/429, rate limit):
//     the same message is tried again later, with backoff.
//   - `unreachable`: this recipient cannot get it through this channel (not a follower,
//     outside the window after their last interaction, blocked the OA, account inactive):
//     the next channel (ZNS) is tried at once.
//   - `rejected`: Zalo refused the request itself (access token, parameters, quota): not
//     fixable by retrying the same request; the next channel is tried too.

export const DEFAULT_OA_API_URL = 'https://openapi.zalo.me';
/** Zalo's limit on an OA text message. */
export const OA_TEXT_MAX = 2000;

export type ZaloSendFailure = 'not_configured' | 'retry' | 'unreachable' | 'rejected';

export class ZaloSendError extends Error {
  constructor(
    readonly kind: ZaloSendFailure,
    message: string,
    /** Zalo's own error number, when it gave one. */
    readonly zaloCode?: number,
  ) {
    super(message);
    this.name = 'ZaloSendError';
  }
}

/**
 * OA API refusals (Zalo's "Mã lỗi" appendix of the OA API) that say the recipient cannot get
 * an OA message now: -213 has not followed the OA, -217 blocked messages from it, -227
 * inactive or banned account, -230 no interaction with the OA in the last 7 days, -232 no
 * interaction or the reply window has expired.
 */
export const OA_UNREACHABLE_CODES: ReadonlySet<number> = new Set([-213, -217, -227, -230, -232]);
/** OA API refusals worth retrying as they are: -32 too many requests per minute. */
export const OA_RETRY_CODES: ReadonlySet<number> = new Set([-32]);

export interface ZaloClientOptions {
  baseUrl: string;
  accessToken: string | undefined;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export function timeoutFromEnv(env: Partial<Env>): number {
  const timeout = Number(env.ZALO_TIMEOUT_MS);
  return Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS;
}

export function oaOptionsFromEnv(env: Partial<Env>): ZaloClientOptions {
  return {
    baseUrl: env.ZALO_OA_API_URL || DEFAULT_OA_API_URL,
    accessToken: env.ZALO_OA_ACCESS_TOKEN || undefined,
    timeoutMs: timeoutFromEnv(env),
  };
}

function toNumber(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/**
 * One JSON POST to a Zalo API with the client's timeout, answering the envelope's `data`
 * when `error` is 0. Everything else becomes a ZaloSendError, classified with the given code
 * sets. Neither the access token nor the request body ever reaches an error message.
 */
export async function zaloPost(
  opts: ZaloClientOptions,
  path: string,
  body: unknown,
  codes: { retry: ReadonlySet<number>; unreachable: ReadonlySet<number> },
  api: string,
): Promise<Record<string, unknown>> {
  if (!opts.accessToken) throw new ZaloSendError('not_configured', `${api}: no access token`);
  const doFetch = opts.fetch ?? fetch;
  let envelope: unknown;
  try {
    const res = await doFetch(new URL(path, opts.baseUrl), {
      method: 'POST',
      headers: {
        access_token: opts.accessToken,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    if (!res.ok) {
      await res.body?.cancel();
      // 4xx other than 408/429 is a request Zalo will never take as it is.
      const retry = res.status >= 500 || res.status === 408 || res.status === 429;
      throw new ZaloSendError(retry ? 'retry' : 'rejected', `${api} answered HTTP ${res.status}`);
    }
    envelope = await res.json();
  } catch (err) {
    if (err instanceof ZaloSendError) throw err;
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      throw new ZaloSendError('retry', `${api} did not answer in time`);
    }
    if (err instanceof SyntaxError) throw new ZaloSendError('retry', `${api} answer is not JSON`);
    throw new ZaloSendError(
      'retry',
      `${api} unreachable: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const e = (envelope ?? {}) as Record<string, unknown>;
  const code = toNumber(e.error);
  if (code === null) throw new ZaloSendError('retry', `${api} answer has no error field`);
  if (code !== 0) {
    const message = typeof e.message === 'string' ? e.message.slice(0, 200) : 'unknown error';
    const kind = codes.retry.has(code)
      ? 'retry'
      : codes.unreachable.has(code)
        ? 'unreachable'
        : 'rejected';
    throw new ZaloSendError(kind, `${api} error ${code}: ${message}`, code);
  }
  return e.data !== null && typeof e.data === 'object' ? (e.data as Record<string, unknown>) : {};
}

/** Sends an OA customer-service text message; answers Zalo's message id. Throws ZaloSendError. */
export async function sendOaText(
  opts: ZaloClientOptions,
  oaUserId: string,
  text: string,
): Promise<{ messageId: string | null }> {
  const data = await zaloPost(
    opts,
    '/v3.0/oa/message/cs',
    { recipient: { user_id: oaUserId }, message: { text: text.slice(0, OA_TEXT_MAX) } },
    { retry: OA_RETRY_CODES, unreachable: OA_UNREACHABLE_CODES },
    'Zalo OA API',
  );
  return { messageId: typeof data.message_id === 'string' ? data.message_id : null };
}

/** A client bound to the Worker's configuration: `zaloOa(env).sendText(oaUserId, text)`. */
export function zaloOa(env: Partial<Env>) {
  const opts = oaOptionsFromEnv(env);
  return {
    configured: Boolean(opts.accessToken),
    sendText: (oaUserId: string, text: string) => sendOaText(opts, oaUserId, text),
  };
}
