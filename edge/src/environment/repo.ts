import type { StationKind } from '@tinh/db/schema';
import { type SQL, sql } from 'drizzle-orm';
import { fullName, type KIND_LABELS } from '../catalog/admin-units';
import type { Db } from '../platform/db';
import { compareVietnamese } from '../platform/text';
import { isMetricId, METRIC_IDS, METRICS, type MetricId } from './metrics';
import type { StationAnswer, StationDetailAnswer, ThresholdAnswer } from './schemas';

// Reads of the public station API: the list with every station's latest values and worst
// active alert, one station with its thresholds and recent alerts, and the public alert
// list. Each is ONE database round trip (a batch of plain selects, sent as one Hrana
// pipeline): the mini app opens on weak 3G, where every extra trip is felt.

/** How far back a station page and the alert list look for cleared alerts. */
export const RECENT_ALERT_DAYS = 30;

export interface StationRow {
  id: string;
  name: string;
  kind: StationKind;
  lat: number;
  lng: number;
  communeId: string | null;
  communeName: string | null;
  communeKind: keyof typeof KIND_LABELS | null;
  address: string | null;
  agencyName: string | null;
}

interface LatestRow {
  stationId: string;
  metric: string;
  value: number;
  observedAt: string;
}

interface ActiveAlertRow {
  stationId: string;
  metric: string;
  level: number;
  peakValue: number;
  raisedAt: string;
  label: string | null;
}

export interface ThresholdRow {
  stationId: string;
  metric: string;
  level: number;
  value: number;
  direction: 'above' | 'below';
  label: string;
}

interface AlertRow {
  id: number;
  stationId: string;
  metric: string;
  level: number;
  status: 'active' | 'cleared';
  raisedValue: number;
  peakValue: number;
  raisedAt: string;
  clearedAt: string | null;
  label: string | null;
}

/** "Phường Vị Thanh", or null for a station placed in no commune. */
export function communeLabel(name: string | null, kind: keyof typeof KIND_LABELS | null) {
  return name && kind ? fullName({ name, kind, level: 'commune' }) : name;
}

const metricOrder = (m: string) => METRIC_IDS.indexOf(m as MetricId);

const STATION_COLUMNS = sql`s.id as id, s.name as name, s.kind as kind, s.lat as lat, s.lng as lng,
  s.commune_id as communeId, u.name as communeName, u.kind as communeKind,
  s.address as address, a.name as agencyName`;

const STATION_JOINS = sql`left join admin_units u on u.id = s.commune_id
  left join agencies a on a.id = s.agency_id`;

const kindFilter = (kind: StationKind | undefined): SQL =>
  kind ? sql`s.enabled = 1 and s.kind = ${kind}` : sql`s.enabled = 1`;

// Statements shared by the list and the one-station read; `where` selects the stations.
const latestQuery = (db: Db, where: SQL) =>
  db.all<LatestRow>(sql`select st.station_id as stationId, st.metric as metric,
      st.last_value as value, st.last_observed_at as observedAt
    from station_streams st join stations s on s.id = st.station_id
    where ${where} and st.last_value is not null and st.last_observed_at is not null`);

const activeAlertsQuery = (db: Db, where: SQL) =>
  db.all<ActiveAlertRow>(sql`select al.station_id as stationId, al.metric as metric,
      al.level as level, al.peak_value as peakValue, al.raised_at as raisedAt, th.label as label
    from station_alerts al join stations s on s.id = al.station_id
    left join station_thresholds th
      on th.station_id = al.station_id and th.metric = al.metric and th.level = al.level
    where ${where} and al.status = 'active'`);

function shapeStation(
  row: StationRow,
  latest: LatestRow[],
  alerts: ActiveAlertRow[],
): StationAnswer {
  const levelOf = new Map(alerts.map((a) => [a.metric, a.level]));
  const worst = alerts
    .filter((a) => isMetricId(a.metric))
    .sort((a, b) => b.level - a.level || b.raisedAt.localeCompare(a.raisedAt))[0];
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    lat: row.lat,
    lng: row.lng,
    communeId: row.communeId,
    communeName: communeLabel(row.communeName, row.communeKind),
    address: row.address,
    agencyName: row.agencyName,
    latest: latest
      .filter((l): l is LatestRow & { metric: MetricId } => isMetricId(l.metric))
      .sort((a, b) => metricOrder(a.metric) - metricOrder(b.metric))
      .map((l) => ({
        metric: l.metric,
        name: METRICS[l.metric].name,
        unit: METRICS[l.metric].unit,
        decimals: METRICS[l.metric].decimals,
        value: l.value,
        observedAt: l.observedAt,
        alertLevel: levelOf.get(l.metric) ?? null,
      })),
    alert: worst
      ? {
          metric: worst.metric as MetricId,
          level: worst.level,
          label: worst.label ?? `Cảnh báo mức ${worst.level}`,
          value: worst.peakValue,
          raisedAt: worst.raisedAt,
        }
      : null,
  };
}

function groupBy<T extends { stationId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.stationId);
    if (list) list.push(row);
    else map.set(row.stationId, [row]);
  }
  return map;
}

/** Enabled stations (of one kind), each with its latest values and worst active alert. */
export async function listStations(db: Db, kind: StationKind | undefined) {
  const where = kindFilter(kind);
  const [stations, latest, alerts] = await db.batch([
    db.all<StationRow>(sql`select ${STATION_COLUMNS} from stations s ${STATION_JOINS}
      where ${where}`),
    latestQuery(db, where),
    activeAlertsQuery(db, where),
  ]);
  const latestBy = groupBy(latest as LatestRow[]);
  const alertsBy = groupBy(alerts as ActiveAlertRow[]);
  return (stations as StationRow[])
    .sort((a, b) => compareVietnamese(a.name, b.name))
    .map((s) => shapeStation(s, latestBy.get(s.id) ?? [], alertsBy.get(s.id) ?? []));
}

