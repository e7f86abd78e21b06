import { useNavigate } from 'zmp-ui';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatVnd, orderPath } from '../../services/payments/format';
import type { Order, PaymentStatus, Provider, ProviderId } from '../../services/payments/types';
import { formatDateTime } from '../../services/reports/format';

/** An order's state as a coloured chip, in words (never by colour alone). */
export function StatusChip({ status }: { status: PaymentStatus }) {
  const t = useT();
  return (
    <span className={`pay-chip pay-chip--${status}`} data-status={status}>
      {t(`payment.status.${status}`)}
    </span>
  );
}

/** "8.000 ₫" in the current language. */
export function useVnd(): (amountVnd: number) => string {
  const [lang] = useLanguage();
  return (amountVnd) => formatVnd(amountVnd, lang);
}

/**
 * A provider's name: the API's own (the configured wallet's brand) when it still lists it,
 * else ours, so an old receipt still says how it was paid after a provider is switched off.
 */
export function useProviderName(providers: Provider[] | undefined) {
  const t = useT();
  return (id: ProviderId | null): string =>
    id ? (providers?.find((p) => p.id === id)?.name ?? t(`payment.provider.${id}`)) : '';
}

/** One order in "Giao dịch của tôi": what for, how much, its state and when. */
export function OrderItem({ order }: { order: Order }) {
  const t = useT();
  const navigate = useNavigate();
  const vnd = useVnd();
  return (
    <li>
      <button
        type="button"
        className="rp-card pay-item"
        data-order={order.id}
        onClick={() => navigate(orderPath(order.id))}
      >
        <span className="rp-card__body">
          <span className="rp-card__top">
            <span className="pay-item__amount">{vnd(order.amountVnd)}</span>
            <StatusChip status={order.status} />
          </span>
          <span className="pay-item__description">{order.description}</span>
          <span className="rp-card__meta">
            {order.status === 'paid' && order.paidAt
              ? t('payment.paidAtShort', { time: formatDateTime(order.paidAt) })
              : t('payment.createdAt', { time: formatDateTime(order.createdAt) })}
          </span>
        </span>
      </button>
    </li>
  );
}

/** The order itself: what it is for, the amount and the deadline to pay. */
export function OrderSummary({ order, showStatus }: { order: Order; showStatus?: boolean }) {
  const t = useT();
  const vnd = useVnd();
  return (
    <section className="card pay-summary" data-testid="payment-order" data-order={order.id}>
      <dl className="pay-facts">
        <dt>{t('payment.field.description')}</dt>
        <dd>{order.description}</dd>
        <dt>{t('payment.field.amount')}</dt>
        <dd className="pay-facts__amount" data-testid="payment-amount">
          {vnd(order.amountVnd)}
        </dd>
        {order.status === 'created' || order.status === 'pending' ? (
          <>
            <dt>{t('payment.field.expires')}</dt>
            <dd>{formatDateTime(order.expiresAt)}</dd>
          </>
        ) : null}
        {showStatus ? (
          <>
            <dt>{t('payment.field.status')}</dt>
            <dd>
              <StatusChip status={order.status} />
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
