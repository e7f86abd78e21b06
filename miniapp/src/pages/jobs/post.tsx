import '../field-reports/reports.css';
import './jobs.css';
import { useEffect, useState } from 'react';
import { Button, useNavigate, useSearchParams } from 'zmp-ui';
import { registerIcons } from '../../components/app-icon';
import { Field, inputClass } from '../../components/field';
import { SignInGate } from '../../components/sign-in-gate';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import { fieldErrors, parseVnd } from '../../services/forms';
import { jobsClient } from '../../services/jobs/client';
import { formatDeadline, localToday, newRequestKey } from '../../services/jobs/format';
import type { MyVacancyDetail, SalaryPeriod, VacancyInput } from '../../services/jobs/types';
import { ReportPage } from '../field-reports/components/report-page';
import { ErrorState, LoadingBlock, Notice } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { useCommunes } from './components/communes';

registerIcons(REPORT_SVG);

const PERIODS: SalaryPeriod[] = ['month', 'day', 'hour', 'piece'];
const DAY = 86_400_000;

type Draft = {
  title: string;
  description: string;
  requirements: string;
  negotiable: boolean;
  salaryMin: string;
  salaryMax: string;
  salaryPeriod: SalaryPeriod;
  positions: string;
  communeId: string;
  address: string;
  deadline: string;
};

const money = (v: number | null) => (v === null ? '' : new Intl.NumberFormat('vi-VN').format(v));

function draftOf(v: MyVacancyDetail | null): Draft {
  return {
    title: v?.title ?? '',
    description: v?.description ?? '',
    requirements: v?.requirements ?? '',
    negotiable: v ? v.salaryMinVnd === null && v.salaryMaxVnd === null : false,
    salaryMin: money(v?.salaryMinVnd ?? null),
    salaryMax: money(v?.salaryMaxVnd ?? null),
    salaryPeriod: v?.salaryPeriod ?? 'month',
    positions: String(v?.positions ?? 1),
    communeId: v?.communeId ?? '',
    address: v?.address ?? '',
    deadline: v?.deadline ?? localToday(new Date(Date.now() + 30 * DAY)),
  };
}

