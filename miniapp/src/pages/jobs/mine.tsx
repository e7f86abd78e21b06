import '../field-reports/reports.css';
import './jobs.css';
import { useState } from 'react';
import { Button, useNavigate, useParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { SignInGate } from '../../components/sign-in-gate';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { jobsClient } from '../../services/jobs/client';
import { formatDeadline, formatSalary, localToday } from '../../services/jobs/format';
import type { Applicant, MyVacancyDetail } from '../../services/jobs/types';
import { ReportPage } from '../field-reports/components/report-page';
import { EmptyState, ErrorState, LoadingBlock, Notice } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { StatusBadge } from './components/status-badge';

registerIcons(REPORT_SVG);

const MARKS = ['shortlisted', 'rejected'] as const;

/** One applicant as they sent themselves, with the employer's marks. */
function ApplicantCard({
  applicant,
  onChange,
}: {
  applicant: Applicant;
  onChange: (a: Applicant) => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string>();
  const p = applicant.profile;
  const mark = async (status: 'viewed' | 'shortlisted' | 'rejected') => {
    setBusy(true);
    setFailed(undefined);
    const result = await jobsClient.mark(applicant.id, status);
    setBusy(false);
    if (result.ok) onChange(result.data);
    else setFailed(result.error.message);
  };
  return (
    <li className="jobs-person" data-applicant={applicant.id}>
      <span className="jobs-person__top">
        <strong>{p.fullName}</strong>
        <StatusBadge status={applicant.status} />
      </span>
      <span>
        {[p.desiredPosition, p.communeName, p.birthYear ? String(p.birthYear) : null]
          .filter(Boolean)
          .join(' · ')}
      </span>
      {p.skills ? (
        <span className="jobs-hint">
          {t('jobs.profile.skills')}: {p.skills}
        </span>
      ) : null}
      {p.experience ? (
        <span className="jobs-hint">
          {t('jobs.profile.experience')}: {p.experience}
        </span>
      ) : null}
      {applicant.coverLetter ? <q className="jobs-letter">{applicant.coverLetter}</q> : null}
      <a
        className="jobs-call"
        href={`tel:${p.phone}`}
        onClick={() => {
          if (applicant.status === 'submitted') void mark('viewed');
        }}
      >
        <AppIcon icon="zi-call" size={18} /> {p.phone}
      </a>
      {failed ? <Notice tone="error">{failed}</Notice> : null}
      <span className="jobs-actions">
        {applicant.status === 'submitted' ? (
          <Button
            size="small"
            variant="secondary"
            disabled={busy}
            onClick={() => void mark('viewed')}
          >
            {t('jobs.mark.viewed')}
          </Button>
        ) : null}
        {MARKS.filter((m) => m !== applicant.status).map((m) => (
          <Button
            key={m}
            size="small"
            variant={m === 'shortlisted' ? 'primary' : 'tertiary'}
            disabled={busy}
            onClick={() => void mark(m)}
            data-testid={`jobs-mark-${m}`}
          >
            {t(`jobs.mark.${m}`)}
          </Button>
        ))}
      </span>
    </li>
  );
}

function Detail({ id }: { id: string }) {
  const t = useT();
  const [lang] = useLanguage();
  const navigate = useNavigate();
  const loaded = useApi(() => jobsClient.myVacancy(id), [id]);
  const [vacancy, setVacancy] = useState<MyVacancyDetail>();
  const [closing, setClosing] = useState(false);
  const [failed, setFailed] = useState<string>();
  const v = vacancy ?? loaded.data;

  if (loaded.status === 'error' && !v) {
    return loaded.error.status === 404 ? (
      <EmptyState>{t('jobs.notFound')}</EmptyState>
    ) : (
      <ErrorState message={loaded.error.message} onRetry={loaded.reload} />
    );
  }
  if (!v) return <LoadingBlock />;

  const close = async () => {
    setClosing(true);
    setFailed(undefined);
    const result = await jobsClient.close(v.id);
    setClosing(false);
    if (result.ok) setVacancy(result.data);
    else setFailed(result.error.message);
  };
  const replace = (a: Applicant) =>
    setVacancy({ ...v, applicants: v.applicants.map((x) => (x.id === a.id ? a : x)) });

  return (
    <>
      <section className="rp-section card" data-testid="jobs-mine">
        <h2 className="jobs-title">{v.title}</h2>
        <p className="jobs-salary">
          {formatSalary(v.salaryMinVnd, v.salaryMaxVnd, v.salaryPeriod, lang)}
        </p>
        <p className={`jobs-deadline${v.accepting ? '' : ' jobs-deadline--past'}`}>
          {v.status === 'open'
            ? formatDeadline(v.deadline, localToday(), lang)
            : t(`jobs.status.${v.status}`)}
        </p>
        {v.status === 'removed' ? <Notice tone="warning">{t('jobs.removedNotice')}</Notice> : null}
        {failed ? <Notice tone="error">{failed}</Notice> : null}
        {v.status === 'removed' ? null : (
          <span className="jobs-actions">
            <Button
              size="medium"
              variant="secondary"
              onClick={() => navigate(`/jobs/post?id=${v.id}`)}
            >
              {t('common.edit')}
            </Button>
            {v.status === 'open' ? (
              <Button
                size="medium"
                variant="tertiary"
                loading={closing}
                disabled={closing}
                onClick={() => void close()}
              >
                {t('jobs.close')}
              </Button>
            ) : null}
            <Button size="medium" variant="tertiary" onClick={() => navigate(`/jobs/v/${v.id}`)}>
              {t('jobs.viewPublic')}
            </Button>
          </span>
        )}
      </section>
      <h2 className="jobs-heading">{t('jobs.applicants', { count: v.applicants.length })}</h2>
      {v.applicants.length === 0 ? (
        <EmptyState icon="zi-members">{t('jobs.noApplicants')}</EmptyState>
      ) : (
        <ul className="rp-list" data-testid="jobs-applicants">
          {v.applicants.map((a) => (
            <ApplicantCard key={a.id} applicant={a} onChange={replace} />
          ))}
        </ul>
      )}
    </>
  );
}

/** The employer's own vacancy with its applicants (another employer's answers "not found"). */
export default function MyVacancyPage() {
  const t = useT();
  const { id = '' } = useParams();
  return (
    <ReportPage title={t('jobs.mine')} parent="/jobs?tab=employer">
      <SignInGate title={t('jobs.signIn.employer')} reason={t('jobs.signIn.employerReason')}>
        <Detail id={id} />
      </SignInGate>
    </ReportPage>
  );
}
