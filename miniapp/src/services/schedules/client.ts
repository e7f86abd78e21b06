import type { InferResponseType } from 'hono/client';
import { type ApiResult, api, apiUrl } from '../api';
import { apiCall } from '../appointments/http';
import type { ScheduleAgency, ScheduleWeek } from './types';

/** /api/v1/schedules: the published week, the agencies, the .ics feed address. */

const BASE = '/api/v1/schedules';

// The screen reads the hand-written types; these fail to compile when the API's answers
// no longer fit them.
const sc = api.api.v1.schedules;
type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<InferResponseType<typeof sc.$get, 200>, ScheduleWeek>,
  Assignable<InferResponseType<typeof sc.agencies.$get, 200>, { agencies: ScheduleAgency[] }>,
];

export type WeekQuery = {
  week?: string;
  agency?: string;
  leader?: string;
  q?: string;
  lang?: 'vi' | 'en';
};

export const schedulesClient = {
  week: (query: WeekQuery): Promise<ApiResult<ScheduleWeek>> => apiCall(BASE, { query }),

  agencies: async (): Promise<ApiResult<ScheduleAgency[]>> => {
    const result = await apiCall<{ agencies: ScheduleAgency[] }>(`${BASE}/agencies`);
    return result.ok ? { ...result, data: result.data.agencies } : result;
  },

  /** The absolute address a calendar app subscribes to (the API base may be relative). */
  icsUrl: (agencyId: string) =>
    new URL(
      apiUrl(`${BASE}/agencies/${encodeURIComponent(agencyId)}/calendar.ics`),
      window.location.href,
    ).href,
};
