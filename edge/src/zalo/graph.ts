import type { Env } from '../platform/env';

// A small client of the Zalo Graph API (server to server). Only what the field reports need
// so far: turning the token of zmp-sdk `getLocation()` into coordinates.
//
// Zalo's documented exchange (Mini App docs, getLocation → "chuyển đổi token thành thông tin
// vị trí"): GET {graph}/v2.0/me/info with three request headers,
//   access_token: the user's access token (zmp-sdk getAccessToken()),
//   code:         the location token (getLocation().token),
//   secret_key:   the Zalo app's secret key,
// answered with HTTP 200 and a JSON envelope `{ error: 0, message: "Success", data: {
// provider, latitude, longitude, timestamp } }`; a failure keeps HTTP 200 with `error` ≠ 0
// and a message (an expired token, a wrong secret, ...). Latitude and longitude arrive as
// strings on some clients, so both forms are accepted.

export const DEFAULT_GRAPH_URL = 'https://graph.zalo.me';
export const DEFAULT_TIMEOUT_MS = 5000;

export type ZaloErrorKind =
  /** ZALO_APP_SECRET is not configured: the server cannot exchange tokens. */
  | 'not_configured'
  /** Zalo refused the token or the access token (error ≠ 0). */
  | 'rejected'
  /** Zalo did not answer in time. */
  | 'timeout'
  /** Network failure, HTTP error, or an answer that is not the documented shape. */
  | 'unavailable';

export class ZaloGraphError extends Error {
  constructor(
    readonly kind: ZaloErrorKind,
    message: string,
    /** Zalo's own error number, when it gave one. */
    readonly zaloCode?: number,
  ) {
    super(message);
    this.name = 'ZaloGraphError';
  }
}

export interface ZaloLocation {
  lat: number;
  lng: number;
  /** `gps`, `network`, ... as Zalo reports it. */
  provider: string | null;
  /** When the device measured it (ms since epoch), when Zalo says. */
  timestamp: number | null;
}

export interface GraphClientOptions {
  baseUrl?: string | undefined;
  appSecret?: string | undefined;
  timeoutMs?: number | undefined;
  fetch?: typeof fetch;
}

export function graphOptionsFromEnv(env: Partial<Env>): GraphClientOptions {
  const timeout = Number(env.ZALO_TIMEOUT_MS);
  return {
    baseUrl: env.ZALO_GRAPH_URL || DEFAULT_GRAPH_URL,
    appSecret: env.ZALO_APP_SECRET,
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
  };
}

function toNumber(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** Exchanges a zmp-sdk location token for coordinates. Throws ZaloGraphError. */
export async function exchangeLocationToken(
  opts: GraphClientOptions,
  accessToken: string,
  token: string,
): Promise<ZaloLocation> {
  if (!opts.appSecret) {
    throw new ZaloGraphError('not_configured', 'ZALO_APP_SECRET is not set');
  }
  const url = new URL('/v2.0/me/info', opts.baseUrl ?? DEFAULT_GRAPH_URL);
  const doFetch = opts.fetch ?? fetch;
  let body: unknown;
  try {
    const res = await doFetch(url, {
      method: 'GET',
      headers: {
        access_token: accessToken,
        code: token,
        secret_key: opts.appSecret,
        accept: 'application/json',
      },
      signal: AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    if (!res.ok) {
      await res.body?.cancel();
      throw new ZaloGraphError('unavailable', `Zalo Graph API answered HTTP ${res.status}`);
    }
    body = await res.json();
  } catch (err) {
    if (err instanceof ZaloGraphError) throw err;
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      throw new ZaloGraphError('timeout', 'Zalo Graph API did not answer in time');
    }
    throw new ZaloGraphError(
      'unavailable',
      `Zalo Graph API unreachable: ${err instanceof Error ? err.message : String(err)}`,
    );
  }

  const envelope = (body ?? {}) as { error?: unknown; message?: unknown; data?: unknown };
  const code = toNumber(envelope.error);
  if (code === null) {
    throw new ZaloGraphError('unavailable', 'Zalo Graph API answer has no error field');
  }
  if (code !== 0) {
    const message = typeof envelope.message === 'string' ? envelope.message : 'unknown error';
    throw new ZaloGraphError('rejected', `Zalo refused the location token: ${message}`, code);
  }
  const data = (envelope.data ?? {}) as Record<string, unknown>;
  const lat = toNumber(data.latitude);
  const lng = toNumber(data.longitude);
  if (lat === null || lng === null || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    throw new ZaloGraphError('unavailable', 'Zalo Graph API answer has no valid coordinates');
  }
  return {
    lat,
    lng,
    provider: typeof data.provider === 'string' ? data.provider : null,
    timestamp: toNumber(data.timestamp),
  };
}

/** A client bound to the Worker's configuration: `zaloGraph(env).exchangeLocationToken(accessToken, token)`. */
export function zaloGraph(env: Partial<Env>) {
  const opts = graphOptionsFromEnv(env);
  return {
    exchangeLocationToken: (accessToken: string, token: string) =>
      exchangeLocationToken(opts, accessToken, token),
  };
}
