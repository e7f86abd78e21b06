import type { StationKind } from '@tinh/db/schema';
import { type SQL, sql } from 'drizzle-orm';
import { type AuditEntryInput, auditStatement } from '../audit/log';
import { auditIfChanged } from '../management/repo';
import type { Db } from '../platform/db';
import { compareVietnamese } from '../platform/text';
import { isMetricId, METRICS, type MetricId } from './metrics';
import { communeLabel, shapeThresholds, type ThresholdRow, thresholdsQuery } from './repo';
import type { GatewayAnswer, StationAdminAnswer, StationAdminDetailAnswer } from './schemas';

// Database access of the environment administration: gateways (with the health the poll job
// writes), stations, thresholds. Every change is one batch with its audit entry; updates are
// guarded by the row's updated_at, so a concurrent edit turns into a 409 instead of being
// silently overwritten.

// ---- gateways -----------------------------------------------------------------------------

export interface GatewayRow {
  id: string;
  name: string;
  protocol: 'sensorthings' | 'simple_json';
  baseUrl: string;
  authSecretName: string | null;
  pollIntervalMinutes: number;
  timeoutMs: number;
  enabled: number;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextPollAt: string | null;
  stationCount: number;
  createdAt: string;
  updatedAt: string;
}

const GATEWAY_COLUMNS = sql`g.id as id, g.name as name, g.protocol as protocol,
  g.base_url as baseUrl, g.auth_secret_name as authSecretName,
  g.poll_interval_minutes as pollIntervalMinutes, g.timeout_ms as timeoutMs,
  g.enabled as enabled, g.last_poll_at as lastPollAt, g.last_success_at as lastSuccessAt,
  g.last_error_at as lastErrorAt, g.last_error as lastError,
  g.consecutive_failures as consecutiveFailures, g.next_poll_at as nextPollAt,
  (select count(*) from stations s where s.gateway_id = g.id) as stationCount,
  g.created_at as createdAt, g.updated_at as updatedAt`;

const gatewaysQuery = (db: Db, where: SQL = sql`1 = 1`) =>
  db.all<GatewayRow>(sql`select ${GATEWAY_COLUMNS} from sensor_gateways g where ${where}`);

