import './components/alert-styles.css';
import { useParams } from 'zmp-ui';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { emergencyClient, SEVERITY_COLOUR, vnTime } from '../../services/emergency/client';
import type { AlertDetail } from '../../services/emergency/types';
import { ReportPage } from '../field-reports/components/report-page';
import { ErrorState, LoadingBlock, Notice } from '../field-reports/components/states';
import { HAZARD_ICON } from './components/alert-card';

function AlertView({ alert }: { alert: AlertDetail }) {
  const t = useT();
  const ended = alert.state === 'expired' || alert.state === 'cancelled';
  return (
    <>
      {alert.state === 'cancelled' ? <Notice tone="warning">{t('alert.cancelled')}</Notice> : null}
      {alert.state === 'expired' ? <Notice tone="warning">{t('alert.expired')}</Notice> : null}
      {alert.state === 'upcoming' ? (
        <Notice tone="warning">{t('alert.upcoming', { time: vnTime(alert.onsetAt) })}</Notice>
      ) : null}
      <section
        className="alert-hero"
        style={{ background: ended ? '#6b7280' : SEVERITY_COLOUR[alert.severity] }}
      >
        <span className="alert-hero__badge">
          <span aria-hidden="true">{HAZARD_ICON[alert.hazard]}</span>{' '}
          {t(`alert.severity.${alert.severity}`)} · {t(`alert.hazard.${alert.hazard}`)}
        </span>
        <h2 className="alert-hero__headline">{alert.headline}</h2>
        <span>
          {t('alert.window', { from: vnTime(alert.onsetAt), to: vnTime(alert.expiresAt) })}
        </span>
        {alert.revision > 1 ? <span>{t('alert.updated', { n: alert.revision - 1 })}</span> : null}
      </section>
      {ended ? null : (
        <section className="alert-section">
          <h2>{t('alert.instruction')}</h2>
          <p className="alert-instruction">{alert.instruction}</p>
        </section>
      )}
      <section className="alert-section">
        <h2>{t('alert.area')}</h2>
        <p>
          {alert.provinceWide ? t('alert.provinceWide') : alert.areas.map((a) => a.name).join(', ')}
        </p>
      </section>
      <section className="alert-section">
        <h2>{t('alert.description')}</h2>
        <p>{alert.description}</p>
      </section>
      {ended ? (
        <section className="alert-section">
          <h2>{t('alert.instruction')}</h2>
          <p>{alert.instruction}</p>
        </section>
      ) : null}
      <p className="alert-card__meta alert-section">
        {t('alert.agency', { name: alert.agency.name })}
      </p>
    </>
  );
}

/** One alert: what, where, until when, and above all what to do. */
export default function AlertPage() {
  const t = useT();
  const [language] = useLanguage();
  const { id = '' } = useParams();
  const alert = useApi(() => emergencyClient.alert(id, language), [id, language]);
  const data = alert.data?.id === id ? alert.data : undefined;
  return (
    <ReportPage title={t('alert.title')} parent="/government-news/alerts">
      {!data && alert.status === 'loading' ? <LoadingBlock /> : null}
      {!data && alert.status === 'error' ? (
        <ErrorState
          message={alert.error.message}
          onRetry={alert.error.status === 404 ? undefined : alert.reload}
        />
      ) : null}
      {data ? <AlertView alert={data} /> : null}
    </ReportPage>
  );
}
