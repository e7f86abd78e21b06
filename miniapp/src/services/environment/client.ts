import type { InferResponseType } from 'hono/client';
import { type ApiResult, api, apiUrl, request } from '../api';
import type { MetricId } from './metrics';
import type {
  EnvironmentReport,
  Follow,
  FollowSubject,
  Forecast,
  Range,
  ReportsPage,
  Series,
  Station,
  StationDetail,
  StationKind,
} from './types';

/**
 * The weather and environment endpoints, typed by hc<AppType>. Screens read the
 * hand-written types in ./types; the checks below stop the build when the API's answers
 * no longer fit them.
 */

const v1 = api.api.v1;

type Assignable<T extends U, U> = T;
export type _Checks = [
  Assignable<InferResponseType<typeof v1.stations.$get, 200>['items'][number], Station>,
  Assignable<InferResponseType<(typeof v1.stations)[':id']['$get'], 200>, StationDetail>,
  Assignable<InferResponseType<(typeof v1.stations)[':id']['series']['$get'], 200>, Series>,
  Assignable<InferResponseType<typeof v1.weather.forecast.$get, 200>, Forecast>,
  Assignable<InferResponseType<typeof v1.environment.follows.$get, 200>['items'][number], Follow>,
  Assignable<InferResponseType<typeof v1.environment.reports.$get, 200>, ReportsPage>,
];

const device = (deviceId: string) => ({ 'x-device-id': deviceId });

function items<T>(result: ApiResult<{ items: T[] }>): ApiResult<T[]> {
  return result.ok ? { ...result, data: result.data.items } : result;
}

export const environmentClient = {
  stations: async (kind?: StationKind): Promise<ApiResult<Station[]>> =>
    items(await request(() => v1.stations.$get({ query: kind ? { kind } : {} }))),

  station: (id: string): Promise<ApiResult<StationDetail>> =>
    request(() => v1.stations[':id'].$get({ param: { id } })),

  series: (id: string, metric: string, range: Range): Promise<ApiResult<Series>> =>
    request(() =>
      v1.stations[':id'].series.$get({
        param: { id },
        query: { metric: metric as MetricId, range },
      }),
    ),

  forecast: (stationId: string): Promise<ApiResult<Forecast>> =>
    request(() => v1.weather.forecast.$get({ query: { station: stationId } })),

  /** The citizen's follows: their Zalo account when signed in, else this device. */
  follows: async (deviceId: string): Promise<ApiResult<Follow[]>> =>
    items(await request(() => v1.environment.follows.$get({ header: device(deviceId) }))),

  follow: (subjectType: FollowSubject, subjectId: string, deviceId: string) =>
    request(() =>
      v1.environment.follows[':subjectType'][':subjectId'].$put({
        param: { subjectType, subjectId },
        header: device(deviceId),
      }),
    ),

  unfollow: (subjectType: FollowSubject, subjectId: string, deviceId: string) =>
    request(() =>
      v1.environment.follows[':subjectType'][':subjectId'].$delete({
        param: { subjectType, subjectId },
        header: device(deviceId),
      }),
    ),

  reports: (query: { year?: number; cursor?: string }): Promise<ApiResult<ReportsPage>> =>
    request(() =>
      v1.environment.reports.$get({
        query: {
          ...(query.year ? { year: String(query.year) } : {}),
          ...(query.cursor ? { cursor: query.cursor } : {}),
        },
      }),
    ),
};

/**
 * Where a report's PDF downloads from, absolute: the API sends a path, and Zalo's webview
 * (openWebview) takes only full http(s) addresses.
 */
export function reportFileUrl(report: Pick<EnvironmentReport, 'url'>, base = window.location.href) {
  return new URL(apiUrl(report.url), base).href;
}
