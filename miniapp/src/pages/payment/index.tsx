import '../field-reports/reports.css';
import './payment.css';
import { useRecoilValue } from 'recoil';
import { Button, useNavigate } from 'zmp-ui';
import { registerIcons } from '../../components/app-icon';
import { SignInGate } from '../../components/sign-in-gate';
import { useT } from '../../i18n/use-t';
import { paymentsClient } from '../../services/payments/client';
import type { Order } from '../../services/payments/types';
import { sessionState } from '../../state/session';
import { ReportPage } from '../field-reports/components/report-page';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { PagedList } from '../jobs/components/paged-list';
import { usePaged } from '../jobs/components/use-paged';
import { OrderItem } from './components';

registerIcons(REPORT_SVG);

/**
 * "Giao dịch của tôi": the signed-in citizen's payments, newest first, each opening its order
 * page (receipt, or what to do next). Payments start from what is paid for (a procedure's
 * fee), so the empty state points there.
 */
export default function PaymentPage() {
  const t = useT();
  return (
    <ReportPage title={t('payment.mine.title')} parent="/">
      <SignInGate title={t('payment.signIn.title')} reason={t('payment.signIn.reason')}>
        <MyOrders />
      </SignInGate>
    </ReportPage>
  );
}

function MyOrders() {
  const t = useT();
  const navigate = useNavigate();
  const { session } = useRecoilValue(sessionState);
  // Keyed by the session: another account signing in on this phone sees its own list.
  const { listing, load } = usePaged(
    (cursor) => (session ? paymentsClient.orders(cursor) : null),
    session?.user.id ?? '',
  );
  return (
    <PagedList<Order>
      listing={listing}
      load={load}
      icon="zi-inbox"
      testId="payment-orders"
      empty={
        <span className="pay-empty" data-testid="payment-empty">
          <strong>{t('payment.mine.empty')}</strong>
          <span>{t('payment.mine.emptyHint')}</span>
          <Button size="small" variant="secondary" onClick={() => navigate('/public-services')}>
            {t('payment.mine.findProcedure')}
          </Button>
        </span>
      }
      render={(order) => <OrderItem key={order.id} order={order} />}
    />
  );
}
