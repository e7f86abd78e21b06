import '../field-reports/reports.css';
import './appointments.css';
import { QRCodeSVG } from 'qrcode.react';
import { useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button, Modal, useNavigate, useParams, useSearchParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { SignInGate } from '../../components/sign-in-gate';
import { useApi } from '../../hooks/use-api';
import { useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import { appointmentsClient } from '../../services/appointments/client';
import { changeWindow } from '../../services/appointments/schedule';
import type { Booking } from '../../services/appointments/types';
import { formatVietnamesePhone } from '../../services/reports/phone';
import { copyText, openPhone, showToast } from '../../services/zalo';
import { sessionState } from '../../state/session';
import { ReportPage } from '../field-reports/components/report-page';
import { ErrorState, LoadingBlock, Notice } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { ChangeWindowNotice } from './components/change-window';
import { BookingStatusBadge, dayText, useNow, useSlotText } from './components/shared';

registerIcons(REPORT_SVG);

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="appt-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The queue number, the QR code the reception desk scans, and the code in text. */
function Ticket({ booking }: { booking: Booking }) {
  const t = useT();
  const active = booking.status === 'booked';
  const copy = async () => {
    const result = await copyText(booking.checkInCode);
    void showToast(result.ok ? t('common.copied') : result.error.message);
  };
  return (
    <section
      className={`rp-section card appt-ticket ${active ? '' : 'is-inactive'}`}
      data-testid="booking-ticket"
    >
      <p className="appt-ticket__label">{t('appt.queueNumber')}</p>
      <p className="appt-ticket__queue" data-testid="queue-number">
        {booking.queueNumber}
      </p>
      {active ? (
        <>
          <div className="appt-ticket__qr" data-testid="booking-qr">
            <QRCodeSVG
              value={booking.checkInCode}
              size={196}
              level="M"
              marginSize={2}
              title={t('appt.ticket.qrLabel')}
            />
          </div>
          <p className="appt-ticket__hint">{t('appt.ticket.hint')}</p>
        </>
      ) : null}
      {active ? null : <p className="appt-ticket__hint">{t('appt.booked.inactive')}</p>}
      <div className={`appt-ticket__code ${active ? '' : 'is-inactive'}`}>
        <span>{t('appt.ticket.code')}</span>
        <strong data-testid="checkin-code">{booking.checkInCode}</strong>
        {active ? (
          <button
            type="button"
            className="appt-icon-button"
            onClick={() => void copy()}
            aria-label={t('common.copy')}
          >
            <AppIcon icon="zi-copy" size={20} />
          </button>
        ) : null}
      </div>
    </section>
  );
}

function BookingView({
  booking,
  onChanged,
}: {
  booking: Booking;
  onChanged: (b: Booking) => void;
}) {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const now = useNow();
  const slotText = useSlotText();
  const change = changeWindow(booking, now);
  const [confirming, setConfirming] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [problem, setProblem] = useState<ApiError>();

  const cancel = async () => {
    setCancelling(true);
    setProblem(undefined);
    const result = await appointmentsClient.cancel(booking.id);
    setCancelling(false);
    if (result.ok) {
      onChanged(result.data);
      void showToast(t('appt.cancel.done'));
      return;
    }
    setProblem(result.error);
    // The cut-off passed meanwhile: show the booking as the server now sees it.
    if (result.error.code === 'cutoff_passed') {
      const fresh = await appointmentsClient.booking(booking.id);
      if (fresh.ok) onChanged(fresh.data);
    }
  };

  return (
    <>
      {params.get('new') === '1' && booking.status === 'booked' ? (
        <Notice tone="success">{t('appt.booked.success')}</Notice>
      ) : null}
      {params.get('moved') === '1' && booking.status === 'booked' ? (
        <Notice tone="success">{t('appt.booked.moved')}</Notice>
      ) : null}

      <Ticket booking={booking} />

      <section className="rp-section card">
        <div className="rp-card__top">
          <h2 className="rp-section__title">{slotText(booking.slot)}</h2>
          <BookingStatusBadge status={booking.status} />
        </div>
        <dl className="appt-facts">
          <Fact label={t('appt.fact.department')}>{booking.department.name}</Fact>
          <Fact label={t('appt.fact.hospital')}>{booking.hospital.name}</Fact>
          {booking.hospital.address ? (
            <Fact label={t('appt.fact.address')}>{booking.hospital.address}</Fact>
          ) : null}
          <Fact label={t('appt.fact.patient')}>
            {booking.patientName}{' '}
            <span className="appt-muted">
              ({t(booking.forSelf ? 'appt.fact.self' : 'appt.fact.family')})
            </span>
          </Fact>
          <Fact label={t('appt.fact.birthDate')}>{dayText(booking.patientBirthDate)}</Fact>
          <Fact label={t('appt.fact.phone')}>{formatVietnamesePhone(booking.patientPhone)}</Fact>
          {booking.insuranceNumber ? (
            <Fact label={t('appt.fact.insurance')}>{booking.insuranceNumber}</Fact>
          ) : null}
          {booking.symptoms ? (
            <Fact label={t('appt.fact.symptoms')}>{booking.symptoms}</Fact>
          ) : null}
        </dl>
        {booking.hospital.phone ? (
          <Button
            size="medium"
            variant="secondary"
            onClick={() => void openPhone(booking.hospital.phone ?? '')}
            prefixIcon={<AppIcon icon="zi-call" size={18} />}
          >
            {t('appt.callHospital', { phone: booking.hospital.phone })}
          </Button>
        ) : null}
      </section>

      {booking.status === 'booked' ? (
        <section className="rp-section card" aria-labelledby="appt-change-title">
          <h2 id="appt-change-title" className="rp-section__title">
            <AppIcon icon="zi-clock-1" size={22} />
            {t('appt.change.title')}
          </h2>
          <ChangeWindowNotice window={change} hospitalPhone={booking.hospital.phone} />
          {problem ? <Notice tone="error">{problem.message}</Notice> : null}
          {change.state === 'open' ? (
            <div className="appt-actions">
              <Button
                variant="secondary"
                onClick={() =>
                  navigate(
                    `/hospital-appointments/book/${booking.department.id}?reschedule=${booking.id}`,
                  )
                }
                prefixIcon={<AppIcon icon="zi-calendar" size={20} />}
              >
                {t('appt.change.reschedule')}
              </Button>
              <Button
                variant="secondary"
                type="danger"
                loading={cancelling}
                disabled={cancelling}
                onClick={() => setConfirming(true)}
                prefixIcon={<AppIcon icon="zi-close" size={20} />}
              >
                {t('appt.change.cancel')}
              </Button>
            </div>
          ) : null}
        </section>
      ) : null}

      {booking.status === 'cancelled' ? (
        <Button
          onClick={() => navigate(`/hospital-appointments/book/${booking.department.id}`)}
          prefixIcon={<AppIcon icon="zi-calendar" size={20} />}
        >
          {t('appt.bookAgain')}
        </Button>
      ) : null}
      <Button variant="tertiary" onClick={() => navigate('/hospital-appointments/mine')}>
        {t('appt.mine.title')}
      </Button>

      <Modal
        visible={confirming}
        onClose={() => setConfirming(false)}
        width="calc(100vw - 32px)"
        title={t('appt.cancel.title')}
        description={t('appt.cancel.confirm', { slot: slotText(booking.slot) })}
        actions={[
          { text: t('appt.cancel.keep'), close: true },
          {
            text: t('appt.change.cancel'),
            danger: true,
            // Not `close: true`: zmp-ui then only closes and never calls onClick.
            onClick: () => {
              setConfirming(false);
              void cancel();
            },
          },
        ]}
      />
    </>
  );
}

/** One booking: the queue number and QR to show at the hospital, its details, cancel or move. */
export default function BookingPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { session } = useRecoilValue(sessionState);
  const [changed, setChanged] = useState<Booking>();
  const booking = useApi(
    () => (session ? appointmentsClient.booking(id) : null),
    [id, session?.token],
  );
  const shown = changed?.id === id ? changed : booking.data;

  return (
    <ReportPage title={t('appt.booking.title')} parent="/hospital-appointments/mine">
      <SignInGate title={t('appt.gate.title')} reason={t('appt.gate.reasonMine')}>
        {shown ? <BookingView booking={shown} onChanged={setChanged} /> : null}
        {!shown && booking.status === 'error' ? (
          <ErrorState
            message={booking.error.message}
            onRetry={booking.error.status === 404 ? undefined : booking.reload}
          />
        ) : null}
        {!shown && booking.status === 'loading' ? <LoadingBlock /> : null}
      </SignInGate>
    </ReportPage>
  );
}
