import type { InferResponseType } from 'hono/client';
import type { Language } from '../../i18n';
import { type ApiResult, api } from '../api';
import { apiCall } from '../appointments/http';
import type { Comparison, IndicatorGroups, IndicatorSeries, Periods } from './types';

/** /api/v1/indicators: published socio-economic indicators, read by everyone. */

const BASE = '/api/v1/indicators';

// The screens read the hand-written types; these fail to compile when the API's answers
// no longer fit them.
const ind = api.api.v1.indicators;
type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<InferResponseType<typeof ind.$get, 200>, IndicatorGroups>,
  Assignable<InferResponseType<(typeof ind)[':id']['$get'], 200>, IndicatorSeries>,
  Assignable<InferResponseType<typeof ind.compare.$get, 200>, Comparison>,
  Assignable<InferResponseType<typeof ind.periods.$get, 200>, Periods>,
];

export const indicatorsClient = {
  groups: (query: { q?: string; lang: Language }): Promise<ApiResult<IndicatorGroups>> =>
    apiCall(BASE, { query }),
  series: (id: string, lang: Language): Promise<ApiResult<IndicatorSeries>> =>
    apiCall(`${BASE}/${encodeURIComponent(id)}`, { query: { lang } }),
  compare: (query: {
    period: string;
    with?: string;
    lang: Language;
  }): Promise<ApiResult<Comparison>> => apiCall(`${BASE}/compare`, { query }),
  periods: (): Promise<ApiResult<Periods>> => apiCall(`${BASE}/periods`),
};
