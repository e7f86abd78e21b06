import { createRoute, z } from '@hono/zod-openapi';
import { officials, officialTokens, users } from '@tinh/db/schema';
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { requireOfficial } from '../access/guard';
import { auditStatement } from '../audit/log';
import { requireUserId, sessionSecret } from '../auth/session';
import type { AppEnv } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { clientIp, enforceRateLimits } from '../platform/rate-limit';
import { createRouter } from '../platform/router';
import { getProfile, graphOptionsFromEnv, ZaloGraphError } from '../zalo/graph';
import { randomDigits, sha256Hex } from './crypto';
import { hashPassword, PASSWORD_MAX_LENGTH, passwordProblem, verifyPassword } from './password';
import {
  findOfficialForLogin,
  findValidToken,
  isTokenClaimRefusal,
  loginSuccessStatement,
  newSession,
  officialProfile,
  profileQuery,
  recordLoginFailure,
  revokeAllSessionsStatement,
  revokeSessionStatement,
  type SessionKind,
  tokenClaimGuard,
  toProfile,
  useTokenStatement,
  ZALO_LINK_CODE_TTL_MS,
} from './repo';
import { EmailSchema, OfficialSchema, TAG_AUTH as TAG } from './schemas';
import { csrfTokenFor, sessionCookieOptions, WEB_SESSION_COOKIE } from './session';
import { newTotpSecret, totpStep, verifyTotp } from './totp';

// Officials sign in with email + password (+ TOTP when they turned it on) — the web admin
// gets an HttpOnly cookie, the mini app a short-lived bearer token — or, in the mini app,
// with the Zalo identity they linked once by a code shown in the web admin.

const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];
const LOGIN_LIMIT_PERIOD_SECONDS = 60;

const iso = (ms: number) => new Date(ms).toISOString();

const CodeSchema = z
  .string({ error: 'Thiếu mã xác thực.' })
  .trim()
  .regex(/^\d{6}$/, 'Mã xác thực gồm 6 chữ số.');

const LoginBodySchema = z
  .object({
    email: EmailSchema,
    password: z
      .string({ error: 'Thiếu mật khẩu.' })
      .min(1, 'Thiếu mật khẩu.')
      .max(PASSWORD_MAX_LENGTH, 'Mật khẩu quá dài.'),
    totp: z
      .string()
      .trim()
      .max(12)
      .optional()
      .openapi({ description: 'Mã 6 số của ứng dụng xác thực, nếu đã bật xác thực hai lớp' }),
    client: z.enum(['web', 'app']).openapi({
      description:
        '`web`: trang quản trị (cookie HttpOnly + mã CSRF); `app`: Mini App (mã phiên ngắn hạn)',
    }),
  })
  .openapi('OfficialLogin');

const WebSessionSchema = z
  .object({
    official: OfficialSchema,
    csrfToken: z.string().openapi({
      description: 'Gửi trong tiêu đề `X-CSRF-Token` với mọi yêu cầu POST/PUT/PATCH/DELETE',
    }),
    expiresAt: z.string(),
  })
  .openapi('OfficialWebSession');

const AppSessionSchema = z
  .object({
    token: z.string().openapi({
      description: 'Mã phiên `ofs_…`, gửi trong tiêu đề `Authorization: Bearer`. Hiệu lực 2 giờ.',
    }),
    expiresAt: z.string(),
    official: OfficialSchema,
  })
  .openapi('OfficialAppSession');

