import { z } from '@hono/zod-openapi';
import type { Env } from '../../platform/env';
import { weatherSummary } from './wmo';

// A client of Open-Meteo's forecast API (https://open-meteo.com/en/docs), or of any provider
// speaking its JSON (FORECAST_API_URL is configuration; `npm start` points it at the local
// simulator). One call asks for several places at once (comma-separated coordinates, answered
// as an array): the hourly refresh of every weather station costs a few subrequests, not one
// per station.
//
//   GET {base}/v1/forecast?latitude=9.78,9.82&longitude=105.47,105.82
//       &daily=weather_code,temperature_2m_max,…&timezone=Asia/Ho_Chi_Minh&forecast_days=5
//       &wind_speed_unit=ms
//
// The answer is checked (zod) before anything is kept: a provider that changes its format or
// answers garbage is an error, never a forecast of zeros. A day missing a value the app shows
// is left out rather than invented.

export const DEFAULT_FORECAST_URL = 'https://api.open-meteo.com';
export const DEFAULT_FORECAST_TIMEOUT_MS = 8000;
export const FORECAST_DAYS = 5;
/** Places per call: Open-Meteo takes many, but a long URL and a big answer fail together. */
export const LOCATIONS_PER_CALL = 50;
const TIMEZONE = 'Asia/Ho_Chi_Minh';
const VN_OFFSET_SECONDS = 7 * 3600;

const DAILY = [
  'weather_code',
  'temperature_2m_max',
  'temperature_2m_min',
  'precipitation_sum',
  'precipitation_probability_max',
  'wind_speed_10m_max',
  'wind_direction_10m_dominant',
  'uv_index_max',
] as const;

/** One day of forecast, as the API answers it. */
export interface ForecastDay {
  /** YYYY-MM-DD, a day in Asia/Ho_Chi_Minh. */
  date: string;
  tempMin: number;
  tempMax: number;
  precipitationMm: number;
  /** 0–100, or null when the provider does not give it. */
  precipitationProbability: number | null;
  /** m/s */
  windSpeedMax: number;
  /** Degrees from north, where the wind comes from. */
  windDirection: number;
  uvIndexMax: number;
  /** WMO weather interpretation code. */
  weatherCode: number;
  summary: string;
}

export type ForecastErrorKind = 'timeout' | 'unavailable' | 'invalid';

export class ForecastError extends Error {
  constructor(
    readonly kind: ForecastErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ForecastError';
  }
}

