import type { InStatement, InValue } from '@libsql/client';
import { cleanSeries, type Reading } from '../edge/src/environment/ingest/clean';
import { METRICS, type MetricId } from '../edge/src/environment/metrics';
import {
  DEFAULT_MODEL,
  loggedValue,
  type ModelOptions,
  STEP_SECONDS,
  truthAt,
} from '../fixtures/sensor-simulator/model';
import { GATEWAYS, type SimMetric, type SimStation } from '../fixtures/sensor-simulator/registry';
import { Gateway } from '../fixtures/sensor-simulator/sensorthings';

// Past readings of simulated stations, written straight into the database as the poll job
// would have left them (edge/src/environment/ingest): station_streams with their watermark
// and latest value, raw readings, hourly and daily rollups. `npm start` gives the demo
// stations their last weeks this way (the first poll only backfills 24 hours), and the bench
// a year of data for 200 stations (minutes of polling would otherwise be days).
//
// The values are the simulator's, cleaned by the ingest's own cleanSeries (units, −999
// dropped, spikes flagged). Rollups follow ingest/rollups.ts: hours are UTC hours, days are
// Asia/Ho_Chi_Minh days built from the hours, spikes left out, rainfall summed, the rest
// averaged. Where raw readings are not kept, hours are computed from a reading every
// `sampleMinutes` (their count scaled to 5-minute readings) and days older than the hourly
// span from one reading every `daySampleHours`: history for charts, not for accounting.

const HOUR = 3600;
const DAY = 86_400;
const VN_OFFSET = 7 * HOUR;
const vnDayStart = (t: number) => Math.floor((t + VN_OFFSET) / DAY) * DAY - VN_OFFSET;

export interface SimStream {
  station: SimStation;
  metric: SimMetric;
  /** The Datastream's @iot.id at the simulator, as stations' streams store it. */
  externalId: string;
  /** The unit the gateway reports in. */
  sourceUnit: string;
}

/** The Datastreams the simulator serves for these stations (ids and units as it answers them). */
export function simulatorStreams(stations: readonly SimStation[]): SimStream[] {
  const ctx = { model: DEFAULT_MODEL, since: 0, now: () => 0, defaultTop: 100, maxTop: 1000 };
  return GATEWAYS.flatMap((g) =>
    new Gateway(
      g,
      stations.filter((s) => s.gatewayId === g.id),
      ctx,
    ).datastreams.map((d) => ({
      station: d.thing.station,
      metric: d.metric,
      externalId: String(d.id),
      sourceUnit: d.unit.symbol,
    })),
  );
}

export interface HistorySpan {
  /** The last 5-minute slot (Unix seconds). */
  to: number;
  /** Raw readings kept for this many days back. */
  rawDays: number;
  /** Hourly rollups for this many days back. */
  hourlyDays: number;
  /** Daily rollups for this many days back. */
  dailyDays: number;
  /** Where raw readings are not kept, hours from one reading every this many minutes. */
  sampleMinutes: number;
  /** Days older than the hourly rollups from one reading every this many hours. */
  daySampleHours: number;
}

export type Rollup = [bucketStart: number, min: number, max: number, avg: number, count: number];

export interface StreamHistory {
  metric: SimMetric;
  readings: Reading[];
  hourly: Rollup[];
  daily: Rollup[];
  watermark: number | null;
  lastGood: { t: number; v: number } | null;
  dropped: number;
  spikes: number;
}

class Bucket {
  min = Infinity;
  max = -Infinity;
  total = 0;
  count = 0;
  add(v: number, weight = 1) {
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    this.total += v * weight;
    this.count += weight;
  }
  rollup(start: number, sum: boolean, scale = 1): Rollup {
    const avg = sum ? this.total * scale : this.total / this.count;
    return [start, this.min, this.max, Math.round(avg * 1e6) / 1e6, Math.round(this.count * scale)];
  }
}

/** Runs the logger's readings of `metrics` at `slots` through the ingest's cleaning. */
function cleaned(
  station: SimStation,
  metrics: readonly SimMetric[],
  slots: readonly number[],
  model: ModelOptions,
) {
  const observations = new Map<SimMetric, { time: number; value: unknown }[]>(
    metrics.map((m) => [m, []]),
  );
  for (const slot of slots) {
    const truth = truthAt(station, slot * STEP_SECONDS, model);
    for (const m of metrics) {
      const v = loggedValue(station, m, slot, model, truth);
      if (v !== null) observations.get(m)?.push({ time: slot * STEP_SECONDS, value: v });
    }
  }
  const out = new Map<SimMetric, ReturnType<typeof cleanSeries>>();
  for (const m of metrics) {
    const metric = m as MetricId;
    out.set(
      m,
      cleanSeries(
        {
          metric,
          sourceUnit: METRICS[metric].unit,
          watermark: null,
          lastGood: null,
          lastSpike: null,
        },
        observations.get(m) ?? [],
        { now: Number.POSITIVE_INFINITY, floor: 0 },
      ),
    );
  }
  return out;
}

