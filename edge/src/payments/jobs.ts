import type { CronJob } from '../cron/dispatcher';
import { ApiError } from '../platform/errors';
import { paymentConfig } from './config';
import { applyChange, ordersToReconcile, unstartedExpired } from './repo';
import { checkWithProvider } from './service';
import { ProviderUnavailable } from './verdict';

// Every five minutes: reconciliation of open orders. Unstarted orders past their time expire.
// Pending orders not heard of for two minutes are asked about (status API): the provider's
// answer is applied like a notification; one still undecided after its expiry and the grace
// period expires (a later "paid" from the provider still wins, see state.ts).

const BATCH = 50;
const RECHECK_MS = 2 * 60_000;
/** Give the provider's own notification a minute before asking. */
const FIRST_CHECK_AFTER_MS = 60_000;

export const paymentReconcileJob: CronJob = {
  name: 'payment_reconcile',
  run: async ({ db, env, log }) => {
    const cfg = paymentConfig(env);
    const now = new Date();
    const counts = { expired: 0, checked: 0, paid: 0, failed: 0, unavailable: 0 };
    for (const order of await unstartedExpired(db, now.toISOString(), 200)) {
      const { decision } = await applyChange(
        db,
        order,
        {
          to: 'expired',
          source: 'reconcile',
          detail: { reason: 'not_started_in_time' },
          actor: { kind: 'system' },
        },
        now,
      );
      if (decision === 'applied') counts.expired += 1;
    }
    const due = await ordersToReconcile(
      db,
      new Date(now.getTime() - RECHECK_MS).toISOString(),
      BATCH,
    );
    for (const order of due) {
      if (Date.parse(order.createdAt) > now.getTime() - FIRST_CHECK_AFTER_MS) continue;
      let after = order;
      let lastCode: string | null = null;
      try {
        const result = await checkWithProvider(
          db,
          cfg,
          order,
          { source: 'reconcile', actor: { kind: 'system' } },
          now,
        );
        after = result.order;
        lastCode = result.verdict?.code ?? null;
        counts.checked += 1;
        if (after.status === 'paid') counts.paid += 1;
        if (after.status === 'failed') counts.failed += 1;
      } catch (err) {
        // Unreachable, or no longer configured (a 503 ApiError): ask again on a later tick.
        if (!(err instanceof ProviderUnavailable || err instanceof ApiError)) throw err;
        counts.unavailable += 1;
        log.warn('payment_provider_unavailable', { orderId: order.id, error: err.message });
      }
      const overdue = Date.parse(after.expiresAt) + cfg.graceMinutes * 60_000 <= now.getTime();
      if (after.status === 'pending' && overdue) {
        const { decision } = await applyChange(
          db,
          after,
          {
            to: 'expired',
            source: 'reconcile',
            detail: { reason: 'no_answer_by_deadline', ...(lastCode ? { lastCode } : {}) },
            actor: { kind: 'system' },
          },
          now,
        );
        if (decision === 'applied') counts.expired += 1;
      }
    }
    return counts;
  },
};
