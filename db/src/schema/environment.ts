import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { adminUnits } from './admin-units';
import { agencies } from './agencies';
import { createdAt, updatedAt } from './columns';

// Weather and environment monitoring (issue 6). Gateways are the vendors' servers the cron
// polls; stations are the places measured; a stream is one metric of one station (a
// SensorThings Datastream), carrying the polling watermark and the latest value.
//
// Readings and rollups break the "times as ISO text" convention on purpose: they are the
// largest tables of the product (a reading every 5 minutes per metric per station), so they
// key on the stream's integer id and Unix seconds, in WITHOUT ROWID tables (migration 0007):
// about a third of the bytes of text keys. The API still answers ISO 8601.

export const GATEWAY_PROTOCOLS = ['sensorthings', 'simple_json'] as const;
export type GatewayProtocol = (typeof GATEWAY_PROTOCOLS)[number];

export const sensorGateways = sqliteTable('sensor_gateways', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  protocol: text('protocol', { enum: GATEWAY_PROTOCOLS }).notNull(),
  /** SensorThings: the service root (…/v1.1); simple JSON: the base of its documented paths. */
  baseUrl: text('base_url').notNull(),
  /**
   * Name of the Worker secret holding the gateway's credential (sent as `Authorization`), never
   * the credential itself. Null: no authentication.
   */
  authSecretName: text('auth_secret_name'),
  pollIntervalMinutes: integer('poll_interval_minutes').notNull().default(5),
  timeoutMs: integer('timeout_ms').notNull().default(10000),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  // Health, written by the poll job and shown in the admin.
  lastPollAt: text('last_poll_at'),
  lastSuccessAt: text('last_success_at'),
  lastErrorAt: text('last_error_at'),
  lastError: text('last_error'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  /** Not polled before this time: the interval, or the backoff after failures. */
  nextPollAt: text('next_poll_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const STATION_KINDS = ['weather', 'water', 'air'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

export const stations = sqliteTable(
  'stations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: STATION_KINDS }).notNull(),
    lat: real('lat').notNull(),
    lng: real('lng').notNull(),
    communeId: text('commune_id').references(() => adminUnits.id),
    /** Where the station is, as people say it ("Cống Xẻo Chít, kênh Xà No"). */
    address: text('address'),
    gatewayId: text('gateway_id')
      .notNull()
      .references(() => sensorGateways.id),
    /** The station's id at its gateway: a SensorThings Thing's @iot.id, a simple-JSON station id. */
    externalId: text('external_id').notNull(),
    /** The agency that runs it (shown to citizens; uploads its reports). */
    agencyId: text('agency_id').references(() => agencies.id),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('stations_gateway_external_uq').on(t.gatewayId, t.externalId),
    index('stations_kind_idx').on(t.kind, t.id),
  ],
);

// One metric of one station. `metric` is an id of edge/src/environment/metrics.ts.
export const stationStreams = sqliteTable(
  'station_streams',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    stationId: text('station_id')
      .notNull()
      .references(() => stations.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull(),
    /** The stream's id at the gateway: a SensorThings Datastream's @iot.id; simple JSON: the metric key. */
    externalId: text('external_id').notNull(),
    /** The unit the gateway reports in (converted to the metric's unit on ingest). */
    sourceUnit: text('source_unit').notNull(),
    /** Latest phenomenon time stored: the next poll asks only for newer observations. */
    watermark: text('watermark'),
    lastValue: real('last_value'),
    lastObservedAt: text('last_observed_at'),
    /** Impossible values dropped and spikes flagged, since the stream was created. */
    droppedCount: integer('dropped_count').notNull().default(0),
    spikeCount: integer('spike_count').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('station_streams_station_metric_uq').on(t.stationId, t.metric)],
);

/** Raw readings, kept READINGS_RETENTION_DAYS (35) days. Flag 1: a spike (kept, marked). */
export const readings = sqliteTable(
  'readings',
  {
    streamId: integer('stream_id')
      .notNull()
      .references(() => stationStreams.id, { onDelete: 'cascade' }),
    /** Unix seconds (UTC). */
    observedAt: integer('observed_at').notNull(),
    value: real('value').notNull(),
    flag: integer('flag').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.streamId, t.observedAt] })],
);

