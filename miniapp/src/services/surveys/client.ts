import type { InferResponseType } from 'hono/client';
import { type ApiResult, api } from '../api';
import { apiCall } from '../appointments/http';
import type { Answers, SurveyDetail, SurveyPage } from './types';

/**
 * /api/v1/surveys. Every call carries the device id: surveys open to anyone take one
 * answer per device, and "Đã trả lời" is shown for this device or the signed-in account.
 */

const BASE = '/api/v1/surveys';

// The screens read the hand-written types; these fail to compile when the API's answers
// no longer fit them.
const s = api.api.v1.surveys;
type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<InferResponseType<typeof s.$get, 200>, SurveyPage>,
  Assignable<InferResponseType<(typeof s)[':id']['$get'], 200>, SurveyDetail>,
  Assignable<InferResponseType<(typeof s)[':id']['responses']['$post'], 201>, { id: string }>,
];
const device = (deviceId: string) => ({ 'x-device-id': deviceId });

export const surveysClient = {
  list: (deviceId: string, cursor?: string): Promise<ApiResult<SurveyPage>> =>
    apiCall(BASE, { query: { cursor }, headers: device(deviceId) }),

  survey: (id: string, deviceId: string): Promise<ApiResult<SurveyDetail>> =>
    apiCall(`${BASE}/${encodeURIComponent(id)}`, { headers: device(deviceId) }),

  answer: (id: string, deviceId: string, answers: Answers): Promise<ApiResult<{ id: string }>> =>
    apiCall(`${BASE}/${encodeURIComponent(id)}/responses`, {
      method: 'POST',
      headers: device(deviceId),
      json: { answers },
    }),
};