export function toGateway(row: GatewayRow): GatewayAnswer {
  const enabled = Boolean(row.enabled);
  // A failure newer than the last success means the gateway is failing now.
  const failing =
    row.lastErrorAt !== null && (row.lastSuccessAt === null || row.lastErrorAt > row.lastSuccessAt);
  return {
    id: row.id,
    name: row.name,
    protocol: row.protocol,
    baseUrl: row.baseUrl,
    authSecretName: row.authSecretName,
    pollIntervalMinutes: row.pollIntervalMinutes,
    timeoutMs: row.timeoutMs,
    enabled,
    stationCount: Number(row.stationCount),
    health: {
      lastPollAt: row.lastPollAt,
      lastSuccessAt: row.lastSuccessAt,
      lastErrorAt: row.lastErrorAt,
      lastError: row.lastError,
      consecutiveFailures: row.consecutiveFailures,
      nextPollAt: row.nextPollAt,
      status: !enabled ? 'disabled' : failing ? 'failing' : row.lastSuccessAt ? 'ok' : 'never',
    },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function listGateways(db: Db): Promise<GatewayAnswer[]> {
  const rows = await gatewaysQuery(db);
  return rows.sort((a, b) => compareVietnamese(a.name, b.name)).map(toGateway);
}

export async function findGateway(db: Db, id: string): Promise<GatewayRow | undefined> {
  const [row] = await gatewaysQuery(db, sql`g.id = ${id}`);
  return row;
}

export interface GatewayValues {
  name: string;
  protocol: 'sensorthings' | 'simple_json';
  baseUrl: string;
  authSecretName: string | null;
  pollIntervalMinutes: number;
  timeoutMs: number;
  enabled: boolean;
}

/** Adds a gateway unless its id is taken (undefined then); due at the next poll tick. */
export async function insertGateway(
  db: Db,
  id: string,
  v: GatewayValues,
  now: string,
  audit: AuditEntryInput,
): Promise<GatewayRow | undefined> {
  const [inserted, , rows] = await db.batch([
    db.all(sql`insert into sensor_gateways (id, name, protocol, base_url, auth_secret_name,
        poll_interval_minutes, timeout_ms, enabled, next_poll_at, created_at, updated_at)
      values (${id}, ${v.name}, ${v.protocol}, ${v.baseUrl}, ${v.authSecretName},
        ${v.pollIntervalMinutes}, ${v.timeoutMs}, ${v.enabled ? 1 : 0}, ${now}, ${now}, ${now})
      on conflict (id) do nothing returning id`),
    auditIfChanged(db, audit),
    gatewaysQuery(db, sql`g.id = ${id}`),
  ]);
  return (inserted as unknown[]).length > 0 ? (rows as GatewayRow[])[0] : undefined;
}

/**
 * Saves a gateway's settings if nobody changed it since `updatedAt`. A change of address,
 * protocol, credential or a re-enable makes it due at once with its failure count reset,
 * so the administrator sees at the next tick whether the new settings work.
 */
export async function updateGateway(
  db: Db,
  q: { id: string; updatedAt: string; values: GatewayValues; retry: boolean; now: string },
  audit: AuditEntryInput,
): Promise<{ changed: boolean; row: GatewayRow | undefined }> {
  const v = q.values;
  const [updated, , rows] = await db.batch([
    db.all(sql`update sensor_gateways set name = ${v.name}, protocol = ${v.protocol},
        base_url = ${v.baseUrl}, auth_secret_name = ${v.authSecretName},
        poll_interval_minutes = ${v.pollIntervalMinutes}, timeout_ms = ${v.timeoutMs},
        enabled = ${v.enabled ? 1 : 0}, updated_at = ${q.now}
        ${q.retry ? sql`, next_poll_at = ${q.now}, consecutive_failures = 0` : sql``}
      where id = ${q.id} and updated_at = ${q.updatedAt} returning id`),
    auditIfChanged(db, audit),
    gatewaysQuery(db, sql`g.id = ${q.id}`),
  ]);
  return { changed: (updated as unknown[]).length > 0, row: (rows as GatewayRow[])[0] };
}

/** "Poll now": due at the next tick (≤ 5 minutes), whatever its backoff. */
export async function pollGatewaySoon(db: Db, id: string, now: string, audit: AuditEntryInput) {
  const [updated, , rows] = await db.batch([
    db.all(sql`update sensor_gateways set next_poll_at = ${now}
      where id = ${id} returning id`),
    auditIfChanged(db, audit),
    gatewaysQuery(db, sql`g.id = ${id}`),
  ]);
  return (updated as unknown[]).length > 0 ? (rows as GatewayRow[])[0] : undefined;
}

/** Removes a gateway no station uses: 'deleted', 'in_use' or 'not_found'. */
export async function deleteGateway(
  db: Db,
  id: string,
  audit: AuditEntryInput,
): Promise<'deleted' | 'in_use' | 'not_found'> {
  const [deleted, , left] = await db.batch([
    db.all(sql`delete from sensor_gateways
      where id = ${id} and not exists (select 1 from stations where gateway_id = ${id})
      returning id`),
    auditIfChanged(db, audit),
    db.all<{ n: number }>(sql`select count(*) as n from sensor_gateways where id = ${id}`),
  ]);
  if ((deleted as unknown[]).length > 0) return 'deleted';
  return Number((left as { n: number }[])[0]?.n ?? 0) > 0 ? 'in_use' : 'not_found';
}

// ---- stations -----------------------------------------------------------------------------

interface StationAdminRow {
  id: string;
  name: string;
  kind: StationKind;
  lat: number;
  lng: number;
  communeId: string | null;
  communeName: string | null;
  communeKind: Parameters<typeof communeLabel>[1];
  address: string | null;
  gatewayId: string;
  gatewayName: string;
  externalId: string;
  agencyId: string | null;
  agencyName: string | null;
  enabled: number;
  streamCount: number;
  lastObservedAt: string | null;
  activeAlertLevel: number | null;
  createdAt: string;
  updatedAt: string;
}

const STATION_ADMIN_COLUMNS = sql`s.id as id, s.name as name, s.kind as kind, s.lat as lat,
  s.lng as lng, s.commune_id as communeId, u.name as communeName, u.kind as communeKind,
  s.address as address, s.gateway_id as gatewayId, g.name as gatewayName,
  s.external_id as externalId, s.agency_id as agencyId, a.name as agencyName,
  s.enabled as enabled,
  (select count(*) from station_streams st where st.station_id = s.id) as streamCount,
  (select max(st.last_observed_at) from station_streams st where st.station_id = s.id)
    as lastObservedAt,
  (select max(al.level) from station_alerts al
    where al.station_id = s.id and al.status = 'active') as activeAlertLevel,
  s.created_at as createdAt, s.updated_at as updatedAt`;

const stationsAdminQuery = (db: Db, where: SQL) =>
  db.all<StationAdminRow>(sql`select ${STATION_ADMIN_COLUMNS}
    from stations s
    join sensor_gateways g on g.id = s.gateway_id
    left join admin_units u on u.id = s.commune_id
    left join agencies a on a.id = s.agency_id
    where ${where}`);

function toStationAdmin(row: StationAdminRow): StationAdminAnswer {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    lat: row.lat,
    lng: row.lng,
    communeId: row.communeId,
    communeName: communeLabel(row.communeName, row.communeKind),
    address: row.address,
    gatewayId: row.gatewayId,
    gatewayName: row.gatewayName,
    externalId: row.externalId,
    agencyId: row.agencyId,
    agencyName: row.agencyName,
    enabled: Boolean(row.enabled),
    streamCount: Number(row.streamCount),
    lastObservedAt: row.lastObservedAt,
    activeAlertLevel: row.activeAlertLevel,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function listStationsAdmin(
  db: Db,
  q: { kind?: StationKind; gatewayId?: string },
): Promise<StationAdminAnswer[]> {
  const rows = await stationsAdminQuery(
    db,
    sql`1 = 1 ${q.kind ? sql`and s.kind = ${q.kind}` : sql``}
      ${q.gatewayId ? sql`and s.gateway_id = ${q.gatewayId}` : sql``}`,
  );
  return rows.sort((a, b) => compareVietnamese(a.name, b.name)).map(toStationAdmin);
}

interface StreamRow {
  id: number;
  metric: string;
  externalId: string;
  sourceUnit: string;
  watermark: string | null;
  lastValue: number | null;
  lastObservedAt: string | null;
  droppedCount: number;
  spikeCount: number;
}

const streamsQuery = (db: Db, stationId: string) =>
  db.all<StreamRow>(sql`select id, metric, external_id as externalId, source_unit as sourceUnit,
      watermark, last_value as lastValue, last_observed_at as lastObservedAt,
      dropped_count as droppedCount, spike_count as spikeCount
    from station_streams where station_id = ${stationId} order by id`);

function shapeDetail(
  station: StationAdminRow,
  streams: StreamRow[],
  thresholds: ThresholdRow[],
): StationAdminDetailAnswer {
  return {
    ...toStationAdmin(station),
    streams: streams.map((st) => {
      const info = isMetricId(st.metric) ? METRICS[st.metric] : null;
      return {
        ...st,
        name: info?.name ?? st.metric,
        unit: info?.unit ?? st.sourceUnit,
      };
    }),
    thresholds: shapeThresholds(thresholds),
  };
}

/** One station with its streams (ingest health) and thresholds: one round trip. */
export async function findStationAdmin(
  db: Db,
  id: string,
): Promise<{ detail: StationAdminDetailAnswer; row: StationAdminRow } | undefined> {
  const [stations, streams, thresholds] = await db.batch([
    stationsAdminQuery(db, sql`s.id = ${id}`),
    streamsQuery(db, id),
    thresholdsQuery(db, id),
  ]);
  const row = (stations as StationAdminRow[])[0];
  if (!row) return undefined;
  return {
    row,
    detail: shapeDetail(row, streams as StreamRow[], thresholds as ThresholdRow[]),
  };
}

/** What saving a station must check, in one round trip. */
export async function loadStationRefs(
  db: Db,
  q: {
    id: string;
    gatewayId: string;
    externalId: string;
    communeId: string | null;
    agencyId: string | null;
  },
) {
  const [gateway, commune, agency, sameExternal] = await db.batch([
    db.all<{ id: string }>(sql`select id from sensor_gateways where id = ${q.gatewayId}`),
    db.all<{ id: string }>(sql`select id from admin_units
      where id = ${q.communeId ?? ''} and level = 'commune'`),
    db.all<{ id: string }>(sql`select id from agencies where id = ${q.agencyId ?? ''}`),
    db.all<{ id: string }>(sql`select id from stations
      where gateway_id = ${q.gatewayId} and external_id = ${q.externalId} and id <> ${q.id}`),
  ]);
  return {
    gateway: (gateway as unknown[]).length > 0,
    commune: q.communeId === null || (commune as unknown[]).length > 0,
    agency: q.agencyId === null || (agency as unknown[]).length > 0,
    externalTakenBy: (sameExternal as { id: string }[])[0]?.id ?? null,
  };
}

export interface StationValues {
  name: string;
  kind: StationKind;
  lat: number;
  lng: number;
  communeId: string | null;
  address: string | null;
  gatewayId: string;
  externalId: string;
  agencyId: string | null;
  enabled: boolean;
}

/** Adds a station unless its id is taken (undefined then). */
export async function insertStation(
  db: Db,
  id: string,
  v: StationValues,
  now: string,
  audit: AuditEntryInput,
) {
  const [inserted, , stations, streams, thresholds] = await db.batch([
    db.all(sql`insert into stations (id, name, kind, lat, lng, commune_id, address, gateway_id,
        external_id, agency_id, enabled, created_at, updated_at)
      values (${id}, ${v.name}, ${v.kind}, ${v.lat}, ${v.lng}, ${v.communeId}, ${v.address},
        ${v.gatewayId}, ${v.externalId}, ${v.agencyId}, ${v.enabled ? 1 : 0}, ${now}, ${now})
      on conflict (id) do nothing returning id`),
    auditIfChanged(db, audit),
    stationsAdminQuery(db, sql`s.id = ${id}`),
    streamsQuery(db, id),
    thresholdsQuery(db, id),
  ]);
  const row = (stations as StationAdminRow[])[0];
  if ((inserted as unknown[]).length === 0 || !row) return undefined;
  return shapeDetail(row, streams as StreamRow[], thresholds as ThresholdRow[]);
}

/** Saves a station if nobody changed it since `updatedAt`. */
export async function updateStation(
  db: Db,
  q: { id: string; updatedAt: string; values: StationValues; now: string },
  audit: AuditEntryInput,
) {
  const v = q.values;
  const [updated, , stations, streams, thresholds] = await db.batch([
    db.all(sql`update stations set name = ${v.name}, kind = ${v.kind}, lat = ${v.lat},
        lng = ${v.lng}, commune_id = ${v.communeId}, address = ${v.address},
        gateway_id = ${v.gatewayId}, external_id = ${v.externalId}, agency_id = ${v.agencyId},
        enabled = ${v.enabled ? 1 : 0}, updated_at = ${q.now}
      where id = ${q.id} and updated_at = ${q.updatedAt} returning id`),
    auditIfChanged(db, audit),
    stationsAdminQuery(db, sql`s.id = ${q.id}`),
    streamsQuery(db, q.id),
    thresholdsQuery(db, q.id),
  ]);
  const row = (stations as StationAdminRow[])[0];
  return {
    changed: (updated as unknown[]).length > 0,
    detail: row
      ? shapeDetail(row, streams as StreamRow[], thresholds as ThresholdRow[])
      : undefined,
  };
}

/**
 * Removes a station with everything measured there (streams, readings, rollups,
 * thresholds, alerts and forecast go by the foreign keys' ON DELETE CASCADE) and who
 * followed it. Answers whether there was one.
 */
export async function deleteStation(db: Db, id: string, audit: AuditEntryInput) {
  const [, deleted] = await db.batch([
    db.run(sql`delete from environment_follows
      where subject_type = 'station' and subject_id = ${id}`),
    db.all(sql`delete from stations where id = ${id} returning id`),
    auditIfChanged(db, audit),
  ]);
  return (deleted as unknown[]).length > 0;
}

// ---- thresholds ---------------------------------------------------------------------------

/** The station's kind and whether it has a stream of `metric`, for a thresholds edit. */
export async function loadThresholdTarget(db: Db, stationId: string, metric: MetricId) {
  const [station, stream, current] = await db.batch([
    db.all<{ kind: StationKind }>(sql`select kind from stations where id = ${stationId}`),
    db.all<{ id: number }>(sql`select id from station_streams
      where station_id = ${stationId} and metric = ${metric}`),
    thresholdsQuery(db, stationId, metric),
  ]);
  return {
    kind: (station as { kind: StationKind }[])[0]?.kind,
    hasStream: (stream as unknown[]).length > 0,
    current: shapeThresholds(current as ThresholdRow[]),
  };
}

/** Replaces a metric's levels (none: the metric raises no alerts), with the audit entry. */
export async function replaceThresholds(
  db: Db,
  q: {
    stationId: string;
    metric: MetricId;
    direction: 'above' | 'below';
    levels: { value: number; label: string }[];
    now: string;
  },
  audit: AuditEntryInput,
) {
  const [, ...rest] = await db.batch([
    db.run(sql`delete from station_thresholds
      where station_id = ${q.stationId} and metric = ${q.metric}`),
    ...q.levels.map((l, i) =>
      db.run(sql`insert into station_thresholds
          (station_id, metric, level, value, direction, label, updated_at)
        values (${q.stationId}, ${q.metric}, ${i + 1}, ${l.value}, ${q.direction}, ${l.label},
          ${q.now})`),
    ),
    auditStatement(db, audit),
    thresholdsQuery(db, q.stationId, q.metric),
  ]);
  return shapeThresholds(rest[rest.length - 1] as ThresholdRow[]);
}
