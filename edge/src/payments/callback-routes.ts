import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../platform/env';
import { jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { paymentConfig } from './config';
import { findByProviderOrderId, findOrder, recordEvent } from './repo';
import { applyVerdict } from './service';
import { readWalletMessage } from './wallet';
import { readZaloNotify } from './zalo-checkout';

// Providers' server-to-server notifications (/api/v1/payments/callbacks): called by Zalo and by
// the e-wallet, not by our apps, so outside AppType. Each is authenticated by its MAC or
// signature before anything is read from it; a replayed notification, or one that arrives
// after the order moved on, changes nothing and is answered as received (so the provider
// stops re-sending); a refused one is recorded as such. Answers are in each provider's own
// format (zalo-checkout.ts, wallet.ts).

const TAG = 'Thanh toán (nhà cung cấp gọi)';

const ZaloAnswer = z
  .object({ returnCode: z.number().int(), returnMessage: z.string() })
  .openapi('ZaloCheckoutNotifyAnswer');
const WalletAnswer = z.object({ code: z.string(), message: z.string() }).openapi('WalletIpnAnswer');

const zaloRoute = createRoute({
  method: 'post',
  path: '/zalo-checkout',
  tags: [TAG],
  summary: 'Thông báo kết quả của Zalo Checkout',
  description:
    'Đặt làm "notify URL" trong trang quản lý Checkout của Zalo. `overallMac` = HMAC-SHA256 (khóa riêng Checkout) của mọi trường `data` xếp theo tên. `returnCode` 1: đã ghi nhận (kể cả thông báo lặp lại).',
  responses: {
    200: json(ZaloAnswer, 'Đã xử lý (`returnCode` 1) hoặc không nhận (`returnCode` 0)'),
    400: json(ZaloAnswer, 'Không đọc được'),
    401: json(ZaloAnswer, 'MAC sai'),
    503: json(ZaloAnswer, 'Chưa cấu hình Zalo Checkout'),
  },
});

const walletRoute = createRoute({
  method: 'post',
  path: '/wallet',
  tags: [TAG],
  summary: 'Thông báo kết quả (IPN) của ví điện tử',
  description:
    '`signature` = HMAC-SHA256 (khóa bí mật của đơn vị) của các trường còn lại xếp theo tên. `code` "00": đã ghi nhận (kể cả thông báo lặp lại).',
  responses: {
    200: json(WalletAnswer, 'Đã ghi nhận (`00`), không có giao dịch (`01`), sai số tiền (`04`)'),
    400: json(WalletAnswer, 'Không đọc được (`99`)'),
    401: json(WalletAnswer, 'Chữ ký sai (`97`)'),
    503: json(WalletAnswer, 'Chưa cấu hình ví điện tử'),
  },
});

async function bodyOf(c: Context<AppEnv>): Promise<unknown> {
  const type = c.req.header('Content-Type') ?? '';
  try {
    if (type.includes('application/x-www-form-urlencoded')) {
      return Object.fromEntries(new URLSearchParams(await c.req.text()));
    }
    return await c.req.json();
  } catch {
    return undefined;
  }
}

const refused = (c: Context<AppEnv>, orderId: string | null, detail: Record<string, unknown>) =>
  recordEvent(
    c.var.db,
    { orderId, source: 'callback', outcome: 'refused', detail },
    new Date().toISOString(),
  );

export const paymentCallbackRoutes = createRouter()
  .openapi(zaloRoute, async (c) => {
    const cfg = paymentConfig(c.env).zalo;
    if (!cfg)
      return c.json({ returnCode: 0, returnMessage: 'Zalo Checkout chưa được cấu hình' }, 503);
    const body = await bodyOf(c);
    const notify = await readZaloNotify(cfg, body);
    if (!notify.ok) {
      await refused(c, null, { provider: 'zalo_checkout', reason: notify.reason });
      const status = notify.reason === 'malformed' ? 400 : 401;
      return c.json({ returnCode: -1, returnMessage: `Từ chối: ${notify.reason}` }, status);
    }
    // Our order is the one extradata names (Zalo signed it); a link the app made to this Zalo
    // order must be to that same order.
    const linked = await findByProviderOrderId(c.var.db, 'zalo_checkout', notify.zaloOrderId);
    const order = (notify.orderId ? await findOrder(c.var.db, notify.orderId) : null) ?? linked;
    if (!order) {
      await refused(c, null, {
        provider: 'zalo_checkout',
        reason: 'unknown_order',
        zaloOrderId: notify.zaloOrderId,
      });
      return c.json({ returnCode: 0, returnMessage: 'Không có đơn hàng này' }, 200);
    }
    const linkedElsewhere = linked !== null && linked.id !== order.id;
    const linkedToOther =
      order.provider === 'zalo_checkout' &&
      order.providerOrderId !== null &&
      order.providerOrderId !== notify.zaloOrderId;
    if (linkedElsewhere || linkedToOther) {
      await refused(c, order.id, {
        provider: 'zalo_checkout',
        reason: 'zalo_order_mismatch',
        zaloOrderId: notify.zaloOrderId,
      });
      return c.json({ returnCode: 0, returnMessage: 'Mã đơn Zalo không khớp' }, 200);
    }
    const { outcome } = await applyVerdict(
      c.var.db,
      order,
      'zalo_checkout',
      notify.verdict,
      {
        source: 'callback',
        providerEventId: notify.eventId,
        actor: { kind: 'system' },
        requestId: c.var.requestId,
      },
      new Date(),
    );
    if (outcome === 'refused')
      return c.json({ returnCode: 0, returnMessage: 'Số tiền không khớp' }, 200);
    return c.json({ returnCode: 1, returnMessage: 'Thành công' }, 200);
  })
  .openapi(walletRoute, async (c) => {
    const cfg = paymentConfig(c.env).wallet;
    if (!cfg) return c.json({ code: '99', message: 'Ví điện tử chưa được cấu hình' }, 503);
    const message = await readWalletMessage(cfg, await bodyOf(c));
    if (!message.ok) {
      await refused(c, null, { provider: 'redirect_wallet', reason: message.reason });
      return message.reason === 'malformed'
        ? c.json({ code: '99', message: 'Không đọc được thông báo' }, 400)
        : c.json({ code: '97', message: 'Chữ ký không hợp lệ' }, 401);
    }
    const order = await findOrder(c.var.db, message.orderId);
    if (!order) {
      await refused(c, null, {
        provider: 'redirect_wallet',
        reason: 'unknown_order',
        orderId: message.orderId,
      });
      return c.json({ code: '01', message: 'Không có giao dịch này' }, 200);
    }
    const { outcome } = await applyVerdict(
      c.var.db,
      order,
      'redirect_wallet',
      message.verdict,
      {
        source: 'callback',
        providerEventId: message.eventId,
        actor: { kind: 'system' },
        requestId: c.var.requestId,
      },
      new Date(),
    );
    if (outcome === 'refused') return c.json({ code: '04', message: 'Số tiền không khớp' }, 200);
    return c.json({ code: '00', message: 'Đã ghi nhận' }, 200);
  });