/**
 * The same for readings that only feed rollups, faster: out-of-range values dropped, jumps
 * beyond the metric's spikeDelta within an hour left out (the ingest's rule, less its
 * "two readings agree" confirmation).
 */
function sampledGood(
  station: SimStation,
  metrics: readonly SimMetric[],
  slots: readonly number[],
  model: ModelOptions,
): Map<SimMetric, Reading[]> {
  const lists: Reading[][] = metrics.map(() => []);
  const infos = metrics.map((m) => METRICS[m as MetricId]);
  const lastT = metrics.map(() => Number.NEGATIVE_INFINITY);
  const lastV = metrics.map(() => 0);
  for (const slot of slots) {
    const t = slot * STEP_SECONDS;
    const truth = truthAt(station, t, model);
    for (let i = 0; i < metrics.length; i++) {
      const v = loggedValue(station, metrics[i] as SimMetric, slot, model, truth);
      const info = infos[i] as (typeof infos)[number];
      if (v === null || v < info.min || v > info.max) continue;
      if (
        t - (lastT[i] as number) <= HOUR &&
        Math.abs(v - (lastV[i] as number)) > info.spikeDelta
      ) {
        continue;
      }
      lastT[i] = t;
      lastV[i] = v;
      (lists[i] as Reading[]).push({ t, v, flag: 0 });
    }
  }
  const out = new Map<SimMetric, Reading[]>();
  metrics.forEach((m, i) => {
    out.set(m, lists[i] as Reading[]);
  });
  return out;
}

/** One station's history, every metric. */
export function stationHistory(
  station: SimStation,
  span: HistorySpan,
  model: ModelOptions = DEFAULT_MODEL,
): StreamHistory[] {
  const metrics = station.metrics;
  const lastSlot = Math.floor(span.to / STEP_SECONDS);
  const rawFrom = Math.floor((span.to - span.rawDays * DAY) / HOUR) * HOUR;
  const hourlyFrom = Math.floor((span.to - span.hourlyDays * DAY) / HOUR) * HOUR;
  const dailyFrom = vnDayStart(span.to - span.dailyDays * DAY) + DAY;
  const sum = (m: SimMetric) => METRICS[m as MetricId].aggregate === 'sum';

  // Raw readings, every 5 minutes.
  const rawSlots: number[] = [];
  for (let s = rawFrom / STEP_SECONDS; s <= lastSlot; s++) rawSlots.push(s);
  const raw = cleaned(station, metrics, rawSlots, model);

  // Sampled readings before that, for the hours.
  const sampleStep = (span.sampleMinutes * 60) / STEP_SECONDS;
  const sampledSlots: number[] = [];
  for (let s = hourlyFrom / STEP_SECONDS; s < rawFrom / STEP_SECONDS; s += sampleStep) {
    sampledSlots.push(s);
  }
  const sampled = sampledGood(station, metrics, sampledSlots, model);

  // Days are built from hours where every hour of the day is there; older days from one
  // reading every `daySampleHours`.
  const firstFullDay =
    vnDayStart(hourlyFrom) === hourlyFrom ? hourlyFrom : vnDayStart(hourlyFrom) + DAY;
  const hourSlots: number[] = [];
  for (
    let t = Math.min(dailyFrom, firstFullDay);
    t < firstFullDay;
    t += span.daySampleHours * HOUR
  ) {
    hourSlots.push(t / STEP_SECONDS);
  }
  const hourlySampled = sampledGood(station, metrics, hourSlots, model);

  return metrics.map((metric) => {
    const r = raw.get(metric);
    const hours = new Map<number, { bucket: Bucket; scale: number }>();
    const addHour = (rows: readonly Reading[], scale: number) => {
      for (const row of rows) {
        if (row.flag === 1) continue;
        const h = row.t - (row.t % HOUR);
        let entry = hours.get(h);
        if (!entry) {
          entry = { bucket: new Bucket(), scale };
          hours.set(h, entry);
        }
        entry.bucket.add(row.v);
      }
    };
    addHour(sampled.get(metric) ?? [], span.sampleMinutes / 5);
    addHour(r?.rows ?? [], 1);
    const hourly = [...hours.entries()]
      .filter(([h]) => h >= hourlyFrom)
      .sort((a, b) => a[0] - b[0])
      .map(([h, e]) => e.bucket.rollup(h, sum(metric), e.scale));

    // Days from the hours (as the ingest builds them), or from one reading an hour.
    const days = new Map<number, Bucket>();
    for (const [start, min, max, avg, count] of hourly) {
      const d = vnDayStart(start);
      if (d < firstFullDay || d < dailyFrom) continue;
      let b = days.get(d);
      if (!b) {
        b = new Bucket();
        days.set(d, b);
      }
      b.min = Math.min(b.min, min);
      b.max = Math.max(b.max, max);
      b.total += sum(metric) ? avg : avg * count;
      b.count += count;
    }
    const daily: Rollup[] = [];
    for (const [d, b] of days) {
      const avg = sum(metric) ? b.total : b.total / b.count;
      daily.push([d, b.min, b.max, Math.round(avg * 1e6) / 1e6, b.count]);
    }
    const older = new Map<number, Bucket>();
    for (const row of hourlySampled.get(metric) ?? []) {
      if (row.flag === 1) continue;
      const d = vnDayStart(row.t);
      if (d < dailyFrom) continue;
      let b = older.get(d);
      if (!b) {
        b = new Bucket();
        older.set(d, b);
      }
      b.add(row.v);
    }
    for (const [d, b] of older) daily.push(b.rollup(d, sum(metric), span.daySampleHours * 12));
    daily.sort((a, b) => a[0] - b[0]);
    return {
      metric,
      readings: r?.rows ?? [],
      hourly,
      daily,
      watermark: r?.watermark ?? null,
      lastGood: r?.lastGood ?? null,
      dropped: r?.dropped ?? 0,
      spikes: r?.spikes ?? 0,
    };
  });
}

