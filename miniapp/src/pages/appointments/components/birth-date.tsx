import { useEffect, useState } from 'react';
import { useT } from '../../../i18n/use-t';
import { vnDate } from '../../../services/appointments/schedule';

type BirthDateProps = {
  label: string;
  /** YYYY-MM-DD, or '' while incomplete. */
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  describedBy?: string;
};

const pad = (n: number | string) => String(n).padStart(2, '0');

/**
 * Day, month and year as three lists: a calendar picker makes a birth year decades back a
 * long way to scroll, and shows month/day in the phone's order, which need not be
 * Vietnam's. The value is whole (YYYY-MM-DD) once all three are chosen; the form's check
 * refuses a day that does not exist (31/02).
 */
export function BirthDateField({ label, value, onChange, invalid, describedBy }: BirthDateProps) {
  const t = useT();
  const [parts, setParts] = useState(() => {
    const [y = '', m = '', d = ''] = value ? value.split('-') : [];
    return { d, m, y };
  });

  // A value set from outside (the form started afresh for another person) resets the lists;
  // an incomplete choice of our own comes back as '' and is kept.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new value from outside
  useEffect(() => {
    if (value === '' && parts.d && parts.m && parts.y) setParts({ d: '', m: '', y: '' });
    if (value) {
      const [y = '', m = '', d = ''] = value.split('-');
      setParts({ d, m, y });
    }
  }, [value]);

  const set = (key: 'd' | 'm' | 'y', v: string) => {
    const next = { ...parts, [key]: v };
    setParts(next);
    onChange(next.d && next.m && next.y ? `${next.y}-${next.m}-${next.d}` : '');
  };

  const thisYear = Number(vnDate(new Date()).slice(0, 4));
  const years = Array.from({ length: thisYear - 1900 + 1 }, (_, i) => thisYear - i);
  const className = `rp-input ${invalid ? 'rp-input--error' : ''}`;
  const common = {
    className,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
  };

  return (
    <fieldset className="appt-for">
      <legend className="rp-field__label">{label}</legend>
      <div className="appt-birth">
        <select
          {...common}
          id="appt-birth-day"
          aria-label={t('appt.form.day')}
          value={parts.d}
          onChange={(e) => set('d', e.target.value)}
        >
          <option value="">{t('appt.form.day')}</option>
          {Array.from({ length: 31 }, (_, i) => pad(i + 1)).map((d) => (
            <option key={d} value={d}>
              {Number(d)}
            </option>
          ))}
        </select>
        <select
          {...common}
          id="appt-birth-month"
          aria-label={t('appt.form.month')}
          value={parts.m}
          onChange={(e) => set('m', e.target.value)}
        >
          <option value="">{t('appt.form.month')}</option>
          {Array.from({ length: 12 }, (_, i) => pad(i + 1)).map((m) => (
            <option key={m} value={m}>
              {t('appt.form.monthN', { month: Number(m) })}
            </option>
          ))}
        </select>
        <select
          {...common}
          id="appt-birth-year"
          aria-label={t('appt.form.year')}
          value={parts.y}
          onChange={(e) => set('y', e.target.value)}
        >
          <option value="">{t('appt.form.year')}</option>
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
