import { Spinner } from 'zmp-ui';
import { useT } from '../i18n/use-t';

/** While a page's code downloads on a slow network: a spinner and a word, centred. */
export function PageLoading() {
  const t = useT();
  return (
    <div className="page-loading" role="status" aria-live="polite">
      <Spinner visible />
      <span>{t('common.loading')}</span>
    </div>
  );
}
