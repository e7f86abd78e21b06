import type { InferResponseType } from 'hono/client';
import { type ApiResult, api } from '../api';
import { apiCall } from '../appointments/http';
import type { Procedure, ProcedureField, ProcedurePage } from './types';

/** /api/v1/public-services: the catalogue, its fields and one procedure. */

const BASE = '/api/v1/public-services';

// The screens read the hand-written types; these fail to compile when the API's answers
// no longer fit them.
const ps = api.api.v1['public-services'];
type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<InferResponseType<typeof ps.$get, 200>, ProcedurePage>,
  Assignable<InferResponseType<typeof ps.fields.$get, 200>, { fields: ProcedureField[] }>,
  Assignable<InferResponseType<(typeof ps)[':id']['$get'], 200>, Procedure>,
];

export const proceduresClient = {
  list: (query: {
    q?: string;
    field?: string;
    cursor?: string;
    lang: string;
  }): Promise<ApiResult<ProcedurePage>> => apiCall(BASE, { query }),

  fields: async (lang: string): Promise<ApiResult<ProcedureField[]>> => {
    const result = await apiCall<{ fields: ProcedureField[] }>(`${BASE}/fields`, {
      query: { lang },
    });
    return result.ok ? { ...result, data: result.data.fields } : result;
  },

  procedure: (id: string, lang: string): Promise<ApiResult<Procedure>> =>
    apiCall(`${BASE}/${encodeURIComponent(id)}`, { query: { lang } }),
};

/** "Toàn trình" / "Một phần" / "Thông tin": the message key of a level's badge. */
export const levelKey = (level: Procedure['level']) =>
  level === 'full'
    ? 'procedure.levelFull'
    : level === 'partial'
      ? 'procedure.levelPartial'
      : 'procedure.levelInfo';