const loginRoute = createRoute({
  method: 'post',
  path: '/login',
  tags: [TAG],
  summary: 'Đăng nhập cán bộ',
  description:
    'Email + mật khẩu (+ mã TOTP nếu đã bật). Sai 5 lần liên tiếp thì tài khoản bị khóa 15 phút (`account_locked`, `details.lockedUntil`). ' +
    '`client: web` đặt cookie `tinh_admin` (HttpOnly, Secure, SameSite=Strict) và trả mã CSRF; `client: app` trả mã phiên 2 giờ.',
  middleware: [requireJsonBody] as const,
  request: { body: body(LoginBodySchema) },
  responses: {
    200: json(z.union([WebSessionSchema, AppSessionSchema]), 'Đã đăng nhập'),
    400: error('Dữ liệu không hợp lệ'),
    401: error(
      'Sai email hoặc mật khẩu (`invalid_credentials`), cần mã TOTP (`totp_required`), mã TOTP sai (`totp_invalid`)',
    ),
    403: error('Tài khoản đã bị vô hiệu hóa (`account_disabled`)'),
    423: error('Tài khoản tạm khóa (`account_locked`, `details.lockedUntil`)'),
    429: error('Quá nhiều lần thử (`rate_limited`)'),
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/logout',
  tags: [TAG],
  summary: 'Đăng xuất (thu hồi phiên)',
  security: SECURITY,
  responses: {
    200: json(z.object({ signedOut: z.literal(true) }), 'Đã đăng xuất'),
    401: error('Chưa đăng nhập'),
    403: error('Thiếu hoặc sai mã CSRF (`csrf_failed`)'),
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: [TAG],
  summary: 'Cán bộ đang đăng nhập',
  security: SECURITY,
  responses: {
    200: json(
      z
        .object({ official: OfficialSchema, csrfToken: z.string().optional() })
        .openapi('CurrentOfficial'),
      'Tài khoản (kèm mã CSRF với phiên trang quản trị)',
    ),
    401: error('Chưa đăng nhập (`official_session_required`)'),
  },
});

const totpSetupRoute = createRoute({
  method: 'post',
  path: '/totp/setup',
  tags: [TAG],
  summary: 'Bắt đầu bật xác thực hai lớp',
  description:
    'Tạo khóa bí mật mới; quét `otpauthUrl` (mã QR) bằng ứng dụng xác thực rồi gửi mã đầu tiên tới `/totp/enable`.',
  security: SECURITY,
  responses: {
    200: json(
      z.object({ secret: z.string(), otpauthUrl: z.string() }).openapi('TotpSetup'),
      'Khóa bí mật',
    ),
    401: error('Chưa đăng nhập'),
    409: error('Đã bật xác thực hai lớp (`totp_already_enabled`)'),
  },
});

const CodeBodySchema = z.object({ code: CodeSchema }).openapi('TotpCode');

const totpEnableRoute = createRoute({
  method: 'post',
  path: '/totp/enable',
  tags: [TAG],
  summary: 'Bật xác thực hai lớp',
  security: SECURITY,
  middleware: [requireJsonBody] as const,
  request: { body: body(CodeBodySchema) },
  responses: {
    200: json(z.object({ totpEnabled: z.literal(true) }), 'Đã bật'),
    400: error('Mã sai (`totp_invalid`) hoặc chưa tạo khóa (`totp_not_set_up`)'),
    401: error('Chưa đăng nhập'),
    409: error('Đã bật (`totp_already_enabled`)'),
  },
});

const totpDisableRoute = createRoute({
  method: 'post',
  path: '/totp/disable',
  tags: [TAG],
  summary: 'Tắt xác thực hai lớp',
  security: SECURITY,
  middleware: [requireJsonBody] as const,
  request: { body: body(CodeBodySchema) },
  responses: {
    200: json(z.object({ totpEnabled: z.literal(false) }), 'Đã tắt'),
    400: error('Mã sai (`totp_invalid`)'),
    401: error('Chưa đăng nhập'),
    409: error('Chưa bật (`totp_not_enabled`)'),
  },
});

const TokenParam = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
});

const passwordLinkRoute = createRoute({
  method: 'get',
  path: '/password-links/{token}',
  tags: [TAG],
  summary: 'Kiểm tra đường dẫn đặt mật khẩu',
  request: { params: TokenParam },
  responses: {
    200: json(
      z
        .object({
          valid: z.literal(true),
          email: z.string(),
          fullName: z.string(),
          expiresAt: z.string(),
        })
        .openapi('PasswordLinkCheck'),
      'Đường dẫn còn hiệu lực',
    ),
    410: error('Đường dẫn đã dùng, đã hết hạn hoặc không tồn tại (`password_link_invalid`)'),
  },
});

