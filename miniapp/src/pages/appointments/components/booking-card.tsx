import { useNavigate } from 'zmp-ui';
import { AppIcon } from '../../../components/app-icon';
import { useT } from '../../../i18n/use-t';
import type { Booking } from '../../../services/appointments/types';
import { BookingStatusBadge, useSlotText } from './shared';

/** One booking in a list: when, where, for whom, the queue number; opens the booking. */
export function BookingCard({ booking }: { booking: Booking }) {
  const t = useT();
  const navigate = useNavigate();
  const slotText = useSlotText();
  return (
    <button
      type="button"
      className="rp-card appt-card"
      data-booking={booking.id}
      onClick={() => navigate(`/hospital-appointments/b/${booking.id}`)}
    >
      <span className="appt-card__queue">
        <span className="appt-card__queue-label" title={t('appt.queueNumber')}>
          {t('appt.queueShort')}
        </span>
        <span className="appt-card__queue-number">{booking.queueNumber}</span>
      </span>
      <span className="rp-card__body">
        <span className="rp-card__top">
          <span className="rp-card__category">{slotText(booking.slot)}</span>
          <BookingStatusBadge status={booking.status} />
        </span>
        <span className="rp-card__text">
          {booking.department.name} · {booking.hospital.name}
        </span>
        <span className="rp-card__meta">
          {t(booking.forSelf ? 'appt.card.forSelf' : 'appt.card.forFamily', {
            name: booking.patientName,
          })}
        </span>
      </span>
      <AppIcon icon="zi-chevron-right" size={22} />
    </button>
  );
}
