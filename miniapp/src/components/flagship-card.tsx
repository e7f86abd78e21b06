import type { Feature } from '../features';
import { useLanguage, useT } from '../i18n/use-t';
import { AppIcon } from './app-icon';
import { ComingSoonBadge } from './coming-soon-badge';

type FlagshipCardProps = { feature: Feature; onOpen: (feature: Feature) => void };

/** Field reports are what people come for (shared/seeds): a full-width card above the grid. */
export function FlagshipCard({ feature, onOpen }: FlagshipCardProps) {
  const [language] = useLanguage();
  const t = useT();
  return (
    <button
      type="button"
      className="flagship"
      data-feature={feature.id}
      onClick={() => onOpen(feature)}
    >
      <span className="flagship__icon">
        <AppIcon icon={feature.icon} size={30} />
      </span>
      <span className="flagship__text">
        <span className="flagship__title">{feature.label[language]}</span>
        <span className="flagship__hint">{t('home.flagshipHint')}</span>
        {feature.status === 'coming_soon' ? <ComingSoonBadge /> : null}
      </span>
      <AppIcon icon="zi-chevron-right" size={22} className="flagship__chevron" />
    </button>
  );
}
