import { EMERGENCY_LINES } from '../config';
import { useT } from '../i18n/use-t';
import { openPhone, showToast } from '../services/zalo';
import { AppIcon } from './app-icon';

/** Works with no network and before any feature ships: the call goes through the phone. */
export function EmergencyCalls() {
  const t = useT();
  const call = async (number: string) => {
    const result = await openPhone(number);
    if (!result.ok) void showToast(result.error.message);
  };
  return (
    <section className="card emergency" aria-labelledby="emergency-title">
      <div className="emergency__head">
        <h2 id="emergency-title" className="section-title">
          {t('home.emergencyTitle')}
        </h2>
        <span className="emergency__hint">{t('home.emergencyHint')}</span>
      </div>
      <div className="emergency__lines">
        {EMERGENCY_LINES.map((line) => (
          <button
            key={line.number}
            type="button"
            className="emergency__line"
            aria-label={t('emergency.callA11y', { number: line.number, label: t(line.labelKey) })}
            onClick={() => void call(line.number)}
          >
            <AppIcon icon="zi-call-solid" size={18} />
            <span className="emergency__number">{line.number}</span>
            <span className="emergency__label">{t(line.labelKey)}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
