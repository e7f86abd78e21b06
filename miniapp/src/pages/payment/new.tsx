import '../field-reports/reports.css';
import './payment.css';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { Button, useNavigate, useSearchParams } from 'zmp-ui';
import { registerIcons } from '../../components/app-icon';
import { SignInGate } from '../../components/sign-in-gate';
import { useApi } from '../../hooks/use-api';
import { useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import { paymentsClient } from '../../services/payments/client';
import { isFinal, orderPath } from '../../services/payments/format';
import { appUrl } from '../../services/payments/links';
import { requestKeys } from '../../services/payments/request-key';
import {
  type Order,
  PAYABLE_MODULES,
  type PayableModule,
  type Provider,
  type ProviderId,
} from '../../services/payments/types';
import { formatDateTime } from '../../services/reports/format';
import { createPaymentOrder, openWebview, showToast, zalo } from '../../services/zalo';
import { ReportPage } from '../field-reports/components/report-page';
import { ErrorState, LoadingBlock, Notice } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { OrderSummary, useVnd } from './components';

registerIcons(REPORT_SVG);

const IN_ZALO = zalo.runtime === 'zalo';

/** Zalo Checkout exists only inside Zalo; the wallet's page opens anywhere. */
const usable = (id: ProviderId) => id !== 'zalo_checkout' || IN_ZALO;

function payable(
  module: string | null,
  ref: string | null,
): { module: PayableModule; ref: string } | null {
  if (!module || !(PAYABLE_MODULES as readonly string[]).includes(module)) return null;
  if (!ref || ref.length > 64) return null;
  return { module: module as PayableModule, ref };
}

/** Where "back" goes when this page was opened directly: what is being paid for. */
function parentOf(target: { module: PayableModule; ref: string } | null): string {
  if (target?.module === 'procedures')
    return `/public-services/p/${encodeURIComponent(target.ref)}`;
  return '/payment';
}

/**
 * /payment/new?module=procedures&ref=<procedure id>: makes the order for what is paid for (or
 * resumes the one this tab already made, see request-key.ts), shows it, and pays it with the
 * provider the citizen picks: Zalo Checkout inside Zalo, or the e-wallet's own page.
 */
export default function NewPaymentPage() {
  const t = useT();
  const [params] = useSearchParams();
  const target = payable(params.get('module'), params.get('ref'));
  // "Tiếp tục thanh toán" names the order to go on with: it may have been made in another
  // session, whose request key this tab does not have.
  const resume = params.get('order') ?? undefined;
  return (
    <ReportPage title={t('payment.title')} parent={parentOf(target)}>
      {target ? (
        <WithProviders>
          {(providers) => (
            <SignInGate title={t('payment.signIn.title')} reason={t('payment.signIn.reason')}>
              <NewPayment
                module={target.module}
                reference={target.ref}
                resume={resume}
                providers={providers}
              />
            </SignInGate>
          )}
        </WithProviders>
      ) : (
        <ErrorState message={t('payment.badLink')} />
      )}
    </ReportPage>
  );
}

/**
 * The providers on offer, before anything else: with none configured the citizen pays at the
 * desk, needs no sign-in to learn it, and no order is made (one nobody can pay would only
 * clutter the officials' list).
 */
function WithProviders({ children }: { children: (providers: Provider[]) => ReactNode }) {
  const t = useT();
  const providers = useApi(() => paymentsClient.providers(), []);
  const list = providers.data?.providers;
  if (providers.status === 'error' && !list) {
    return <ErrorState message={providers.error.message} onRetry={providers.reload} />;
  }
  if (!list) return <LoadingBlock />;
  if (list.length === 0) {
    return (
      <div data-testid="payment-not-configured">
        <Notice tone="warning">{t('payment.notConfigured')}</Notice>
      </div>
    );
  }
  return <>{children(list)}</>;
}

/** Codes after which asking again with the same request cannot succeed. */
const FINAL_REFUSALS = new Set(['nothing_to_pay', 'payable_not_found', 'validation_failed']);

function NewPayment({
  module,
  reference,
  resume,
  providers,
}: {
  module: PayableModule;
  reference: string;
  resume?: string;
  providers: Provider[];
}) {
  const t = useT();
  // Read when needed, not a dependency: switching language must not make the order again.
  const tRef = useRef(t);
  tRef.current = t;

  const [order, setOrder] = useState<Order>();
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<ApiError>();
  /** The order the saved key gave back, already paid: said so above the new one. */
  const [paidBefore, setPaidBefore] = useState<Order>();

  const open = useCallback(async () => {
    setOpening(true);
    setOpenError(undefined);
    if (resume) {
      const named = await paymentsClient.order(resume);
      if (!named.ok && (named.error.status === 0 || named.error.status >= 500)) {
        // Not knowing whether that order is still open, making another could pay twice.
        setOpenError(named.error);
        setOpening(false);
        return;
      }
      if (
        named.ok &&
        named.data.module === module &&
        named.data.ref === reference &&
        !isFinal(named.data.status)
      ) {
        setOrder(named.data);
        setOpening(false);
        return;
      }
      // Gone, over or not this payable's: a new attempt, as "Thanh toán lại" would make.
    }
    // At most three rounds: a spent key (its order final) or a refused key gets one new key
    // each; more would mean the server keeps answering oddly, and the citizen should know.
    for (let round = 0; round < 3; round++) {
      const requestKey = requestKeys.current(module, reference);
      const result = await paymentsClient.createOrder({ module, ref: reference, requestKey });
      if (!result.ok) {
        if (result.error.code === 'request_key_conflict') {
          requestKeys.discard(module, reference);
          continue;
        }
        setOpenError(result.error);
        setOpening(false);
        return;
      }
      requestKeys.settle(module, reference, requestKey, result.data);
      if (!isFinal(result.data.status)) {
        setOrder(result.data);
        setOpening(false);
        return;
      }
      // This tab's last order for it is over; settle() spent its key, so the next round
      // makes a new order.
      if (result.data.status === 'paid') setPaidBefore(result.data);
    }
    setOpening(false);
    setOpenError({
      kind: 'http',
      status: 0,
      code: 'unexpected',
      message: tRef.current('error.unexpected'),
    });
  }, [module, reference, resume]);

  useEffect(() => {
    void open();
  }, [open]);

  if (!order) {
    if (openError) {
      return (
        <ErrorState
          message={openError.message}
          onRetry={FINAL_REFUSALS.has(openError.code) ? undefined : () => void open()}
        />
      );
    }
    return <LoadingBlock label={opening ? t('payment.creating') : undefined} />;
  }
  return <PayForm order={order} providers={providers} paidBefore={paidBefore} onOrder={setOrder} />;
}

function PayForm({
  order,
  providers,
  paidBefore,
  onOrder,
}: {
  order: Order;
  providers: Provider[];
  paidBefore?: Order;
  onOrder: (order: Order) => void;
}) {
  const t = useT();
  const navigate = useNavigate();
  const vnd = useVnd();
  const [choice, setChoice] = useState<ProviderId | undefined>(() => {
    // A payment already under way keeps its provider (the API refuses another meanwhile);
    // else Zalo's own Checkout inside Zalo, else the first one that works here.
    if (order.provider && usable(order.provider)) return order.provider;
    const ids = providers.map((p) => p.id).filter(usable);
    return ids.includes('zalo_checkout') ? 'zalo_checkout' : ids[0];
  });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [redirecting, setRedirecting] = useState(false);
  /** Zalo's order id when Checkout opened but telling our server about it failed. */
  const [unlinked, setUnlinked] = useState<string>();
  // A ref, not only state: two taps in the same frame both see `busy` still false.
  const working = useRef(false);

  // Back from the wallet with the browser's back button, the page may come back from the
  // back-forward cache exactly as it was left: busy, with "đang mở trang thanh toán".
  useEffect(() => {
    const restored = (e: PageTransitionEvent) => {
      if (!e.persisted) return;
      working.current = false;
      setBusy(false);
      setRedirecting(false);
    };
    window.addEventListener('pageshow', restored);
    return () => window.removeEventListener('pageshow', restored);
  }, []);

  const toOrderPage = () => navigate(orderPath(order.id), { replace: true });

  /** Tells the server Zalo's order id, retrying a dropped connection before giving up. */
  const link = async (zaloOrderId: string) => {
    for (let attempt = 0; ; attempt++) {
      const linked = await paymentsClient.linkZaloOrder(order.id, zaloOrderId);
      if (linked.ok) {
        setUnlinked(undefined);
        onOrder(linked.data);
        toOrderPage();
        return;
      }
      if (linked.error.status === 409) {
        // Paid, failed or expired meanwhile: sending the id again would not help.
        setUnlinked(undefined);
        await refresh(linked.error.message);
        return;
      }
      const transient = linked.error.status === 0 || linked.error.status >= 500;
      if (transient && attempt < 2) {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        continue;
      }
      setUnlinked(zaloOrderId);
      setProblem(transient ? t('payment.linkFailed') : linked.error.message);
      return;
    }
  };

  /**
   * The API says the order cannot take this payment now (409): show the order as it is, on
   * its own page when it is over (paid meanwhile, or expired), with the API's reason.
   */
  const refresh = async (message: string) => {
    const latest = await paymentsClient.order(order.id);
    if (latest.ok) onOrder(latest.data);
    if (latest.ok && isFinal(latest.data.status)) {
      void showToast(message);
      toOrderPage();
    } else {
      setProblem(message);
    }
  };

  const pay = async () => {
    if (working.current) return;
    if (!choice) {
      setProblem(t('payment.chooseProvider'));
      return;
    }
    working.current = true;
    setBusy(true);
    setProblem('');
    let leaving = false;
    try {
      if (unlinked) {
        await link(unlinked);
        return;
      }
      const started = await paymentsClient.start(
        order.id,
        choice === 'redirect_wallet'
          ? { provider: choice, returnUrl: appUrl(orderPath(order.id)) }
          : { provider: choice },
      );
      if (!started.ok) {
        if (started.error.status === 409) await refresh(started.error.message);
        else setProblem(started.error.message);
        return;
      }
      onOrder(started.data.order);

      if (choice === 'redirect_wallet') {
        const url = started.data.redirectUrl;
        if (!url) {
          setProblem(t('payment.noRedirect'));
          return;
        }
        if (!IN_ZALO) {
          // The wallet sends the payer back to the order page (returnUrl), which polls.
          leaving = true;
          setRedirecting(true);
          window.location.assign(url);
          return;
        }
        // Zalo keeps the mini app open under its web view: the order page waits for the
        // wallet's answer meanwhile, and is there when the citizen closes the wallet.
        const opened = await openWebview(url);
        if (!opened.ok) {
          setProblem(opened.error.message);
          return;
        }
        toOrderPage();
        return;
      }

      const params = started.data.zaloCheckout;
      if (!params) {
        setProblem(t('payment.checkoutFailed'));
        return;
      }
      const created = await createPaymentOrder(params);
      if (!created.ok) {
        setProblem(created.error.message);
        return;
      }
      await link(created.value.orderId);
    } finally {
      if (!leaving) {
        working.current = false;
        setBusy(false);
      }
    }
  };

  return (
    <>
      <OrderSummary order={order} />

      {paidBefore?.paidAt ? (
        <div className="pay-note" data-testid="payment-paid-before">
          <Notice tone="info">
            {t('payment.paidBefore', { time: formatDateTime(paidBefore.paidAt) })}{' '}
            <button
              type="button"
              className="pay-link"
              onClick={() => navigate(orderPath(paidBefore.id))}
            >
              {t('payment.viewReceipt')}
            </button>
          </Notice>
        </div>
      ) : null}

      {order.status === 'pending' ? (
        <div className="pay-note" data-testid="payment-pending-notice">
          <Notice tone="warning">
            {t('payment.pendingNotice')}{' '}
            <button type="button" className="pay-link" onClick={toOrderPage}>
              {t('payment.viewStatus')}
            </button>
          </Notice>
        </div>
      ) : null}

      <fieldset className="card pay-providers" data-testid="payment-providers">
        <legend className="rp-section__title">{t('payment.provider.heading')}</legend>
        {providers.map((p) => {
          const enabled = usable(p.id);
          return (
            <label
              key={p.id}
              className={`pay-provider${choice === p.id ? ' pay-provider--on' : ''}${enabled ? '' : ' pay-provider--off'}`}
              data-provider={p.id}
            >
              <input
                type="radio"
                name="provider"
                value={p.id}
                checked={choice === p.id}
                disabled={!enabled || busy}
                onChange={() => {
                  setChoice(p.id);
                  setProblem('');
                }}
              />
              <span className="pay-provider__text">
                <span className="pay-provider__name">{p.name}</span>
                {enabled ? null : (
                  <span className="pay-provider__hint">{t('payment.provider.zaloOnly')}</span>
                )}
              </span>
            </label>
          );
        })}
      </fieldset>

      {problem ? (
        <div data-testid="payment-problem">
          <Notice tone="error">{problem}</Notice>
        </div>
      ) : null}
      {redirecting ? <Notice tone="info">{t('payment.redirecting')}</Notice> : null}

      <Button
        fullWidth
        loading={busy}
        disabled={busy || !choice}
        onClick={() => void pay()}
        data-testid="payment-pay"
      >
        {unlinked ? t('payment.linkRetry') : t('payment.pay', { amount: vnd(order.amountVnd) })}
      </Button>
    </>
  );
}
