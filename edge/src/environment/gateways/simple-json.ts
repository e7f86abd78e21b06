import { isMetricId, type MetricId, unitConversion } from '../metrics';
import {
  BudgetExhausted,
  GatewayError,
  getJson,
  isObject,
  isoOf,
  parseTime,
  sameOrigin,
} from './http';
import {
  type GatewayAdapter,
  MAX_PAGES,
  PAGE_SIZE,
  type RawObservation,
  type RemoteStream,
  type SkippedStream,
  type StationFetch,
} from './types';

// The simple JSON format for small vendors, documented in SIMPLE_JSON.md:
//
//   GET {base}/stations/{externalId}/observations?since=<ISO 8601>&limit=500
//   → { "observations": [ { "metric", "time", "value", "unit" } ], "next"?: "<url>" }
//
// One call answers every metric of a station, so streams are discovered from the observations
// themselves: a known metric in a convertible unit becomes a stream, the rest is skipped and
// reported. `since` is the oldest watermark of the station's streams, so no stream misses
// anything; what a stream already has is filtered out on our side (and storage is idempotent).

/** A stream whose watermark lags this far behind the station's newest one (a dead sensor) no
 * longer holds the whole station back: otherwise every poll would re-read its gap. */
const LAG_LIMIT_SECONDS = 24 * 3600;

export function stationSince(streams: readonly { since: number }[], defaultSince: number): number {
  if (streams.length === 0) return defaultSince;
  const newest = Math.max(...streams.map((s) => s.since));
  const alive = streams.map((s) => s.since).filter((t) => t >= newest - LAG_LIMIT_SECONDS);
  return Math.min(...alive);
}

export const simpleJsonAdapter: GatewayAdapter = {
  async fetchStation(client, target) {
    const result: StationFetch = {
      discovered: [],
      skipped: [],
      series: new Map(),
      error: null,
      deferred: false,
      unitPerObservation: true,
    };
    const streams = new Map<MetricId, RemoteStream>();
    const skipped = new Map<string, SkippedStream>();
    let url: URL | null = new URL(
      `${client.baseUrl}/stations/${encodeURIComponent(target.externalId)}/observations`,
    );
    url.searchParams.set('since', isoOf(stationSince(target.streams, target.defaultSince)));
    url.searchParams.set('limit', String(PAGE_SIZE));
    try {
      for (let page = 0; url && page < MAX_PAGES; page++) {
        const body = await getJson(client, url);
        if (!isObject(body) || !Array.isArray(body.observations)) {
          throw new GatewayError(
            'station',
            `Dữ liệu JSON không hợp lệ (thiếu mảng "observations"): ${decodeURIComponent(url.pathname)}`,
          );
        }
        if (body.next !== undefined && body.next !== null && typeof body.next !== 'string') {
          throw new GatewayError('station', 'Dữ liệu JSON không hợp lệ: "next" không phải chuỗi');
        }
        const link = body.next;
        // A page is taken or not at all: parse it before keeping any of it.
        const page: [MetricId, RawObservation][] = [];
        for (const item of body.observations) {
          if (!isObject(item)) continue;
          const metric = typeof item.metric === 'string' ? item.metric : '';
          const unit = typeof item.unit === 'string' ? item.unit : '';
          if (!isMetricId(metric)) {
            skipped.set(`metric:${metric}`, {
              externalId: metric,
              name: metric,
              unit,
              reason: 'unknown_metric',
            });
            continue;
          }
          if (!unitConversion(metric, unit)) {
            skipped.set(`unit:${metric}:${unit}`, {
              externalId: metric,
              name: metric,
              unit,
              reason: 'unknown_unit',
            });
            continue;
          }
          if (!streams.has(metric)) streams.set(metric, { metric, externalId: metric, unit });
          page.push([metric, { time: parseTime(item.time), value: item.value, unit }]);
        }
        for (const [metric, obs] of page) {
          const list = result.series.get(metric);
          if (list) list.push(obs);
          else result.series.set(metric, [obs]);
        }
        // Resolved after the page is kept: a bad link loses the next page, not this one.
        url = link ? sameOrigin(client, link, url) : null;
      }
    } catch (err) {
      if (err instanceof BudgetExhausted) result.deferred = true;
      else if (err instanceof GatewayError) result.error = err;
      else result.error = new GatewayError('station', `Lỗi đọc dữ liệu JSON: ${String(err)}`);
    }
    result.discovered = [...streams.values()];
    result.skipped = [...skipped.values()];
    return result;
  },
};
