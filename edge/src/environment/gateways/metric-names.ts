import type { StationKind } from '@tinh/db/schema';
import { isMetricId, METRICS, type MetricId, metricsOfKind } from '../metrics';

// SensorThings servers name what they measure freely ("Air Temperature", "Nhiệt độ nước",
// "EC", "PM2.5 concentration"): this maps such names to our metric ids. Only the metrics of
// the station's kind are candidates, which settles "Temperature" (air at a weather station,
// water at a water station). The longest matching alias wins ("wind speed" over "wind").

const ALIASES: Record<MetricId, string[]> = {
  air_temperature: ['air temperature', 'temperature', 'nhiet do khong khi', 'nhiet do', 'temp'],
  humidity: ['relative humidity', 'humidity', 'do am', 'rh'],
  wind_direction: ['wind direction', 'huong gio', 'winddirection'],
  wind_speed: ['wind speed', 'toc do gio', 'windspeed'],
  rainfall: ['rainfall', 'precipitation', 'rain', 'luong mua', 'mua'],
  uv_index: ['uv index', 'uv', 'chi so uv', 'uvi'],
  solar_radiation: [
    'solar radiation',
    'global radiation',
    'irradiance',
    'buc xa mat troi',
    'buc xa',
  ],
  salinity: ['salinity', 'do man', 'man'],
  ph: ['ph', 'do ph'],
  water_temperature: ['water temperature', 'temperature', 'nhiet do nuoc', 'nhiet do', 'temp'],
  conductivity: [
    'electrical conductivity',
    'specific conductance',
    'conductivity',
    'do dan dien',
    'ec',
  ],
  pm25: ['pm2.5', 'pm 2.5', 'pm25', 'bui min pm2.5', 'bui min'],
  pm10: ['pm10', 'pm 10', 'bui pm10'],
  aqi: ['vn aqi', 'vn_aqi', 'aqi', 'air quality index', 'chi so chat luong khong khi'],
};

/** Lower case, no diacritics (đ → d), words separated by single spaces; keeps "." for "pm2.5". */
export function normaliseName(text: string): string {
  return (
    text
      // NFKD also folds ³ into 3 and the micro sign into μ.
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .replace(/μ/g, 'u')
      .toLowerCase()
      .replace(/[^a-z0-9._]+/g, ' ')
      .replace(/(^|\s)\.+|\.+(\s|$)/g, ' ')
      .trim()
  );
}

/**
 * The metric a stream measures, from the texts a gateway gives (most telling first: an
 * explicit metric id, the ObservedProperty's name and definition, the Datastream's name and
 * description). Null when none of them names a metric of this kind.
 */
export function metricFromNames(
  kind: StationKind,
  texts: readonly (string | null | undefined)[],
): MetricId | null {
  const candidates = metricsOfKind(kind);
  for (const raw of texts) {
    if (!raw) continue;
    if (isMetricId(raw) && METRICS[raw].kind === kind) return raw;
    // A definition URI: its last segment ("…/def/phenomenon/Salinity").
    const text = ` ${normaliseName(raw.includes('/') ? (raw.split(/[/#]/).pop() ?? raw) : raw)} `;
    let best: { metric: MetricId; length: number } | null = null;
    for (const metric of candidates) {
      for (const alias of ALIASES[metric]) {
        if (text.includes(` ${alias} `) && (!best || alias.length > best.length)) {
          best = { metric, length: alias.length };
        }
      }
    }
    if (best) return best.metric;
  }
  return null;
}