// ---- writing through libSQL's HTTP API (npm start) ---------------------------------------------

interface SqlClient {
  execute(stmt: InStatement): Promise<{ rows: unknown[] }>;
  batch(statements: InStatement[], mode?: 'write'): Promise<unknown>;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * Inserts of `rows` (tuples) as one JSON text per statement, unpacked by SQLite's json_each:
 * one bound value instead of thousands keeps the HTTP protocol out of the way.
 */
function jsonInserts(
  head: string,
  headArgs: readonly InValue[],
  columns: number,
  rows: readonly (readonly unknown[])[],
  per = 5000,
): InStatement[] {
  const picks = Array.from({ length: columns }, (_, i) => `j.value ->> ${i}`).join(', ');
  const out: InStatement[] = [];
  for (let i = 0; i < rows.length; i += per) {
    out.push({
      sql: `${head}, ${picks} from json_each(?) j where true on conflict do nothing`,
      args: [...headArgs, JSON.stringify(rows.slice(i, i + per))],
    });
  }
  return out;
}

/**
 * Gives stations that have no streams yet their history (streams, readings, rollups). A
 * station already polled or seeded is left alone, so running it again changes nothing.
 * Answers how many stations it filled.
 */
export async function seedSensorHistory(
  client: SqlClient,
  stations: readonly SimStation[],
  span: HistorySpan,
  model: ModelOptions = DEFAULT_MODEL,
): Promise<{ stations: number; readings: number; rollups: number }> {
  const ids = stations.map((s) => s.id);
  const existing = await client.execute({
    sql: `select distinct station_id from station_streams where station_id in (${ids.map(() => '?').join(', ')})`,
    args: ids,
  });
  const done = new Set(existing.rows.map((r) => (r as { station_id: string }).station_id));
  const todo = stations.filter((s) => !done.has(s.id));
  const streams = simulatorStreams(todo);
  const result = { stations: todo.length, readings: 0, rollups: 0 };
  for (const station of todo) {
    const history = stationHistory(station, span, model);
    const mine = streams.filter((s) => s.station === station);
    const statements: InStatement[] = [];
    for (const h of history) {
      const stream = mine.find((s) => s.metric === h.metric);
      if (!stream) continue;
      statements.push({
        sql:
          'insert into station_streams (station_id, metric, external_id, source_unit, watermark, last_value, last_observed_at, dropped_count, spike_count) ' +
          'values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (station_id, metric) do nothing',
        args: [
          station.id,
          h.metric,
          stream.externalId,
          stream.sourceUnit,
          h.watermark === null ? null : iso(h.watermark),
          h.lastGood?.v ?? null,
          h.lastGood ? iso(h.lastGood.t) : null,
          h.dropped,
          h.spikes,
        ],
      });
      // The stream's id, found by the statement itself (it was inserted in the same batch).
      const sid = '(select id from station_streams where station_id = ? and metric = ?)';
      const sidArgs = [station.id, h.metric];
      statements.push(
        ...jsonInserts(
          `insert into readings (stream_id, observed_at, value, flag) select ${sid}`,
          sidArgs,
          3,
          h.readings.map((r) => [r.t, r.v, r.flag]),
        ),
      );
      for (const [grain, rows] of [
        ['h', h.hourly],
        ['d', h.daily],
      ] as const) {
        statements.push(
          ...jsonInserts(
            `insert into reading_rollups (stream_id, grain, bucket_start, min, max, avg, count) select ${sid}, ?`,
            [...sidArgs, grain],
            5,
            rows,
          ),
        );
      }
      result.readings += h.readings.length;
      result.rollups += h.hourly.length + h.daily.length;
    }
    // One transaction per station: it has its whole history or none.
    await client.batch(statements, 'write');
  }
  return result;
}
