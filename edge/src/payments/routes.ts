import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { citizenOnly, requireUserId } from '../auth/session';
import { type AppEnv, parseAllowedOrigins } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { enforceRateLimits } from '../platform/rate-limit';
import { createRouter } from '../platform/router';
import { availableProviders, type PaymentConfig, paymentConfig } from './config';
import { PAYABLES } from './payables';
import {
  applyChange,
  findByRequestKey,
  findOrder,
  insertOrder,
  linkProviderOrder,
  listMine,
  type OrderRow,
  orderNotFound,
  publicOrder,
  switchProvider,
} from './repo';
import {
  IdParam,
  OrderInput,
  OrderListQuery,
  OrderListSchema,
  OrderSchema,
  ProvidersSchema,
  StartInput,
  StartSchema,
  ZaloOrderInput,
} from './schemas';
import { checkWithProvider, providerNotConfigured } from './service';
import { isFinal } from './state';
import { ProviderUnavailable } from './verdict';
import { walletRedirectUrl } from './wallet';
import { zaloCheckoutParams } from './zalo-checkout';

// Payments for citizens (/api/v1/payments): the providers on offer, the payer's orders, and
// starting a payment. Any module asks for a payment by naming its own thing (module, ref);
// the amount is resolved here (payables.ts), never taken from the phone. Every write is
// retry-safe: an order per requestKey, start again answers fresh parameters for the same
// order, linking the same Zalo order twice is a no-op.

const TAG = 'Thanh toán';
/** Period of wrangler.toml's PAYMENTS_LIMITER. */
const LIMIT_PERIOD_SECONDS = 60;
/** A pending order read by its payer is re-checked with the provider at most this often. */
const RECHECK_MS = 15_000;
/** Besides ALLOWED_ORIGINS: Zalo's links into a mini app (https://zalo.me/s/<app id>/…). */
const ZALO_LINK_ORIGIN = 'https://zalo.me';

const SECURITY = [{ bearerAuth: [] }];
const signedIn = { 401: error('Cần đăng nhập Zalo (`session_required`)') };
const notFound = { 404: error('Không có giao dịch này (`order_not_found`)') };

const orderClosed = (status: string) =>
  new ApiError(
    409,
    'order_closed',
    status === 'paid'
      ? 'Giao dịch này đã được thanh toán.'
      : 'Giao dịch này đã kết thúc. Vui lòng tạo giao dịch mới để thanh toán.',
  );

const providersRoute = createRoute({
  method: 'get',
  path: '/providers',
  tags: [TAG],
  summary: 'Các cách thanh toán đang dùng được',
  description:
    'Chỉ những nhà cung cấp đã được cấu hình. Danh sách rỗng: chưa thanh toán trực tuyến được.',
  responses: { 200: json(ProvidersSchema, 'Cách thanh toán') },
});

