import { useState } from 'react';
import { Button, useNavigate } from 'zmp-ui';
import { AppIcon } from '../../../components/app-icon';
import { useApi } from '../../../hooks/use-api';
import { useT } from '../../../i18n/use-t';
import { jobsClient } from '../../../services/jobs/client';
import type { Employer, MyVacancy } from '../../../services/jobs/types';
import { ErrorState, LoadingBlock, Notice } from '../../field-reports/components/states';
import { EmployerForm } from './employer-form';
import { PagedList } from './paged-list';
import { SeekerSearch } from './seekers';
import { usePaged } from './use-paged';
import { VacancyCard } from './vacancy-card';

function MyVacancies() {
  const t = useT();
  const list = usePaged<MyVacancy>((cursor) => jobsClient.myVacancies(cursor), 'mine');
  return (
    <PagedList
      listing={list.listing}
      load={list.load}
      icon="zi-note"
      testId="jobs-my-vacancies"
      empty={t('jobs.employer.noVacancies')}
      render={(v) => (
        <VacancyCard
          key={v.id}
          vacancy={v}
          to={`/jobs/mine/${v.id}`}
          extra={
            <span className="jobs-count">
              {t('jobs.employer.applicationCount', { count: v.applicationCount })}
              {v.newApplicationCount > 0
                ? ` · ${t('jobs.employer.newCount', { count: v.newApplicationCount })}`
                : ''}
            </span>
          }
        />
      )}
    />
  );
}

/** "Nhà tuyển dụng": registration, then the employer's vacancies and the seekers' search. */
export function EmployerTab() {
  const t = useT();
  const navigate = useNavigate();
  const loaded = useApi(() => jobsClient.employer(), []);
  const [employer, setEmployer] = useState<Employer | null | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const current = employer !== undefined ? employer : loaded.data?.employer;

  if (loaded.status === 'error' && current === undefined) {
    return <ErrorState message={loaded.error.message} onRetry={loaded.reload} />;
  }
  if (current === undefined) return <LoadingBlock />;
  if (!current || editing) {
    return (
      <EmployerForm
        employer={current}
        onSaved={(e) => {
          setEmployer(e);
          setEditing(false);
        }}
        onCancel={current ? () => setEditing(false) : undefined}
      />
    );
  }
  return (
    <>
      <section className="rp-section card" data-testid="jobs-employer">
        <h2 className="rp-section__title">
          <AppIcon icon="zi-user-check" size={22} />
          {current.name}
        </h2>
        <p className="jobs-hint">
          {current.address}, {current.communeName} · {current.phone}
        </p>
        {current.status === 'suspended' ? (
          <Notice tone="warning">{t('jobs.employer.suspended')}</Notice>
        ) : (
          <Button fullWidth onClick={() => navigate('/jobs/post')} data-testid="jobs-post-new">
            {t('jobs.employer.post')}
          </Button>
        )}
        <Button variant="tertiary" fullWidth onClick={() => setEditing(true)}>
          {t('jobs.employer.edit')}
        </Button>
      </section>
      <h2 className="jobs-heading">{t('jobs.employer.myVacancies')}</h2>
      <MyVacancies />
      <SeekerSearch />
    </>
  );
}
