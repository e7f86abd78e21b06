import '../field-reports/reports.css';
import './payment.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button, Modal, Spinner, useNavigate, useParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { SignInGate } from '../../components/sign-in-gate';
import { useApi } from '../../hooks/use-api';
import { useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import { paymentsClient } from '../../services/payments/client';
import {
  canPayAgain,
  continuePaymentPath,
  isFinal,
  newPaymentPath,
  POLL_INTERVAL_MS,
  pollVerdict,
} from '../../services/payments/format';
import { requestKeys } from '../../services/payments/request-key';
import type { Order } from '../../services/payments/types';
import { formatDateTime } from '../../services/reports/format';
import { showToast } from '../../services/zalo';
import { sessionState } from '../../state/session';
import { ReportPage } from '../field-reports/components/report-page';
import { ErrorState, LoadingBlock, Notice } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { OrderSummary, useProviderName, useVnd } from './components';

registerIcons(REPORT_SVG);

/**
 * /payment/o/:id, one order: the receipt once paid, the wait while the provider has not
 * answered (the server asks the provider on each read, so the page just reads again), what
 * went wrong and "Thanh toán lại" when it did not go through, and for an order not yet paid
 * "Tiếp tục thanh toán" or "Hủy giao dịch". The e-wallet sends the payer back here.
 */
export default function OrderPage() {
  const t = useT();
  return (
    <ReportPage title={t('payment.title')} parent="/payment">
      <SignInGate title={t('payment.signIn.title')} reason={t('payment.signIn.reason')}>
        <OrderView />
      </SignInGate>
    </ReportPage>
  );
}

type Watch = {
  order?: Order;
  /** The first read failed: nothing to show but the error. */
  error?: ApiError;
  /** A later read failed: the order shown may be stale; polling goes on. */
  checkError?: ApiError;
  /** Stopped asking after POLL_LIMIT_MS while still pending. */
  gaveUp: boolean;
};

/**
 * Reads the order, and again every POLL_INTERVAL_MS while it is pending, for POLL_LIMIT_MS at
 * most; `recheck()` starts another round (the "Kiểm tra lại" button). One read at a time:
 * the next is scheduled only when the previous has answered, so a slow network never piles
 * requests up.
 */
function useOrderWatch(id: string, enabled: boolean) {
  const [watch, setWatch] = useState<Watch>({ gaveUp: false });
  const [round, setRound] = useState(0);
  // The last order read, for the polling loop to decide on without waiting for a render.
  const latest = useRef<Order>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` restarts the polling
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const startedAt = Date.now();
    if (latest.current?.id !== id) latest.current = undefined;
    setWatch((w) => ({ ...w, gaveUp: false }));
    const read = async () => {
      const result = await paymentsClient.order(id);
      if (stopped) return;
      if (result.ok) {
        latest.current = result.data;
        setWatch({ order: result.data, gaveUp: false });
      } else if (latest.current) {
        // Keep showing what was known and keep asking: a dropped request on a weak
        // connection says nothing about the payment.
        setWatch((w) => ({ ...w, checkError: result.error }));
      } else {
        // Nothing to show (404, no network): the error state has its own "Thử lại".
        setWatch({ error: result.error, gaveUp: false });
        return;
      }
      const verdict = pollVerdict(latest.current.status, startedAt, Date.now());
      if (verdict === 'poll') timer = setTimeout(() => void read(), POLL_INTERVAL_MS);
      else if (verdict === 'gave_up') setWatch((w) => ({ ...w, gaveUp: true }));
    };
    void read();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [id, enabled, round]);

  const recheck = useCallback(() => {
    setWatch((w) => (w.order ? { ...w, checkError: undefined } : { gaveUp: false }));
    setRound((n) => n + 1);
  }, []);
  const replace = useCallback((order: Order) => {
    latest.current = order;
    setWatch({ order, gaveUp: false });
  }, []);
  return { ...watch, recheck, replace };
}

function OrderView() {
  const t = useT();
  const { id = '' } = useParams();
  const { session } = useRecoilValue(sessionState);
  const watch = useOrderWatch(id, Boolean(session));
  const order = watch.order;

  // An order that is over has spent its request key: "Thanh toán lại" must make a new one.
  useEffect(() => {
    if (order && isFinal(order.status)) requestKeys.release(order.module, order.ref, order.id);
  }, [order]);

  if (!order) {
    if (watch.error) {
      return (
        <ErrorState
          message={watch.error.message}
          onRetry={watch.error.status === 404 ? undefined : watch.recheck}
        />
      );
    }
    return <LoadingBlock />;
  }
  return (
    <div className="pay-order" data-testid="payment-order-page" data-status={order.status}>
      {order.status === 'paid' ? (
        <Receipt order={order} />
      ) : (
        <>
          <OrderSummary order={order} showStatus />
          {order.status === 'pending' ? (
            <Pending order={order} gaveUp={watch.gaveUp} onRecheck={watch.recheck} />
          ) : null}
          {order.status === 'created' ? <NotPaid order={order} onChanged={watch.replace} /> : null}
          {canPayAgain(order.status) ? <Closed order={order} /> : null}
        </>
      )}
      {watch.checkError && order.status === 'pending' ? (
        <Notice tone="warning">
          {t('payment.checkFailed', { message: watch.checkError.message })}
        </Notice>
      ) : null}
    </div>
  );
}

function Pending({
  order,
  gaveUp,
  onRecheck,
}: {
  order: Order;
  gaveUp: boolean;
  onRecheck: () => void;
}) {
  const t = useT();
  const navigate = useNavigate();
  // A citizen who closed the wallet or Zalo's sheet without paying is not stuck waiting for
  // the deadline: the payment screen takes the same order again.
  const reopen = (
    <Button
      fullWidth
      variant="tertiary"
      onClick={() => navigate(continuePaymentPath(order))}
      data-testid="payment-reopen"
    >
      {t('payment.reopen')}
    </Button>
  );
  if (gaveUp) {
    return (
      <section className="card pay-wait" data-testid="payment-gave-up">
        <Notice tone="warning">{t('payment.gaveUp')}</Notice>
        <Button fullWidth variant="secondary" onClick={onRecheck} data-testid="payment-recheck">
          {t('payment.checkAgain')}
        </Button>
        {reopen}
      </section>
    );
  }
  return (
    <section className="card pay-wait" data-testid="payment-waiting">
      <span className="pay-wait__status" role="status" aria-live="polite">
        <Spinner visible />
        <strong>{t('payment.waiting')}</strong>
      </span>
      <span className="rp-card__meta">{t('payment.waitingHint')}</span>
      {reopen}
    </section>
  );
}

/** The green receipt the citizen can show or screenshot. */
function Receipt({ order }: { order: Order }) {
  const t = useT();
  const navigate = useNavigate();
  const vnd = useVnd();
  // Names only: the list is public and short; a failure leaves our own names.
  const providers = useApi(() => paymentsClient.providers(), []);
  const providerName = useProviderName(providers.data?.providers);
  return (
    <>
      <section className="card pay-receipt" data-testid="payment-receipt">
        <span className="pay-receipt__icon">
          <AppIcon icon="zi-check-circle-solid" size={56} />
        </span>
        <h2 className="pay-receipt__title">{t('payment.paid.title')}</h2>
        <p className="pay-receipt__amount">{vnd(order.amountVnd)}</p>
        <dl className="pay-facts pay-facts--receipt">
          {order.providerOrderId ? (
            <>
              <dt>{t('payment.field.transaction')}</dt>
              <dd className="pay-code" data-testid="payment-transaction">
                {order.providerOrderId}
              </dd>
            </>
          ) : null}
          <dt>{t('payment.field.orderId')}</dt>
          <dd className="pay-code">{order.id}</dd>
          <dt>{t('payment.field.description')}</dt>
          <dd>{order.description}</dd>
          <dt>{t('payment.field.amount')}</dt>
          <dd>{vnd(order.amountVnd)}</dd>
          <dt>{t('payment.field.paidAt')}</dt>
          <dd>{formatDateTime(order.paidAt)}</dd>
          {order.provider ? (
            <>
              <dt>{t('payment.field.provider')}</dt>
              <dd>{providerName(order.provider)}</dd>
            </>
          ) : null}
        </dl>
        <p className="rp-card__meta">{t('payment.paid.keep')}</p>
      </section>
      <Button fullWidth variant="secondary" onClick={() => navigate('/payment')}>
        {t('payment.mine.title')}
      </Button>
    </>
  );
}

/** Failed, cancelled or expired: why, and a new attempt. */
function Closed({ order }: { order: Order }) {
  const t = useT();
  const navigate = useNavigate();
  const title =
    order.status === 'failed'
      ? t('payment.failed.title')
      : order.status === 'cancelled'
        ? t('payment.cancelled.title')
        : t('payment.expired.title');
  return (
    <section className="card pay-closed" data-testid="payment-closed">
      <h2 className="rp-section__title">
        <AppIcon icon="zi-warning-circle" size={22} />
        {title}
      </h2>
      {order.resultMessage ? (
        <p data-testid="payment-reason">{t('payment.reason', { reason: order.resultMessage })}</p>
      ) : order.status === 'expired' ? (
        <p>{t('payment.expired.hint')}</p>
      ) : null}
      <Button
        fullWidth
        onClick={() => {
          requestKeys.release(order.module, order.ref, order.id);
          navigate(newPaymentPath(order));
        }}
        data-testid="payment-again"
      >
        {t('payment.payAgain')}
      </Button>
    </section>
  );
}

/** Made but not paid: go on paying, or cancel it (with a confirmation). */
function NotPaid({ order, onChanged }: { order: Order; onChanged: (order: Order) => void }) {
  const t = useT();
  const navigate = useNavigate();
  const vnd = useVnd();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const working = useRef(false);

  const cancel = async () => {
    if (working.current) return;
    working.current = true;
    setBusy(true);
    setProblem('');
    const result = await paymentsClient.cancel(order.id);
    working.current = false;
    setBusy(false);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    onChanged(result.data);
    void showToast(t('payment.cancelled'));
  };

  return (
    <section className="pay-actions" data-testid="payment-not-paid">
      <Notice tone="info">
        {t('payment.created.hint', { time: formatDateTime(order.expiresAt) })}
      </Notice>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <Button
        fullWidth
        disabled={busy}
        onClick={() => navigate(continuePaymentPath(order))}
        data-testid="payment-continue"
      >
        {t('payment.continue')}
      </Button>
      <Button
        fullWidth
        variant="tertiary"
        loading={busy}
        disabled={busy}
        onClick={() => setConfirming(true)}
        data-testid="payment-cancel"
      >
        {t('payment.cancel')}
      </Button>
      <Modal
        visible={confirming}
        onClose={() => setConfirming(false)}
        width="calc(100vw - 32px)"
        title={t('payment.cancel.title')}
        description={t('payment.cancel.confirm', {
          amount: vnd(order.amountVnd),
          description: order.description,
        })}
        actions={[
          { text: t('payment.cancel.keep'), close: true },
          {
            text: t('payment.cancel'),
            danger: true,
            // Not `close: true`: zmp-ui then only closes and never calls onClick.
            onClick: () => {
              setConfirming(false);
              void cancel();
            },
          },
        ]}
      />
    </section>
  );
}
