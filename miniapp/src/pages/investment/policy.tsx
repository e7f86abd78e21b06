import '../field-reports/reports.css';
import './investment.css';
import { Button, useNavigate, useParams } from 'zmp-ui';
import { RichText } from '../../components/rich-text';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { investmentClient } from '../../services/investment/client';
import { ReportPage } from '../field-reports/components/report-page';
import { ErrorState, LoadingBlock } from '../field-reports/components/states';
import { Documents } from './documents';

/** One investment policy: its text, its documents, and a way to ask its agency. */
export default function PolicyPage() {
  const t = useT();
  const [lang] = useLanguage();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const policy = useApi(() => investmentClient.policy(id, lang), [id, lang]);
  const p = policy.data;
  return (
    <ReportPage title={p?.title ?? t('invest.policies')} parent="/investment?tab=policies">
      {policy.status === 'loading' && !p ? <LoadingBlock /> : null}
      {policy.status === 'error' ? (
        <ErrorState
          message={policy.error.status === 404 ? t('invest.notFound') : policy.error.message}
          onRetry={policy.error.status === 404 ? undefined : policy.reload}
        />
      ) : null}
      {p ? (
        <>
          <section className="rp-section card" data-testid="invest-policy">
            <h1 className="rp-section__title">{p.title}</h1>
            {p.summary ? <p>{p.summary}</p> : null}
            <p className="rp-card__meta">{p.agencyName}</p>
            <RichText html={p.bodyHtml} />
          </section>
          <Documents documents={p.documents} />
          <Button
            fullWidth
            size="large"
            onClick={() => navigate(`/investment/enquiry?agency=${encodeURIComponent(p.agencyId)}`)}
          >
            {t('invest.enquireGeneral')}
          </Button>
        </>
      ) : null}
    </ReportPage>
  );
}
