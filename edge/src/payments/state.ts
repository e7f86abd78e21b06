import type { PaymentStatus } from '@tinh/db/schema';

// The order's state machine, in one place. Every change (the payer's start or cancel, a
// provider's notification or status answer, the reconciliation job) asks `decide` first, so a
// replayed notification is a `duplicate` and one that arrives after the order moved on is
// `stale`: neither changes anything, both are recorded.
//
//   created ──start──▶ pending ──▶ paid | failed | expired
//      │                  ▲
//      └──▶ cancelled | expired | paid | failed (a provider may answer before we saw "start")
//
// `expired` is only our own clock running out, so a provider's later word that the money
// moved wins (expired → paid). paid, failed and cancelled are final.

export type Decision = 'applied' | 'duplicate' | 'stale';

const FINAL: readonly PaymentStatus[] = ['paid', 'failed', 'cancelled'];

export const isFinal = (s: PaymentStatus) => FINAL.includes(s);

/** Statuses a provider may still have a word about (the status API is asked for these). */
export const isOpen = (s: PaymentStatus) => s === 'created' || s === 'pending' || s === 'expired';

export function decide(from: PaymentStatus, to: PaymentStatus): Decision {
  if (from === to) return 'duplicate';
  if (to === 'created' || isFinal(from)) return 'stale';
  if (from === 'expired') return to === 'paid' ? 'applied' : 'stale';
  if (from === 'pending' && to === 'cancelled') return 'stale';
  return 'applied';
}

/**
 * A provider confirmed money for an order we had closed otherwise (failed or cancelled):
 * officials must refund it by hand, so the order is flagged.
 */
export const needsAttention = (from: PaymentStatus, to: PaymentStatus) =>
  to === 'paid' && (from === 'failed' || from === 'cancelled');
