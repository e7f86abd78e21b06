import type { InferResponseType } from 'hono/client';
import {
  type ApiError,
  type ApiResult,
  api,
  apiUrl,
  httpError,
  networkError,
  request,
} from '../api';
import type { ReportsTransport, SubmitBody } from './send';
import type {
  Category,
  Commune,
  FeedItem,
  FeedQuery,
  MapPoint,
  PublicReport,
  Rating,
  ReporterRights,
  ReportStats,
  ReportSummary,
  SimilarReport,
} from './types';
import type { TransportResult, UploadProgress, UploadTransport } from './upload';

/**
 * The field-report endpoints, typed by hc<AppType>: GET/POST through `request()`, and the
 * upload chunks through XMLHttpRequest, the only browser API that reports upload
 * progress (fetch does not, in the WebViews Zalo runs on).
 */

const v1 = api.api.v1;

export type ReportConfigAnswer = InferResponseType<typeof v1.reports.config.$get, 200>;
export type ReportView = InferResponseType<(typeof v1.reports)[':code']['$get'], 200>;
export type UploadState = InferResponseType<typeof v1.uploads.$post, 201>;

// The screens read the hand-written types in ./types; these lines fail to compile when the
// API's answers stop matching them.
type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<ReportView, PublicReport & { viewer: ReporterRights }>,
  Assignable<
    InferResponseType<typeof v1.reports.similar.$post, 200>['items'][number],
    SimilarReport
  >,
  Assignable<InferResponseType<typeof v1.reports.mine.$get, 200>['items'][number], ReportSummary>,
  Assignable<InferResponseType<typeof v1.feed.$get, 200>['items'][number], FeedItem>,
  Assignable<InferResponseType<typeof v1.feed.map.$get, 200>['items'][number], MapPoint>,
  Assignable<InferResponseType<typeof v1.catalog.categories.$get, 200>['items'][number], Category>,
  Assignable<InferResponseType<typeof v1.stats.$get, 200>, ReportStats>,
];

/** A chunk on 3G can take a while; a stalled one is abandoned after this long. */
const CHUNK_TIMEOUT_MS = 120_000;

function toProgress(state: UploadState): UploadProgress {
  return {
    received: state.received,
    complete: state.status === 'complete',
    chunkSize: state.chunkSize,
  };
}

function mapResult<T, U>(result: ApiResult<T>, map: (data: T) => U): TransportResult<U> {
  return result.ok ? { ok: true, data: map(result.data) } : { ok: false, error: result.error };
}

/** PUT of one chunk with upload progress; resolves (never rejects) with the classified outcome. */
function putChunk(
  id: string,
  offset: number,
  chunk: Blob,
  total: number,
  onProgress: (sent: number) => void,
): Promise<TransportResult<UploadProgress>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const fail = (error: ApiError) => resolve({ ok: false, error });
    xhr.open('PUT', apiUrl(v1.uploads[':id'].$path({ param: { id } })));
    xhr.timeout = CHUNK_TIMEOUT_MS;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Content-Range', `bytes ${offset}-${offset + chunk.size - 1}/${total}`);
    xhr.upload.onprogress = (event) => onProgress(Math.min(event.loaded, chunk.size));
    xhr.onerror = () => fail(networkError('network'));
    xhr.onabort = () => fail(networkError('network'));
    xhr.ontimeout = () => fail(networkError('timeout'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object') {
        resolve({ ok: true, data: toProgress(body as UploadState) });
      } else if (xhr.status === 0) {
        fail(networkError('network'));
      } else {
        fail(httpError(xhr.status, body));
      }
    };
    xhr.send(chunk);
  });
}

function uploads(deviceId: string): UploadTransport {
  return {
    async create(file) {
      const result = await request(() =>
        v1.uploads.$post({
          json: { kind: file.kind, bytes: file.size, mime: file.mime, deviceId },
        }),
      );
      return mapResult(result, (state) => ({ id: state.id, chunkSize: state.chunkSize }));
    },
    async status(id) {
      const result = await request(() => v1.uploads[':id'].$get({ param: { id } }));
      return mapResult(result, toProgress);
    },
    sendChunk: putChunk,
  };
}