const createOrderRoute = createRoute({
  method: 'post',
  path: '/orders',
  tags: [TAG],
  security: SECURITY,
  summary: 'Tạo giao dịch cho một khoản thu',
  description:
    'Số tiền do máy chủ tính từ khoản thu (`module`, `ref`), ví dụ lệ phí của một thủ tục hành chính. Gửi lại cùng `requestKey`: 200 với giao dịch đã tạo, không tạo thêm.',
  middleware: [citizenOnly, requireJsonBody] as const,
  request: { body: body(OrderInput) },
  responses: {
    200: json(OrderSchema, 'Giao dịch đã tạo trước đó với cùng requestKey'),
    201: json(OrderSchema, 'Đã tạo'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`)'),
    ...signedIn,
    404: error('Không có khoản thu này (`payable_not_found`)'),
    409: error('requestKey đã dùng cho khoản khác (`request_key_conflict`)'),
    422: error('Khoản này không thu tiền trực tuyến (`nothing_to_pay`)'),
    429: error('Gửi quá nhanh (`rate_limited`)'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/orders',
  tags: [TAG],
  security: SECURITY,
  summary: 'Giao dịch của tôi',
  description: 'Mới nhất trước. Trang sau: `cursor`.',
  middleware: [citizenOnly] as const,
  request: { query: OrderListQuery },
  responses: {
    200: json(OrderListSchema, 'Giao dịch'),
    400: error('Tham số không hợp lệ (`validation_failed`)'),
    ...signedIn,
  },
});

const orderRoute = createRoute({
  method: 'get',
  path: '/orders/{id}',
  tags: [TAG],
  security: SECURITY,
  summary: 'Một giao dịch của tôi',
  description:
    'Giao dịch đang chờ xác nhận được hỏi lại nhà cung cấp (nhiều nhất 15 giây một lần), nên ứng dụng chỉ cần hỏi lại trang này.',
  middleware: [citizenOnly] as const,
  request: { params: IdParam },
  responses: { 200: json(OrderSchema, 'Giao dịch'), ...signedIn, ...notFound },
});

const startRoute = createRoute({
  method: 'post',
  path: '/orders/{id}/start',
  tags: [TAG],
  security: SECURITY,
  summary: 'Bắt đầu thanh toán',
  description:
    '`zalo_checkout`: trả các tham số (có `mac` do máy chủ ký) để gọi `Payment.createOrder` của zmp-sdk, rồi gửi mã đơn Zalo về `…/zalo-order`. `redirect_wallet`: trả `redirectUrl` trang thanh toán của ví; ví đưa người dùng về `returnUrl`. Gọi lại khi đang chờ: trả tham số mới cho cùng giao dịch.',
  middleware: [citizenOnly, requireJsonBody] as const,
  request: { params: IdParam, body: body(StartInput) },
  responses: {
    200: json(StartSchema, 'Tham số thanh toán'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `return_url_not_allowed`)'),
    ...signedIn,
    ...notFound,
    409: error(
      'Giao dịch đã kết thúc (`order_closed`) hoặc đang thanh toán bằng cách khác (`payment_in_progress`)',
    ),
    503: error('Cách thanh toán chưa cấu hình (`provider_not_configured`)'),
  },
});

const zaloOrderRoute = createRoute({
  method: 'post',
  path: '/orders/{id}/zalo-order',
  tags: [TAG],
  security: SECURITY,
  summary: 'Gắn mã đơn của Zalo Checkout',
  description:
    'Mã `orderId` mà `Payment.createOrder` trả về: máy chủ dùng nó để hỏi trạng thái giao dịch khi chưa nhận được thông báo của Zalo. Gửi lại cùng mã: không đổi gì.',
  middleware: [citizenOnly, requireJsonBody] as const,
  request: { params: IdParam, body: body(ZaloOrderInput) },
  responses: {
    200: json(OrderSchema, 'Giao dịch'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`)'),
    ...signedIn,
    ...notFound,
    409: error(
      'Giao dịch đã kết thúc (`order_closed`), không dùng Zalo Checkout (`not_zalo_checkout`) hoặc đã gắn mã khác (`zalo_order_taken`)',
    ),
  },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/orders/{id}/cancel',
  tags: [TAG],
  security: SECURITY,
  summary: 'Hủy giao dịch chưa thanh toán',
  description:
    'Chỉ khi chưa bắt đầu thanh toán (`created`). Hủy lại giao dịch đã hủy: không đổi gì.',
  middleware: [citizenOnly] as const,
  request: { params: IdParam },
  responses: {
    200: json(OrderSchema, 'Đã hủy'),
    ...signedIn,
    ...notFound,
    409: error('Giao dịch đang thanh toán hoặc đã kết thúc (`order_closed`)'),
  },
});

async function myOrder(c: Context<AppEnv>, id: string): Promise<OrderRow> {
  const order = await findOrder(c.var.db, id);
  if (!order || order.payerId !== requireUserId(c)) throw orderNotFound();
  return order;
}