const setPasswordRoute = createRoute({
  method: 'post',
  path: '/password',
  tags: [TAG],
  summary: 'Đặt mật khẩu bằng đường dẫn dùng một lần',
  description: 'Mọi phiên đăng nhập đang có của tài khoản bị thu hồi.',
  middleware: [requireJsonBody] as const,
  request: {
    body: body(
      z
        .object({
          token: z.string({ error: 'Thiếu mã đường dẫn.' }).min(1).max(200),
          password: z.string({ error: 'Thiếu mật khẩu.' }),
        })
        .openapi('SetPassword'),
    ),
  },
  responses: {
    200: json(z.object({ email: z.string() }).openapi('PasswordSet'), 'Đã đặt mật khẩu'),
    400: error('Mật khẩu chưa đạt yêu cầu (`password_weak`)'),
    410: error('Đường dẫn đã dùng, đã hết hạn hoặc không tồn tại (`password_link_invalid`)'),
  },
});

const linkCodeRoute = createRoute({
  method: 'post',
  path: '/zalo-link-code',
  tags: [TAG],
  summary: 'Tạo mã liên kết Zalo',
  description:
    'Mã 8 chữ số, dùng một lần, hiệu lực 10 phút: cán bộ nhập mã trong Mini App (đã đăng nhập Zalo) để liên kết tài khoản.',
  security: SECURITY,
  responses: {
    200: json(
      z.object({ code: z.string(), expiresAt: z.string() }).openapi('ZaloLinkCode'),
      'Mã liên kết',
    ),
    401: error('Chưa đăng nhập'),
  },
});

const zaloLinkRoute = createRoute({
  method: 'post',
  path: '/zalo-link',
  tags: [TAG],
  summary: 'Liên kết Zalo với tài khoản cán bộ (Mini App)',
  description:
    'Gửi kèm mã phiên công dân (`Authorization: Bearer`, sau khi đăng nhập Zalo) và mã liên kết; trả về mã phiên cán bộ.',
  security: [{ bearerAuth: [] }],
  middleware: [requireJsonBody] as const,
  request: {
    body: body(
      z
        .object({
          code: z
            .string({ error: 'Thiếu mã liên kết.' })
            .trim()
            .regex(/^\d{8}$/, 'Mã liên kết gồm 8 chữ số.'),
        })
        .openapi('ZaloLink'),
    ),
  },
  responses: {
    200: json(AppSessionSchema, 'Đã liên kết'),
    400: error('Mã sai, đã dùng hoặc hết hạn (`link_code_invalid`)'),
    401: error('Chưa đăng nhập Zalo (`session_required`)'),
    409: error('Tài khoản Zalo này đã liên kết với cán bộ khác (`zalo_already_linked`)'),
    429: error('Quá nhiều lần thử (`rate_limited`)'),
  },
});

const zaloSignInRoute = createRoute({
  method: 'post',
  path: '/zalo',
  tags: [TAG],
  summary: 'Đăng nhập cán bộ bằng Zalo (Mini App, đã liên kết)',
  middleware: [requireJsonBody] as const,
  request: {
    body: body(
      z
        .object({
          accessToken: z
            .string({ error: 'Thiếu mã truy cập Zalo (accessToken).' })
            .trim()
            .min(1, 'Thiếu mã truy cập Zalo (accessToken).')
            .max(4096),
        })
        .openapi('OfficialZaloSignIn'),
    ),
  },
  responses: {
    200: json(AppSessionSchema, 'Đã đăng nhập'),
    401: error('Zalo không chấp nhận mã truy cập (`zalo_token_invalid`)'),
    403: error('Tài khoản Zalo chưa liên kết với cán bộ nào (`zalo_not_linked`)'),
    503: error('Không kết nối được Zalo (`zalo_unavailable`)'),
  },
});

function invalidCredentials() {
  return new ApiError(401, 'invalid_credentials', 'Email hoặc mật khẩu không đúng.');
}