export const reportsTransport: ReportsTransport = {
  uploads,
  async submit(body: SubmitBody) {
    const result = await request(() =>
      v1.reports.$post({ json: body as Parameters<typeof v1.reports.$post>[0]['json'] }),
    );
    return mapResult(result, (answer) => ({
      code: answer.code,
      followToken: answer.followToken ?? null,
      createdAt: answer.report.createdAt,
    }));
  },
};

const followHeader = (followToken?: string) =>
  followToken ? { 'x-follow-token': followToken } : {};

export const reportsClient = {
  config: () => request(() => v1.reports.config.$get()),

  categories: async (): Promise<ApiResult<Category[]>> => {
    const result = await request(() => v1.catalog.categories.$get());
    return result.ok ? { ...result, data: result.data.items } : result;
  },

  communes: async (): Promise<ApiResult<Commune[]>> => {
    const result = await request(() =>
      v1.catalog['admin-units'].$get({ query: { level: 'commune' } }),
    );
    return result.ok ? { ...result, data: result.data.items } : result;
  },

  /** Exchanges zmp-sdk's location token for coordinates (inside Zalo). */
  locate: (token: string, accessToken: string) =>
    request(() => v1.reports.locate.$post({ json: { token, accessToken } })),

  report: (code: string, followToken?: string) =>
    request(() => v1.reports[':code'].$get({ param: { code }, header: followHeader(followToken) })),

  /**
   * "Tôi cũng gặp vấn đề này": open reports near the point that probably tell the same
   * problem (same or related category, similar words), best first. The device id leaves
   * the citizen's own reports out.
   */
  similar: async (q: {
    lat: number;
    lng: number;
    categoryId: string;
    description: string;
    deviceId?: string;
  }): Promise<ApiResult<SimilarReport[]>> => {
    const result = await request(() => v1.reports.similar.$post({ json: q }));
    return result.ok ? { ...result, data: result.data.items } : result;
  },

  support: (code: string, deviceId: string) =>
    request(() => v1.reports[':code'].support.$post({ param: { code }, json: { deviceId } })),

  // Without a follow token the server recognises the reporter by their Zalo sign-in.
  rate: (
    code: string,
    followToken: string | undefined,
    input: { rating: Rating; comment?: string },
  ) =>
    request(() =>
      v1.reports[':code'].rating.$post({
        param: { code },
        header: followHeader(followToken),
        json: input,
      }),
    ),

  reopen: (code: string, followToken: string | undefined, reason?: string) =>
    request(() =>
      v1.reports[':code'].reopen.$post({
        param: { code },
        header: followHeader(followToken),
        json: reason ? { reason } : {},
      }),
    ),

  mine: (deviceId: string, cursor?: string) =>
    request(() =>
      v1.reports.mine.$get({
        header: { 'x-device-id': deviceId },
        query: cursor ? { cursor } : {},
      }),
    ),

  feed: (query: FeedQuery) =>
    request(() =>
      v1.feed.$get({
        query: Object.fromEntries(
          Object.entries(query).filter(([, value]) => value !== undefined && value !== ''),
        ),
      }),
    ),

  feedMap: (query: Omit<FeedQuery, 'cursor'> & { bbox: string }) =>
    request(() =>
      v1.feed.map.$get({
        query: Object.fromEntries(
          Object.entries(query).filter(([, value]) => value !== undefined && value !== ''),
        ) as { bbox: string },
      }),
    ),

  /** Public statistics of the Vietnamese days `from`..`to` (the API's default: the last 30). */
  stats: (range: { from?: string; to?: string }) =>
    request(() =>
      v1.stats.$get({
        query: {
          ...(range.from ? { from: range.from } : {}),
          ...(range.to ? { to: range.to } : {}),
        },
      }),
    ),
};

/** Media URLs in answers are API paths ("/api/v1/media/…"): make them loadable from Zalo. */
export const mediaSrc = (url: string) => apiUrl(url);
