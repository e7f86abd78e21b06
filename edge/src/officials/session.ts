import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { privatise, sessionSecret } from '../auth/session';
import { type AppEnv, parseAllowedOrigins } from '../platform/env';
import { ApiError } from '../platform/errors';
import { constantTimeEqualText, hmacBase64url, SESSION_TOKEN_PREFIX } from './crypto';
import { loadSession } from './repo';

// Officials' sessions. Two carriers of the same stored session token (`ofs_…`):
//   - the web admin: the HttpOnly cookie `tinh_admin` (Secure, SameSite=Strict, Path=/). A
//     browser sends it by itself, so every unsafe request it authenticates must also carry
//     `X-CSRF-Token` (HMAC-SHA256 of the session id under SESSION_SECRET: the SPA gets it from
//     the login answer or GET /me, a page on another site cannot read it), and an `Origin`
//     header, when present, must be this API's origin or an ALLOWED_ORIGINS entry;
//   - the mini app: `Authorization: Bearer ofs_…`, exempt from CSRF (a browser never adds
//     it by itself).
// Requests with neither pass through untouched (citizens, public pages).

export const WEB_SESSION_COOKIE = 'tinh_admin';
export const CSRF_HEADER = 'X-CSRF-Token';

const BEARER_OFS = /^Bearer +(ofs_[\w-]{20,200}) *$/i;
/** Whether an Authorization header carries an official's token (not a citizen's JWT). */
export const isOfficialBearer = (header: string | undefined) =>
  header !== undefined && /^Bearer +ofs_/i.test(header);

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Paths that read credentials themselves: signing in again must work with a stale token.
const SIGN_IN_PATHS = new Set([
  '/api/v1/officials/auth/login',
  '/api/v1/officials/auth/zalo',
  '/api/v1/officials/auth/zalo-link',
  '/api/v1/officials/auth/password',
]);

// Where the web admin's cookie is what authorises the request. Elsewhere (the citizens'
// routes, which an official's browser may also call on the same site in development) a
// cookie that fails the CSRF check is ignored rather than refused: the request goes on
// anonymous, as if the cookie were not there, so it can never act as the official.
const OFFICIAL_AREAS = ['/api/v1/officials/', '/api/v1/admin/', '/api/v1/work/', '/api/v1/chat/'];

/** The CSRF token of a web session: base64url HMAC-SHA256(SESSION_SECRET, session id). */
export function csrfTokenFor(secret: string, sessionId: string): Promise<string> {
  return hmacBase64url(secret, `csrf:${sessionId}`);
}

export function sessionCookieOptions(maxAgeSeconds: number) {
  return {
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: maxAgeSeconds,
  } as const;
}

export function officialSessionInvalid(): ApiError {
  return new ApiError(
    401,
    'official_session_invalid',
    'Phiên đăng nhập cán bộ đã hết hạn hoặc đã bị thu hồi. Vui lòng đăng nhập lại.',
    undefined,
    { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
  );
}

function csrfFailed(reason: 'origin' | 'token'): ApiError {
  return new ApiError(
    403,
    'csrf_failed',
    reason === 'origin'
      ? 'Yêu cầu bị từ chối vì không xuất phát từ trang quản trị. Vui lòng tải lại trang.'
      : 'Phiên làm việc trên trang quản trị không hợp lệ (thiếu mã chống giả mạo). Vui lòng tải lại trang.',
    { reason },
  );
}

/** Origin allowed to send cookie-authenticated writes: this API's own, or ALLOWED_ORIGINS. */
function originAllowed(c: Context<AppEnv>, origin: string): boolean {
  if (origin === new URL(c.req.url).origin) return true;
  return parseAllowedOrigins(c.env?.ALLOWED_ORIGINS).includes(origin);
}

async function csrfProblem(
  c: Context<AppEnv>,
  sessionId: string,
): Promise<'origin' | 'token' | null> {
  const origin = c.req.header('origin');
  if (origin !== undefined && !originAllowed(c, origin)) return 'origin';
  const sent = c.req.header(CSRF_HEADER);
  if (!sent) return 'token';
  const expected = await csrfTokenFor(sessionSecret(c.env), sessionId);
  return constantTimeEqualText(sent, expected) ? null : 'token';
}

/**
 * Reads the official's session into `c.var.official` (one database query: session, account
 * and roles). A bearer `ofs_` token that is unknown, expired or revoked is a 401
 * `official_session_invalid` (the mini app signs in again); a stale cookie is ignored (the
 * page then meets 401 `official_session_required` where it needs an official).
 */
export const officialSessionMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const path = c.req.path;
  if (SIGN_IN_PATHS.has(path)) return next();
  const authorization = c.req.header('authorization');
  let token: string | undefined;
  let viaCookie = false;
  if (isOfficialBearer(authorization)) {
    token = BEARER_OFS.exec(authorization ?? '')?.[1];
    if (!token) throw officialSessionInvalid();
  } else if (authorization === undefined || authorization.trim() === '') {
    const cookie = getCookie(c, WEB_SESSION_COOKIE);
    if (cookie?.startsWith(SESSION_TOKEN_PREFIX)) {
      token = cookie;
      viaCookie = true;
    }
  }
  if (!token) return next();

  const official = await loadSession(c.var.db, token, Date.now());
  // Each carrier takes only its own kind: a web session's token (HttpOnly, never visible to
  // scripts) is not a bearer token, and an app token is not a cookie.
  if (!official || official.sessionKind !== (viaCookie ? 'web' : 'app')) {
    if (viaCookie) return next();
    throw officialSessionInvalid();
  }
  if (viaCookie && UNSAFE.has(c.req.method)) {
    const problem = await csrfProblem(c, official.sessionId);
    if (problem) {
      if (OFFICIAL_AREAS.some((prefix) => path.startsWith(prefix))) throw csrfFailed(problem);
      return next();
    }
  }
  c.set('official', official);
  c.var.logFields.official = official.id;
  await next();
  privatise(c, viaCookie ? 'Cookie' : 'Authorization');
});
