import { Button } from 'zmp-ui';
import { AppIcon } from '../../components/app-icon';
import { useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import type { UploadProgress } from '../../services/utilities/types';
import { copyText, showToast } from '../../services/zalo';
import { Notice } from '../field-reports/components/states';

/** The server has no AI for this function: said plainly, and the caller disables its buttons. */
export function NotConfigured() {
  const t = useT();
  return (
    <p
      className="rp-notice rp-notice--warning util-off"
      role="status"
      data-testid="util-not-configured"
    >
      <AppIcon icon="zi-warning-circle" size={22} />
      <span>{t('util.notConfigured')}</span>
    </p>
  );
}

/** The API's refusal in its own (Vietnamese) words. */
export function ErrorNotice({ error }: { error: string | null }) {
  return error ? <Notice tone="error">{error}</Notice> : null;
}

export function UploadBar({ progress }: { progress: UploadProgress | null }) {
  const t = useT();
  if (!progress) return null;
  const percent = progress.total > 0 ? Math.round((progress.sent / progress.total) * 100) : 0;
  const sent = percent >= 100;
  return (
    <div className="util-progress" aria-live="polite">
      <div
        className="rp-progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <span className="rp-progress__track">
          <span className="rp-progress__fill" style={{ width: `${percent}%` }} />
        </span>
        <span className="rp-progress__value">{percent}%</span>
      </div>
      <p className="util-progress__label">
        {sent ? t('util.working') : t('util.uploading', { percent })}
      </p>
    </div>
  );
}

/** The recognised or translated text, selectable, with a copy button. */
export function ResultBox({ text, note }: { text: string; note?: string }) {
  const t = useT();
  const copy = async () => {
    const result = await copyText(text);
    void showToast(result.ok ? t('common.copied') : result.error.message);
  };
  return (
    <section className="util-result" aria-label={t('util.result')} data-testid="util-result">
      <div className="util-result__head">
        <h3>{t('util.result')}</h3>
        <Button size="small" variant="secondary" onClick={() => void copy()}>
          <span className="util-inline">
            <AppIcon icon="zi-copy" size={18} />
            {t('util.copy')}
          </span>
        </Button>
      </div>
      {note ? <p className="util-result__note">{note}</p> : null}
      <p className="util-result__text">{text}</p>
    </section>
  );
}

/** Whether an API answer means "not configured" (the server changed since the status was read). */
export const isNotConfigured = (error: ApiError) =>
  error.kind === 'http' && error.code === 'ai_not_configured';
