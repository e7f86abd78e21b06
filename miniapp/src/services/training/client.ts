import type { InferResponseType } from 'hono/client';
import { type ApiResult, api } from '../api';
import { apiCall } from '../appointments/http';
import type {
  CourseDetail,
  CoursePage,
  MyRegistration,
  Registration,
  SessionQuestion,
} from './types';

/** /api/v1/training for the citizen: courses, registration, questions. */

const BASE = '/api/v1/training';

// The screens read the hand-written types; these fail to compile when the API's answers
// no longer fit them.
const tr = api.api.v1.training;
type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<InferResponseType<typeof tr.courses.$get, 200>, CoursePage>,
  Assignable<InferResponseType<(typeof tr.courses)[':id']['$get'], 200>, CourseDetail>,
  Assignable<
    InferResponseType<(typeof tr.sessions)[':id']['registrations']['$post'], 201>,
    { registration: Registration }
  >,
  Assignable<
    InferResponseType<typeof tr.registrations.$get, 200>,
    { registrations: MyRegistration[] }
  >,
  Assignable<
    InferResponseType<(typeof tr.sessions)[':id']['questions']['$get'], 200>,
    { questions: SessionQuestion[] }
  >,
];
const sessionPath = (id: string) => `${BASE}/sessions/${encodeURIComponent(id)}`;

export const trainingClient = {
  courses: (query: { q?: string; cursor?: string }): Promise<ApiResult<CoursePage>> =>
    apiCall(`${BASE}/courses`, { query }),

  course: (id: string): Promise<ApiResult<CourseDetail>> =>
    apiCall(`${BASE}/courses/${encodeURIComponent(id)}`),

  /** Idempotent on the server: registering twice answers the existing registration. */
  register: async (
    sessionId: string,
    body: { name: string; phone?: string },
  ): Promise<ApiResult<Registration>> => {
    const result = await apiCall<{ registration: Registration }>(
      `${sessionPath(sessionId)}/registrations`,
      { method: 'POST', json: body },
    );
    return result.ok ? { ...result, data: result.data.registration } : result;
  },

  mine: async (): Promise<ApiResult<MyRegistration[]>> => {
    const result = await apiCall<{ registrations: MyRegistration[] }>(`${BASE}/registrations`);
    return result.ok ? { ...result, data: result.data.registrations } : result;
  },

  cancel: (sessionId: string): Promise<ApiResult<unknown>> =>
    apiCall(`${sessionPath(sessionId)}/registrations`, { method: 'DELETE' }),

  questions: async (sessionId: string): Promise<ApiResult<SessionQuestion[]>> => {
    const result = await apiCall<{ questions: SessionQuestion[] }>(
      `${sessionPath(sessionId)}/questions`,
    );
    return result.ok ? { ...result, data: result.data.questions } : result;
  },

  ask: (sessionId: string, body: string): Promise<ApiResult<unknown>> =>
    apiCall(`${sessionPath(sessionId)}/questions`, { method: 'POST', json: { body } }),
};
