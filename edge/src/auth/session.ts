import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { sign, verify } from 'hono/jwt';
import { JwtTokenExpired } from 'hono/utils/jwt/types';
import type { AppEnv, Env } from '../platform/env';
import { ApiError } from '../platform/errors';

// Citizen sessions: after a Zalo sign-in the API hands out a short-lived bearer token, a JWT
// signed with HS256 (HMAC-SHA256 over WebCrypto, hono/jwt) under SESSION_SECRET, whose
// payload is only { sub: users.id, iat, exp }. Nothing is stored on the server: the
// signature and `exp` are the whole check, so any isolate verifies any token.

/** Lifetime of a session token: 7 days. The app signs in again silently when it expires. */
export const SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;
/** Shortest SESSION_SECRET accepted: 32 characters (an HS256 key should carry ≥ 256 bits). */
export const SESSION_SECRET_MIN_LENGTH = 32;
const ALG = 'HS256' as const;

const WWW_AUTHENTICATE = 'WWW-Authenticate';

/** SESSION_SECRET, or 503 `session_not_configured` when it is missing or too short. */
export function sessionSecret(env: Partial<Env> | undefined): string {
  const secret = env?.SESSION_SECRET;
  if (!secret || secret.length < SESSION_SECRET_MIN_LENGTH) {
    throw new ApiError(
      503,
      'session_not_configured',
      'Chức năng đăng nhập bằng Zalo đang tạm ngừng. Bạn vẫn có thể dùng ứng dụng mà không cần đăng nhập.',
    );
  }
  return secret;
}

export interface IssuedSession {
  token: string;
  /** UTC ISO 8601. */
  expiresAt: string;
}

export async function issueSession(
  secret: string,
  userId: string,
  now = Date.now(),
): Promise<IssuedSession> {
  const iat = Math.floor(now / 1000);
  const exp = iat + SESSION_TTL_SECONDS;
  const token = await sign({ sub: userId, iat, exp }, secret, ALG);
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

export type SessionCheck =
  | { ok: true; userId: string }
  | { ok: false; reason: 'expired' | 'invalid' };

/**
 * Verifies a session token: signature (HS256 only: the algorithm is pinned, so a token
 * claiming `none` or another algorithm fails), `exp` present and in the future, `sub` set.
 */
export async function readSession(secret: string, token: string): Promise<SessionCheck> {
  try {
    const payload = await verify(token, secret, ALG);
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
      return { ok: false, reason: 'invalid' };
    }
    if (typeof payload.exp !== 'number') return { ok: false, reason: 'invalid' };
    return { ok: true, userId: payload.sub };
  } catch (err) {
    // hono/jwt's error messages embed the token: never log them.
    return { ok: false, reason: err instanceof JwtTokenExpired ? 'expired' : 'invalid' };
  }
}

export function sessionInvalid(reason: 'expired' | 'invalid'): ApiError {
  return new ApiError(
    401,
    'session_invalid',
    reason === 'expired'
      ? 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại bằng Zalo.'
      : 'Phiên đăng nhập không hợp lệ. Vui lòng đăng nhập lại bằng Zalo.',
    { reason },
    { [WWW_AUTHENTICATE]: `Bearer error="invalid_token"` },
  );
}

/** The signed-in citizen's users.id, or 401 `session_required` for an anonymous request. */
export function requireUserId(c: Context<AppEnv>): string {
  const userId = c.var.userId;
  if (!userId) {
    throw new ApiError(
      401,
      'session_required',
      'Bạn cần đăng nhập bằng Zalo để thực hiện thao tác này.',
      undefined,
      { [WWW_AUTHENTICATE]: 'Bearer' },
    );
  }
  return userId;
}

/**
 * Route middleware of citizens' own data: 401 `session_required` before validation for an
 * anonymous request, and never cached (the answer is this one person's).
 */
export const citizenOnly = createMiddleware<AppEnv>(async (c, next) => {
  requireUserId(c);
  c.header('Cache-Control', 'private, no-store');
  await next();
});

// `Bearer <header>.<payload>.<signature>`, base64url parts. Anything else in Authorization is
// a broken credential, not an absent one.
const BEARER = /^Bearer +([\w-]+\.[\w-]+\.[\w-]+) *$/i;

/**
 * Reads `Authorization: Bearer <session token>` into `c.var.userId`.
 *
 * - No Authorization header (or an empty one): anonymous, as before sign-in existed.
 * - A valid token: `c.var.userId` is set.
 * - A malformed, forged or expired token: 401 `session_invalid`, on every route, also those
 *   where signing in is optional (submitting, "my reports", rating, me-too). Quietly treating
 *   the request as anonymous would file a report outside the citizen's account, or show an
 *   empty "my reports"; the 401 tells the app to sign in again (or to drop the token).
 * - SESSION_SECRET missing: 503 `session_not_configured` (a token cannot be checked).
 *
 * `ignorePaths` (the sign-in route) never look at the header, so an app holding a stale
 * token can always sign in again. Answers to a signed-in request may be personalised, so a
 * `Cache-Control: public` set by a route becomes `private`, and `Vary: Authorization` is
 * added: no shared cache may hand one citizen's view to another.
 */
export function sessionMiddleware(opts: { ignorePaths?: readonly string[] } = {}) {
  const ignore = new Set(opts.ignorePaths ?? []);
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    // `Bearer ofs_…` is an official's session token, read by officials/session.ts.
    if (
      header === undefined ||
      header.trim() === '' ||
      ignore.has(c.req.path) ||
      /^Bearer +ofs_/i.test(header)
    ) {
      await next();
      return;
    }
    const match = BEARER.exec(header);
    if (!match?.[1]) throw sessionInvalid('invalid');
    const check = await readSession(sessionSecret(c.env), match[1]);
    if (!check.ok) throw sessionInvalid(check.reason);
    c.set('userId', check.userId);
    c.var.logFields.session = true;
    await next();
    privatise(c);
  });
}

/**
 * Marks an answer to a signed-in request as personal: `Cache-Control: public` becomes
 * `private`, and `Vary` names the header that carried the credential.
 */
export function privatise(c: Context<AppEnv>, vary: 'Authorization' | 'Cookie' = 'Authorization') {
  const apply = (headers: Headers) => {
    const cacheControl = headers.get('Cache-Control');
    if (cacheControl && /\bpublic\b/i.test(cacheControl)) {
      headers.set('Cache-Control', cacheControl.replace(/\bpublic\b/gi, 'private'));
    }
    headers.append('Vary', vary);
  };
  try {
    apply(c.res.headers);
  } catch {
    // An immutable response (passed through from a fetch): copy it first.
    c.res = new Response(c.res.body, c.res);
    apply(c.res.headers);
  }
}
