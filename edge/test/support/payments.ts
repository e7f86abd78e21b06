import { sql } from 'drizzle-orm';
import { expect, inject } from 'vitest';
import { failure, ok, sendJson as send } from '../helpers';
import type { TestCitizen } from './citizens';
import { db } from './officials';

// Payments in tests: a published procedure with a fee to pay, orders made through the API,
// and the loopback provider sandbox (fixtures/payment-sandbox, started by global-setup.ts with
// the keys of vitest.config.ts), which signs notifications with its own code.

export const SANDBOX = inject('paymentSandboxUrl');
export const PAY = '/api/v1/payments';
export const WORK_PAY = '/api/v1/work/payments';
export const CALLBACKS = '/api/v1/payments/callbacks';
/** An origin of wrangler.toml's ALLOWED_ORIGINS, where the mini app runs in development. */
export const RETURN_URL = 'http://localhost:3000/payment/o/x';

export const requestKey = () => `pk${crypto.randomUUID().replace(/-/g, '').slice(0, 14)}`;

export { failure, ok, send };

export interface Order {
  id: string;
  module: string;
  ref: string;
  description: string;
  amountVnd: number;
  status: string;
  provider: string | null;
  providerOrderId: string | null;
  resultMessage: string | null;
  expiresAt: string;
  paidAt: string | null;
}

/** A published procedure (its own agency-less code) with this fee; answers its id. */
export async function procedureWithFee(
  feeVnd: number | null,
  status = 'published',
): Promise<string> {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  await db().run(sql`insert into procedures (id, code, agency_id, field, name, level, fee_text,
      fee_vnd, processing_time, portal_url, status, published_at, created_by, updated_by,
      created_at, updated_at)
    values (${id}, ${`T.${id.slice(0, 8)}`}, 'so_xay_dung', 'Xây dựng',
      'Cấp giấy phép xây dựng nhà ở riêng lẻ', 'partial',
      ${feeVnd ? `${feeVnd} đồng/hồ sơ` : 'Miễn phí'}, ${feeVnd}, '15 ngày làm việc',
      'https://dichvucong.example.vn/tt', ${status}, ${status === 'published' ? now : null},
      'test', 'test', ${now}, ${now})`);
  return id;
}

export async function newOrder(citizen: TestCitizen, feeVnd = 75_000): Promise<Order> {
  const ref = await procedureWithFee(feeVnd);
  return ok<Order>(
    await send('POST', `${PAY}/orders`, citizen.headers, {
      module: 'procedures',
      ref,
      requestKey: requestKey(),
    }),
    201,
  );
}

export async function startWith(
  citizen: TestCitizen,
  order: Order,
  provider: 'zalo_checkout' | 'redirect_wallet',
) {
  return ok<{
    order: Order;
    redirectUrl: string | null;
    zaloCheckout: {
      amount: number;
      desc: string;
      item: unknown[];
      extradata: string;
      mac: string;
    } | null;
  }>(
    await send('POST', `${PAY}/orders/${order.id}/start`, citizen.headers, {
      provider,
      returnUrl: RETURN_URL,
    }),
  );
}

export async function sandbox<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${SANDBOX}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** The IPN the wallet would send for this order, signed by the sandbox. */
export const walletIpn = (fields: {
  order_id: string;
  amount: number | string;
  status?: string;
  transaction_id?: string;
}) => sandbox<Record<string, string>>('POST', '/__sandbox/wallet/ipn-body', fields);

export const postWalletIpn = (body: unknown) => send('POST', `${CALLBACKS}/wallet`, {}, body);

/** Zalo's notification for a Zalo order, signed by the sandbox (overallMac over `data`). */
export function zaloNotify(data: Record<string, unknown>) {
  return sandbox<{ data: Record<string, unknown>; overallMac: string }>(
    'POST',
    '/__sandbox/zalo/notify-body',
    data,
  );
}

export const postZaloNotify = (body: unknown) =>
  send('POST', `${CALLBACKS}/zalo-checkout`, {}, body);

/** The fields Zalo sends for a payment of our order through its order `zaloOrderId`. */
export const zaloData = (
  order: Order,
  zaloOrderId: string,
  over: Record<string, unknown> = {},
) => ({
  appId: 'test-zalo-app-id',
  orderId: zaloOrderId,
  amount: order.amountVnd,
  description: order.description,
  method: 'ZALOPAY_SANDBOX',
  resultCode: 1,
  message: 'Giao dịch thành công',
  transId: `T${zaloOrderId}`,
  extradata: encodeURIComponent(JSON.stringify({ orderId: order.id })),
  ...over,
});

export async function orderRow(id: string) {
  const [row] = await db().all<{
    status: string;
    version: number;
    provider_order_id: string | null;
    checks: number;
  }>(sql`select status, version, provider_order_id, checks from payment_orders where id = ${id}`);
  return row;
}

export async function events(id: string) {
  return db().all<{
    source: string;
    outcome: string;
    from_status: string | null;
    to_status: string | null;
    detail: string;
  }>(
    sql`select source, outcome, from_status, to_status, detail from payment_events
      where order_id = ${id} order by created_at, rowid`,
  );
}

/** Moves an order's clock back: it was created (and expires) `minutes` earlier. */
export async function age(id: string, minutes: number) {
  const shift = `-${minutes} minutes`;
  await db().run(sql`update payment_orders set
      created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, ${shift}),
      expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', expires_at, ${shift}),
      last_checked_at = case when last_checked_at is null then null
        else strftime('%Y-%m-%dT%H:%M:%fZ', last_checked_at, ${shift}) end
    where id = ${id}`);
}