/** 'h': the hour starting at `bucket_start`; 'd': the Asia/Ho_Chi_Minh day starting there. */
export const ROLLUP_GRAINS = ['h', 'd'] as const;

export const readingRollups = sqliteTable(
  'reading_rollups',
  {
    streamId: integer('stream_id')
      .notNull()
      .references(() => stationStreams.id, { onDelete: 'cascade' }),
    grain: text('grain', { enum: ROLLUP_GRAINS }).notNull(),
    /** Unix seconds (UTC) of the bucket's start. */
    bucketStart: integer('bucket_start').notNull(),
    min: real('min').notNull(),
    max: real('max').notNull(),
    avg: real('avg').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.streamId, t.grain, t.bucketStart] })],
);

export const THRESHOLD_DIRECTIONS = ['above', 'below'] as const;

// Alert levels of one metric at one station (e.g. salinity 1, 2, 4 ‰ for rice: levels 1–3).
export const stationThresholds = sqliteTable(
  'station_thresholds',
  {
    stationId: text('station_id')
      .notNull()
      .references(() => stations.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull(),
    level: integer('level').notNull(),
    value: real('value').notNull(),
    direction: text('direction', { enum: THRESHOLD_DIRECTIONS }).notNull().default('above'),
    /** What the level means to people ("Lúa bị ảnh hưởng"). */
    label: text('label').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.stationId, t.metric, t.level] })],
);

export const STATION_ALERT_STATUSES = ['active', 'cleared'] as const;

// Hysteresis: one active alert per station and metric, raised when a reading crosses a
// threshold, raised in level as it climbs, cleared when the value is back below level 1.
export const stationAlerts = sqliteTable(
  'station_alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    stationId: text('station_id')
      .notNull()
      .references(() => stations.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull(),
    level: integer('level').notNull(),
    status: text('status', { enum: STATION_ALERT_STATUSES }).notNull().default('active'),
    /** The reading that raised it, and the worst since. */
    raisedValue: real('raised_value').notNull(),
    peakValue: real('peak_value').notNull(),
    raisedAt: text('raised_at').notNull(),
    clearedAt: text('cleared_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('station_alerts_active_uq').on(t.stationId, t.metric).where(sql`status = 'active'`),
    index('station_alerts_station_idx').on(t.stationId, t.id),
  ],
);

export const FOLLOW_SUBJECTS = ['station', 'commune'] as const;
export const FOLLOWER_TYPES = ['user', 'device'] as const;

// Citizens who want a station's or a commune's alerts (in-app; Zalo OA when signed in).
export const environmentFollows = sqliteTable(
  'environment_follows',
  {
    subjectType: text('subject_type', { enum: FOLLOW_SUBJECTS }).notNull(),
    subjectId: text('subject_id').notNull(),
    followerType: text('follower_type', { enum: FOLLOWER_TYPES }).notNull(),
    /** users.id, or the SHA-256 of the device id. */
    followerId: text('follower_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.subjectType, t.subjectId, t.followerType, t.followerId] }),
    index('environment_follows_follower_idx').on(t.followerType, t.followerId),
  ],
);

// 5-day forecast per weather station, refreshed by cron from the forecast provider.
export const weatherForecasts = sqliteTable('weather_forecasts', {
  stationId: text('station_id')
    .primaryKey()
    .references(() => stations.id, { onDelete: 'cascade' }),
  /** JSON: the days as the API answers them. */
  payload: text('payload').notNull(),
  fetchedAt: text('fetched_at').notNull(),
});

export const ENVIRONMENT_REPORT_PERIODS = ['quarterly', 'annual'] as const;

// Agencies' quarterly and annual environment reports: PDF files in R2.
export const environmentReports = sqliteTable(
  'environment_reports',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    title: text('title').notNull(),
    period: text('period', { enum: ENVIRONMENT_REPORT_PERIODS }).notNull(),
    year: integer('year').notNull(),
    /** 1–4 for quarterly reports; null for annual ones. */
    quarter: integer('quarter'),
    r2Key: text('r2_key').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('environment_reports_year_idx').on(t.year, t.createdAt)],
);

export type SensorGateway = typeof sensorGateways.$inferSelect;
export type Station = typeof stations.$inferSelect;
export type StationStream = typeof stationStreams.$inferSelect;
