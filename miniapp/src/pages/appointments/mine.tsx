import '../field-reports/reports.css';
import './appointments.css';
import { useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button, useNavigate } from 'zmp-ui';
import { registerIcons } from '../../components/app-icon';
import { SignInGate } from '../../components/sign-in-gate';
import { useApi } from '../../hooks/use-api';
import { useT } from '../../i18n/use-t';
import { appointmentsClient } from '../../services/appointments/client';
import { sortBookings } from '../../services/appointments/schedule';
import type { BookingScope } from '../../services/appointments/types';
import { sessionState } from '../../state/session';
import { ReportPage } from '../field-reports/components/report-page';
import { CardSkeleton, EmptyState, ErrorState } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { BookingCard } from './components/booking-card';

registerIcons(REPORT_SVG);

/** "Lịch khám của tôi": upcoming appointments (soonest first) and past ones. */
export default function MyBookingsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { session } = useRecoilValue(sessionState);
  const [scope, setScope] = useState<BookingScope>('upcoming');
  const bookings = useApi(
    () => (session ? appointmentsClient.bookings(scope) : null),
    [scope, session?.token],
  );
  const list = bookings.data ? sortBookings(bookings.data, scope) : [];

  return (
    <ReportPage title={t('appt.mine.title')} parent="/hospital-appointments">
      <SignInGate title={t('appt.gate.title')} reason={t('appt.gate.reasonMine')}>
        <div className="feed-tabs" role="tablist">
          {(['upcoming', 'past'] as const).map((s) => (
            <button
              key={s}
              type="button"
              role="tab"
              aria-selected={scope === s}
              className={`feed-tab ${scope === s ? 'is-active' : ''}`}
              onClick={() => setScope(s)}
            >
              {t(s === 'upcoming' ? 'appt.mine.upcoming' : 'appt.mine.past')}
            </button>
          ))}
        </div>
        {bookings.status === 'loading' ? <CardSkeleton count={2} /> : null}
        {bookings.status === 'error' ? (
          <ErrorState message={bookings.error.message} onRetry={bookings.reload} />
        ) : null}
        {bookings.status === 'ready' && list.length === 0 ? (
          <EmptyState
            icon="zi-calendar"
            action={
              scope === 'upcoming' ? (
                <Button onClick={() => navigate('/hospital-appointments')}>
                  {t('appt.mine.bookNow')}
                </Button>
              ) : undefined
            }
          >
            {t(scope === 'upcoming' ? 'appt.mine.emptyUpcoming' : 'appt.mine.emptyPast')}
          </EmptyState>
        ) : null}
        {bookings.status === 'ready' && list.length > 0 ? (
          <ul className="rp-list">
            {list.map((booking) => (
              <li key={booking.id}>
                <BookingCard booking={booking} />
              </li>
            ))}
          </ul>
        ) : null}
      </SignInGate>
    </ReportPage>
  );
}
