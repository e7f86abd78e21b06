import { createRoute, type RouteHandler, z } from '@hono/zod-openapi';
import { users } from '@tinh/db/schema';
import { eq } from 'drizzle-orm';
import type { Db } from '../platform/db';
import type { AppEnv } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { normaliseVietnamesePhone } from '../reports/phone';
import {
  type GraphClientOptions,
  getProfile,
  graphGet,
  graphOptionsFromEnv,
  refusal,
  ZaloGraphError,
} from '../zalo/graph';
import { requireUserId, sessionInvalid } from './session';

// A citizen's phone number, verified by Zalo: the mini app calls zmp-sdk `getPhoneNumber()`
// (the citizen consents in Zalo's own dialog) and sends its one-time `token` with the user
// access token of `getAccessToken()`. The server redeems the token with Zalo (Mini App docs,
// "chuyển đổi token thành số điện thoại": GET {graph}/v2.0/me/info with the headers
// access_token, code = the phone token, secret_key = the app secret; answered
// `{ error: 0, message: "Success", data: { number: "84912345678" } }`), so the number never
// comes from the app itself. The access token must belong to the signed-in account (its Zalo
// id is read back from the Graph API): a token pair of another Zalo user is refused.

const TAG = 'Tài khoản công dân';

const PhoneBodySchema = z
  .object({
    accessToken: z
      .string({ error: 'Thiếu mã truy cập Zalo (accessToken).' })
      .trim()
      .min(1, 'Thiếu mã truy cập Zalo (accessToken).')
      .max(4096, 'Mã truy cập Zalo (accessToken) không hợp lệ.')
      .openapi({ description: 'zmp-sdk `getAccessToken()`' }),
    phoneToken: z
      .string({ error: 'Thiếu mã số điện thoại (phoneToken).' })
      .trim()
      .min(1, 'Thiếu mã số điện thoại (phoneToken).')
      .max(4096, 'Mã số điện thoại (phoneToken) không hợp lệ.')
      .openapi({ description: 'Trường `token` của zmp-sdk `getPhoneNumber()`' }),
  })
  .openapi('VerifyPhone');

/** The account as GET /me shows it: the verified phone (national form) or null. */
export const MeUserSchema = z
  .object({
    id: z.string().openapi({ description: 'Mã tài khoản công dân (không phải mã Zalo)' }),
    displayName: z.string().nullable(),
    phone: z.string().nullable().openapi({
      description: 'Số điện thoại đã xác minh qua Zalo (dạng 0xxxxxxxxx); `null` nếu chưa',
      example: '0912345678',
    }),
  })
  .openapi('CitizenAccount');

export async function findCitizenAccount(db: Db, id: string) {
  const [row] = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      phone: users.phone,
      phoneVerifiedAt: users.phoneVerifiedAt,
      zaloId: users.zaloId,
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!row) return undefined;
  // Only a number Zalo confirmed is shown as the account's phone.
  return {
    id: row.id,
    displayName: row.displayName,
    phone: row.phoneVerifiedAt ? row.phone : null,
    zaloId: row.zaloId,
  };
}

