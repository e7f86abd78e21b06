import type { InferResponseType } from 'hono/client';
import { type ApiResult, api, request } from '../api';
import type { Label, MediaRef, Ref, ReportStatus } from '../reports/types';
import { type OfficialSession, officialSession } from './session';

/**
 * The agency's work on field reports, as the mini app shows it to a linked official: the
 * queue (scoped by the server to what this official may see), a report's detail with the
 * full timeline, and the actions the server lists in `allowedActions`.
 *
 * Calls go through the typed client with the official's own `Authorization` header, which
 * the shared client leaves alone (it adds the citizen's token only when none is set, and
 * so never ends the citizen's session over an official's refused token).
 */

export const WORK_ACTIONS = [
  'intake',
  'assign',
  'accept',
  'return',
  'start',
  'update',
  'note',
  'request_extension',
  'resolve',
  'decide_extension',
] as const;
export type WorkAction = (typeof WORK_ACTIONS)[number];

/** The actions the mini app offers; the IOC's (intake, assignment, extensions) are in the web admin. */
export const APP_ACTIONS = ['accept', 'start', 'update', 'resolve', 'return'] as const;
export type AppAction = (typeof APP_ACTIONS)[number];

type Commune = { id: string; name: string; fullName: string };

export type WorkItem = {
  code: string;
  status: ReportStatus;
  category: Ref;
  agency: Ref | null;
  commune: Commune | null;
  description: string;
  address: string | null;
  createdAt: string;
  dueAt: string | null;
  overdue: boolean;
  photoUrl: string | null;
  supporterCount: number;
};

export type WorkQueue = { items: WorkItem[]; total: number; nextCursor: string | null };

export type WorkEvent = {
  id: number;
  type: string;
  label: Label;
  isPublic: boolean;
  /** What the citizen sees on the tracking page. */
  publicMessage: string | null;
  /** Internal note (officials only). */
  note: string | null;
  actor: { kind: string; name: string | null };
  agency: Ref | null;
  at: string;
};

export type WorkContact = { name: string | null; phone: string | null; agencyMayContact: boolean };

export type WorkReport = {
  code: string;
  status: ReportStatus;
  category: Ref;
  agency: Ref | null;
  commune: Commune | null;
  description: string;
  address: string | null;
  location: { lat: number; lng: number };
  createdAt: string;
  dueAt: string | null;
  overdue: boolean;
  acceptedAt: string | null;
  resolvedAt: string | null;
};

export type WorkDetail = {
  report: WorkReport;
  media: MediaRef[];
  timeline: WorkEvent[];
  contact: WorkContact | null;
  allowedActions: WorkAction[];
};

export type QueueQuery = {
  status?: ReportStatus[];
  overdue?: boolean;
  cursor?: string;
  limit?: number;
};

const work = api.api.v1.work.reports;
const one = work[':code'];

// The screens read the types above; these lines fail to compile when the API's answers change.
type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<InferResponseType<typeof work.$get, 200>['items'][number], WorkItem>,
  Assignable<InferResponseType<typeof one.$get, 200>, WorkDetail>,
  Assignable<InferResponseType<typeof one.resolve.$post, 200>, WorkDetail>,
];

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

export function createWorkClient(session: Pick<OfficialSession, 'authorized'>) {
  return {
    queue: (q: QueueQuery = {}): Promise<ApiResult<WorkQueue>> =>
      session.authorized((token) =>
        request(() =>
          work.$get(
            {
              query: {
                ...(q.status ? { status: q.status.join(',') } : {}),
                ...(q.overdue ? { overdue: 'true' as const } : {}),
                ...(q.cursor ? { cursor: q.cursor } : {}),
                ...(q.limit ? { limit: String(q.limit) } : {}),
              },
            },
            bearer(token),
          ),
        ),
      ),

    detail: (code: string): Promise<ApiResult<WorkDetail>> =>
      session.authorized((token) => request(() => one.$get({ param: { code } }, bearer(token)))),

    accept: (code: string): Promise<ApiResult<unknown>> =>
      session.authorized((token) =>
        request(() => one.accept.$post({ param: { code } }, bearer(token))),
      ),

    start: (code: string): Promise<ApiResult<unknown>> =>
      session.authorized((token) =>
        request(() => one.start.$post({ param: { code }, json: {} }, bearer(token))),
      ),

    /** `clientKey`: the same for every retry of one update, so it is written once. */
    update: (code: string, message: string, clientKey: string): Promise<ApiResult<unknown>> =>
      session.authorized((token) =>
        request(() =>
          one.updates.$post({ param: { code }, json: { message, clientKey } }, bearer(token)),
        ),
      ),

    /** `deviceId`: the one the result photos were uploaded with (the server checks it). */
    resolve: (
      code: string,
      answer: string,
      mediaIds: string[],
      deviceId: string,
    ): Promise<ApiResult<unknown>> =>
      session.authorized((token) =>
        request(() =>
          one.resolve.$post(
            {
              param: { code },
              json: { answer, mediaIds, ...(mediaIds.length > 0 ? { deviceId } : {}) },
            },
            bearer(token),
          ),
        ),
      ),

    returnToIoc: (code: string, reason: string): Promise<ApiResult<unknown>> =>
      session.authorized((token) =>
        request(() => one.return.$post({ param: { code }, json: { reason } }, bearer(token))),
      ),
  };
}

export type WorkClient = ReturnType<typeof createWorkClient>;

export const workClient = createWorkClient(officialSession);
