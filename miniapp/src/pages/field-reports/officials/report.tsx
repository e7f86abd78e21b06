import '../reports.css';
import './officials.css';
import { useRecoilValue } from 'recoil';
import { Button, useNavigate, useParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../../components/app-icon';
import { useApi } from '../../../hooks/use-api';
import { useLanguage, useT } from '../../../i18n/use-t';
import type { WorkDetail, WorkEvent } from '../../../services/officials/work';
import { workClient } from '../../../services/officials/work';
import { mediaSrc } from '../../../services/reports/client';
import { formatDateTime } from '../../../services/reports/format';
import { formatVietnamesePhone } from '../../../services/reports/phone';
import { normalizeTrackingCode } from '../../../services/reports/receipts';
import type { MediaRef } from '../../../services/reports/types';
import { openPhone, openWebview } from '../../../services/zalo';
import { officialState } from '../../../state/official';
import { ReportPage } from '../components/report-page';
import { EmptyState, ErrorState, LoadingBlock, Notice } from '../components/states';
import { StatusBadge } from '../components/status-badge';
import { REPORT_SVG } from '../icons.gen';
import { ActionsCard } from './actions';

registerIcons(REPORT_SVG);

function Photos({ items, title, testId }: { items: MediaRef[]; title: string; testId: string }) {
  if (items.length === 0) return null;
  return (
    <section className="rp-section card" data-testid={testId}>
      <h2 className="rp-section__title">{title}</h2>
      <ul className="detail-media">
        {items.map((m) => (
          <li key={m.id}>
            {m.kind === 'photo' ? (
              <a href={mediaSrc(m.url)} target="_blank" rel="noreferrer">
                <img src={mediaSrc(m.url)} alt={title} loading="lazy" />
              </a>
            ) : (
              // biome-ignore lint/a11y/useMediaCaption: citizen videos have no captions
              <video src={mediaSrc(m.url)} controls preload="none" playsInline />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Timeline({ events }: { events: WorkEvent[] }) {
  const t = useT();
  const [language] = useLanguage();
  return (
    <section className="rp-section card">
      <h2 className="rp-section__title">
        <AppIcon icon="zi-clock-1" size={22} />
        {t('reports.detail.timeline')}
      </h2>
      <ol className="timeline" data-testid="work-timeline">
        {[...events].reverse().map((event, index) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: events have no id; order is stable
            key={`${event.at}-${index}`}
            className={index === 0 ? 'timeline__item is-latest' : 'timeline__item'}
          >
            <span className="timeline__dot" aria-hidden="true" />
            <div>
              <p className="timeline__label">
                {event.label[language]}
                {event.isPublic ? null : (
                  <span className="of-internal">{t('officials.internal')}</span>
                )}
              </p>
              {event.publicMessage ? (
                <p className="timeline__message">{event.publicMessage}</p>
              ) : null}
              {event.note ? <p className="timeline__message of-note">{event.note}</p> : null}
              <p className="timeline__meta">
                {formatDateTime(event.at)}
                {event.actor.name ? ` · ${event.actor.name}` : ''}
                {event.agency ? ` · ${event.agency.name}` : ''}
              </p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Detail({ detail, reload }: { detail: WorkDetail; reload: () => void }) {
  const t = useT();
  const { report, contact } = detail;
  const place = [report.address, report.commune?.fullName].filter(Boolean).join(', ');
  const before = detail.media.filter((m) => m.phase === 'report');
  const after = detail.media.filter((m) => m.phase === 'result');
  const mapUrl = `https://www.google.com/maps/search/?api=1&query=${report.location.lat},${report.location.lng}`;

  return (
    <>
      <section className="detail-head card" data-testid="work-detail">
        <div className="detail-head__top">
          <StatusBadge status={report.status} />
          <span className="detail-code" data-testid="detail-code">
            {report.code}
          </span>
        </div>
        <h2 className="detail-head__category">{report.category.name}</h2>
        <p className="detail-head__text">{report.description}</p>
        <dl className="detail-facts">
          <dt>{t('reports.detail.created')}</dt>
          <dd>{formatDateTime(report.createdAt)}</dd>
          <dt>{t('reports.detail.agency')}</dt>
          <dd>{report.agency?.name ?? t('reports.detail.noAgency')}</dd>
          {report.dueAt ? (
            <>
              <dt>{t('reports.detail.due')}</dt>
              <dd className={report.overdue ? 'is-overdue' : undefined} data-testid="work-due">
                {formatDateTime(report.dueAt)}
                {report.overdue ? ` · ${t('reports.detail.overdue')}` : ''}
              </dd>
            </>
          ) : null}
          {report.acceptedAt ? (
            <>
              <dt>{t('officials.detail.accepted')}</dt>
              <dd>{formatDateTime(report.acceptedAt)}</dd>
            </>
          ) : null}
          {report.resolvedAt ? (
            <>
              <dt>{t('reports.detail.resolved')}</dt>
              <dd>{formatDateTime(report.resolvedAt)}</dd>
            </>
          ) : null}
          <dt>{t('reports.detail.location')}</dt>
          <dd>
            {place ? `${place} · ` : ''}
            <button type="button" className="of-map-link" onClick={() => void openWebview(mapUrl)}>
              {report.location.lat.toFixed(5)}, {report.location.lng.toFixed(5)}
            </button>
          </dd>
        </dl>
      </section>

      <ActionsCard code={report.code} allowedActions={detail.allowedActions} onChanged={reload} />

      {contact && (contact.name || contact.phone) ? (
        <section className="rp-section card of-contact" data-testid="work-contact">
          <h2 className="rp-section__title">
            <AppIcon icon="zi-user" size={22} />
            {t('officials.contact.title')}
          </h2>
          {contact.name ? <p className="of-contact__name">{contact.name}</p> : null}
          {contact.phone ? (
            <Button
              size="medium"
              variant="secondary"
              onClick={() => void openPhone(contact.phone ?? '')}
            >
              {t('officials.contact.call', { phone: formatVietnamesePhone(contact.phone) })}
            </Button>
          ) : null}
          <p className="wizard-hint">{t('officials.contact.privacy')}</p>
        </section>
      ) : null}

      <Photos items={before} title={t('reports.detail.before')} testId="work-photos" />
      <Photos items={after} title={t('reports.detail.after')} testId="work-result-photos" />
      <Timeline events={detail.timeline} />
    </>
  );
}

/** A report as the agency works on it: everything on record, and the actions allowed now. */
export default function OfficialReportPage() {
  const t = useT();
  const navigate = useNavigate();
  const { code: raw = '' } = useParams();
  const code = normalizeTrackingCode(raw) ?? raw.toUpperCase();
  const { ready, link } = useRecoilValue(officialState);
  const linked = Boolean(link);
  const view = useApi(
    () => (ready && linked ? workClient.detail(code) : null),
    [code, ready, linked],
  );

  let body: React.ReactNode;
  if (!ready) body = <LoadingBlock />;
  else if (!linked) {
    body = (
      <EmptyState
        icon="zi-lock"
        action={
          <Button onClick={() => navigate('/field-reports/officials')}>
            {t('officials.link.title')}
          </Button>
        }
      >
        {t('officials.error.notLinked')}
      </EmptyState>
    );
  } else if (view.status === 'loading' && !view.data) body = <LoadingBlock />;
  else if (view.status === 'error' && view.error.status === 404) {
    body = <EmptyState icon="zi-search">{t('officials.detail.notFound', { code })}</EmptyState>;
  } else if (view.status === 'error' && !view.data) {
    body = <ErrorState message={view.error.message} onRetry={view.reload} />;
  } else if (view.data) {
    body = (
      <>
        {view.status === 'error' ? <Notice tone="error">{view.error.message}</Notice> : null}
        <Detail detail={view.data} reload={view.reload} />
      </>
    );
  }

  return (
    <ReportPage title={t('officials.detail.title')} parent="/field-reports/officials">
      {body}
    </ReportPage>
  );
}