export const phoneRoute = createRoute({
  method: 'post',
  path: '/phone',
  tags: [TAG],
  summary: 'Xác minh số điện thoại qua Zalo',
  description:
    'Gửi mã của zmp-sdk `getPhoneNumber()` cùng mã truy cập `getAccessToken()`; máy chủ đổi mã lấy số điện thoại với Zalo và lưu vào tài khoản đang đăng nhập.',
  security: [{ bearerAuth: [] }],
  middleware: [requireJsonBody] as const,
  request: { body: body(PhoneBodySchema) },
  responses: {
    200: json(z.object({ phone: z.string() }).openapi('VerifiedPhone'), 'Đã xác minh'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`)'),
    401: error(
      'Chưa đăng nhập (`session_required`) hoặc Zalo không chấp nhận mã truy cập (`zalo_token_invalid`)',
    ),
    403: error('Mã truy cập là của tài khoản Zalo khác (`zalo_account_mismatch`)'),
    422: error(
      'Mã số điện thoại hết hạn hoặc không hợp lệ (`phone_token_invalid`), hoặc không phải số Việt Nam (`phone_not_vietnamese`)',
    ),
    503: error('Không kết nối được Zalo (`zalo_unavailable`, `phone_not_configured`)'),
  },
});

/** Redeems a zmp-sdk getPhoneNumber token: Zalo's digits (84…). Throws ZaloGraphError. */
export async function exchangePhoneToken(
  opts: GraphClientOptions,
  accessToken: string,
  token: string,
): Promise<string> {
  if (!opts.appSecret) throw new ZaloGraphError('not_configured', 'ZALO_APP_SECRET is not set');
  const envelope = await graphGet(opts, '/v2.0/me/info', {
    access_token: accessToken,
    code: token,
    secret_key: opts.appSecret,
  });
  const refused = refusal(envelope, 'the phone token');
  if (refused) throw refused;
  const data = (envelope.data ?? {}) as Record<string, unknown>;
  const number =
    typeof data.number === 'string' || typeof data.number === 'number' ? String(data.number) : '';
  if (!/^\+?\d{8,15}$/.test(number)) {
    throw new ZaloGraphError('unavailable', 'Zalo Graph API answer has no phone number');
  }
  return number;
}

const unavailable = () =>
  new ApiError(
    503,
    'zalo_unavailable',
    'Chưa kết nối được với Zalo để xác minh số điện thoại. Vui lòng thử lại sau ít phút.',
  );

function failure(err: ZaloGraphError, what: 'access' | 'phone'): ApiError {
  if (err.kind === 'not_configured') {
    return new ApiError(
      503,
      'phone_not_configured',
      'Chức năng xác minh số điện thoại đang tạm ngừng. Bạn vẫn có thể nhập số điện thoại khi đặt lịch.',
    );
  }
  if (err.kind !== 'rejected') return unavailable();
  return what === 'access'
    ? new ApiError(
        401,
        'zalo_token_invalid',
        'Không xác thực được tài khoản Zalo: mã truy cập không hợp lệ hoặc đã hết hạn. Vui lòng thử lại.',
      )
    : new ApiError(
        422,
        'phone_token_invalid',
        'Mã xác minh số điện thoại không hợp lệ hoặc đã hết hạn. Vui lòng bấm xác minh lại.',
      );
}

export const verifyPhone: RouteHandler<typeof phoneRoute, AppEnv> = async (c) => {
  const userId = requireUserId(c);
  c.header('Cache-Control', 'no-store');
  const { accessToken, phoneToken } = c.req.valid('json');
  const opts = graphOptionsFromEnv(c.env);
  if (!opts.appSecret) throw failure(new ZaloGraphError('not_configured', 'no secret'), 'phone');
  const account = await findCitizenAccount(c.var.db, userId);
  if (!account) throw sessionInvalid('invalid');
  let number: string;
  try {
    const profile = await getProfile(opts, accessToken).catch((err: unknown) => {
      throw err instanceof ZaloGraphError ? failure(err, 'access') : err;
    });
    if (profile.id !== account.zaloId) {
      throw new ApiError(
        403,
        'zalo_account_mismatch',
        'Mã truy cập không thuộc tài khoản Zalo đang đăng nhập. Vui lòng đăng nhập lại rồi thử lại.',
      );
    }
    number = await exchangePhoneToken(opts, accessToken, phoneToken);
  } catch (err) {
    if (err instanceof ZaloGraphError) {
      c.var.logFields.zalo = { kind: err.kind, code: err.zaloCode };
      throw failure(err, 'phone');
    }
    throw err;
  }
  // Zalo writes the country code without a plus (84912345678).
  const e164 = normaliseVietnamesePhone(number.startsWith('84') ? `+${number}` : number);
  if (!e164) {
    throw new ApiError(
      422,
      'phone_not_vietnamese',
      'Số điện thoại của tài khoản Zalo không phải số Việt Nam nên chưa xác minh được.',
    );
  }
  const phone = `0${e164.slice(3)}`;
  const now = new Date().toISOString();
  await c.var.db
    .update(users)
    .set({ phone, phoneVerifiedAt: now, updatedAt: now })
    .where(eq(users.id, userId));
  c.var.logFields.phoneVerified = true;
  return c.json({ phone }, 200);
};
