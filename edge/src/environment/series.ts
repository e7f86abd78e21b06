import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { METRICS, type MetricId } from './metrics';
import { shapeThresholds, type ThresholdRow, thresholdsQuery } from './repo';
import type { SeriesAnswer, SeriesRange } from './schemas';

// A station's series for a chart: 24 hours of raw readings, 10 days of hourly rollups or 30
// days of daily rollups (Asia/Ho_Chi_Minh days). ONE round trip: the station check, the
// points and the thresholds go in one batch, and the points find their stream through the
// (station_id, metric) unique index inside the statement instead of a first trip for its id.

const HOUR = 3600;
const DAY = 86_400;
/** Vietnam is UTC+7 all year (no daylight saving time). */
const VN_OFFSET = 7 * HOUR;

export const RANGE_GRAIN = { '24h': 'raw', '10d': 'h', '30d': 'd' } as const;

/** The first instant (Unix seconds) a range shows, for a chart drawn at `nowSeconds`. */
export function rangeStart(range: SeriesRange, nowSeconds: number): number {
  if (range === '24h') return nowSeconds - DAY;
  if (range === '10d') {
    // 240 hourly buckets, the current (partial) hour last.
    return Math.floor(nowSeconds / HOUR) * HOUR - 239 * HOUR;
  }
  // 30 Vietnamese days, today (partial) last.
  const today = Math.floor((nowSeconds + VN_OFFSET) / DAY) * DAY - VN_OFFSET;
  return today - 29 * DAY;
}

interface RawRow {
  t: number;
  v: number;
  flag: number;
}

interface RollupRow {
  t: number;
  min: number;
  max: number;
  avg: number;
  count: number;
}

interface StationCheck {
  kind: string;
  streamId: number | null;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * The value a rollup bucket shows: its `avg` column, which the ingest fills with the mean,
 * or with the total for metrics that add up over a bucket (rainfall: mm in the hour or day;
 * ingest/rollups.ts).
 */
export const rollupValue = (row: { avg: number }): number => row.avg;

/**
 * The series, or `station_not_found` / `metric_not_measured` for a station that is not
 * shown (absent or disabled) or has no stream of this metric.
 */
export async function stationSeries(
  db: Db,
  q: { stationId: string; metric: MetricId; range: SeriesRange },
  nowMs = Date.now(),
): Promise<SeriesAnswer | 'station_not_found' | 'metric_not_measured'> {
  const now = Math.floor(nowMs / 1000);
  const from = rangeStart(q.range, now);
  const grain = RANGE_GRAIN[q.range];
  const stream = sql`(select id from station_streams
    where station_id = ${q.stationId} and metric = ${q.metric})`;
  const points =
    grain === 'raw'
      ? db.all<RawRow>(sql`select observed_at as t, value as v, flag
          from readings
          where stream_id = ${stream} and observed_at >= ${from} and observed_at <= ${now}
          order by observed_at`)
      : db.all<RollupRow>(sql`select bucket_start as t, min, max, avg, count
          from reading_rollups
          where stream_id = ${stream} and grain = ${grain}
            and bucket_start >= ${from} and bucket_start <= ${now}
          order by bucket_start`);
  const [check, rows, thresholds] = await db.batch([
    db.all<StationCheck>(sql`select s.kind as kind, st.id as streamId
      from stations s
      left join station_streams st on st.station_id = s.id and st.metric = ${q.metric}
      where s.id = ${q.stationId} and s.enabled = 1`),
    points,
    thresholdsQuery(db, q.stationId, q.metric),
  ]);
  const station = (check as StationCheck[])[0];
  if (!station) return 'station_not_found';
  if (station.streamId === null) return 'metric_not_measured';
  const info = METRICS[q.metric];
  return {
    stationId: q.stationId,
    metric: q.metric,
    name: info.name,
    unit: info.unit,
    decimals: info.decimals,
    aggregate: info.aggregate,
    range: q.range,
    grain,
    from: iso(from),
    to: iso(now),
    points:
      grain === 'raw'
        ? (rows as RawRow[]).map((r) =>
            r.flag ? { t: iso(r.t), v: r.v, spike: true } : { t: iso(r.t), v: r.v },
          )
        : (rows as RollupRow[]).map((r) => ({
            t: iso(r.t),
            v: rollupValue(r),
            min: r.min,
            max: r.max,
          })),
    thresholds: shapeThresholds(thresholds as ThresholdRow[]),
  };
}
