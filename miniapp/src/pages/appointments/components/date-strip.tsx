import { useT } from '../../../i18n/use-t';
import type { StripDay } from '../../../services/appointments/schedule';
import { dayText, useWeekday } from './shared';

type DateStripProps = {
  days: readonly StripDay[];
  selected: string | undefined;
  onSelect: (date: string) => void;
};

/**
 * Seven day chips: the weekday, the date, and the free places (or "Nghỉ", "Hết chỗ"). A day
 * with nothing to book stays visible but cannot be chosen, so the week reads as it is.
 */
export function DateStrip({ days, selected, onSelect }: DateStripProps) {
  const t = useT();
  const weekday = useWeekday();
  const first = days[0];
  const last = days[days.length - 1];
  return (
    <>
      {first && last ? (
        <p className="appt-strip__range">
          {t('appt.strip.range', {
            from: `${first.dayOfMonth}/${first.month}`,
            to: dayText(last.date),
          })}
        </p>
      ) : null}
      <div className="appt-strip" role="radiogroup" aria-label={t('appt.book.pickDay')}>
        {days.map((day) => {
          const isSelected = day.date === selected;
          const note = day.closed
            ? t('appt.strip.closed')
            : day.bookable
              ? t('appt.strip.free', { count: day.free })
              : t('appt.strip.full');
          return (
            // biome-ignore lint/a11y/useSemanticElements: a row of chips, not a form's radio inputs
            <button
              key={day.date}
              type="button"
              role="radio"
              aria-checked={isSelected}
              disabled={!day.bookable}
              data-date={day.date}
              className={[
                'appt-day',
                isSelected ? 'is-selected' : '',
                day.bookable ? '' : day.closed ? 'is-closed' : 'is-full',
              ]
                .filter(Boolean)
                .join(' ')}
              onClick={() => onSelect(day.date)}
              title={day.reason ?? undefined}
              aria-label={`${day.isToday ? t('appt.strip.today') : weekday(day.weekday)} ${day.dayOfMonth}/${day.month}: ${note}`}
            >
              <span className="appt-day__weekday">
                {day.isToday ? t('appt.strip.today') : weekday(day.weekday, 'short')}
              </span>
              <span className="appt-day__date">{day.dayOfMonth}</span>
              <span className="appt-day__free">{note}</span>
            </button>
          );
        })}
      </div>
    </>
  );
}
