import type { StationKind } from '@tinh/db/schema';

// The metrics the product knows: one table read by ingest (units, plausible ranges, spikes),
// the API (names, units) and the apps. Values are stored in `unit`; gateways that report in
// another unit are converted on ingest (`convert`).

export const METRIC_IDS = [
  'air_temperature',
  'humidity',
  'wind_direction',
  'wind_speed',
  'rainfall',
  'uv_index',
  'solar_radiation',
  'salinity',
  'ph',
  'water_temperature',
  'conductivity',
  'pm25',
  'pm10',
  'aqi',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export interface MetricInfo {
  id: MetricId;
  kind: StationKind;
  /** Vietnamese name shown to people. */
  name: string;
  /** The unit values are stored and answered in. */
  unit: string;
  /** Physically possible range: readings outside it are dropped and counted. */
  min: number;
  max: number;
  /**
   * Largest believable change between two readings 5–15 minutes apart: a bigger jump is kept
   * but flagged as a spike (charts and alerts can ignore it).
   */
  spikeDelta: number;
  /** Decimal places worth showing. */
  decimals: number;
  /** How rollups combine readings: rainfall adds up over a bucket, the rest average. */
  aggregate: 'avg' | 'sum';
}

const M = (info: MetricInfo) => info;

export const METRICS: Record<MetricId, MetricInfo> = {
  air_temperature: M({
    id: 'air_temperature',
    kind: 'weather',
    name: 'Nhiệt độ không khí',
    unit: '°C',
    min: -5,
    max: 55,
    spikeDelta: 6,
    decimals: 1,
    aggregate: 'avg',
  }),
  humidity: M({
    id: 'humidity',
    kind: 'weather',
    name: 'Độ ẩm',
    unit: '%',
    min: 0,
    max: 100,
    spikeDelta: 30,
    decimals: 0,
    aggregate: 'avg',
  }),
  wind_direction: M({
    id: 'wind_direction',
    kind: 'weather',
    name: 'Hướng gió',
    unit: '°',
    min: 0,
    max: 360,
    spikeDelta: 360,
    decimals: 0,
    aggregate: 'avg',
  }),
  wind_speed: M({
    id: 'wind_speed',
    kind: 'weather',
    name: 'Tốc độ gió',
    unit: 'm/s',
    min: 0,
    max: 75,
    spikeDelta: 25,
    decimals: 1,
    aggregate: 'avg',
  }),
  rainfall: M({
    id: 'rainfall',
    kind: 'weather',
    name: 'Lượng mưa',
    unit: 'mm',
    min: 0,
    max: 200,
    spikeDelta: 25,
    decimals: 1,
    aggregate: 'sum',
  }),
  uv_index: M({
    id: 'uv_index',
    kind: 'weather',
    name: 'Chỉ số UV',
    unit: '',
    min: 0,
    max: 20,
    spikeDelta: 6,
    decimals: 0,
    aggregate: 'avg',
  }),
  solar_radiation: M({
    id: 'solar_radiation',
    kind: 'weather',
    name: 'Bức xạ mặt trời',
    unit: 'W/m²',
    min: 0,
    max: 1500,
    spikeDelta: 900,
    decimals: 0,
    aggregate: 'avg',
  }),
  salinity: M({
    id: 'salinity',
    kind: 'water',
    name: 'Độ mặn',
    unit: '‰',
    min: 0,
    max: 45,
    spikeDelta: 5,
    decimals: 2,
    aggregate: 'avg',
  }),
  ph: M({
    id: 'ph',
    kind: 'water',
    name: 'Độ pH',
    unit: '',
    min: 0,
    max: 14,
    spikeDelta: 1.5,
    decimals: 2,
    aggregate: 'avg',
  }),
  water_temperature: M({
    id: 'water_temperature',
    kind: 'water',
    name: 'Nhiệt độ nước',
    unit: '°C',
    min: 0,
    max: 45,
    spikeDelta: 4,
    decimals: 1,
    aggregate: 'avg',
  }),
  conductivity: M({
    id: 'conductivity',
    kind: 'water',
    name: 'Độ dẫn điện (EC)',
    unit: 'µS/cm',
    min: 0,
    max: 80000,
    spikeDelta: 8000,
    decimals: 0,
    aggregate: 'avg',
  }),
  pm25: M({
    id: 'pm25',
    kind: 'air',
    name: 'Bụi mịn PM2.5',
    unit: 'µg/m³',
    min: 0,
    max: 1000,
    spikeDelta: 150,
    decimals: 0,
    aggregate: 'avg',
  }),
  pm10: M({
    id: 'pm10',
    kind: 'air',
    name: 'Bụi PM10',
    unit: 'µg/m³',
    min: 0,
    max: 2000,
    spikeDelta: 250,
    decimals: 0,
    aggregate: 'avg',
  }),
  aqi: M({
    id: 'aqi',
    kind: 'air',
    name: 'Chỉ số chất lượng không khí (VN_AQI)',
    unit: '',
    min: 0,
    max: 500,
    spikeDelta: 150,
    decimals: 0,
    aggregate: 'avg',
  }),
};

export function isMetricId(value: string): value is MetricId {
  return (METRIC_IDS as readonly string[]).includes(value);
}

/** Metrics a station of this kind measures (a station may have fewer). */
export const metricsOfKind = (kind: StationKind): MetricId[] =>
  METRIC_IDS.filter((id) => METRICS[id].kind === kind);

// Units a gateway may report in, normalised (lower case, no spaces, µ/u alike), per metric:
// value in the metric's unit = value × factor + offset.
type Conversion = { factor: number; offset?: number };
const SAME: Conversion = { factor: 1 };
const UNIT_ALIASES: Partial<Record<MetricId, Record<string, Conversion>>> = {
  air_temperature: {
    '°c': SAME,
    c: SAME,
    degc: SAME,
    celsius: SAME,
    k: { factor: 1, offset: -273.15 },
    kelvin: { factor: 1, offset: -273.15 },
  },
  water_temperature: {
    '°c': SAME,
    c: SAME,
    degc: SAME,
    celsius: SAME,
    k: { factor: 1, offset: -273.15 },
    kelvin: { factor: 1, offset: -273.15 },
  },
  humidity: { '%': SAME, percent: SAME, '%rh': SAME, rh: SAME },
  wind_direction: { '°': SAME, deg: SAME, degree: SAME, degrees: SAME },
  wind_speed: { 'm/s': SAME, mps: SAME, 'km/h': { factor: 1 / 3.6 }, kmh: { factor: 1 / 3.6 } },
  rainfall: { mm: SAME, cm: { factor: 10 } },
  uv_index: { '': SAME, uvi: SAME, index: SAME },
  solar_radiation: { 'w/m²': SAME, 'w/m2': SAME, 'w·m⁻²': SAME },
  // ‰, ppt, g/L, g/kg and PSU are interchangeable at the precision farmers use.
  salinity: {
    '‰': SAME,
    ppt: SAME,
    'g/l': SAME,
    'g/kg': SAME,
    psu: SAME,
    'mg/l': { factor: 0.001 },
  },
  ph: { '': SAME, ph: SAME },
  conductivity: {
    'µs/cm': SAME,
    'us/cm': SAME,
    'ms/cm': { factor: 1000 },
    's/m': { factor: 10000 },
    'ms/m': { factor: 10 },
  },
  pm25: { 'µg/m³': SAME, 'ug/m3': SAME, 'µg/m3': SAME },
  pm10: { 'µg/m³': SAME, 'ug/m3': SAME, 'µg/m3': SAME },
  aqi: { '': SAME, aqi: SAME, vn_aqi: SAME },
};

const normaliseUnit = (unit: string) =>
  unit.trim().toLowerCase().replace(/\s+/g, '').replace(/μ/g, 'µ');

/** The conversion of `sourceUnit` to the metric's unit, or null for a unit we do not know. */
export function unitConversion(metric: MetricId, sourceUnit: string): Conversion | null {
  const key = normaliseUnit(sourceUnit);
  if (key === normaliseUnit(METRICS[metric].unit)) return SAME;
  return UNIT_ALIASES[metric]?.[key] ?? null;
}

/** `value` from `sourceUnit` to the metric's unit; null when the unit is unknown. */
export function convert(metric: MetricId, value: number, sourceUnit: string): number | null {
  const c = unitConversion(metric, sourceUnit);
  return c ? value * c.factor + (c.offset ?? 0) : null;
}