function accountLocked(lockedUntil: string) {
  const retryAfter = Math.max(1, Math.ceil((Date.parse(lockedUntil) - Date.now()) / 1000));
  return new ApiError(
    423,
    'account_locked',
    `Tài khoản tạm khóa do nhập sai nhiều lần. Vui lòng thử lại sau ${Math.ceil(retryAfter / 60)} phút.`,
    { lockedUntil },
    { 'Retry-After': String(retryAfter) },
  );
}

function passwordLinkInvalid() {
  return new ApiError(
    410,
    'password_link_invalid',
    'Đường dẫn đặt mật khẩu đã được dùng, đã hết hạn hoặc không đúng. Vui lòng đề nghị quản trị viên gửi đường dẫn mới.',
  );
}

function linkCodeInvalid() {
  return new ApiError(
    400,
    'link_code_invalid',
    'Mã liên kết không đúng, đã dùng hoặc đã hết hạn. Hãy tạo mã mới trên trang quản trị.',
  );
}

/** Starts a session after a successful sign-in, in one batch with `extra` statements. */
async function startSession(
  c: Context<AppEnv>,
  officialId: string,
  kind: SessionKind,
  extra: BatchItem<'sqlite'>[],
) {
  const db = c.var.db;
  const now = Date.now();
  const { session, statement } = await newSession(db, {
    officialId,
    kind,
    now,
    userAgent: c.req.header('user-agent') ?? null,
  });
  const results: unknown[] = await db.batch([
    ...extra,
    statement,
    profileQuery(db, officialId),
  ] as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  const rows = results[results.length - 1] as Awaited<ReturnType<typeof profileQuery>>;
  const row = rows[0];
  if (!row) throw new Error('official vanished while signing in');
  return { session, official: toProfile(row) };
}

async function loginRateLimit(c: Context<AppEnv>, key: string | null) {
  await enforceRateLimits([
    {
      limiter: c.env?.OFFICIALS_LOGIN_LIMITER,
      key,
      periodSeconds: LOGIN_LIMIT_PERIOD_SECONDS,
    },
  ]);
}

function zaloFailure(err: ZaloGraphError): ApiError {
  if (err.kind === 'rejected') {
    return new ApiError(
      401,
      'zalo_token_invalid',
      'Không xác thực được tài khoản Zalo: mã truy cập không hợp lệ hoặc đã hết hạn.',
    );
  }
  return new ApiError(
    503,
    'zalo_unavailable',
    'Chưa kết nối được với Zalo để đăng nhập. Vui lòng thử lại sau ít phút.',
  );
}

const audit = (
  c: Context<AppEnv>,
  actorId: string,
  action: string,
  entityId: string,
  extra: { from?: string | null; to?: string | null; note?: string | null } = {},
) =>
  auditStatement(c.var.db, {
    at: new Date().toISOString(),
    actor: { kind: 'official', id: actorId },
    action,
    entityType: 'official',
    entityId,
    ...extra,
    requestId: c.var.requestId ?? null,
  });

const router = createRouter();
router.openAPIRegistry.registerComponent('securitySchemes', 'officialCookie', {
  type: 'apiKey',
  in: 'cookie',
  name: WEB_SESSION_COOKIE,
  description:
    'Phiên trang quản trị (HttpOnly). Yêu cầu POST/PUT/PATCH/DELETE phải kèm tiêu đề `X-CSRF-Token`.',
});
router.openAPIRegistry.registerComponent('securitySchemes', 'officialBearer', {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'ofs_…',
  description:
    'Mã phiên cán bộ của Mini App (`POST /api/v1/officials/auth/login` với `client: app`, hoặc `/zalo`)',
});

export const officialAuthRoutes = router
  .openapi(loginRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    await loginRateLimit(c, clientIp(c.req.raw.headers));
    const input = c.req.valid('json');
    const db = c.var.db;
    const now = Date.now();
    const account = await findOfficialForLogin(db, input.email);
    if (account?.lockedUntil && Date.parse(account.lockedUntil) > now) {
      throw accountLocked(account.lockedUntil);
    }
    // Unknown email: the same derivation cost as a real check, then the same answer.
    const check = await verifyPassword(input.password, account?.passwordHash ?? null);
    if (!account) throw invalidCredentials();
    const fail = async (err: ApiError) => {
      const locked = await recordLoginFailure(db, account.id, now);
      c.var.logFields.loginFailed = true;
      throw locked ? accountLocked(locked) : err;
    };
    if (!check.ok) return fail(invalidCredentials());
    if (account.status !== 'active') {
      throw new ApiError(
        403,
        'account_disabled',
        'Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.',
      );
    }
    let step: number | null = null;
    if (account.totpEnabledAt && account.totpSecret) {
      if (!input.totp) {
        throw new ApiError(
          401,
          'totp_required',
          'Vui lòng nhập mã xác thực 6 số từ ứng dụng xác thực.',
        );
      }
      step = totpStep(account.totpSecret, input.totp, now);
      // A code already used to sign in (seen over a shoulder, replayed) counts as wrong.
      if (step === null || (account.totpLastStep !== null && step <= account.totpLastStep)) {
        return fail(new ApiError(401, 'totp_invalid', 'Mã xác thực không đúng hoặc đã hết hạn.'));
      }
    }
    // A hash of an older, cheaper cost is upgraded while the password is at hand.
    const rehash = check.needsRehash ? await hashPassword(input.password) : null;
    const { session, official } = await startSession(c, account.id, input.client, [
      loginSuccessStatement(db, account.id, now, rehash, step),
    ]);
    c.var.logFields.official = account.id;
    if (input.client === 'web') {
      setCookie(
        c,
        WEB_SESSION_COOKIE,
        session.token,
        sessionCookieOptions(Math.floor((Date.parse(session.expiresAt) - now) / 1000)),
      );
      const csrfToken = await csrfTokenFor(sessionSecret(c.env), session.id);
      return c.json({ official, csrfToken, expiresAt: session.expiresAt }, 200);
    }
    return c.json({ token: session.token, expiresAt: session.expiresAt, official }, 200);
  })
  .openapi(logoutRoute, async (c) => {
    const me = requireOfficial(c);
    c.header('Cache-Control', 'no-store');
    await revokeSessionStatement(c.var.db, me.sessionId, Date.now());
    if (me.sessionKind === 'web') deleteCookie(c, WEB_SESSION_COOKIE, { path: '/', secure: true });
    return c.json({ signedOut: true as const }, 200);
  })
  .openapi(meRoute, async (c) => {
    const me = requireOfficial(c);
    c.header('Cache-Control', 'private, no-store');
    const official = await officialProfile(c.var.db, me.id);
    if (!official) throw new ApiError(401, 'official_session_required', 'Bạn cần đăng nhập lại.');
    if (me.sessionKind === 'web') {
      return c.json(
        { official, csrfToken: await csrfTokenFor(sessionSecret(c.env), me.sessionId) },
        200,
      );
    }
    return c.json({ official }, 200);
  })
  .openapi(totpSetupRoute, async (c) => {
    const me = requireOfficial(c);
    c.header('Cache-Control', 'no-store');
    const db = c.var.db;
    const { secret, otpauthUrl: url } = newTotpSecret(me.email);
    // Only while not enabled: a stolen session must not replace a working second factor.
    const [row] = await db
      .update(officials)
      .set({ totpSecret: secret, updatedAt: new Date().toISOString() })
      .where(and(eq(officials.id, me.id), isNull(officials.totpEnabledAt)))
      .returning({ id: officials.id });
    if (!row) {
      throw new ApiError(409, 'totp_already_enabled', 'Xác thực hai lớp đã được bật.');
    }
    return c.json({ secret, otpauthUrl: url }, 200);
  })
  .openapi(totpEnableRoute, async (c) => {
    const me = requireOfficial(c);
    const { code } = c.req.valid('json');
    const db = c.var.db;
    const [row] = await db
      .select({ secret: officials.totpSecret, enabledAt: officials.totpEnabledAt })
      .from(officials)
      .where(eq(officials.id, me.id));
    if (row?.enabledAt)
      throw new ApiError(409, 'totp_already_enabled', 'Xác thực hai lớp đã được bật.');
    if (!row?.secret) {
      throw new ApiError(400, 'totp_not_set_up', 'Hãy tạo khóa xác thực hai lớp trước.');
    }
    if (!verifyTotp(row.secret, code)) {
      throw new ApiError(400, 'totp_invalid', 'Mã xác thực không đúng hoặc đã hết hạn.');
    }
    const now = new Date().toISOString();
    await db.batch([
      db
        .update(officials)
        .set({ totpEnabledAt: now, updatedAt: now })
        .where(and(eq(officials.id, me.id), eq(officials.totpSecret, row.secret))),
      audit(c, me.id, 'official.totp_enable', me.id, { from: 'off', to: 'on' }),
    ]);
    return c.json({ totpEnabled: true as const }, 200);
  })
  .openapi(totpDisableRoute, async (c) => {
    const me = requireOfficial(c);
    const { code } = c.req.valid('json');
    const db = c.var.db;
    const [row] = await db
      .select({ secret: officials.totpSecret, enabledAt: officials.totpEnabledAt })
      .from(officials)
      .where(eq(officials.id, me.id));
    if (!row?.enabledAt || !row.secret) {
      throw new ApiError(409, 'totp_not_enabled', 'Xác thực hai lớp chưa được bật.');
    }
    if (!verifyTotp(row.secret, code)) {
      throw new ApiError(400, 'totp_invalid', 'Mã xác thực không đúng hoặc đã hết hạn.');
    }
    const now = new Date().toISOString();
    await db.batch([
      db
        .update(officials)
        .set({ totpSecret: null, totpEnabledAt: null, updatedAt: now })
        .where(eq(officials.id, me.id)),
      audit(c, me.id, 'official.totp_disable', me.id, { from: 'on', to: 'off' }),
    ]);
    return c.json({ totpEnabled: false as const }, 200);
  })
  .openapi(passwordLinkRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const { token } = c.req.valid('param');
    const row = await findValidToken(c.var.db, 'password_reset', token, Date.now());
    if (!row) throw passwordLinkInvalid();
    return c.json(
      { valid: true as const, email: row.email, fullName: row.fullName, expiresAt: row.expiresAt },
      200,
    );
  })
  .openapi(setPasswordRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const input = c.req.valid('json');
    const db = c.var.db;
    const now = Date.now();
    const row = await findValidToken(db, 'password_reset', input.token, now);
    if (!row) throw passwordLinkInvalid();
    const problem = passwordProblem(input.password, { email: row.email });
    if (problem) throw new ApiError(400, 'password_weak', problem);
    const hash = await hashPassword(input.password);
    try {
      await db.batch([
        useTokenStatement(db, row.id, now),
        tokenClaimGuard(db),
        db
          .update(officials)
          .set({
            passwordHash: hash,
            passwordChangedAt: iso(now),
            failedLogins: 0,
            lockedUntil: null,
            updatedAt: iso(now),
          })
          .where(eq(officials.id, row.officialId)),
        revokeAllSessionsStatement(db, row.officialId, now),
        auditStatement(db, {
          at: iso(now),
          actor: { kind: 'official', id: row.officialId },
          action: 'official.password_set',
          entityType: 'official',
          entityId: row.officialId,
          note: 'Đặt mật khẩu bằng đường dẫn dùng một lần; các phiên cũ bị thu hồi',
          requestId: c.var.requestId ?? null,
        }),
      ]);
    } catch (err) {
      if (isTokenClaimRefusal(err)) throw passwordLinkInvalid();
      throw err;
    }
    return c.json({ email: row.email }, 200);
  })
  .openapi(linkCodeRoute, async (c) => {
    const me = requireOfficial(c);
    c.header('Cache-Control', 'no-store');
    const db = c.var.db;
    const now = Date.now();
    const expiresAt = iso(now + ZALO_LINK_CODE_TTL_MS);
    // 10^8 codes: a collision with another official's live code is rare; draw again then.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const code = randomDigits(8);
      try {
        await db.batch([
          db
            .update(officialTokens)
            .set({ usedAt: iso(now) })
            .where(
              and(
                eq(officialTokens.officialId, me.id),
                eq(officialTokens.kind, 'zalo_link'),
                isNull(officialTokens.usedAt),
              ),
            ),
          db.insert(officialTokens).values({
            id: crypto.randomUUID(),
            kind: 'zalo_link',
            tokenHash: await sha256Hex(`zalo:${code}`),
            officialId: me.id,
            createdBy: me.id,
            expiresAt,
            createdAt: iso(now),
          }),
        ]);
        return c.json({ code, expiresAt }, 200);
      } catch (err) {
        if (
          attempt === 2 ||
          !/unique/i.test(
            String(err instanceof Error ? `${err.message} ${String(err.cause)}` : err),
          )
        )
          throw err;
      }
    }
    throw new Error('unreachable');
  })
  .openapi(zaloLinkRoute, async (c) => {
    const userId = requireUserId(c);
    c.header('Cache-Control', 'no-store');
    // Guessing 8 digits: each citizen account gets the sign-in limiter's budget.
    await loginRateLimit(c, `zalo-link:${userId}`);
    await loginRateLimit(c, clientIp(c.req.raw.headers));
    const { code } = c.req.valid('json');
    const db = c.var.db;
    const now = Date.now();
    const row = await findValidToken(db, 'zalo_link', `zalo:${code}`, now);
    if (!row) throw linkCodeInvalid();
    const [other] = await db
      .select({ id: officials.id })
      .from(officials)
      .where(and(eq(officials.userId, userId), ne(officials.id, row.officialId)))
      .limit(1);
    if (other) {
      throw new ApiError(
        409,
        'zalo_already_linked',
        'Tài khoản Zalo này đã được liên kết với một cán bộ khác.',
      );
    }
    try {
      const { session, official } = await startSession(c, row.officialId, 'app', [
        useTokenStatement(db, row.id, now),
        tokenClaimGuard(db),
        db
          .update(officials)
          .set({ userId, zaloLinkedAt: iso(now), updatedAt: iso(now) })
          .where(eq(officials.id, row.officialId)),
        audit(c, row.officialId, 'official.zalo_link', row.officialId, {
          from: row.userId,
          to: userId,
        }),
      ]);
      return c.json({ token: session.token, expiresAt: session.expiresAt, official }, 200);
    } catch (err) {
      if (isTokenClaimRefusal(err)) throw linkCodeInvalid();
      throw err;
    }
  })
  .openapi(zaloSignInRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    const { accessToken } = c.req.valid('json');
    let zaloId: string;
    try {
      zaloId = (await getProfile(graphOptionsFromEnv(c.env), accessToken)).id;
    } catch (err) {
      if (err instanceof ZaloGraphError) {
        c.var.logFields.zalo = { kind: err.kind, code: err.zaloCode };
        throw zaloFailure(err);
      }
      throw err;
    }
    const db = c.var.db;
    const [row] = await db
      .select({ id: officials.id, status: officials.status })
      .from(users)
      .innerJoin(officials, eq(officials.userId, users.id))
      .where(eq(users.zaloId, zaloId))
      .limit(1);
    if (row?.status !== 'active') {
      throw new ApiError(
        403,
        'zalo_not_linked',
        row
          ? 'Tài khoản cán bộ liên kết với Zalo này đã bị vô hiệu hóa.'
          : 'Tài khoản Zalo này chưa liên kết với tài khoản cán bộ. Hãy lấy mã liên kết trên trang quản trị.',
      );
    }
    const { session, official } = await startSession(c, row.id, 'app', [
      loginSuccessStatement(db, row.id, Date.now()),
    ]);
    return c.json({ token: session.token, expiresAt: session.expiresAt, official }, 200);
  });