/** An unstarted order past its time becomes `expired` when read (the cron does the rest). */
async function expireIfDue(c: Context<AppEnv>, order: OrderRow, now: Date): Promise<OrderRow> {
  if (order.status !== 'created' || order.expiresAt > now.toISOString()) return order;
  const { order: after } = await applyChange(
    c.var.db,
    order,
    {
      to: 'expired',
      source: 'api',
      detail: { reason: 'not_started_in_time' },
      actor: { kind: 'system' },
      requestId: c.var.requestId,
    },
    now,
  );
  return after;
}

function allowedReturnUrl(c: Context<AppEnv>, url: string | undefined): string {
  if (!url) {
    throw new ApiError(400, 'validation_failed', 'Thiếu địa chỉ quay lại (returnUrl).');
  }
  const origin = new URL(url).origin;
  if (origin !== ZALO_LINK_ORIGIN && !parseAllowedOrigins(c.env.ALLOWED_ORIGINS).includes(origin)) {
    throw new ApiError(400, 'return_url_not_allowed', 'Địa chỉ quay lại không được phép.');
  }
  return url;
}

async function startParams(
  c: Context<AppEnv>,
  cfg: PaymentConfig,
  order: OrderRow,
  provider: 'zalo_checkout' | 'redirect_wallet',
  returnUrl: string | undefined,
  now: Date,
) {
  if (provider === 'zalo_checkout') {
    if (!cfg.zalo) throw providerNotConfigured();
    return { zaloCheckout: await zaloCheckoutParams(cfg.zalo, order), redirectUrl: null };
  }
  if (!cfg.wallet) throw providerNotConfigured();
  const notifyUrl = `${new URL(c.req.url).origin}/api/v1/payments/callbacks/wallet`;
  return {
    zaloCheckout: null,
    redirectUrl: await walletRedirectUrl(
      cfg.wallet,
      order,
      { returnUrl: allowedReturnUrl(c, returnUrl), notifyUrl },
      now,
    ),
  };
}

