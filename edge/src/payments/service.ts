import type { PaymentProvider } from '@tinh/db/schema';
import type { AuditEntryInput } from '../audit/log';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import type { PaymentConfig } from './config';
import { applyChange, markChecked, type OrderRow, recordEvent } from './repo';
import { isOpen } from './state';
import { isDecided, type Verdict } from './verdict';
import { walletStatus } from './wallet';
import { zaloCheckoutStatus } from './zalo-checkout';

// What happens when a provider has spoken (a notification, or its status API): the verdict
// is checked against the order (the amount must be the order's) and applied through the
// state machine. Shared by the callbacks, the payer's and officials' checks and the
// reconciliation job.

export const providerNotConfigured = () =>
  new ApiError(
    503,
    'provider_not_configured',
    'Cách thanh toán này chưa được cấu hình. Vui lòng chọn cách khác hoặc nộp trực tiếp.',
  );

export const providerUnavailable = () =>
  new ApiError(
    502,
    'provider_unavailable',
    'Chưa liên lạc được với nhà cung cấp thanh toán. Vui lòng thử lại sau ít phút.',
  );

type Source = 'callback' | 'status_check' | 'reconcile';

/**
 * Applies a provider's verdict about `order`. A paid verdict whose amount is not the order's
 * is refused (recorded, nothing changes). Pending or unknown verdicts change nothing.
 */
export async function applyVerdict(
  db: Db,
  order: OrderRow,
  provider: PaymentProvider,
  verdict: Verdict,
  meta: {
    source: Source;
    providerEventId?: string | null;
    actor: AuditEntryInput['actor'];
    requestId?: string | null;
  },
  now: Date,
): Promise<{
  outcome: 'applied' | 'duplicate' | 'stale' | 'refused' | 'undecided';
  order: OrderRow;
}> {
  if (!isDecided(verdict)) return { outcome: 'undecided', order };
  const detail = {
    provider,
    code: verdict.code,
    ...(verdict.message ? { message: verdict.message } : {}),
    ...(verdict.amountVnd !== null ? { amountVnd: verdict.amountVnd } : {}),
    ...(verdict.providerOrderId ? { providerOrderId: verdict.providerOrderId } : {}),
  };
  if (
    verdict.state === 'paid' &&
    verdict.amountVnd !== null &&
    verdict.amountVnd !== order.amountVnd
  ) {
    await recordEvent(
      db,
      {
        orderId: order.id,
        source: meta.source,
        outcome: 'refused',
        from: order.status,
        to: 'paid',
        providerEventId: meta.providerEventId,
        detail: { ...detail, reason: 'amount_mismatch', expectedVnd: order.amountVnd },
      },
      now.toISOString(),
    );
    return { outcome: 'refused', order };
  }
  const { decision, order: after } = await applyChange(
    db,
    order,
    {
      to: verdict.state,
      source: meta.source,
      providerEventId: meta.providerEventId,
      provider,
      providerOrderId: verdict.providerOrderId,
      resultCode: verdict.code,
      resultMessage: verdict.message || null,
      detail,
      actor: meta.actor,
      requestId: meta.requestId,
    },
    now,
  );
  return { outcome: decision, order: after };
}

/** Asks the order's provider now. Throws ProviderUnavailable; answers the order afterwards. */
export async function checkWithProvider(
  db: Db,
  cfg: PaymentConfig,
  order: OrderRow,
  meta: {
    source: 'status_check' | 'reconcile';
    actor: AuditEntryInput['actor'];
    requestId?: string | null;
  },
  now: Date,
): Promise<{ order: OrderRow; verdict: Verdict | null }> {
  if (!isOpen(order.status) || !order.provider) return { order, verdict: null };
  let verdict: Verdict;
  if (order.provider === 'zalo_checkout') {
    if (!cfg.zalo) throw providerNotConfigured();
    // Without Zalo's order id (the app closed before telling us) there is nothing to ask.
    verdict = order.providerOrderId
      ? await zaloCheckoutStatus(cfg.zalo, order.providerOrderId, cfg.timeoutMs)
      : { state: 'unknown', code: 'no_provider_order', message: '' };
  } else {
    if (!cfg.wallet) throw providerNotConfigured();
    verdict = await walletStatus(cfg.wallet, order.id, cfg.timeoutMs, now);
  }
  await markChecked(db, order.id, now.toISOString());
  const { order: after } = await applyVerdict(db, order, order.provider, verdict, meta, now);
  return { order: after, verdict };
}
