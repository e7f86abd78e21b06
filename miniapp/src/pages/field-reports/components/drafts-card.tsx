import { useState } from 'react';
import { useRecoilValue, useSetRecoilState } from 'recoil';
import { Button, Modal, useNavigate } from 'zmp-ui';
import { AppIcon } from '../../../components/app-icon';
import { useOnline } from '../../../hooks/use-online';
import { useT } from '../../../i18n/use-t';
import { formatDateTime } from '../../../services/reports/format';
import type { Draft } from '../../../services/reports/outbox';
import { outbox } from '../../../services/reports/runtime';
import { showToast } from '../../../services/zalo';
import { outboxState, wizardFromDraft, wizardState } from '../../../state/reports';
import { Notice } from './states';

/**
 * Reports written on this device but not accepted by the server yet. Those that failed
 * for lack of network are sent again on their own; this card says so and offers a
 * manual "Gửi lại". Those the server refused are opened again in the form to be fixed.
 */
export function DraftsCard() {
  const t = useT();
  const drafts = useRecoilValue(outboxState);
  const setWizard = useSetRecoilState(wizardState);
  const navigate = useNavigate();
  const online = useOnline();
  const [busy, setBusy] = useState(false);
  const [toDelete, setToDelete] = useState<Draft>();

  if (drafts.length === 0) return null;

  const resend = async () => {
    setBusy(true);
    try {
      const report = await outbox.flush();
      for (const receipt of report.sent) {
        void showToast(t('reports.drafts.sentToast', { code: receipt.code }));
      }
    } finally {
      setBusy(false);
    }
  };

  const fix = (draft: Draft) => {
    setWizard(wizardFromDraft(draft, (blob) => URL.createObjectURL(blob)));
    navigate('/field-reports/new');
  };

  const waiting = drafts.some((d) => d.status !== 'rejected');

  return (
    <section className="rp-section card drafts" aria-labelledby="drafts-title">
      <h2 id="drafts-title" className="rp-section__title">
        <AppIcon icon="zi-wifi-off" size={22} />
        {t('reports.drafts.title', { count: drafts.length })}
      </h2>
      {waiting ? <Notice tone="warning">{t('reports.drafts.saved')}</Notice> : null}
      <ul className="drafts__list">
        {drafts.map((draft) => (
          <li key={draft.submissionId} className="drafts__item">
            <p className="drafts__text">{draft.description}</p>
            <p className="drafts__meta">
              {formatDateTime(draft.createdAt)} ·{' '}
              {t('reports.drafts.photos', { count: draft.media.length })}
            </p>
            {draft.status === 'sending' ? (
              <p className="drafts__status">{t('reports.drafts.sending')}</p>
            ) : null}
            {draft.status === 'rejected' && draft.lastError ? (
              <Notice tone="error">
                {t('reports.drafts.rejected', { message: draft.lastError.message })}
              </Notice>
            ) : null}
            <div className="drafts__actions">
              {draft.status === 'rejected' ? (
                <Button size="medium" onClick={() => fix(draft)}>
                  {t('reports.drafts.fix')}
                </Button>
              ) : null}
              <button type="button" className="drafts__delete" onClick={() => setToDelete(draft)}>
                <AppIcon icon="zi-delete" size={20} />
                {t('common.delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {waiting ? (
        <Button
          fullWidth
          loading={busy}
          disabled={busy || !online}
          onClick={() => void resend()}
          prefixIcon={<AppIcon icon="zi-retry" size={20} />}
        >
          {t('reports.drafts.resend')}
        </Button>
      ) : null}
      <Modal
        visible={toDelete !== undefined}
        onClose={() => setToDelete(undefined)}
        width="calc(100vw - 32px)"
        title={t('common.delete')}
        description={t('reports.drafts.deleteConfirm')}
        actions={[
          { text: t('common.cancel'), close: true },
          {
            text: t('common.delete'),
            danger: true,
            close: true,
            onClick: () => {
              if (toDelete) void outbox.remove(toDelete.submissionId);
            },
          },
        ]}
      />
    </section>
  );
}
