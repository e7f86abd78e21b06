import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import { DeviceIdSchema } from '../reports/schemas';
import { hashDeviceId } from '../reports/tokens';
import { getProfile, graphOptionsFromEnv, ZaloGraphError } from '../zalo/graph';
import { findCitizenAccount, MeUserSchema, phoneRoute, verifyPhone } from './phone';
import { claimDeviceReports, upsertZaloUser } from './repo';
import {
  issueSession,
  requireUserId,
  SESSION_TTL_SECONDS,
  sessionInvalid,
  sessionSecret,
} from './session';

// Citizen sign-in with Zalo. The mini app sends the user access token of zmp-sdk
// `getAccessToken()`; the server proves it by reading the profile from the Zalo Graph API
// (never trusting an id sent by the app), keeps the account (Zalo id and display name only),
// and answers its own short-lived session token for `Authorization: Bearer`.

export const SIGN_IN_PATH = '/api/v1/auth/zalo';

const TAG = 'Tài khoản công dân';
const BEARER = [{ bearerAuth: [] }];

const UserSchema = z
  .object({
    id: z.string().openapi({ description: 'Mã tài khoản công dân (không phải mã Zalo)' }),
    displayName: z
      .string()
      .nullable()
      .openapi({ description: 'Tên Zalo; `null` nếu người dân chưa cho phép xem tên' }),
  })
  .openapi('CitizenUser');

const SignInBodySchema = z
  .object({
    accessToken: z
      .string({ error: 'Thiếu mã truy cập Zalo (accessToken).' })
      .trim()
      .min(1, 'Thiếu mã truy cập Zalo (accessToken).')
      .max(4096, 'Mã truy cập Zalo (accessToken) không hợp lệ.')
      .openapi({
        description: 'Kết quả của zmp-sdk `getAccessToken()`. Máy chủ không lưu mã này.',
      }),
  })
  .openapi('SignInWithZalo');

const SessionSchema = z
  .object({
    token: z.string().openapi({
      description: `Mã phiên, gửi kèm mọi yêu cầu trong tiêu đề \`Authorization: Bearer <token>\`. Hiệu lực ${SESSION_TTL_SECONDS / 86_400} ngày.`,
    }),
    expiresAt: z.string().openapi({ description: 'Thời điểm hết hạn (UTC, ISO 8601)' }),
    user: UserSchema,
  })
  .openapi('CitizenSession');

const ClaimBodySchema = z.object({ deviceId: DeviceIdSchema }).openapi('ClaimDevice');

