import '../field-reports/reports.css';
import './jobs.css';
import { useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button, useNavigate, useParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { SignInGate } from '../../components/sign-in-gate';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { jobsClient } from '../../services/jobs/client';
import { formatDeadline, formatSalary, localToday } from '../../services/jobs/format';
import type { MyApplication, Vacancy } from '../../services/jobs/types';
import { sessionState } from '../../state/session';
import { ReportPage } from '../field-reports/components/report-page';
import { EmptyState, ErrorState, LoadingBlock, Notice } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { StatusBadge } from './components/status-badge';

registerIcons(REPORT_SVG);

/** Applying: needs a profile (sent as it is now) and a vacancy still taking applications. */
function Apply({ vacancy }: { vacancy: Vacancy }) {
  const t = useT();
  const navigate = useNavigate();
  const { session } = useRecoilValue(sessionState);
  // What this citizen already sent to this vacancy (its first page is enough: newest first).
  const mine = useApi(() => (session ? jobsClient.applications() : null), [session?.user.id]);
  const profile = useApi(() => (session ? jobsClient.profile() : null), [session?.user.id]);
  const [letter, setLetter] = useState('');
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState<string>();
  const [sent, setSent] = useState<MyApplication>();
  const prior = mine.data?.items.find((a) => a.vacancy.id === vacancy.id);
  const application = sent ?? (prior && prior.status !== 'withdrawn' ? prior : undefined);

  if (mine.status === 'loading' || profile.status === 'loading') return <LoadingBlock />;

  const apply = async () => {
    setSending(true);
    setFailed(undefined);
    const result = await jobsClient.apply(vacancy.id, letter.trim());
    setSending(false);
    if (result.ok) setSent(result.data);
    else setFailed(result.error.message);
  };
  const withdraw = async (id: string) => {
    setSending(true);
    const result = await jobsClient.withdraw(id);
    setSending(false);
    if (result.ok) {
      setSent(undefined);
      mine.reload();
    } else setFailed(result.error.message);
  };

  if (application) {
    return (
      <section className="rp-section card" data-testid="jobs-applied" role="status">
        <h2 className="rp-section__title">
          <AppIcon icon="zi-check-circle" size={22} />
          {t('jobs.apply.done')}
        </h2>
        <p>
          {t('jobs.apply.status')} <StatusBadge status={application.status} />
        </p>
        <p className="jobs-hint">{t('jobs.apply.doneHint')}</p>
        {failed ? <Notice tone="error">{failed}</Notice> : null}
        <Button
          variant="tertiary"
          fullWidth
          loading={sending}
          disabled={sending}
          onClick={() => void withdraw(application.id)}
        >
          {t('jobs.apply.withdraw')}
        </Button>
      </section>
    );
  }
  if (!vacancy.accepting) {
    return (
      <Notice tone="warning">
        {vacancy.status === 'closed' ? t('jobs.apply.closed') : t('jobs.apply.expired')}
      </Notice>
    );
  }
  if (!profile.data?.profile) {
    return (
      <section className="rp-section card">
        <Notice>{t('jobs.apply.needProfile')}</Notice>
        <Button
          fullWidth
          onClick={() => navigate('/jobs?tab=profile')}
          data-testid="jobs-make-profile"
        >
          {t('jobs.profile.create')}
        </Button>
      </section>
    );
  }
  return (
    <section className="rp-section card" aria-labelledby="jobs-apply">
      <h2 id="jobs-apply" className="rp-section__title">
        {t('jobs.apply.title')}
      </h2>
      <p className="jobs-hint">
        {t('jobs.apply.sendsProfile', {
          name: profile.data.profile.fullName,
          phone: profile.data.profile.phone,
        })}
      </p>
      <label className="rp-field">
        <span className="rp-field__label">{t('jobs.apply.letter')}</span>
        <textarea
          className="rp-input rp-textarea rp-textarea--short"
          value={letter}
          maxLength={3000}
          placeholder={t('jobs.apply.letterPlaceholder')}
          onChange={(e) => setLetter(e.target.value)}
          data-testid="jobs-apply-letter"
        />
      </label>
      {failed ? <Notice tone="error">{failed}</Notice> : null}
      <Button
        fullWidth
        loading={sending}
        disabled={sending}
        onClick={() => void apply()}
        data-testid="jobs-apply"
      >
        {t('jobs.apply.send')}
      </Button>
    </section>
  );
}

/** One vacancy: the job, its pay and deadline, the employer, and applying. */
export default function VacancyPage() {
  const t = useT();
  const [lang] = useLanguage();
  const { id = '' } = useParams();
  const vacancy = useApi(() => jobsClient.vacancy(id), [id]);
  const v = vacancy.data;
  const today = localToday();

  return (
    <ReportPage title={t('jobs.vacancy')} parent="/jobs">
      {vacancy.status === 'loading' && !v ? <LoadingBlock /> : null}
      {vacancy.status === 'error' && vacancy.error.status === 404 ? (
        <EmptyState icon="zi-inbox">{t('jobs.notFound')}</EmptyState>
      ) : vacancy.status === 'error' ? (
        <ErrorState message={vacancy.error.message} onRetry={vacancy.reload} />
      ) : null}
      {v ? (
        <>
          <section className="rp-section card" data-testid="jobs-vacancy">
            <h2 className="jobs-title">{v.title}</h2>
            <p className="jobs-employer-line">
              {v.employer.name} · {v.communeName}
            </p>
            <p className="jobs-salary jobs-salary--big">
              {formatSalary(v.salaryMinVnd, v.salaryMaxVnd, v.salaryPeriod, lang)}
            </p>
            <p
              className={`jobs-deadline${v.accepting ? '' : ' jobs-deadline--past'}`}
              data-testid="jobs-deadline"
            >
              {v.status === 'closed'
                ? t('jobs.status.closed')
                : formatDeadline(v.deadline, today, lang)}
            </p>
            <dl className="jobs-facts">
              <dt>{t('jobs.positions')}</dt>
              <dd>{v.positions}</dd>
              <dt>{t('jobs.workplace')}</dt>
              <dd>{[v.address, v.communeName].filter(Boolean).join(', ')}</dd>
            </dl>
            <h3 className="jobs-subtitle">{t('jobs.description')}</h3>
            <p className="jobs-text">{v.description}</p>
            {v.requirements ? (
              <>
                <h3 className="jobs-subtitle">{t('jobs.requirements')}</h3>
                <p className="jobs-text">{v.requirements}</p>
              </>
            ) : null}
          </section>
          <section className="rp-section card" aria-labelledby="jobs-employer-title">
            <h2 id="jobs-employer-title" className="rp-section__title">
              <AppIcon icon="zi-user-check" size={22} />
              {v.employer.name}
            </h2>
            {v.employer.description ? <p className="jobs-text">{v.employer.description}</p> : null}
            <dl className="jobs-facts">
              <dt>{t('jobs.employer.address')}</dt>
              <dd>
                {v.employer.address}, {v.employer.communeName}
              </dd>
              {v.employer.taxCode ? (
                <>
                  <dt>{t('jobs.employer.taxCode')}</dt>
                  <dd>{v.employer.taxCode}</dd>
                </>
              ) : null}
              {v.employer.email ? (
                <>
                  <dt>Email</dt>
                  <dd>{v.employer.email}</dd>
                </>
              ) : null}
            </dl>
            <a className="jobs-call" href={`tel:${v.employer.phone}`}>
              <AppIcon icon="zi-call" size={18} /> {v.employer.phone}
            </a>
          </section>
          {v.accepting ? (
            <SignInGate title={t('jobs.signIn.apply')} reason={t('jobs.signIn.applyReason')}>
              <Apply vacancy={v} />
            </SignInGate>
          ) : (
            <Notice tone="warning">
              {v.status === 'closed' ? t('jobs.apply.closed') : t('jobs.apply.expired')}
            </Notice>
          )}
        </>
      ) : null}
    </ReportPage>
  );
}
