import '../field-reports/reports.css';
import './public-services.css';
import { useState } from 'react';
import { Button, useNavigate, useParams } from 'zmp-ui';
import { registerIcons } from '../../components/app-icon';
import { RichText } from '../../components/rich-text';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatVnd, newPaymentPath } from '../../services/payments/format';
import { proceduresClient } from '../../services/procedures/client';
import { openWebview, showToast } from '../../services/zalo';
import { ReportPage } from '../field-reports/components/report-page';
import { ErrorState, LoadingBlock } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { LevelBadge } from './level-badge';

registerIcons(REPORT_SVG);

/** Opens the portal in Zalo's web view (a browser tab outside Zalo). */
async function open(url: string) {
  const result = await openWebview(url);
  if (!result.ok) void showToast(result.error.message);
}

/**
 * One procedure: what it costs and how long it takes, the documents as a checklist the citizen
 * ticks while gathering them, the steps, and the way to the public-service portal where the
 * dossier is filed and then tracked.
 */
export default function ProcedurePage() {
  const t = useT();
  const [lang] = useLanguage();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const procedure = useApi(() => proceduresClient.procedure(id, lang), [id, lang]);
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  const p = procedure.data;

  const toggle = (i: number) =>
    setTicked((s) => {
      const next = new Set(s);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });

  return (
    <ReportPage title={t('procedure.title')} parent="/public-services">
      {!p && procedure.status === 'loading' ? <LoadingBlock /> : null}
      {procedure.status === 'error' && !p ? (
        <ErrorState message={procedure.error.message} onRetry={procedure.reload} />
      ) : null}
      {p ? (
        <article className="ps-detail">
          <section className="card ps-detail__head">
            <LevelBadge level={p.level} />
            <h2 className="ps-detail__name" data-testid="procedure-name">
              {p.name}
            </h2>
            <dl className="ps-facts">
              <dt>{t('procedure.agency')}</dt>
              <dd>{p.agencyName}</dd>
              <dt>{t('procedure.fee')}</dt>
              <dd>{p.feeText}</dd>
              <dt>{t('procedure.time')}</dt>
              <dd>{p.processingTime}</dd>
              {p.code ? (
                <>
                  <dt>{t('procedure.code')}</dt>
                  <dd>{p.code}</dd>
                </>
              ) : null}
            </dl>
          </section>

          <section className="card rp-section" aria-labelledby="ps-docs">
            <h3 id="ps-docs" className="rp-section__title">
              {t('procedure.documents')}
            </h3>
            {p.documents.length === 0 ? (
              <p className="rp-card__meta">{t('procedure.noDocuments')}</p>
            ) : (
              <>
                <p className="rp-card__meta">
                  {t('procedure.documentsHint')} ·{' '}
                  {t('procedure.documentsReady', { done: ticked.size, total: p.documents.length })}
                </p>
                <ul className="ps-docs">
                  {p.documents.map((d, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed for the page
                    <li key={i}>
                      <label className="ps-doc">
                        <input type="checkbox" checked={ticked.has(i)} onChange={() => toggle(i)} />
                        <span>{d}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>

          {p.bodyHtml ? (
            <section className="card rp-section" aria-labelledby="ps-steps">
              <h3 id="ps-steps" className="rp-section__title">
                {t('procedure.steps')}
              </h3>
              <RichText html={p.bodyHtml} />
            </section>
          ) : null}

          <section className="ps-actions">
            <Button fullWidth data-testid="procedure-submit" onClick={() => void open(p.portalUrl)}>
              {t('procedure.submit')}
            </Button>
            {/* A fee the API knows in đồng can be paid here; a fee only described in words
                ("theo quy định") is paid at the desk, as the fee line above says. */}
            {p.feeVnd !== null && p.feeVnd > 0 ? (
              <Button
                fullWidth
                variant="secondary"
                data-testid="procedure-pay-fee"
                onClick={() => navigate(newPaymentPath({ module: 'procedures', ref: p.id }))}
              >
                {t('procedure.payFee', { amount: formatVnd(p.feeVnd, lang) })}
              </Button>
            ) : null}
            {p.dossierLookupUrl ? (
              <Button
                fullWidth
                variant="secondary"
                data-testid="procedure-lookup"
                onClick={() => void open(p.dossierLookupUrl ?? '')}
              >
                {t('procedure.lookup')}
              </Button>
            ) : null}
            <p className="rp-card__meta">{t('procedure.portalNote')}</p>
          </section>
        </article>
      ) : null}
    </ReportPage>
  );
}
