import { useNavigate } from 'zmp-ui';
import { AppIcon } from '../../../components/app-icon';
import { useLanguage, useT } from '../../../i18n/use-t';
import { formatDeadline, formatSalary, localToday } from '../../../services/jobs/format';
import type { VacancySummary } from '../../../services/jobs/types';

/** One vacancy in a list: position, employer and place, pay, deadline. */
export function VacancyCard({
  vacancy,
  to,
  extra,
}: {
  vacancy: VacancySummary;
  /** Where a tap goes; the public vacancy page by default. */
  to?: string;
  extra?: React.ReactNode;
}) {
  const [lang] = useLanguage();
  const t = useT();
  const navigate = useNavigate();
  const today = localToday();
  const expired = vacancy.deadline < today;
  return (
    <li>
      <button
        type="button"
        className="rp-card"
        data-vacancy={vacancy.id}
        onClick={() => navigate(to ?? `/jobs/v/${vacancy.id}`)}
      >
        <span className="jobs-card__icon">
          <AppIcon icon="zi-user-search" size={26} />
        </span>
        <span className="rp-card__body">
          <span className="rp-card__category">{vacancy.title}</span>
          <span className="rp-card__meta">
            {vacancy.employer.name} · {vacancy.communeName}
          </span>
          <span className="jobs-salary">
            {formatSalary(vacancy.salaryMinVnd, vacancy.salaryMaxVnd, vacancy.salaryPeriod, lang)}
          </span>
          <span className={`jobs-deadline${expired ? ' jobs-deadline--past' : ''}`}>
            {vacancy.status === 'open'
              ? formatDeadline(vacancy.deadline, today, lang)
              : t(`jobs.status.${vacancy.status}`)}
          </span>
          {extra}
        </span>
        <AppIcon icon="zi-chevron-right" size={22} />
      </button>
    </li>
  );
}
