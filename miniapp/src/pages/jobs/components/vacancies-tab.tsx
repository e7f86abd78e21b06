import { useEffect, useState } from 'react';
import { useT } from '../../../i18n/use-t';
import { jobsClient } from '../../../services/jobs/client';
import type { SalaryPeriod, VacancySummary } from '../../../services/jobs/types';
import { useCommunes } from './communes';
import { PagedList } from './paged-list';
import { usePaged } from './use-paged';
import { VacancyCard } from './vacancy-card';

const SEARCH_DELAY_MS = 350;
const PERIODS: SalaryPeriod[] = ['month', 'day', 'hour', 'piece'];
/** "Lương từ": the usual steps of a monthly wage, in đồng. */
const SALARY_STEPS = [5_000_000, 7_000_000, 10_000_000, 15_000_000];

/** "Việc làm": open vacancies, searched with or without tone marks, filtered, paged. */
export function VacanciesTab() {
  const t = useT();
  const communes = useCommunes();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [commune, setCommune] = useState('');
  const [period, setPeriod] = useState<SalaryPeriod | ''>('');
  const [salaryMin, setSalaryMin] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const list = usePaged<VacancySummary>(
    (cursor) =>
      jobsClient.vacancies({
        q: searched || undefined,
        commune: commune || undefined,
        period: period || undefined,
        salaryMin: salaryMin ? Number(salaryMin) : undefined,
        cursor,
        limit: 10,
      }),
    `${searched}|${commune}|${period}|${salaryMin}`,
  );

  return (
    <>
      <form
        className="jobs-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setSearched(query.trim());
        }}
      >
        <input
          className="rp-input"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('jobs.searchPlaceholder')}
          aria-label={t('jobs.search')}
          enterKeyHint="search"
          data-testid="jobs-search"
        />
        <div className="jobs-filters__row">
          <select
            className="rp-input"
            value={commune}
            aria-label={t('jobs.commune')}
            onChange={(e) => setCommune(e.target.value)}
            data-testid="jobs-filter-commune"
          >
            <option value="">{t('jobs.allCommunes')}</option>
            {communes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <select
            className="rp-input"
            value={period}
            aria-label={t('jobs.period')}
            onChange={(e) => setPeriod(e.target.value as SalaryPeriod | '')}
          >
            <option value="">{t('jobs.allPeriods')}</option>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`jobs.period.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <select
          className="rp-input"
          value={salaryMin}
          aria-label={t('jobs.salaryMin')}
          onChange={(e) => setSalaryMin(e.target.value)}
        >
          <option value="">{t('jobs.anySalary')}</option>
          {SALARY_STEPS.map((s) => (
            <option key={s} value={s}>
              {t('jobs.salaryFrom', { amount: s / 1_000_000 })}
            </option>
          ))}
        </select>
      </form>
      <PagedList
        listing={list.listing}
        load={list.load}
        testId="jobs-list"
        empty={searched ? t('jobs.noMatch', { query: searched }) : t('jobs.empty')}
        render={(v) => <VacancyCard key={v.id} vacancy={v} />}
      />
    </>
  );
}