const signInRoute = createRoute({
  method: 'post',
  path: '/zalo',
  tags: [TAG],
  summary: 'Đăng nhập bằng Zalo',
  description:
    'Gửi mã truy cập của zmp-sdk `getAccessToken()`; máy chủ xác thực với Zalo, tạo tài khoản lần đầu (chỉ lưu mã Zalo và tên) và trả về mã phiên. ' +
    'Tiêu đề `Authorization` (nếu có, kể cả mã phiên đã hết hạn) bị bỏ qua ở đây.',
  middleware: [requireJsonBody] as const,
  request: { body: body(SignInBodySchema) },
  responses: {
    200: json(SessionSchema, 'Đã đăng nhập'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `invalid_json`)'),
    401: error('Zalo không chấp nhận mã truy cập (`zalo_token_invalid`): lấy mã mới rồi thử lại'),
    415: error('Không phải JSON (`unsupported_media_type`)'),
    503: error(
      'Không kết nối được Zalo (`zalo_unavailable`) hoặc máy chủ chưa cấu hình đăng nhập (`session_not_configured`)',
    ),
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: [TAG],
  summary: 'Tài khoản đang đăng nhập',
  security: BEARER,
  responses: {
    200: json(z.object({ user: MeUserSchema }).openapi('CurrentCitizen'), 'Tài khoản'),
    401: error('Chưa đăng nhập (`session_required`) hoặc phiên không hợp lệ (`session_invalid`)'),
    503: error('Máy chủ chưa cấu hình đăng nhập (`session_not_configured`)'),
  },
});

const claimRoute = createRoute({
  method: 'post',
  path: '/claim-device',
  tags: [TAG],
  summary: 'Gắn phản ánh đã gửi từ thiết bị này vào tài khoản',
  description:
    'Các phản ánh gửi ẩn danh từ thiết bị (`deviceId`) trước khi đăng nhập được gắn vào tài khoản, để xem được trên mọi thiết bị. ' +
    'Phản ánh đã thuộc một tài khoản thì giữ nguyên; gọi lại nhiều lần không thay đổi gì thêm.',
  security: BEARER,
  middleware: [requireJsonBody] as const,
  request: { body: body(ClaimBodySchema) },
  responses: {
    200: json(
      z
        .object({
          claimed: z.number().int().openapi({
            description: 'Số phản ánh vừa được gắn vào tài khoản (0 nếu đã gắn trước đó)',
          }),
        })
        .openapi('ClaimDeviceResult'),
      'Đã gắn',
    ),
    400: error('Dữ liệu không hợp lệ'),
    401: error('Chưa đăng nhập (`session_required`) hoặc phiên không hợp lệ (`session_invalid`)'),
    415: error('Không phải JSON (`unsupported_media_type`)'),
  },
});

/** The API error for a failed profile read (the sign-in). */
function zaloSignInFailure(err: ZaloGraphError): ApiError {
  if (err.kind === 'rejected') {
    return new ApiError(
      401,
      'zalo_token_invalid',
      'Không xác thực được tài khoản Zalo: mã truy cập không hợp lệ hoặc đã hết hạn. Vui lòng thử đăng nhập lại.',
      err.zaloCode === undefined ? undefined : { zaloCode: err.zaloCode },
    );
  }
  return new ApiError(
    503,
    'zalo_unavailable',
    'Chưa kết nối được với Zalo để đăng nhập. Vui lòng thử lại sau ít phút.',
  );
}

const authRouter = createRouter();
authRouter.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: 'Mã phiên nhận được từ `POST /api/v1/auth/zalo`',
});

export const authRoutes = authRouter
  .openapi(signInRoute, async (c) => {
    c.header('Cache-Control', 'no-store');
    // Checked first: without a key there is no point asking Zalo.
    const secret = sessionSecret(c.env);
    const { accessToken } = c.req.valid('json');
    let profile: Awaited<ReturnType<typeof getProfile>>;
    try {
      profile = await getProfile(graphOptionsFromEnv(c.env), accessToken);
    } catch (err) {
      if (err instanceof ZaloGraphError) {
        c.var.logFields.zalo = { kind: err.kind, code: err.zaloCode };
        throw zaloSignInFailure(err);
      }
      throw err;
    }
    const user = await upsertZaloUser(
      c.var.db,
      { zaloId: profile.id, displayName: profile.name },
      new Date().toISOString(),
    );
    const session = await issueSession(secret, user.id);
    c.var.logFields.auth = { signIn: true, created: user.created };
    return c.json({ ...session, user: { id: user.id, displayName: user.displayName } }, 200);
  })
  .openapi(meRoute, async (c) => {
    const userId = requireUserId(c);
    c.header('Cache-Control', 'private, no-store');
    const account = await findCitizenAccount(c.var.db, userId);
    // A token of an account that no longer exists.
    if (!account) throw sessionInvalid('invalid');
    const { zaloId: _, ...user } = account;
    return c.json({ user }, 200);
  })
  .openapi(phoneRoute, verifyPhone)
  .openapi(claimRoute, async (c) => {
    const userId = requireUserId(c);
    const { deviceId } = c.req.valid('json');
    c.header('Cache-Control', 'no-store');
    const result = await claimDeviceReports(c.var.db, {
      userId,
      deviceHash: await hashDeviceId(deviceId),
    });
    if (!result.user) throw sessionInvalid('invalid');
    c.var.logFields.claimed = result.claimed;
    return c.json({ claimed: result.claimed }, 200);
  });
