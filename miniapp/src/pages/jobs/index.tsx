import '../field-reports/reports.css';
import './jobs.css';
import { useSearchParams } from 'zmp-ui';
import { registerIcons } from '../../components/app-icon';
import { SignInGate } from '../../components/sign-in-gate';
import { useT } from '../../i18n/use-t';
import { ReportPage } from '../field-reports/components/report-page';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { EmployerTab } from './components/employer-tab';
import { ProfileTab } from './components/profile-tab';
import { VacanciesTab } from './components/vacancies-tab';

registerIcons(REPORT_SVG);

const TABS = ['jobs', 'profile', 'employer'] as const;
type Tab = (typeof TABS)[number];

/**
 * Jobs: "Việc làm" (open vacancies for everyone), "Hồ sơ của tôi" (the seeker's profile and
 * applications) and "Nhà tuyển dụng" (registration, vacancies, applicants) — the last two
 * need the citizen's Zalo account. The tab is in the address, so a notification's link
 * (`/jobs?tab=profile`) and "back" land on it.
 */
export default function JobsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab: Tab = TABS.includes(asked as Tab) ? (asked as Tab) : 'jobs';

  return (
    <ReportPage title={t('jobs.title')} parent="/">
      <div className="jobs-tabs" role="tablist">
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            data-testid={`jobs-tab-${id}`}
            onClick={() => setParams(id === 'jobs' ? {} : { tab: id }, { replace: true })}
          >
            {t(`jobs.tab.${id}`)}
          </button>
        ))}
      </div>
      {tab === 'jobs' ? <VacanciesTab /> : null}
      {tab === 'profile' ? (
        <SignInGate title={t('jobs.signIn.profile')} reason={t('jobs.signIn.profileReason')}>
          <ProfileTab />
        </SignInGate>
      ) : null}
      {tab === 'employer' ? (
        <SignInGate title={t('jobs.signIn.employer')} reason={t('jobs.signIn.employerReason')}>
          <EmployerTab />
        </SignInGate>
      ) : null}
    </ReportPage>
  );
}
