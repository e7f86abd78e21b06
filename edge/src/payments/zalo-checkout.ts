import type { ZaloCheckoutConfig } from './config';
import type { ZaloCheckoutParams } from './schemas';
import { hmacSha256Hex, sameMac, sortedFields } from './signing';
import { fetchProviderJson, idText, isRecord, type Verdict, vndAmount } from './verdict';

// Zalo Checkout SDK (provider 1), as Zalo's Checkout documentation and its
// checkout-sdk-tutorial describe it:
//
// - The mini app calls zmp-sdk `Payment.createOrder({ amount, desc, item, extradata, mac })`.
//   `mac` is hex HMAC-SHA256, keyed with the Checkout private key, of the other fields sorted
//   by name as "k=v&…" (objects and arrays as JSON). Only the server has the key, so the
//   amount cannot be changed on the phone. `extradata` carries our order id.
// - When the payment ends, Zalo POSTs the notify URL set in the Checkout console:
//   `{ data: { appId, orderId, amount, method, resultCode, transId, extradata, message, … },
//   overallMac }`, overallMac being the same HMAC over all of `data`'s fields sorted. We answer
//   `{ returnCode: 1 }` once it is recorded (or was already), anything else makes Zalo retry.
// - The transaction-status API: GET {ZALO_CHECKOUT_API_URL}/api/transaction/get-status
//   ?orderId&appId&mac, mac = HMAC("appId=…&orderId=…&privateKey=…"), answering
//   `{ error: 0, data: { returnCode: 1 paid | 0 processing | -1 failed, … } }`.

export const ZALO = 'zalo_checkout';

export async function zaloCheckoutParams(
  cfg: ZaloCheckoutConfig,
  order: { id: string; ref: string; amountVnd: number; description: string },
): Promise<ZaloCheckoutParams> {
  const fields = {
    amount: order.amountVnd,
    desc: order.description,
    item: [{ id: order.ref, amount: order.amountVnd }],
    extradata: JSON.stringify({ orderId: order.id }),
  };
  return { ...fields, mac: await hmacSha256Hex(cfg.privateKey, sortedFields(fields)) };
}

export type ZaloNotify =
  | {
      ok: true;
      /** Our order id, from extradata; null when extradata does not carry one. */
      orderId: string | null;
      zaloOrderId: string;
      amountVnd: number | null;
      verdict: Verdict;
      eventId: string;
      method: string | null;
    }
  | { ok: false; reason: 'malformed' | 'bad_mac' | 'wrong_app' };

/** Our order id from the notification's extradata (JSON, possibly URL-encoded). */
function orderIdFromExtradata(value: unknown): string | null {
  if (isRecord(value)) return idText(value.orderId, 64);
  if (typeof value !== 'string') return null;
  for (const text of [value, safeDecode(value)]) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (isRecord(parsed)) return idText(parsed.orderId, 64);
    } catch {
      // try the next form
    }
  }
  return null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Checks a notify callback's MAC and reads it. */
export async function readZaloNotify(cfg: ZaloCheckoutConfig, body: unknown): Promise<ZaloNotify> {
  if (!isRecord(body) || !isRecord(body.data)) return { ok: false, reason: 'malformed' };
  const data = body.data;
  const received = body.overallMac ?? body.mac;
  const expected = await hmacSha256Hex(cfg.privateKey, sortedFields(data));
  if (!sameMac(received, expected)) return { ok: false, reason: 'bad_mac' };
  if (idText(data.appId) !== cfg.appId) return { ok: false, reason: 'wrong_app' };
  const zaloOrderId = idText(data.orderId);
  const resultCode = idText(data.resultCode, 16);
  if (!zaloOrderId || resultCode === null) return { ok: false, reason: 'malformed' };
  const amountVnd = vndAmount(data.amount);
  const transId = idText(data.transId);
  const message = idText(data.message, 500) ?? '';
  const code = Number(resultCode);
  const verdict: Verdict =
    code === 1 || code === -1
      ? {
          state: code === 1 ? 'paid' : 'failed',
          providerOrderId: zaloOrderId,
          amountVnd,
          code: resultCode,
          message,
        }
      : { state: 'pending', code: resultCode, message };
  return {
    ok: true,
    orderId: orderIdFromExtradata(data.extradata),
    zaloOrderId,
    amountVnd,
    verdict,
    eventId: `zalo:${zaloOrderId}:${resultCode}:${transId ?? ''}`,
    method: idText(data.method, 64),
  };
}

/** Asks the transaction-status API about one Zalo order. */
export async function zaloCheckoutStatus(
  cfg: ZaloCheckoutConfig,
  zaloOrderId: string,
  timeoutMs: number,
): Promise<Verdict> {
  const mac = await hmacSha256Hex(
    cfg.privateKey,
    `appId=${cfg.appId}&orderId=${zaloOrderId}&privateKey=${cfg.privateKey}`,
  );
  const query = new URLSearchParams({ orderId: zaloOrderId, appId: cfg.appId, mac });
  const { body } = await fetchProviderJson(
    ZALO,
    `${cfg.apiUrl}/api/transaction/get-status?${query}`,
    timeoutMs,
  );
  if (!isRecord(body)) return { state: 'unknown', code: 'malformed', message: '' };
  const error = Number(body.error ?? 0);
  const msg = idText(body.msg ?? body.message, 500) ?? '';
  if (error !== 0 || !isRecord(body.data)) {
    return { state: 'unknown', code: `error:${body.error ?? 'no_data'}`, message: msg };
  }
  const data = body.data;
  const returnCode = Number(data.returnCode);
  const message = idText(data.returnMessage, 500) ?? msg;
  if (returnCode === 1 || returnCode === -1) {
    return {
      state: returnCode === 1 ? 'paid' : 'failed',
      providerOrderId: zaloOrderId,
      amountVnd: vndAmount(data.amount),
      code: String(returnCode),
      message,
    };
  }
  return { state: 'pending', code: String(data.returnCode ?? ''), message };
}
