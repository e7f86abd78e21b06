import type { Order, PaymentStatus } from './types';

// How payments show money and states, and when the order page keeps asking: pure functions of
// their inputs, tested alone (format.test.ts).

type Lang = 'vi' | 'en';

const VND: Record<Lang, Intl.NumberFormat> = {
  // vi-VN writes "8.000 ₫" with a no-break space, so the sign never wraps onto its own line.
  vi: new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' }),
  en: new Intl.NumberFormat('en-US', { style: 'currency', currency: 'VND' }),
};

/** "8.000 ₫" (whole đồng: VND has no minor unit). */
export function formatVnd(amountVnd: number, lang: Lang = 'vi'): string {
  return VND[lang].format(Math.round(amountVnd));
}

/** States after which nothing more happens to an order: a new attempt is a new order. */
const FINAL: ReadonlySet<PaymentStatus> = new Set(['paid', 'failed', 'cancelled', 'expired']);

export function isFinal(status: PaymentStatus): boolean {
  return FINAL.has(status);
}

/** An order that was not paid and cannot be any more: the citizen may pay again. */
export function canPayAgain(status: PaymentStatus): boolean {
  return status === 'failed' || status === 'cancelled' || status === 'expired';
}

/** Every 3 s while the provider has not answered... */
export const POLL_INTERVAL_MS = 3_000;
/** ...for 3 minutes; then the citizen asks again by hand ("Kiểm tra lại"). */
export const POLL_LIMIT_MS = 3 * 60_000;

/**
 * What the order page does after an answer: ask again in POLL_INTERVAL_MS while the order is
 * pending (the server checks with the provider on each read), stop when it is not, or give up
 * after POLL_LIMIT_MS so a phone left open does not poll for ever.
 */
export function pollVerdict(
  status: PaymentStatus,
  startedAt: number,
  now: number,
): 'poll' | 'gave_up' | 'stop' {
  if (status !== 'pending') return 'stop';
  return now - startedAt < POLL_LIMIT_MS ? 'poll' : 'gave_up';
}

/** Where "Thanh toán lại" and "Tiếp tục thanh toán" go for an order: its module and ref. */
export function newPaymentPath(order: Pick<Order, 'module' | 'ref'>): string {
  const query = new URLSearchParams({ module: order.module, ref: order.ref });
  return `/payment/new?${query.toString()}`;
}

/**
 * Where "Tiếp tục thanh toán" goes: the payment screen for this very order (it may have been
 * made in another session, whose request key this tab does not have).
 */
export function continuePaymentPath(order: Pick<Order, 'id' | 'module' | 'ref'>): string {
  const query = new URLSearchParams({ module: order.module, ref: order.ref, order: order.id });
  return `/payment/new?${query.toString()}`;
}

/** The order page's route (also the wallet's return address, see links.ts). */
export function orderPath(orderId: string): string {
  return `/payment/o/${encodeURIComponent(orderId)}`;
}
