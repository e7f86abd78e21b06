import '../field-reports/reports.css';
import './appointments.css';
import { useRecoilValue } from 'recoil';
import { useNavigate } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useApi } from '../../hooks/use-api';
import { useT } from '../../i18n/use-t';
import { appointmentsClient } from '../../services/appointments/client';
import { sortBookings } from '../../services/appointments/schedule';
import type { Hospital } from '../../services/appointments/types';
import { openPhone } from '../../services/zalo';
import { sessionState } from '../../state/session';
import { ReportPage } from '../field-reports/components/report-page';
import { EmptyState, ErrorState, LoadingBlock } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { BookingCard } from './components/booking-card';

registerIcons(REPORT_SVG);

function HospitalCard({ hospital }: { hospital: Hospital }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <section className="rp-section card appt-hospital" data-hospital={hospital.id}>
      <h2 className="rp-section__title">
        <AppIcon icon="zi-plus-circle" size={22} />
        {hospital.name}
      </h2>
      {hospital.address ? (
        <p className="appt-hospital__line">
          <AppIcon icon="zi-location" size={18} />
          {hospital.address}
        </p>
      ) : null}
      {hospital.phone ? (
        <button
          type="button"
          className="appt-hospital__line appt-link"
          onClick={() => void openPhone(hospital.phone ?? '')}
        >
          <AppIcon icon="zi-call" size={18} />
          {hospital.phone}
        </button>
      ) : null}
      <p className="appt-hospital__hint">{t('appt.hub.pickDepartment')}</p>
      {hospital.departments.length === 0 ? (
        <p className="appt-hospital__hint">{t('appt.hub.noDepartments')}</p>
      ) : (
        <ul className="appt-departments">
          {hospital.departments.map((department) => (
            <li key={department.id}>
              <button
                type="button"
                className="appt-department"
                data-department={department.id}
                onClick={() => navigate(`/hospital-appointments/book/${department.id}`)}
              >
                <span className="appt-department__text">
                  <span className="appt-department__name">{department.name}</span>
                  {department.description ? (
                    <span className="appt-department__hint">{department.description}</span>
                  ) : null}
                </span>
                <AppIcon icon="zi-chevron-right" size={22} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="appt-hospital__hint">
        {t('appt.hub.rules', {
          hours: hospital.cutoffHours,
          max: hospital.maxActiveBookings,
        })}
      </p>
    </section>
  );
}

/**
 * Hospital appointments: the citizen's next appointment (signed in), "Lịch khám của tôi",
 * and the hospitals with their departments; a department opens its free slots.
 */
export default function AppointmentsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { ready, session } = useRecoilValue(sessionState);
  const hospitals = useApi(() => appointmentsClient.hospitals(), []);
  const upcoming = useApi(
    () => (ready && session ? appointmentsClient.bookings('upcoming') : null),
    [ready, session?.token],
  );
  const next = session && upcoming.data ? sortBookings(upcoming.data, 'upcoming')[0] : undefined;

  return (
    <ReportPage title={t('appt.title')} parent="/">
      {next ? (
        <section className="appt-next" aria-labelledby="appt-next-title">
          <h2 id="appt-next-title" className="appt-next__title">
            {t('appt.hub.next')}
          </h2>
          <BookingCard booking={next} />
        </section>
      ) : null}

      <nav className="hub-links">
        <button
          type="button"
          className="hub-link card"
          onClick={() => navigate('/hospital-appointments/mine')}
        >
          <span className="hub-link__icon">
            <AppIcon icon="zi-calendar" size={26} />
          </span>
          <span className="hub-link__text">
            <span className="hub-link__title">{t('appt.mine.title')}</span>
            <span className="hub-link__hint">
              {session && upcoming.data
                ? t('appt.hub.mineCount', { count: upcoming.data.length })
                : t('appt.hub.mineHint')}
            </span>
          </span>
          <AppIcon icon="zi-chevron-right" size={22} />
        </button>
      </nav>

      {hospitals.status === 'loading' && !hospitals.data ? <LoadingBlock /> : null}
      {hospitals.status === 'error' && !hospitals.data ? (
        <ErrorState message={hospitals.error.message} onRetry={hospitals.reload} />
      ) : null}
      {hospitals.data?.length === 0 ? <EmptyState>{t('appt.hub.empty')}</EmptyState> : null}
      {hospitals.data?.map((hospital) => (
        <HospitalCard key={hospital.id} hospital={hospital} />
      ))}
      <p className="hub-privacy">{t('appt.hub.privacy')}</p>
    </ReportPage>
  );
}
