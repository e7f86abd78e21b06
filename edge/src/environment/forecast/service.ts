import type { CronJob } from '../../cron/dispatcher';
import type { Db } from '../../platform/db';
import type { Env } from '../../platform/env';
import { ApiError } from '../../platform/errors';
import { describeError, type Logger } from '../../platform/logger';
import {
  FORECAST_DAYS,
  type ForecastClientOptions,
  type ForecastDay,
  ForecastError,
  fetchForecasts,
  forecastOptionsFromEnv,
  LOCATIONS_PER_CALL,
  vnToday,
} from './client';
import { listWeatherStations, readStationForecast, upsertForecasts } from './repo';

// The 5-day forecast of each weather station, cached in weather_forecasts:
//
// - the hourly cron refreshes every enabled weather station whose forecast is older than
//   REFRESH_AFTER_MINUTES, a few places per provider call, and stores them in one statement;
// - GET /api/v1/weather/forecast answers from the cache. A missing forecast (a station just
//   added) is fetched once, then kept. A forecast older than FRESH_MINUTES means the cron
//   could not refresh it: the request tries the provider once more; if the provider still
//   fails, the cached days are answered with `stale: true` (days already past left out), and
//   only when nothing usable is cached does it answer 503.
//
// A provider that is down would otherwise cost every such request its full timeout: after a
// failure, a station's inline retries wait RETRY_AFTER_MS (per isolate, best effort; the cron
// keeps trying every hour regardless).

/** The cron skips forecasts younger than this (a re-run of the same tick fetches nothing). */
export const REFRESH_AFTER_MINUTES = 45;
/** A cached forecast younger than this is answered as is: the hourly cron keeps it there. */
export const FRESH_MINUTES = 90;
/** After a failed inline fetch, the station's requests answer the cache without trying for this long. */
export const RETRY_AFTER_MS = 5 * 60_000;
/** Inline fetches use a shorter timeout than the cron: someone is waiting for the answer. */
const INLINE_TIMEOUT_MS = 4000;

const retryAt = new Map<string, number>();

export interface ForecastAnswer {
  stationId: string;
  fetchedAt: string;
  stale: boolean;
  days: ForecastDay[];
}

const STATION_NOT_FOUND = 'Không tìm thấy trạm khí tượng này.';

/** The days from today (Asia/Ho_Chi_Minh) on, at most FORECAST_DAYS. */
function upcoming(days: readonly ForecastDay[], now: Date): ForecastDay[] {
  const today = vnToday(now);
  return days.filter((d) => d.date >= today).slice(0, FORECAST_DAYS);
}

/**
 * The forecast of a weather station for the API: from the cache, refreshed inline when missing
 * or too old. Throws ApiError 404 (unknown station, or not a weather station) or 503 (no
 * forecast to give).
 */
export async function stationForecast(
  db: Db,
  env: Partial<Env>,
  stationId: string,
  opts: { now?: Date; log?: Logger; client?: Partial<ForecastClientOptions> } = {},
): Promise<ForecastAnswer> {
  const now = opts.now ?? new Date();
  const station = await readStationForecast(db, stationId);
  if (!station?.enabled || station.kind !== 'weather') {
    throw new ApiError(404, 'station_not_found', STATION_NOT_FOUND);
  }
  const cached =
    station.days && station.fetchedAt ? upcoming(station.days, now) : ([] as ForecastDay[]);
  const age = station.fetchedAt ? now.getTime() - Date.parse(station.fetchedAt) : Infinity;
  if (cached.length > 0 && age < FRESH_MINUTES * 60_000) {
    return { stationId, fetchedAt: station.fetchedAt as string, stale: false, days: cached };
  }

  if ((retryAt.get(stationId) ?? 0) <= now.getTime()) {
    const client = { ...forecastOptionsFromEnv(env), ...opts.client };
    client.timeoutMs = Math.min(client.timeoutMs, INLINE_TIMEOUT_MS);
    try {
      const [days] = await fetchForecasts(client, [{ lat: station.lat, lng: station.lng }]);
      const fetchedAt = now.toISOString();
      const fresh = upcoming(days ?? [], now);
      if (days && fresh.length > 0) {
        retryAt.delete(stationId);
        await upsertForecasts(db, [{ stationId, days, fetchedAt }]);
        return { stationId, fetchedAt, stale: false, days: fresh };
      }
    } catch (err) {
      if (!(err instanceof ForecastError)) throw err;
      if (retryAt.size > 1000) retryAt.clear();
      retryAt.set(stationId, now.getTime() + RETRY_AFTER_MS);
      opts.log?.warn('forecast_fetch_failed', { stationId, kind: err.kind, error: err.message });
    }
  }

  if (cached.length > 0) {
    return { stationId, fetchedAt: station.fetchedAt as string, stale: true, days: cached };
  }
  throw new ApiError(
    503,
    'forecast_unavailable',
    'Chưa lấy được dự báo thời tiết cho trạm này. Vui lòng thử lại sau ít phút.',
  );
}

export interface RefreshResult {
  stations: number;
  refreshed: number;
  failed: number;
  calls: number;
  errors: string[];
}

/**
 * Refreshes the forecasts of every enabled weather station not refreshed in the last
 * REFRESH_AFTER_MINUTES: LOCATIONS_PER_CALL places per call, calls one after the other (a
 * provider's rate limit counts places), all results stored in one statement. A failed call
 * leaves its stations' cached forecasts as they were, for the next run.
 */
export async function refreshForecasts(
  db: Db,
  env: Partial<Env>,
  opts: { now?: Date; log?: Logger; client?: Partial<ForecastClientOptions> } = {},
): Promise<RefreshResult> {
  const now = opts.now ?? new Date();
  const cutoff = now.getTime() - REFRESH_AFTER_MINUTES * 60_000;
  const all = await listWeatherStations(db);
  const due = all.filter((s) => !s.fetchedAt || Date.parse(s.fetchedAt) <= cutoff);
  const client = { ...forecastOptionsFromEnv(env), ...opts.client };
  const result: RefreshResult = {
    stations: due.length,
    refreshed: 0,
    failed: 0,
    calls: 0,
    errors: [],
  };
  const rows: { stationId: string; days: ForecastDay[]; fetchedAt: string }[] = [];
  for (let i = 0; i < due.length; i += LOCATIONS_PER_CALL) {
    const chunk = due.slice(i, i + LOCATIONS_PER_CALL);
    result.calls++;
    try {
      const forecasts = await fetchForecasts(client, chunk);
      const fetchedAt = new Date().toISOString();
      chunk.forEach((s, j) => {
        rows.push({ stationId: s.id, days: forecasts[j] as ForecastDay[], fetchedAt });
      });
    } catch (err) {
      if (!(err instanceof ForecastError)) throw err;
      result.failed += chunk.length;
      if (result.errors.length < 3) result.errors.push(err.message);
      opts.log?.warn('forecast_refresh_failed', { stations: chunk.length, ...describeError(err) });
    }
  }
  if (rows.length > 0) await upsertForecasts(db, rows);
  result.refreshed = rows.length;
  return result;
}

/** Hourly: the weather stations' 5-day forecasts. */
export const forecastRefreshJob: CronJob = {
  name: 'weather-forecast-refresh',
  async run({ db, env, log, scheduledAt }) {
    const result = await refreshForecasts(db, env, { now: scheduledAt, log });
    // A run where every call failed is an error in cron_runs (the provider is down).
    if (result.calls > 0 && result.refreshed === 0) {
      throw new Error(`Không lấy được dự báo thời tiết: ${result.errors.join('; ')}`);
    }
    return { ...result };
  },
};