export const paymentRoutes = createRouter()
  .openapi(providersRoute, (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json({ providers: availableProviders(paymentConfig(c.env)) }, 200);
  })
  .openapi(createOrderRoute, async (c) => {
    const userId = requireUserId(c);
    const input = c.req.valid('json');
    const existing = await findByRequestKey(c.var.db, input.requestKey);
    if (existing) {
      if (
        existing.payerId !== userId ||
        existing.module !== input.module ||
        existing.ref !== input.ref
      ) {
        throw new ApiError(409, 'request_key_conflict', 'Mã yêu cầu đã được dùng cho khoản khác.');
      }
      return c.json(publicOrder(existing), 200);
    }
    await enforceRateLimits([
      {
        limiter: c.env.PAYMENTS_LIMITER,
        key: `payments:${userId}`,
        periodSeconds: LIMIT_PERIOD_SECONDS,
      },
    ]);
    const payable = await PAYABLES[input.module](c.var.db, input.ref);
    const now = new Date();
    const cfg = paymentConfig(c.env);
    const { order, created } = await insertOrder(
      c.var.db,
      {
        module: input.module,
        ref: input.ref,
        payerId: userId,
        amountVnd: payable.amountVnd,
        description: payable.description,
        requestKey: input.requestKey,
        expiresAt: new Date(now.getTime() + cfg.orderTtlMinutes * 60_000).toISOString(),
      },
      now.toISOString(),
      c.var.requestId,
    );
    if (!created && order.payerId !== userId) {
      throw new ApiError(409, 'request_key_conflict', 'Mã yêu cầu đã được dùng cho khoản khác.');
    }
    return c.json(publicOrder(order), created ? 201 : 200);
  })
  .openapi(listRoute, async (c) => {
    const { cursor, limit } = c.req.valid('query');
    return c.json(await listMine(c.var.db, requireUserId(c), Number(cursor ?? 0), limit), 200);
  })
  .openapi(orderRoute, async (c) => {
    const now = new Date();
    let order = await expireIfDue(c, await myOrder(c, c.req.valid('param').id), now);
    const due =
      order.status === 'pending' &&
      (!order.lastCheckedAt || Date.parse(order.lastCheckedAt) <= now.getTime() - RECHECK_MS);
    if (due) {
      try {
        ({ order } = await checkWithProvider(
          c.var.db,
          paymentConfig(c.env),
          order,
          {
            source: 'status_check',
            actor: { kind: 'citizen', id: order.payerId },
            requestId: c.var.requestId,
          },
          now,
        ));
      } catch (err) {
        // The payer still sees the order as we know it; the next read or the cron asks again.
        if (!(err instanceof ProviderUnavailable || err instanceof ApiError)) throw err;
        c.var.log.warn('payment_status_check_failed', { orderId: order.id, error: String(err) });
      }
    }
    return c.json(publicOrder(order), 200);
  })
  .openapi(startRoute, async (c) => {
    const userId = requireUserId(c);
    const { provider, returnUrl } = c.req.valid('json');
    const now = new Date();
    let order = await expireIfDue(c, await myOrder(c, c.req.valid('param').id), now);
    if (isFinal(order.status) || order.status === 'expired') throw orderClosed(order.status);
    const cfg = paymentConfig(c.env);
    // Parameters first: a provider that is not configured changes nothing.
    const params = await startParams(c, cfg, order, provider, returnUrl, now);
    if (order.status === 'created') {
      ({ order } = await applyChange(
        c.var.db,
        order,
        {
          to: 'pending',
          source: 'api',
          provider,
          detail: { provider },
          actor: { kind: 'citizen', id: userId },
          requestId: c.var.requestId,
        },
        now,
      ));
    } else if (order.status === 'pending' && order.provider !== provider) {
      // Another way to pay, allowed only while no provider holds a transaction for it.
      if (order.providerOrderId) {
        throw new ApiError(
          409,
          'payment_in_progress',
          'Giao dịch đang được thanh toán bằng cách khác. Vui lòng chờ kết quả.',
        );
      }
      order = await switchProvider(c.var.db, order, provider, now.toISOString());
      if (order.provider !== provider) {
        throw new ApiError(409, 'payment_in_progress', 'Giao dịch vừa thay đổi. Vui lòng thử lại.');
      }
    }
    if (order.status !== 'pending') throw orderClosed(order.status);
    return c.json({ order: publicOrder(order), ...params }, 200);
  })
  .openapi(zaloOrderRoute, async (c) => {
    const { zaloOrderId } = c.req.valid('json');
    const now = new Date().toISOString();
    const order = await myOrder(c, c.req.valid('param').id);
    if (order.provider !== 'zalo_checkout') {
      throw new ApiError(
        409,
        'not_zalo_checkout',
        'Giao dịch này không thanh toán qua Zalo Checkout. Vui lòng chọn lại cách thanh toán.',
      );
    }
    if (order.providerOrderId === zaloOrderId) return c.json(publicOrder(order), 200);
    if (order.status !== 'pending') throw orderClosed(order.status);
    const linked = await linkProviderOrder(c.var.db, order, 'zalo_checkout', zaloOrderId, now);
    if (linked === 'other') {
      throw new ApiError(409, 'zalo_order_taken', 'Giao dịch đã gắn với một đơn Zalo khác.');
    }
    const after = await findOrder(c.var.db, order.id);
    return c.json(publicOrder(after ?? order), 200);
  })
  .openapi(cancelRoute, async (c) => {
    const userId = requireUserId(c);
    const now = new Date();
    let order = await myOrder(c, c.req.valid('param').id);
    if (order.status === 'cancelled') return c.json(publicOrder(order), 200);
    if (order.status !== 'created') throw orderClosed(order.status);
    ({ order } = await applyChange(
      c.var.db,
      order,
      {
        to: 'cancelled',
        source: 'api',
        detail: {},
        actor: { kind: 'citizen', id: userId },
        requestId: c.var.requestId,
      },
      now,
    ));
    if (order.status !== 'cancelled') throw orderClosed(order.status);
    return c.json(publicOrder(order), 200);
  });
