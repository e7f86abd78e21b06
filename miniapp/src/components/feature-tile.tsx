import type { Feature } from '../features';
import { useLanguage, useT } from '../i18n/use-t';
import { AppIcon } from './app-icon';
import { ComingSoonBadge } from './coming-soon-badge';

type FeatureTileProps = { feature: Feature; onOpen: (feature: Feature) => void };

export function FeatureTile({ feature, onOpen }: FeatureTileProps) {
  const [language] = useLanguage();
  const t = useT();
  return (
    <li className="tile-cell">
      <button
        type="button"
        className={`tile tile--${feature.group}`}
        data-feature={feature.id}
        onClick={() => onOpen(feature)}
      >
        <span className="tile__icon">
          <AppIcon icon={feature.icon} size={26} />
        </span>
        <span className="tile__label">{feature.label[language]}</span>
        <span className="tile__badges">
          {feature.status === 'coming_soon' ? <ComingSoonBadge /> : null}
          {feature.audience === 'officials' ? (
            <span className="badge badge--officials">{t('feature.officialsOnly')}</span>
          ) : null}
        </span>
      </button>
    </li>
  );
}