function VacancyForm({ vacancy }: { vacancy: MyVacancyDetail | null }) {
  const t = useT();
  const [lang] = useLanguage();
  const navigate = useNavigate();
  const communes = useCommunes();
  const [draft, setDraft] = useState<Draft>(() => draftOf(vacancy));
  // Chosen once: "Đăng lại" after a lost answer never posts the vacancy twice.
  const [requestKey] = useState(newRequestKey);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...fieldErrors(error), ...local };
  const set = (name: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [name]: e.target.value }));

  const save = async () => {
    const min = draft.negotiable ? null : parseVnd(draft.salaryMin);
    const max = draft.negotiable ? null : parseVnd(draft.salaryMax);
    const mistakes: Record<string, string> = {};
    if (min === 'invalid') mistakes.salaryMinVnd = t('jobs.post.salaryInvalid');
    if (max === 'invalid') mistakes.salaryMaxVnd = t('jobs.post.salaryInvalid');
    const positions = Number(draft.positions);
    if (!Number.isInteger(positions)) mistakes.positions = t('jobs.post.positionsInvalid');
    setLocal(mistakes);
    if (Object.keys(mistakes).length > 0) return;
    const body: VacancyInput = {
      title: draft.title,
      description: draft.description,
      requirements: draft.requirements,
      salaryMinVnd: min as number | null,
      salaryMaxVnd: max as number | null,
      salaryPeriod: draft.salaryPeriod,
      positions,
      communeId: draft.communeId,
      address: draft.address,
      deadline: draft.deadline,
    };
    setSaving(true);
    setError(undefined);
    const result = vacancy
      ? await jobsClient.edit(vacancy.id, { ...body, version: vacancy.version })
      : await jobsClient.post({ ...body, requestKey });
    setSaving(false);
    if (result.ok) navigate(`/jobs/mine/${result.data.id}`, { replace: true });
    else setError(result.error);
  };

  return (
    <form
      className="rp-section card"
      data-testid="jobs-post-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Field label={t('jobs.post.title')} error={errors.title}>
        <input
          className={inputClass(errors.title)}
          value={draft.title}
          placeholder={t('jobs.post.titlePlaceholder')}
          onChange={set('title')}
          data-testid="jobs-post-title"
        />
      </Field>
      <Field label={t('jobs.description')} error={errors.description}>
        <textarea
          className={`${inputClass(errors.description)} rp-textarea rp-textarea--short`}
          value={draft.description}
          onChange={set('description')}
          data-testid="jobs-post-description"
        />
      </Field>
      <Field label={t('jobs.requirements')} error={errors.requirements}>
        <textarea
          className={`${inputClass(errors.requirements)} rp-textarea rp-textarea--short`}
          value={draft.requirements}
          onChange={set('requirements')}
          data-testid="jobs-post-requirements"
        />
      </Field>
      <label className="rp-check">
        <input
          type="checkbox"
          checked={draft.negotiable}
          onChange={(e) => setDraft((d) => ({ ...d, negotiable: e.target.checked }))}
        />
        <span>{t('jobs.post.negotiable')}</span>
      </label>
      {draft.negotiable ? null : (
        <div className="jobs-row">
          <Field label={t('jobs.post.salaryMin')} error={errors.salaryMinVnd}>
            <input
              className={inputClass(errors.salaryMinVnd)}
              inputMode="numeric"
              value={draft.salaryMin}
              placeholder="8.000.000"
              onChange={set('salaryMin')}
              data-testid="jobs-post-salaryMin"
            />
          </Field>
          <Field label={t('jobs.post.salaryMax')} error={errors.salaryMaxVnd}>
            <input
              className={inputClass(errors.salaryMaxVnd)}
              inputMode="numeric"
              value={draft.salaryMax}
              placeholder="12.000.000"
              onChange={set('salaryMax')}
              data-testid="jobs-post-salaryMax"
            />
          </Field>
        </div>
      )}
      <div className="jobs-row">
        <Field label={t('jobs.period')} error={errors.salaryPeriod}>
          <select
            className={inputClass(errors.salaryPeriod)}
            value={draft.salaryPeriod}
            onChange={set('salaryPeriod')}
          >
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`jobs.period.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('jobs.positions')} error={errors.positions}>
          <input
            className={inputClass(errors.positions)}
            inputMode="numeric"
            value={draft.positions}
            onChange={set('positions')}
            data-testid="jobs-post-positions"
          />
        </Field>
      </div>
      <Field label={t('jobs.commune')} error={errors.communeId}>
        <select
          className={inputClass(errors.communeId)}
          value={draft.communeId}
          onChange={set('communeId')}
          data-testid="jobs-post-commune"
        >
          <option value="">{t('jobs.chooseCommune')}</option>
          {communes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('jobs.workplace')} error={errors.address}>
        <input
          className={inputClass(errors.address)}
          value={draft.address}
          onChange={set('address')}
          data-testid="jobs-post-address"
        />
      </Field>
      <Field
        label={t('jobs.post.deadline')}
        hint={draft.deadline ? formatDeadline(draft.deadline, localToday(), lang) : undefined}
        error={errors.deadline}
      >
        <input
          className={inputClass(errors.deadline)}
          type="date"
          value={draft.deadline}
          min={localToday()}
          onChange={set('deadline')}
          data-testid="jobs-post-deadline"
        />
      </Field>
      {error ? <Notice tone="error">{error.message}</Notice> : null}
      <Button htmlType="submit" fullWidth loading={saving} disabled={saving}>
        {vacancy ? t('jobs.post.save') : t('jobs.post.submit')}
      </Button>
    </form>
  );
}

function EditLoader({ id }: { id: string }) {
  const loaded = useApi(() => jobsClient.myVacancy(id), [id]);
  if (loaded.status === 'error') {
    return <ErrorState message={loaded.error.message} onRetry={loaded.reload} />;
  }
  if (!loaded.data) return <LoadingBlock />;
  return <VacancyForm vacancy={loaded.data} />;
}

/** Inside the sign-in gate: an account without an employer is sent to register first. */
function PostBody({ id }: { id: string | null }) {
  const employer = useApi(() => jobsClient.employer(), []);
  const navigate = useNavigate();
  const missing = employer.status === 'ready' && !employer.data.employer;
  useEffect(() => {
    if (missing) navigate('/jobs?tab=employer', { replace: true });
  }, [missing, navigate]);
  if (employer.status === 'error') {
    return <ErrorState message={employer.error.message} onRetry={employer.reload} />;
  }
  if (employer.status === 'loading' || missing) return <LoadingBlock />;
  return id ? <EditLoader id={id} /> : <VacancyForm vacancy={null} />;
}

/** Posting a vacancy (`/jobs/post`) or editing one (`/jobs/post?id=…`). */
export default function PostPage() {
  const t = useT();
  const [params] = useSearchParams();
  const id = params.get('id');
  return (
    <ReportPage
      title={id ? t('jobs.post.editTitle') : t('jobs.post.newTitle')}
      parent="/jobs?tab=employer"
    >
      <SignInGate title={t('jobs.signIn.employer')} reason={t('jobs.signIn.employerReason')}>
        <PostBody id={id} />
      </SignInGate>
    </ReportPage>
  );
}
