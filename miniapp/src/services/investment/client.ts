import type { InferResponseType } from 'hono/client';
import { type ApiResult, api } from '../api';
import { apiCall } from '../appointments/http';
import type {
  EnquiryInput,
  EnquiryResult,
  Paged,
  Policy,
  PolicySummary,
  Project,
  ProjectStage,
  ProjectSummary,
  Sector,
} from './types';

/** /api/v1/investment: sectors, policies, projects and the enquiry form. */

const BASE = '/api/v1/investment';
type Lang = 'vi' | 'en';

// The screens read the hand-written types; these fail to compile when the API's answers
// no longer fit them.
const inv = api.api.v1.investment;
type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<InferResponseType<typeof inv.sectors.$get, 200>, { items: Sector[] }>,
  Assignable<InferResponseType<typeof inv.projects.$get, 200>, Paged<ProjectSummary>>,
  Assignable<InferResponseType<(typeof inv.projects)[':id']['$get'], 200>, Project>,
  Assignable<InferResponseType<typeof inv.policies.$get, 200>, Paged<PolicySummary>>,
  Assignable<InferResponseType<(typeof inv.policies)[':id']['$get'], 200>, Policy>,
  Assignable<InferResponseType<typeof inv.enquiries.$post, 201>, EnquiryResult>,
];

export const investmentClient = {
  sectors: async (lang: Lang): Promise<ApiResult<Sector[]>> => {
    const result = await apiCall<{ items: Sector[] }>(`${BASE}/sectors`, { query: { lang } });
    return result.ok ? { ...result, data: result.data.items } : result;
  },

  projects: (query: {
    sector?: string;
    stage?: ProjectStage;
    q?: string;
    cursor?: string;
    lang: Lang;
    limit?: number;
  }): Promise<ApiResult<Paged<ProjectSummary>>> => apiCall(`${BASE}/projects`, { query }),

  project: (id: string, lang: Lang): Promise<ApiResult<Project>> =>
    apiCall(`${BASE}/projects/${encodeURIComponent(id)}`, { query: { lang } }),

  policies: (query: {
    q?: string;
    cursor?: string;
    lang: Lang;
    limit?: number;
  }): Promise<ApiResult<Paged<PolicySummary>>> => apiCall(`${BASE}/policies`, { query }),

  policy: (id: string, lang: Lang): Promise<ApiResult<Policy>> =>
    apiCall(`${BASE}/policies/${encodeURIComponent(id)}`, { query: { lang } }),

  /** Idempotent on the server: the same requestKey answers the enquiry already sent. */
  enquire: (body: EnquiryInput): Promise<ApiResult<EnquiryResult>> =>
    apiCall(`${BASE}/enquiries`, { method: 'POST', json: body }),
};
