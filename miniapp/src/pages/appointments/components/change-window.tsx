import { useT } from '../../../i18n/use-t';
import { type ChangeWindow, splitDuration } from '../../../services/appointments/schedule';
import { formatDateTime } from '../../../services/reports/format';

/** "còn 2 ngày 3 giờ" / "còn 3 giờ 20 phút" / "còn 12 phút". */
function useTimeLeft(): (minutes: number) => string {
  const t = useT();
  return (minutes) => {
    const parts = splitDuration(minutes);
    if (parts.days > 0) return t('appt.left.daysHours', { days: parts.days, hours: parts.hours });
    if (parts.hours > 0) {
      return t('appt.left.hoursMinutes', { hours: parts.hours, minutes: parts.minutes });
    }
    return t('appt.left.minutes', { minutes: parts.minutes });
  };
}

/**
 * Until when the booking can be cancelled or moved, and once that has passed, why not and
 * whom to call instead.
 */
export function ChangeWindowNotice({
  window,
  hospitalPhone,
}: {
  window: ChangeWindow;
  hospitalPhone: string | null;
}) {
  const t = useT();
  const timeLeft = useTimeLeft();
  if (window.state === 'final') return null;
  if (window.state === 'open') {
    return (
      <p className="rp-notice rp-notice--info" data-testid="change-deadline">
        {t('appt.change.until', {
          deadline: formatDateTime(window.deadline),
          left: timeLeft(window.minutesLeft),
        })}
      </p>
    );
  }
  return (
    <p className="rp-notice rp-notice--warning" data-testid="change-deadline">
      {t('appt.change.passed', {
        deadline: formatDateTime(window.deadline),
        hours: window.cutoffHours,
      })}{' '}
      {hospitalPhone ? t('appt.change.callHospital', { phone: hospitalPhone }) : null}
    </p>
  );
}
