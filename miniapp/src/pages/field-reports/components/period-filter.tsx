import { AppIcon } from '../../../components/app-icon';
import { useT } from '../../../i18n/use-t';
import {
  customFrom,
  PERIOD_CHOICES,
  type Period,
  type PeriodChoice,
  vnToday,
} from '../../../services/reports/period';

/** "YYYY-MM-DD" → "dd/MM/yyyy". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return y && m && d ? `${d}/${m}/${y}` : day;
}

/**
 * The period chips of the public feed and the statistics ("7 ngày", "30 ngày", "Năm nay",
 * "Tất cả") in one row that fits a 360 px phone, and "Chọn ngày", which opens two native
 * date inputs (every phone shows its own date picker).
 */
export function PeriodFilter({
  period,
  onChange,
}: {
  period: Period;
  onChange: (period: Period) => void;
}) {
  const t = useT();
  const today = vnToday();

  const pick = (choice: PeriodChoice) => {
    if (choice === period.choice) return;
    onChange(choice === 'custom' ? customFrom(period) : { choice });
  };

  const setDay = (end: 'from' | 'to', value: string) => {
    const next: Period = { ...period, choice: 'custom' };
    if (value) next[end] = value;
    else delete next[end];
    onChange(next);
  };

  return (
    <fieldset className="period">
      <legend className="period__label">
        <AppIcon icon="zi-calendar" size={18} />
        {t('reports.period.label')}
      </legend>
      <button
        type="button"
        className="period__pick"
        aria-pressed={period.choice === 'custom'}
        onClick={() => pick('custom')}
      >
        {t('reports.period.custom')}
      </button>
      <div className="period__chips">
        {PERIOD_CHOICES.map((choice) => (
          <button
            key={choice}
            type="button"
            className="period-chip"
            aria-pressed={period.choice === choice}
            onClick={() => pick(choice)}
          >
            {t(`reports.period.${choice}`)}
          </button>
        ))}
      </div>
      {period.choice === 'custom' ? (
        <div className="period__custom">
          <label className="period__day">
            <span>{t('reports.period.from')}</span>
            <input
              className="rp-input"
              type="date"
              value={period.from ?? ''}
              max={period.to ?? today}
              onChange={(e) => setDay('from', e.target.value)}
            />
          </label>
          <label className="period__day">
            <span>{t('reports.period.to')}</span>
            <input
              className="rp-input"
              type="date"
              value={period.to ?? ''}
              min={period.from}
              max={today}
              onChange={(e) => setDay('to', e.target.value)}
            />
          </label>
        </div>
      ) : null}
    </fieldset>
  );
}
