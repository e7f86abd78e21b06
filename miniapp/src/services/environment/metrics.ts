import type { Language } from '../../i18n';
import type { StationKind } from './types';

/**
 * How the app shows each metric. The API sends a Vietnamese name and the unit with every
 * value; this table adds what a screen needs on top: a short label in both languages,
 * decimals, a chart colour and whether the chart is bars (rain adds up) or a line. A unit
 * test keeps ids, units and decimals equal to the server's table
 * (edge/src/environment/metrics.ts).
 */
export type MetricDisplay = {
  kind: StationKind;
  label: { readonly [L in Language]: string };
  unit: string;
  decimals: number;
  colour: string;
  chart: 'line' | 'bar';
};

export const METRIC_DISPLAY = {
  air_temperature: {
    kind: 'weather',
    label: { vi: 'Nhiệt độ', en: 'Temperature' },
    unit: '°C',
    decimals: 1,
    colour: '#e8590c',
    chart: 'line',
  },
  humidity: {
    kind: 'weather',
    label: { vi: 'Độ ẩm', en: 'Humidity' },
    unit: '%',
    decimals: 0,
    colour: '#1c7ed6',
    chart: 'line',
  },
  wind_direction: {
    kind: 'weather',
    label: { vi: 'Hướng gió', en: 'Wind direction' },
    unit: '°',
    decimals: 0,
    colour: '#5f3dc4',
    chart: 'line',
  },
  wind_speed: {
    kind: 'weather',
    label: { vi: 'Gió', en: 'Wind' },
    unit: 'm/s',
    decimals: 1,
    colour: '#0b7285',
    chart: 'line',
  },
  rainfall: {
    kind: 'weather',
    label: { vi: 'Lượng mưa', en: 'Rainfall' },
    unit: 'mm',
    decimals: 1,
    colour: '#1864ab',
    chart: 'bar',
  },
  uv_index: {
    kind: 'weather',
    label: { vi: 'Chỉ số UV', en: 'UV index' },
    unit: '',
    decimals: 0,
    colour: '#9c36b5',
    chart: 'line',
  },
  solar_radiation: {
    kind: 'weather',
    label: { vi: 'Bức xạ mặt trời', en: 'Solar radiation' },
    unit: 'W/m²',
    decimals: 0,
    colour: '#f08c00',
    chart: 'line',
  },
  salinity: {
    kind: 'water',
    label: { vi: 'Độ mặn', en: 'Salinity' },
    unit: '‰',
    decimals: 2,
    colour: '#0b7285',
    chart: 'line',
  },
  ph: {
    kind: 'water',
    label: { vi: 'Độ pH', en: 'pH' },
    unit: '',
    decimals: 2,
    colour: '#2b8a3e',
    chart: 'line',
  },
  water_temperature: {
    kind: 'water',
    label: { vi: 'Nhiệt độ nước', en: 'Water temperature' },
    unit: '°C',
    decimals: 1,
    colour: '#e8590c',
    chart: 'line',
  },
  conductivity: {
    kind: 'water',
    label: { vi: 'Độ dẫn điện (EC)', en: 'Conductivity (EC)' },
    unit: 'µS/cm',
    decimals: 0,
    colour: '#5f3dc4',
    chart: 'line',
  },
  pm25: {
    kind: 'air',
    label: { vi: 'Bụi mịn PM2.5', en: 'PM2.5' },
    unit: 'µg/m³',
    decimals: 0,
    colour: '#862e9c',
    chart: 'line',
  },
  pm10: {
    kind: 'air',
    label: { vi: 'Bụi PM10', en: 'PM10' },
    unit: 'µg/m³',
    decimals: 0,
    colour: '#a61e4d',
    chart: 'line',
  },
  aqi: {
    kind: 'air',
    label: { vi: 'Chỉ số AQI', en: 'AQI' },
    unit: '',
    decimals: 0,
    colour: '#e67700',
    chart: 'line',
  },
} as const satisfies Record<string, MetricDisplay>;

export type MetricId = keyof typeof METRIC_DISPLAY;

/** Display order: the figure people came for first (salinity, AQI, temperature). */
export const METRIC_ORDER = Object.keys(METRIC_DISPLAY) as MetricId[];

const PRIMARY: Record<StationKind, MetricId> = {
  weather: 'air_temperature',
  water: 'salinity',
  air: 'aqi',
};

export function isKnownMetric(metric: string): metric is MetricId {
  return Object.hasOwn(METRIC_DISPLAY, metric);
}

export function metricDisplay(metric: string): MetricDisplay | undefined {
  return isKnownMetric(metric) ? METRIC_DISPLAY[metric] : undefined;
}

/** The metric a station's card leads with: salinity for water, AQI for air. */
export function primaryMetric(kind: StationKind): MetricId {
  return PRIMARY[kind];
}

/** Known metrics in display order, then any the app does not know yet, by name. */
export function sortMetrics<T extends { metric: string }>(items: readonly T[]): T[] {
  const rank = (metric: string) => {
    const index = METRIC_ORDER.indexOf(metric as MetricId);
    return index === -1 ? METRIC_ORDER.length : index;
  };
  return [...items].sort(
    (a, b) => rank(a.metric) - rank(b.metric) || a.metric.localeCompare(b.metric),
  );
}

/** The short label of a metric in the user's language, else the API's Vietnamese name. */
export function metricLabel(metric: string, language: Language, fallback?: string): string {
  return metricDisplay(metric)?.label[language] ?? fallback ?? metric;
}
