import type { WalletConfig } from './config';
import { hmacSha256Hex, sameMac, sortedFields } from './signing';
import { fetchProviderJson, idText, isRecord, type Verdict, vndAmount } from './verdict';

// A generic redirect e-wallet (provider 2), in the style of VNPT Pay / VNPT Money and the
// other Vietnamese wallets' merchant gateways: the payer is sent to the wallet's page, the
// wallet notifies the merchant server-to-server (IPN), and the merchant can ask for a
// transaction's status. Every message is signed: `signature` is hex HMAC-SHA256, keyed with
// the merchant's secret, of all the other fields as "k=v&…" sorted by name. The wire format
// (README "Payments") is what a wallet's adapter, or the loopback sandbox of
// fixtures/payment-sandbox, speaks:
//
//   redirect  GET {WALLET_API_URL}/pay?merchant_id&order_id&amount&currency=VND&description
//                 &return_url&notify_url&expires_at&timestamp&signature
//   IPN       POST {notify_url} JSON { merchant_id, order_id, transaction_id, amount,
//                 status: success|failed|cancelled|processing, message, timestamp, signature }
//             → { code: "00" recorded (or already) | "97" bad signature | "01" unknown order
//                 | "04" wrong amount | "99" malformed, message }; the wallet retries until "00".
//   status    GET {WALLET_API_URL}/api/v1/transactions/{order_id}?merchant_id&order_id&timestamp
//                 &signature
//             → the IPN's JSON (signed the same way), or 404 when the wallet has none.

export const WALLET = 'redirect_wallet';

const unixSeconds = (d: Date) => String(Math.floor(d.getTime() / 1000));

async function signed(secret: string, fields: Record<string, string>) {
  return { ...fields, signature: await hmacSha256Hex(secret, sortedFields(fields)) };
}

export async function walletRedirectUrl(
  cfg: WalletConfig,
  order: { id: string; amountVnd: number; description: string; expiresAt: string },
  urls: { returnUrl: string; notifyUrl: string },
  now: Date,
): Promise<string> {
  const query = await signed(cfg.secret, {
    merchant_id: cfg.merchantId,
    order_id: order.id,
    amount: String(order.amountVnd),
    currency: 'VND',
    description: order.description,
    return_url: urls.returnUrl,
    notify_url: urls.notifyUrl,
    expires_at: unixSeconds(new Date(order.expiresAt)),
    timestamp: unixSeconds(now),
  });
  return `${cfg.apiUrl}/pay?${new URLSearchParams(query)}`;
}

export type WalletMessage =
  | { ok: true; orderId: string; transactionId: string | null; verdict: Verdict; eventId: string }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'wrong_merchant' };

/** Checks and reads a wallet message (an IPN, or a status answer: the same fields). */
export async function readWalletMessage(cfg: WalletConfig, body: unknown): Promise<WalletMessage> {
  if (!isRecord(body)) return { ok: false, reason: 'malformed' };
  const { signature, ...fields } = body;
  const expected = await hmacSha256Hex(cfg.secret, sortedFields(fields));
  if (!sameMac(signature, expected)) return { ok: false, reason: 'bad_signature' };
  if (idText(fields.merchant_id) !== cfg.merchantId) return { ok: false, reason: 'wrong_merchant' };
  const orderId = idText(fields.order_id, 64);
  const status = idText(fields.status, 32);
  if (!orderId || !status) return { ok: false, reason: 'malformed' };
  const transactionId = idText(fields.transaction_id);
  const message = idText(fields.message, 500) ?? '';
  const verdict: Verdict =
    status === 'success' || status === 'failed' || status === 'cancelled'
      ? {
          state: status === 'success' ? 'paid' : 'failed',
          providerOrderId: transactionId,
          amountVnd: vndAmount(fields.amount),
          code: status,
          message,
        }
      : { state: 'pending', code: status, message };
  return {
    ok: true,
    orderId,
    transactionId,
    verdict,
    eventId: `wallet:${transactionId ?? orderId}:${status}`,
  };
}

/** Asks the wallet about one of our orders. */
export async function walletStatus(
  cfg: WalletConfig,
  orderId: string,
  timeoutMs: number,
  now: Date,
): Promise<Verdict> {
  const query = await signed(cfg.secret, {
    merchant_id: cfg.merchantId,
    order_id: orderId,
    timestamp: unixSeconds(now),
  });
  const { status, body } = await fetchProviderJson(
    WALLET,
    `${cfg.apiUrl}/api/v1/transactions/${encodeURIComponent(orderId)}?${new URLSearchParams(query)}`,
    timeoutMs,
  );
  if (status === 404) return { state: 'unknown', code: 'not_found', message: '' };
  const message = await readWalletMessage(cfg, body);
  if (!message.ok) return { state: 'unknown', code: message.reason, message: '' };
  if (message.orderId !== orderId) return { state: 'unknown', code: 'other_order', message: '' };
  return message.verdict;
}
