import type { InferResponseType } from 'hono/client';
import { type ApiResult, api } from '../api';
import { apiCall } from '../appointments/http';
import type {
  Employer,
  EmployerInput,
  MyApplication,
  MyVacancy,
  MyVacancyDetail,
  Paged,
  Profile,
  ProfileInput,
  SalaryPeriod,
  Seeker,
  Vacancy,
  VacancyInput,
  VacancySummary,
} from './types';

/** /api/v1/jobs: public vacancies, the employer's side and the job seeker's side. */

const BASE = '/api/v1/jobs';

// The screens read the hand-written types; these fail to compile when the API's answers
// no longer fit them.
const jobs = api.api.v1.jobs;
type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<InferResponseType<typeof jobs.vacancies.$get, 200>, Paged<VacancySummary>>,
  Assignable<InferResponseType<(typeof jobs.vacancies)[':id']['$get'], 200>, Vacancy>,
  Assignable<InferResponseType<typeof jobs.employer.$get, 200>, { employer: Employer | null }>,
  Assignable<
    InferResponseType<(typeof jobs.employer.vacancies)[':id']['$get'], 200>,
    MyVacancyDetail
  >,
  Assignable<InferResponseType<typeof jobs.employer.vacancies.$get, 200>, Paged<MyVacancy>>,
  Assignable<InferResponseType<typeof jobs.employer.seekers.$get, 200>, Paged<Seeker>>,
  Assignable<InferResponseType<typeof jobs.me.profile.$get, 200>, { profile: Profile | null }>,
  Assignable<InferResponseType<typeof jobs.me.applications.$get, 200>, Paged<MyApplication>>,
];

const id = (value: string) => encodeURIComponent(value);
/** Answers the signed-in citizen reads must be fresh (their own changes, just made). */
const fresh = true;

export const jobsClient = {
  vacancies: (query: {
    q?: string;
    commune?: string;
    period?: SalaryPeriod;
    salaryMin?: number;
    cursor?: string;
    limit?: number;
  }): Promise<ApiResult<Paged<VacancySummary>>> => apiCall(`${BASE}/vacancies`, { query }),

  vacancy: (vacancyId: string): Promise<ApiResult<Vacancy>> =>
    apiCall(`${BASE}/vacancies/${id(vacancyId)}`),

  // ---- employer ----
  employer: (): Promise<ApiResult<{ employer: Employer | null }>> =>
    apiCall(`${BASE}/employer`, { fresh }),

  register: (json: EmployerInput): Promise<ApiResult<Employer>> =>
    apiCall(`${BASE}/employer`, { method: 'POST', json }),

  updateEmployer: (json: EmployerInput & { version: number }): Promise<ApiResult<Employer>> =>
    apiCall(`${BASE}/employer`, { method: 'PUT', json }),

  myVacancies: (cursor?: string): Promise<ApiResult<Paged<MyVacancy>>> =>
    apiCall(`${BASE}/employer/vacancies`, { query: { cursor, limit: 20 }, fresh }),

  myVacancy: (vacancyId: string): Promise<ApiResult<MyVacancyDetail>> =>
    apiCall(`${BASE}/employer/vacancies/${id(vacancyId)}`, { fresh }),

  post: (json: VacancyInput & { requestKey: string }): Promise<ApiResult<MyVacancyDetail>> =>
    apiCall(`${BASE}/employer/vacancies`, { method: 'POST', json }),

  edit: (
    vacancyId: string,
    json: VacancyInput & { version: number },
  ): Promise<ApiResult<MyVacancyDetail>> =>
    apiCall(`${BASE}/employer/vacancies/${id(vacancyId)}`, { method: 'PUT', json }),

  close: (vacancyId: string): Promise<ApiResult<MyVacancyDetail>> =>
    apiCall(`${BASE}/employer/vacancies/${id(vacancyId)}/close`, { method: 'POST' }),

  mark: (
    applicationId: string,
    status: 'viewed' | 'shortlisted' | 'rejected',
  ): Promise<ApiResult<MyVacancyDetail['applicants'][number]>> =>
    apiCall(`${BASE}/employer/applications/${id(applicationId)}/status`, {
      method: 'POST',
      json: { status },
    }),

  seekers: (query: {
    q?: string;
    commune?: string;
    cursor?: string;
  }): Promise<ApiResult<Paged<Seeker>>> =>
    apiCall(`${BASE}/employer/seekers`, { query: { ...query, limit: 20 }, fresh }),

  // ---- seeker ----
  profile: (): Promise<ApiResult<{ profile: Profile | null }>> =>
    apiCall(`${BASE}/me/profile`, { fresh }),

  saveProfile: (json: ProfileInput): Promise<ApiResult<Profile>> =>
    apiCall(`${BASE}/me/profile`, { method: 'PUT', json }),

  setVisible: (visible: boolean): Promise<ApiResult<Profile>> =>
    apiCall(`${BASE}/me/profile/visibility`, { method: 'PUT', json: { visible } }),

  applications: (cursor?: string): Promise<ApiResult<Paged<MyApplication>>> =>
    apiCall(`${BASE}/me/applications`, { query: { cursor, limit: 20 }, fresh }),

  apply: (vacancyId: string, coverLetter: string): Promise<ApiResult<MyApplication>> =>
    apiCall(`${BASE}/me/applications`, { method: 'POST', json: { vacancyId, coverLetter } }),

  withdraw: (applicationId: string): Promise<ApiResult<MyApplication>> =>
    apiCall(`${BASE}/me/applications/${id(applicationId)}/withdraw`, { method: 'POST' }),
};
