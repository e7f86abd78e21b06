import { Button } from 'zmp-ui';
import { useLanguage, useT } from '../../../i18n/use-t';
import { formatDateTime } from '../../../services/environment/format';
import type { CachedState } from '../use-cached';

/**
 * Says when figures on screen are a kept copy: while the request is under way ("đang cập
 * nhật"), and when it failed, with the API's message and a retry. Silent for a fresh answer.
 */
export function CachedNotice({
  state,
  compact = false,
}: {
  state: Pick<CachedState<unknown>, 'status' | 'fromCache' | 'savedAt' | 'error' | 'reload'>;
  compact?: boolean;
}) {
  const t = useT();
  const [language] = useLanguage();
  if (!state.fromCache || !state.savedAt) return null;
  const time = formatDateTime(state.savedAt, language);
  if (state.status === 'loading') {
    return compact ? null : (
      <p className="env-cached" role="status">
        {t('env.cached.updating', { time })}
      </p>
    );
  }
  if (state.status !== 'error') return null;
  return (
    <div className="env-cached env-cached--error" role="status" data-testid="cached-notice">
      <p>
        {state.error?.message} {t('env.cached.showing', { time })}
      </p>
      <Button size="small" variant="secondary" onClick={state.reload}>
        {t('common.retry')}
      </Button>
    </div>
  );
}
