import type { Env } from '../platform/env';

// A small client of the Zalo Graph API (server to server): turning the token of zmp-sdk
// `getLocation()` into coordinates, and reading the profile behind a user access token
// (zmp-sdk `getAccessToken()`) to sign a citizen in.
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
//
// The profile (Social API "user info"): GET {graph}/v2.0/me?fields=id,name,picture with the
// header `access_token`, plus `appsecret_proof` (hex HMAC-SHA256 of the access token keyed
// with the app secret) which Zalo requires once the app turns on "App secret proof"; it is
// sent whenever ZALO_APP_SECRET is set. This client asks for `id,name` only: nothing here
// shows the picture. Success is HTTP 200 with `{ id, name, picture: { data: { url } } }`
// (some answers also carry `error: 0, message: "Success"`); `name` and `picture` come only
// when the citizen granted scope.userInfo (zmp-sdk >= 2.35 hands out id-only tokens
// otherwise). Failure is HTTP 200 with `{ error: <number ≠ 0>, message }`: 452 "Session key
// invalid" or -124 for a bad or expired token, and -501 ("Personal information is limited
// due to IP address not inside Vietnam") when the *caller's* egress IP is outside Vietnam.
// -501 says nothing about the token, so it is reported as `unavailable` (a deployment
// problem: point ZALO_GRAPH_URL at a relay with a Vietnamese IP), never as a refused token.

export const DEFAULT_GRAPH_URL = 'https://graph.zalo.me';
export const DEFAULT_TIMEOUT_MS = 5000;

export type ZaloErrorKind =
  /** ZALO_APP_SECRET is not configured: the server cannot exchange tokens. */
  | 'not_configured'
  /** Zalo refused the token or the access token (error ≠ 0, other than the region block). */
  | 'rejected'
  /** Zalo did not answer in time. */
  | 'timeout'
  /**
   * Network failure, HTTP error, an answer that is not the documented shape, or Zalo
   * refusing this server's IP address (-501: outside Vietnam).
   */
  | 'unavailable';

/** Zalo's answer to a caller whose IP address is outside Vietnam (personal data is geo-fenced). */
export const ZALO_REGION_BLOCKED = -501;

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

/**
 * One GET to the Graph API with the client's timeout: the parsed JSON body. Network failures,
 * HTTP errors and bodies that are not JSON become ZaloGraphError (`timeout` or `unavailable`).
 * Neither the headers (they carry tokens) nor the body ever reach an error message.
 */
export async function graphGet(
  opts: GraphClientOptions,
  pathAndQuery: string,
  headers: Record<string, string>,
): Promise<Record<string, unknown>> {
  const url = new URL(pathAndQuery, opts.baseUrl ?? DEFAULT_GRAPH_URL);
  const doFetch = opts.fetch ?? fetch;
  let body: unknown;
  try {
    const res = await doFetch(url, {
      method: 'GET',
      headers: { ...headers, accept: 'application/json' },
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
    if (err instanceof SyntaxError) {
      throw new ZaloGraphError('unavailable', 'Zalo Graph API answer is not JSON');
    }
    throw new ZaloGraphError(
      'unavailable',
      `Zalo Graph API unreachable: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

/** The error of an envelope whose `error` is a number other than 0, or null. */
export function refusal(envelope: Record<string, unknown>, what: string): ZaloGraphError | null {
  const code = toNumber(envelope.error);
  if (code === null || code === 0) return null;
  const message = typeof envelope.message === 'string' ? envelope.message : 'unknown error';
  if (code === ZALO_REGION_BLOCKED) {
    return new ZaloGraphError(
      'unavailable',
      `Zalo refused this server's IP address (outside Vietnam): ${message}`,
      code,
    );
  }
  return new ZaloGraphError('rejected', `Zalo refused ${what}: ${message}`, code);
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
  const envelope = await graphGet(opts, '/v2.0/me/info', {
    access_token: accessToken,
    code: token,
    secret_key: opts.appSecret,
  });
  if (toNumber(envelope.error) === null) {
    throw new ZaloGraphError('unavailable', 'Zalo Graph API answer has no error field');
  }
  const refused = refusal(envelope, 'the location token');
  if (refused) throw refused;
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

/** Who a Zalo user access token belongs to: the app-scoped user id and, when granted, the name. */
export interface ZaloProfile {
  /** Zalo's user id for this Zalo app (stable per app, not the phone number). */
  id: string;
  /** Display name; null when the citizen did not grant scope.userInfo. */
  name: string | null;
}

/** The profile fields asked for: the id and the name. Not the picture: nothing here shows it. */
export const PROFILE_FIELDS = 'id,name';
const NAME_MAX = 100;

const encoder = new TextEncoder();

/** `appsecret_proof`: hex HMAC-SHA256 of the access token, keyed with the app secret. */
export async function appSecretProof(accessToken: string, appSecret: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(appSecret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(accessToken)));
  let hex = '';
  for (const b of mac) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/**
 * A user id as Zalo sends it: a string of up to 64 visible characters. A JSON number is taken
 * only while it is exact: Zalo ids have up to 19 digits, beyond 2^53, and a rounded id
 * would sign a citizen into someone else's account.
 */
function profileId(value: unknown): string | null {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value > 0 ? String(value) : null;
  if (typeof value !== 'string') return null;
  const id = value.trim();
  return /^[\x21-\x7e]{1,64}$/.test(id) ? id : null;
}

function profileName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Control characters (\p{Cc}) become spaces; runs of whitespace collapse.
  const name = value
    .replace(/\p{Cc}/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  return name ? name.slice(0, NAME_MAX) : null;
}

/**
 * Reads the profile behind a user access token (zmp-sdk `getAccessToken()`), which also
 * proves the token is valid and current. Throws ZaloGraphError: `rejected` for an invalid or
 * expired token; `timeout` / `unavailable` when Zalo cannot answer for this server.
 */
export async function getProfile(
  opts: GraphClientOptions,
  accessToken: string,
): Promise<ZaloProfile> {
  const headers: Record<string, string> = { access_token: accessToken };
  if (opts.appSecret) headers.appsecret_proof = await appSecretProof(accessToken, opts.appSecret);
  const envelope = await graphGet(opts, `/v2.0/me?fields=${PROFILE_FIELDS}`, headers);
  const refused = refusal(envelope, 'the access token');
  if (refused) throw refused;
  const id = profileId(envelope.id);
  if (!id) throw new ZaloGraphError('unavailable', 'Zalo Graph API answer has no valid user id');
  return { id, name: profileName(envelope.name) };
}

/**
 * A client bound to the Worker's configuration:
 * `zaloGraph(env).exchangeLocationToken(accessToken, token)`, `zaloGraph(env).getProfile(accessToken)`.
 */
export function zaloGraph(env: Partial<Env>) {
  const opts = graphOptionsFromEnv(env);
  return {
    exchangeLocationToken: (accessToken: string, token: string) =>
      exchangeLocationToken(opts, accessToken, token),
    getProfile: (accessToken: string) => getProfile(opts, accessToken),
  };
}
