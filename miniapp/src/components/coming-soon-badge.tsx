import { useT } from '../i18n/use-t';

export function ComingSoonBadge() {
  const t = useT();
  return <span className="badge badge--soon">{t('feature.comingSoon')}</span>;
}
