import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db';

// Hourly and daily rollups (min, max, value, count per stream and bucket), recomputed for the
// buckets new readings touched, in the same batch as the readings: an upsert from the raw
// readings for the hours, then from those hours for the days. Recomputing (not adding to) a
// bucket makes a re-poll or a retried batch change nothing.
//
// - Hours are UTC hours, which are also Vietnamese hours (UTC+7, no daylight saving).
// - Days are Asia/Ho_Chi_Minh days: a day bucket starts at 17:00 UTC the day before.
// - `avg` holds the bucket's value: the mean for most metrics, the total for metrics whose
//   aggregate is 'sum' (rainfall: mm in the hour or the day). min/max stay per reading.
// - Spikes (flag 1) are left out.
// - Days are built from hours, not raw readings, so a day stays right when part of its raw
//   readings has already gone to retention.

export const HOUR = 3600;
export const DAY = 86_400;
/** Asia/Ho_Chi_Minh is UTC+7 all year. */
export const VN_OFFSET = 7 * HOUR;

export const hourStart = (t: number) => t - (((t % HOUR) + HOUR) % HOUR);
/** Unix seconds of 00:00 Asia/Ho_Chi_Minh of the day containing `t`. */
export const vnDayStart = (t: number) => Math.floor((t + VN_OFFSET) / DAY) * DAY - VN_OFFSET;

export interface TouchedRange {
  streamIds: number[];
  /** Of the streams whose rollup value is a total (rainfall). */
  sumStreamIds: number[];
  /** Earliest and latest new reading (Unix seconds). */
  from: number;
  to: number;
}

// Constants written into the SQL, not bound: the client sends JS numbers as floats, and
// (t + 25200) / 86400 must be SQLite's integer division.
const H = sql.raw(String(HOUR));
const D = sql.raw(String(DAY));
const OFFSET = sql.raw(String(VN_OFFSET));

const idList = (ids: readonly number[]) =>
  ids.length === 0
    ? sql`(0)`
    : sql`(${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`;

/** The two upserts (hours, then days) for the buckets of `range`. */
export function rollupStatements(db: Db, range: TouchedRange) {
  const hourFrom = hourStart(range.from);
  const hourTo = hourStart(range.to) + HOUR;
  const dayFrom = vnDayStart(range.from);
  const dayTo = vnDayStart(range.to) + DAY;
  const streams = idList(range.streamIds);
  const sums = idList(range.sumStreamIds);
  const hours = db.run(sql`
    insert into reading_rollups (stream_id, grain, bucket_start, min, max, avg, count)
    select stream_id, 'h', observed_at - (observed_at % ${H}) as bucket,
           min(value), max(value),
           case when stream_id in ${sums} then sum(value) else avg(value) end,
           count(*)
    from readings
    where stream_id in ${streams} and observed_at >= ${hourFrom} and observed_at < ${hourTo}
      and flag = 0
    group by stream_id, bucket
    on conflict (stream_id, grain, bucket_start) do update set
      min = excluded.min, max = excluded.max, avg = excluded.avg, count = excluded.count`);
  const days = db.run(sql`
    insert into reading_rollups (stream_id, grain, bucket_start, min, max, avg, count)
    select stream_id, 'd', ((bucket_start + ${OFFSET}) / ${D}) * ${D} - ${OFFSET} as bucket,
           min(min), max(max),
           case when stream_id in ${sums} then sum(avg) else sum(avg * count) / sum(count) end,
           sum(count)
    from reading_rollups
    where grain = 'h' and stream_id in ${streams}
      and bucket_start >= ${dayFrom} and bucket_start < ${dayTo}
    group by stream_id, bucket
    on conflict (stream_id, grain, bucket_start) do update set
      min = excluded.min, max = excluded.max, avg = excluded.avg, count = excluded.count`);
  return [hours, days] as const;
}