export interface ForecastClientOptions {
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export function forecastOptionsFromEnv(
  env: Pick<Partial<Env>, 'FORECAST_API_URL' | 'FORECAST_TIMEOUT_MS'>,
): ForecastClientOptions {
  const timeout = Number(env.FORECAST_TIMEOUT_MS);
  return {
    baseUrl: (env.FORECAST_API_URL || DEFAULT_FORECAST_URL).replace(/\/+$/, ''),
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_FORECAST_TIMEOUT_MS,
  };
}

const column = <T extends z.ZodType>(item: T) => z.array(item.nullable());

const LocationSchema = z.object({
  latitude: z.number(),
  longitude: z.number(),
  utc_offset_seconds: z.number().optional(),
  daily_units: z.record(z.string(), z.string()).optional(),
  daily: z.object({
    time: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
    weather_code: column(z.number()),
    temperature_2m_max: column(z.number()),
    temperature_2m_min: column(z.number()),
    precipitation_sum: column(z.number()),
    precipitation_probability_max: column(z.number()).optional(),
    wind_speed_10m_max: column(z.number()),
    wind_direction_10m_dominant: column(z.number()),
    uv_index_max: column(z.number()),
  }),
});
type LocationAnswer = z.infer<typeof LocationSchema>;

/** Factors to the units we answer in, from the units the provider says it used. */
const UNIT_FACTORS: Record<string, Record<string, number>> = {
  temperature: { '°C': 1 },
  precipitation: { mm: 1, inch: 25.4 },
  wind: { 'm/s': 1, 'km/h': 1 / 3.6, kn: 0.514444, 'mp/h': 0.44704 },
};

function factor(units: Record<string, string> | undefined, key: string, kind: string): number {
  const unit = units?.[key];
  if (unit === undefined) return 1;
  const f = UNIT_FACTORS[kind]?.[unit];
  if (f === undefined) throw new ForecastError('invalid', `đơn vị không hỗ trợ: ${key} = ${unit}`);
  return f;
}

const round = (value: number, decimals: number) => {
  const p = 10 ** decimals;
  return Math.round(value * p) / p;
};

/** The days of one place's answer; incomplete days are left out. */
function toDays(answer: LocationAnswer): ForecastDay[] {
  if (answer.utc_offset_seconds !== undefined && answer.utc_offset_seconds !== VN_OFFSET_SECONDS) {
    throw new ForecastError('invalid', 'dự báo không theo giờ Việt Nam (Asia/Ho_Chi_Minh)');
  }
  const d = answer.daily;
  const n = d.time.length;
  const columns = [
    d.weather_code,
    d.temperature_2m_max,
    d.temperature_2m_min,
    d.precipitation_sum,
    d.wind_speed_10m_max,
    d.wind_direction_10m_dominant,
    d.uv_index_max,
    ...(d.precipitation_probability_max ? [d.precipitation_probability_max] : []),
  ];
  if (columns.some((c) => c.length !== n)) {
    throw new ForecastError('invalid', 'các cột dự báo theo ngày không cùng độ dài');
  }
  const units = answer.daily_units;
  const temperature = factor(units, 'temperature_2m_max', 'temperature');
  const precipitation = factor(units, 'precipitation_sum', 'precipitation');
  const wind = factor(units, 'wind_speed_10m_max', 'wind');
  const days: ForecastDay[] = [];
  for (let i = 0; i < n; i++) {
    const code = d.weather_code[i];
    const tMax = d.temperature_2m_max[i];
    const tMin = d.temperature_2m_min[i];
    const rain = d.precipitation_sum[i];
    const windMax = d.wind_speed_10m_max[i];
    const direction = d.wind_direction_10m_dominant[i];
    const uv = d.uv_index_max[i];
    if (
      code == null ||
      tMax == null ||
      tMin == null ||
      rain == null ||
      windMax == null ||
      direction == null ||
      uv == null
    ) {
      continue;
    }
    const probability = d.precipitation_probability_max?.[i];
    const weatherCode = Math.round(code);
    days.push({
      date: d.time[i] as string,
      tempMin: round(tMin * temperature, 1),
      tempMax: round(tMax * temperature, 1),
      precipitationMm: round(Math.max(0, rain * precipitation), 1),
      precipitationProbability:
        probability == null ? null : Math.min(100, Math.max(0, Math.round(probability))),
      windSpeedMax: round(Math.max(0, windMax * wind), 1),
      windDirection: Math.round(((direction % 360) + 360) % 360) % 360,
      uvIndexMax: round(Math.max(0, uv), 1),
      weatherCode,
      summary: weatherSummary(weatherCode),
    });
  }
  return days;
}

export interface Place {
  lat: number;
  lng: number;
}

/**
 * The 5-day forecasts of up to LOCATIONS_PER_CALL places, in the order given, in one call.
 * Throws ForecastError: `timeout`, `unavailable` (network, HTTP error) or `invalid` (not the
 * documented shape, or no complete day for a place).
 */
export async function fetchForecasts(
  opts: ForecastClientOptions,
  places: readonly Place[],
): Promise<ForecastDay[][]> {
  if (places.length === 0) return [];
  if (places.length > LOCATIONS_PER_CALL) throw new Error('too many places for one call');
  const url = new URL(`${opts.baseUrl}/v1/forecast`);
  url.searchParams.set('latitude', places.map((p) => p.lat.toFixed(4)).join(','));
  url.searchParams.set('longitude', places.map((p) => p.lng.toFixed(4)).join(','));
  url.searchParams.set('daily', DAILY.join(','));
  url.searchParams.set('timezone', TIMEZONE);
  url.searchParams.set('forecast_days', String(FORECAST_DAYS));
  url.searchParams.set('wind_speed_unit', 'ms');
  const doFetch = opts.fetch ?? fetch;
  let body: unknown;
  try {
    const res = await doFetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    if (!res.ok) {
      // Open-Meteo explains a refused request in `reason`: worth keeping in the log.
      const text = await res.text().catch(() => '');
      let reason = '';
      try {
        const parsed = JSON.parse(text) as { reason?: unknown };
        if (typeof parsed.reason === 'string') reason = `: ${parsed.reason.slice(0, 200)}`;
      } catch {
        // Not JSON: an HTML error page.
      }
      throw new ForecastError(
        'unavailable',
        `nhà cung cấp dự báo trả lời HTTP ${res.status}${reason}`,
      );
    }
    body = await res.json();
  } catch (err) {
    if (err instanceof ForecastError) throw err;
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      throw new ForecastError(
        'timeout',
        `nhà cung cấp dự báo không trả lời trong ${opts.timeoutMs} ms`,
      );
    }
    if (err instanceof SyntaxError) {
      throw new ForecastError('invalid', 'câu trả lời của nhà cung cấp dự báo không phải JSON');
    }
    throw new ForecastError(
      'unavailable',
      `không kết nối được nhà cung cấp dự báo: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const list = Array.isArray(body) ? body : [body];
  if (list.length !== places.length) {
    throw new ForecastError('invalid', `hỏi ${places.length} địa điểm, nhận ${list.length}`);
  }
  return list.map((item) => {
    const parsed = LocationSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ForecastError(
        'invalid',
        `câu trả lời dự báo không đúng định dạng (${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''})`,
      );
    }
    const days = toDays(parsed.data);
    if (days.length === 0)
      throw new ForecastError('invalid', 'dự báo không có ngày nào đủ số liệu');
    return days;
  });
}

/** YYYY-MM-DD of today in Asia/Ho_Chi_Minh. */
export function vnToday(now: Date): string {
  return new Date(now.getTime() + VN_OFFSET_SECONDS * 1000).toISOString().slice(0, 10);
}
