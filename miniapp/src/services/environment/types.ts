/**
 * What the weather and environment screens read, as the API answers it (issue 6 contract:
 * all times ISO 8601 UTC, values in the metric's unit). client.ts checks at compile time
 * that the API's typed answers still fit these.
 */

export const STATION_KINDS = ['weather', 'water', 'air'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

export const RANGES = ['24h', '10d', '30d'] as const;
export type Range = (typeof RANGES)[number];

export type LatestReading = {
  metric: string;
  /** Vietnamese name from the API ("Độ mặn"). */
  name: string;
  unit: string;
  /** Decimal places worth showing. */
  decimals: number;
  value: number;
  observedAt: string;
  /** The level of the metric's active alert, null when none. */
  alertLevel: number | null;
};

/** The worst active alert of a station. */
export type StationAlert = {
  metric: string;
  level: number;
  label: string;
  value: number;
  raisedAt: string;
};

export type Station = {
  id: string;
  name: string;
  kind: StationKind;
  lat: number;
  lng: number;
  communeId: string | null;
  communeName: string | null;
  address: string | null;
  agencyName: string | null;
  latest: LatestReading[];
  alert: StationAlert | null;
};

export type Threshold = {
  metric: string;
  level: number;
  value: number;
  direction: 'above' | 'below';
  label: string;
};

export type AlertRecord = {
  id: number;
  metric: string;
  level: number;
  /** What the level means, from the station's current thresholds. */
  label: string | null;
  status: string;
  raisedValue: number;
  peakValue: number;
  raisedAt: string;
  clearedAt: string | null;
};

export type StationDetail = Station & { thresholds: Threshold[]; alerts: AlertRecord[] };

export type SeriesPoint = {
  t: string;
  v: number;
  min?: number;
  max?: number;
  spike?: boolean;
};

export type Series = {
  stationId: string;
  metric: string;
  name: string;
  unit: string;
  decimals: number;
  /** How hours and days combine readings: rainfall adds up, the rest average. */
  aggregate: 'avg' | 'sum';
  range: Range;
  grain: 'raw' | 'h' | 'd';
  from: string;
  to: string;
  points: SeriesPoint[];
  thresholds: Threshold[];
};

export type ForecastDay = {
  /** Vietnam's calendar day, YYYY-MM-DD. */
  date: string;
  tempMin: number | null;
  tempMax: number | null;
  precipitationMm: number | null;
  /** 0–100. */
  precipitationProbability: number | null;
  /** m/s. */
  windSpeedMax: number | null;
  /** Degrees the wind comes from. */
  windDirection: number | null;
  uvIndexMax: number | null;
  /** WMO weather interpretation code. */
  weatherCode: number | null;
  /** Vietnamese ("Mưa rào nhẹ"). */
  summary: string;
};

export type Forecast = {
  stationId: string;
  fetchedAt: string;
  /** The provider did not answer: this is the last forecast it gave. */
  stale: boolean;
  days: ForecastDay[];
};

export type FollowSubject = 'station' | 'commune';

export type Follow = { subjectType: FollowSubject; subjectId: string; name: string };

export type EnvironmentReport = {
  id: string;
  title: string;
  period: 'quarterly' | 'annual';
  year: number;
  quarter: number | null;
  agencyId: string;
  agencyName: string;
  bytes: number;
  createdAt: string;
  url: string;
};

export type ReportsPage = { items: EnvironmentReport[]; nextCursor: string | null };
