import { useLanguage, useT } from '../../i18n/use-t';
import { changeTone, formatChange } from '../../services/indicators/format';
import type { Change } from '../../services/indicators/types';

/** ▲/▼ and the change, green when it is good news for this indicator, red when bad. */
export function ChangeBadge({
  change,
  higherIsBetter,
}: {
  change: Change | null;
  higherIsBetter: boolean;
}) {
  const t = useT();
  const [language] = useLanguage();
  const tone = changeTone(change, higherIsBetter);
  const up = (change?.absolute ?? 0) > 0;
  const down = (change?.absolute ?? 0) < 0;
  return (
    <span className={`ind-change ind-change--${tone}`} data-tone={tone}>
      <span aria-hidden="true">{up ? '▲' : down ? '▼' : '■'}</span>
      <span className="sr-only">
        {up ? t('indicator.changeUp') : down ? t('indicator.changeDown') : ''}
      </span>
      {formatChange(change, language)}
    </span>
  );
}