const toThreshold = (t: ThresholdRow): ThresholdAnswer => ({
  metric: t.metric as MetricId,
  level: t.level,
  value: t.value,
  direction: t.direction,
  label: t.label,
});

export const thresholdsQuery = (db: Db, stationId: string, metric?: MetricId) =>
  db.all<ThresholdRow>(sql`select station_id as stationId, metric, level, value, direction, label
    from station_thresholds
    where station_id = ${stationId} ${metric ? sql`and metric = ${metric}` : sql``}
    order by metric, level`);

export function shapeThresholds(rows: ThresholdRow[]): ThresholdAnswer[] {
  return rows
    .filter((t) => isMetricId(t.metric))
    .sort((a, b) => metricOrder(a.metric) - metricOrder(b.metric) || a.level - b.level)
    .map(toThreshold);
}

/** One enabled station with thresholds and its alerts (active, and of the last 30 days). */
export async function findStation(
  db: Db,
  id: string,
  now = Date.now(),
): Promise<StationDetailAnswer | null> {
  const where = sql`s.enabled = 1 and s.id = ${id}`;
  const since = new Date(now - RECENT_ALERT_DAYS * 86_400_000).toISOString();
  const [stations, latest, active, thresholds, alerts] = await db.batch([
    db.all<StationRow>(sql`select ${STATION_COLUMNS} from stations s ${STATION_JOINS}
      where ${where}`),
    latestQuery(db, where),
    activeAlertsQuery(db, where),
    thresholdsQuery(db, id),
    db.all<AlertRow>(sql`select al.id as id, al.station_id as stationId, al.metric as metric,
        al.level as level, al.status as status, al.raised_value as raisedValue,
        al.peak_value as peakValue, al.raised_at as raisedAt, al.cleared_at as clearedAt,
        th.label as label
      from station_alerts al
      left join station_thresholds th
        on th.station_id = al.station_id and th.metric = al.metric and th.level = al.level
      where al.station_id = ${id}
        and (al.status = 'active' or al.raised_at >= ${since} or al.cleared_at >= ${since})
      order by al.raised_at desc, al.id desc limit 100`),
  ]);
  const row = (stations as StationRow[])[0];
  if (!row) return null;
  return {
    ...shapeStation(row, latest as LatestRow[], active as ActiveAlertRow[]),
    thresholds: shapeThresholds(thresholds as ThresholdRow[]),
    alerts: (alerts as AlertRow[])
      .filter((a) => isMetricId(a.metric))
      .map((a) => ({
        id: a.id,
        metric: a.metric as MetricId,
        level: a.level,
        label: a.label,
        status: a.status,
        raisedValue: a.raisedValue,
        peakValue: a.peakValue,
        raisedAt: a.raisedAt,
        clearedAt: a.clearedAt,
      })),
  };
}

// ---- public alert list --------------------------------------------------------------------

interface PublicAlertRow extends AlertRow {
  stationName: string;
  stationKind: StationKind;
  communeId: string | null;
  communeName: string | null;
  communeKind: keyof typeof KIND_LABELS | null;
}

/** Recent alerts (active, or raised or cleared in the last 30 days), newest first. */
export async function listAlerts(
  db: Db,
  q: { stationId?: string; communeId?: string; active: boolean; limit: number },
  now = Date.now(),
) {
  const since = new Date(now - RECENT_ALERT_DAYS * 86_400_000).toISOString();
  const rows = await db.all<PublicAlertRow>(sql`select al.id as id, al.station_id as stationId,
      al.metric as metric, al.level as level, al.status as status,
      al.raised_value as raisedValue, al.peak_value as peakValue,
      al.raised_at as raisedAt, al.cleared_at as clearedAt, th.label as label,
      s.name as stationName, s.kind as stationKind, s.commune_id as communeId,
      u.name as communeName, u.kind as communeKind
    from station_alerts al
    join stations s on s.id = al.station_id
    left join admin_units u on u.id = s.commune_id
    left join station_thresholds th
      on th.station_id = al.station_id and th.metric = al.metric and th.level = al.level
    where s.enabled = 1
      ${q.stationId ? sql`and al.station_id = ${q.stationId}` : sql``}
      ${q.communeId ? sql`and s.commune_id = ${q.communeId}` : sql``}
      and ${
        q.active
          ? sql`al.status = 'active'`
          : sql`(al.status = 'active' or al.raised_at >= ${since} or al.cleared_at >= ${since})`
      }
    order by al.raised_at desc, al.id desc limit ${q.limit}`);
  return rows
    .filter((a): a is PublicAlertRow & { metric: MetricId } => isMetricId(a.metric))
    .map((a) => ({
      id: a.id,
      metric: a.metric,
      name: METRICS[a.metric].name,
      unit: METRICS[a.metric].unit,
      level: a.level,
      label: a.label,
      status: a.status,
      raisedValue: a.raisedValue,
      peakValue: a.peakValue,
      raisedAt: a.raisedAt,
      clearedAt: a.clearedAt,
      stationId: a.stationId,
      stationName: a.stationName,
      stationKind: a.stationKind,
      communeId: a.communeId,
      communeName: communeLabel(a.communeName, a.communeKind),
    }));
}
