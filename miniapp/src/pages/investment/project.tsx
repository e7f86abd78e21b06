import '../field-reports/reports.css';
import './investment.css';
import { Button, useNavigate, useParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { RichText } from '../../components/rich-text';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { investmentClient } from '../../services/investment/client';
import { formatArea, formatCapital } from '../../services/investment/format';
import { ReportPage } from '../field-reports/components/report-page';
import { ErrorState, LoadingBlock } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { Documents } from './documents';
import { StageBadge } from './stage';

registerIcons(REPORT_SVG);

/** One project: where, how large, how much, its stage, the description and documents. */
export default function ProjectPage() {
  const t = useT();
  const [lang] = useLanguage();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const project = useApi(() => investmentClient.project(id, lang), [id, lang]);
  const p = project.data;

  return (
    <ReportPage title={p?.title ?? t('invest.details')} parent="/investment">
      {project.status === 'loading' && !p ? <LoadingBlock /> : null}
      {project.status === 'error' ? (
        <ErrorState
          message={project.error.status === 404 ? t('invest.notFound') : project.error.message}
          onRetry={project.error.status === 404 ? undefined : project.reload}
        />
      ) : null}
      {p ? (
        <>
          <section className="rp-section card" data-testid="invest-project">
            <h1 className="rp-section__title">{p.title}</h1>
            <StageBadge stage={p.stage} />
            {p.summary ? <p>{p.summary}</p> : null}
            <dl className="inv-figures">
              <div className="inv-figures__wide">
                <dt>{t('invest.location')}</dt>
                <dd>
                  {p.location}
                  {p.communeName && !p.location.includes(p.communeName)
                    ? ` (${p.communeName})`
                    : ''}
                </dd>
              </div>
              {p.capitalVnd !== null ? (
                <div>
                  <dt>{t('invest.capital')}</dt>
                  <dd data-testid="invest-capital">{formatCapital(p.capitalVnd, lang)}</dd>
                </div>
              ) : null}
              {p.areaHectares !== null ? (
                <div>
                  <dt>{t('invest.area')}</dt>
                  <dd>{formatArea(p.areaHectares, lang)}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t('invest.sector')}</dt>
                <dd>{p.sectorName}</dd>
              </div>
              <div>
                <dt>{t('invest.agency')}</dt>
                <dd>{p.agencyName}</dd>
              </div>
            </dl>
            {p.lat !== null && p.lng !== null ? (
              <a
                className="rp-link"
                href={`https://www.google.com/maps?q=${p.lat},${p.lng}`}
                target="_blank"
                rel="noopener noreferrer"
              >
                <AppIcon icon="zi-location-solid" size={18} /> {t('invest.openMap')}
              </a>
            ) : null}
          </section>
          <section className="rp-section card">
            <RichText html={p.bodyHtml} />
          </section>
          <Documents documents={p.documents} />
          <Button
            fullWidth
            size="large"
            onClick={() => navigate(`/investment/enquiry?project=${encodeURIComponent(p.id)}`)}
            data-testid="invest-enquire"
          >
            {t('invest.enquire')}
          </Button>
        </>
      ) : null}
    </ReportPage>
  );
}
