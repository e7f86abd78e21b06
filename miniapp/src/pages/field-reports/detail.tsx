import './reports.css';
import { useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button, useNavigate, useParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { mediaSrc, reportsClient } from '../../services/reports/client';
import { formatDateTime } from '../../services/reports/format';
import { normalizeTrackingCode } from '../../services/reports/receipts';
import {
  type MediaRef,
  OPEN_STATUSES,
  type PublicReport,
  RATINGS,
  type Rating,
  type ReporterRights,
  type TimelineEvent,
} from '../../services/reports/types';
import { copyText, getDeviceId, showToast } from '../../services/zalo';
import { receiptsState } from '../../state/reports';
import { sessionState } from '../../state/session';
import { ReportPage } from './components/report-page';
import { EmptyState, ErrorState, LoadingBlock, Notice } from './components/states';
import { StatusBadge } from './components/status-badge';
import { useReportConfig } from './data';
import { REPORT_SVG } from './icons.gen';

registerIcons(REPORT_SVG);

const RATING_KEYS = {
  satisfied: 'reports.rate.satisfied',
  acceptable: 'reports.rate.acceptable',
  unsatisfied: 'reports.rate.unsatisfied',
} as const;

function MediaGrid({ items, title }: { items: MediaRef[]; title: string }) {
  if (items.length === 0) return null;
  return (
    <section className="rp-section card">
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

/** The `resolved` event whose answer heads a resolved report's page, if any. */
function answerEvent(report: PublicReport): TimelineEvent | undefined {
  if (report.status !== 'resolved') return undefined;
  return [...report.timeline].reverse().find((e) => e.type === 'resolved');
}

/**
 * The agency's answer and its result photos, at the top once a report is resolved: what
 * the citizen came back to see. The answer is the public message of the `resolved` event.
 */
function Resolution({ report }: { report: PublicReport }) {
  const t = useT();
  const resolved = answerEvent(report);
  const photos = report.media.filter((m) => m.phase === 'result');
  if (report.status !== 'resolved' || (!resolved?.message && photos.length === 0)) return null;
  return (
    <section className="rp-section card resolution" data-testid="resolution">
      <h2 className="rp-section__title">
        <AppIcon icon="zi-check-circle-solid" size={22} />
        {t('reports.detail.answer')}
      </h2>
      {resolved?.message ? (
        <blockquote className="resolution__answer">
          <p>{resolved.message}</p>
          <footer className="timeline__meta">
            {resolved.agency
              ? `${t('reports.detail.answerBy', { agency: resolved.agency.name })} · `
              : ''}
            {formatDateTime(resolved.at)}
          </footer>
        </blockquote>
      ) : null}
      {photos.length > 0 ? (
        <ul className="detail-media" aria-label={t('reports.detail.after')}>
          {photos.map((m) => (
            <li key={m.id}>
              {m.kind === 'photo' ? (
                <a href={mediaSrc(m.url)} target="_blank" rel="noreferrer">
                  <img src={mediaSrc(m.url)} alt={t('reports.detail.after')} loading="lazy" />
                </a>
              ) : (
                // biome-ignore lint/a11y/useMediaCaption: result videos have no captions
                <video src={mediaSrc(m.url)} controls preload="none" playsInline />
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function RatingForm({
  code,
  followToken,
  onDone,
}: {
  code: string;
  followToken: string | undefined;
  onDone: () => void;
}) {
  const t = useT();
  const [rating, setRating] = useState<Rating>();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const submit = async () => {
    if (!rating) {
      setProblem(t('reports.rate.choose'));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    const result = await reportsClient.rate(code, followToken, {
      rating,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    void showToast(t('reports.rate.thanks'));
    onDone();
  };

  return (
    <section className="rp-section card rate" aria-labelledby="rate-title">
      <h2 id="rate-title" className="rp-section__title">
        {t('reports.rate.title')}
      </h2>
      <fieldset className="rate__options">
        <legend className="sr-only">{t('reports.rate.title')}</legend>
        {RATINGS.map((value) => (
          <label
            key={value}
            className={`rate__option rate__option--${value}${rating === value ? ' is-selected' : ''}`}
          >
            <input
              type="radio"
              name="rating"
              value={value}
              checked={rating === value}
              onChange={() => setRating(value)}
            />
            {t(RATING_KEYS[value])}
          </label>
        ))}
      </fieldset>
      <label className="rp-field">
        <span className="rp-field__label">
          {t('reports.rate.comment')} ({t('common.optional')})
        </span>
        <textarea
          className="rp-input rp-textarea rp-textarea--short"
          value={comment}
          maxLength={1000}
          rows={3}
          placeholder={t('reports.rate.commentPlaceholder')}
          onChange={(e) => setComment(e.target.value)}
        />
      </label>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <Button fullWidth loading={busy} disabled={busy} onClick={() => void submit()}>
        {t('reports.rate.submit')}
      </Button>
    </section>
  );
}

function ReopenForm({
  report,
  followToken,
  onDone,
}: {
  report: PublicReport;
  followToken: string | undefined;
  onDone: () => void;
}) {
  const t = useT();
  const { reopenDays } = useReportConfig();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const until = report.resolvedAt
    ? formatDateTime(new Date(report.resolvedAt).getTime() + reopenDays * 86_400_000)
    : '';

  const submit = async () => {
    setBusy(true);
    setProblem(undefined);
    const result = await reportsClient.reopen(report.code, followToken, reason.trim() || undefined);
    setBusy(false);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    void showToast(t('reports.reopen.done'));
    onDone();
  };

  return (
    <section className="rp-section card" aria-labelledby="reopen-title">
      <h2 id="reopen-title" className="rp-section__title">
        {t('reports.reopen.title')}
      </h2>
      <p className="wizard-hint">{t('reports.reopen.hint', { until })}</p>
      <label className="rp-field">
        <span className="rp-field__label">{t('reports.reopen.reason')}</span>
        <textarea
          className="rp-input rp-textarea rp-textarea--short"
          value={reason}
          maxLength={1000}
          rows={3}
          placeholder={t('reports.reopen.reasonPlaceholder')}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <Button
        fullWidth
        variant="secondary"
        loading={busy}
        disabled={busy}
        onClick={() => void submit()}
      >
        {t('reports.reopen.submit')}
      </Button>
    </section>
  );
}

function SupportButton({ code, count }: { code: string; count: number }) {
  const t = useT();
  const [state, setState] = useState<{
    busy: boolean;
    count: number;
    done: boolean;
    error?: string;
  }>({
    busy: false,
    count,
    done: false,
  });
  const support = async () => {
    setState((s) => ({ ...s, busy: true, error: undefined }));
    const result = await reportsClient.support(code, await getDeviceId());
    setState((s) =>
      result.ok
        ? { busy: false, done: true, count: result.data.supporterCount }
        : { ...s, busy: false, error: result.error.message },
    );
  };
  return (
    <div className="detail-support">
      <p>
        <AppIcon icon="zi-members" size={20} />{' '}
        {t('reports.detail.supporters', { count: state.count })}
      </p>
      <Button
        size="medium"
        variant={state.done ? 'tertiary' : 'secondary'}
        disabled={state.done || state.busy}
        loading={state.busy}
        onClick={() => void support()}
      >
        {state.done ? t('reports.nearby.supported') : t('reports.nearby.support')}
      </Button>
      {state.error ? <Notice tone="error">{state.error}</Notice> : null}
    </div>
  );
}

function ReportDetail({
  report,
  viewer,
  followToken,
  reload,
}: {
  report: PublicReport;
  viewer: ReporterRights;
  followToken?: string;
  reload: () => void;
}) {
  const t = useT();
  const [language] = useLanguage();
  const navigate = useNavigate();
  const open = OPEN_STATUSES.includes(report.status);
  const overdue = open && report.dueAt !== null && new Date(report.dueAt).getTime() < Date.now();
  const place = [report.address, report.commune?.fullName].filter(Boolean).join(', ');
  const before = report.media.filter((m) => m.phase === 'report');
  const after = report.media.filter((m) => m.phase === 'result');
  const answer = answerEvent(report);

  const copy = async () => {
    const copied = await copyText(report.code);
    void showToast(copied.ok ? `${t('common.copied')}: ${report.code}` : copied.error.message);
  };

  return (
    <>
      <section className="detail-head card">
        <div className="detail-head__top">
          <StatusBadge status={report.status} />
          <button type="button" className="detail-code" onClick={() => void copy()}>
            <span data-testid="detail-code">{report.code}</span>
            <AppIcon icon="zi-copy" size={18} />
          </button>
        </div>
        <h2 className="detail-head__category">
          {language === 'vi' ? report.category.name : report.category.nameEn}
        </h2>
        <p className="detail-head__text">{report.description}</p>
        {viewer.isReporter ? <p className="detail-mine">{t('reports.detail.mine')}</p> : null}
        <dl className="detail-facts">
          <dt>{t('reports.detail.created')}</dt>
          <dd>{formatDateTime(report.createdAt)}</dd>
          <dt>{t('reports.detail.agency')}</dt>
          <dd>{report.agency?.name ?? t('reports.detail.noAgency')}</dd>
          {report.dueAt ? (
            <>
              <dt>{t('reports.detail.due')}</dt>
              <dd className={overdue ? 'is-overdue' : undefined}>
                {formatDateTime(report.dueAt)}
                {overdue ? ` · ${t('reports.detail.overdue')}` : ''}
              </dd>
            </>
          ) : null}
          {report.resolvedAt ? (
            <>
              <dt>{t('reports.detail.resolved')}</dt>
              <dd>{formatDateTime(report.resolvedAt)}</dd>
            </>
          ) : null}
          {place ? (
            <>
              <dt>{t('reports.detail.location')}</dt>
              <dd>{place}</dd>
            </>
          ) : null}
        </dl>
        {report.duplicateOf ? (
          <button
            type="button"
            className="detail-link"
            onClick={() => navigate(`/field-reports/r/${report.duplicateOf}`)}
          >
            {t('reports.detail.duplicateOf', { code: report.duplicateOf })}
            <AppIcon icon="zi-chevron-right" size={18} />
          </button>
        ) : null}
        {open && !viewer.isReporter ? (
          <SupportButton code={report.code} count={report.supporterCount} />
        ) : report.supporterCount > 0 ? (
          <p className="detail-supporters">
            <AppIcon icon="zi-members" size={20} />{' '}
            {t('reports.detail.supporters', { count: report.supporterCount })}
          </p>
        ) : null}
      </section>

      <Resolution report={report} />

      {/* The server decides: the follow token on this device, or the reporter's Zalo sign-in. */}
      {viewer.canRate ? (
        <RatingForm code={report.code} followToken={followToken} onDone={reload} />
      ) : null}
      {viewer.canReopen ? (
        <ReopenForm report={report} followToken={followToken} onDone={reload} />
      ) : null}

      <MediaGrid items={before} title={t('reports.detail.before')} />
      {/* Shown in the resolution card while resolved; after a reopening, here. */}
      {report.status === 'resolved' ? null : (
        <MediaGrid items={after} title={t('reports.detail.after')} />
      )}

      <section className="rp-section card">
        <h2 className="rp-section__title">
          <AppIcon icon="zi-clock-1" size={22} />
          {t('reports.detail.timeline')}
        </h2>
        <ol className="timeline">
          {[...report.timeline].reverse().map((event, index) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: events have no id; order is stable
              key={`${event.at}-${index}`}
              className={index === 0 ? 'timeline__item is-latest' : 'timeline__item'}
            >
              <span className="timeline__dot" aria-hidden="true" />
              <div>
                <p className="timeline__label">{event.label[language]}</p>
                {/* The answer heading the page is not repeated here. */}
                {event.message && event !== answer ? (
                  <p className="timeline__message">{event.message}</p>
                ) : null}
                <p className="timeline__meta">
                  {formatDateTime(event.at)}
                  {event.agency ? ` · ${event.agency.name}` : ''}
                </p>
              </div>
            </li>
          ))}
        </ol>
      </section>

      {report.ratings.length > 0 ? (
        <section className="rp-section card">
          <h2 className="rp-section__title">{t('reports.detail.ratings')}</h2>
          <ul className="ratings">
            {report.ratings.map((r) => (
              <li key={r.at}>
                <span className={`rating-chip rating-chip--${r.rating}`}>
                  {t(RATING_KEYS[r.rating])}
                </span>
                {r.comment ? <p>{r.comment}</p> : null}
                <p className="timeline__meta">{formatDateTime(r.at)}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** A report by its tracking code, with the reporter's actions when this device sent it. */
export default function ReportDetailPage() {
  const t = useT();
  const { code: raw = '' } = useParams();
  const code = normalizeTrackingCode(raw) ?? raw.toUpperCase();
  const receipts = useRecoilValue(receiptsState);
  const followToken = receipts.find((r) => r.code === code)?.followToken || undefined;
  // Signing in or out changes what the server lets this viewer do (rate, reopen).
  const signedInAs = useRecoilValue(sessionState).session?.token;
  const view = useApi(
    () => reportsClient.report(code, followToken),
    [code, followToken, signedInAs],
  );

  let body: React.ReactNode;
  if (view.status === 'loading' && !view.data) body = <LoadingBlock />;
  else if (view.status === 'error' && view.error.status === 404) {
    body = <EmptyState icon="zi-search">{t('reports.detail.notFound', { code })}</EmptyState>;
  } else if (view.status === 'error' && !view.data) {
    body = <ErrorState message={view.error.message} onRetry={view.reload} />;
  } else if (view.data) {
    const { viewer, ...report } = view.data;
    body = (
      <ReportDetail
        report={report}
        viewer={viewer}
        followToken={followToken}
        reload={view.reload}
      />
    );
  }

  return (
    <ReportPage title={t('reports.detail.title')} parent="/field-reports">
      {body}
    </ReportPage>
  );
}
