import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient } from '@libsql/client';
import autocannon from 'autocannon';
import Database from 'libsql';
import { runPollTick } from '../edge/src/environment/ingest/poll';
import { createDb } from '../edge/src/platform/db';
import type { Env } from '../edge/src/platform/env';
import { type SimStation, simulatedStations } from '../fixtures/sensor-simulator/registry';
import { seedDemoStations } from '../scripts/demo-stations';
import { stationHistory } from '../scripts/sensor-history';
import { startStack } from '../scripts/stack';

// Scenario `sensors` of `npm run bench` (also `node --import tsx bench/sensors.ts` alone, on
// its own ports): the weather and environment ingest at the size of a province.
//
// 1. The poll tick over SENSOR_STATIONS (200) stations of the simulator (a child process on
//    loopback, SensorThings, four gateways): the first tick (every Datastream discovered,
//    24 hours backfilled) and steady ticks (one new observation per stream: before each, the
//    last reading of every stream is taken back, so the tick does a real tick's work at the
//    real time). The tick's code (edge/src/environment/ingest/poll.ts) runs in this Node
//    process against the stack's libSQL server: wall time, and CPU time as process.cpuUsage
//    (user + system: V8 like workerd, plus Node's HTTP client and JSON; the simulator and the
//    database are other processes and not counted). Then one steady tick inside workerd
//    through wrangler's /__scheduled (the whole 5-minute cron), wall time and the job's own
//    duration from cron_runs. Workerd in `wrangler dev` reports no CPU time.
// 2. A year of data: 35 days of raw readings, a year of hourly and daily rollups for every
//    stream, written straight into the database file (the ingest's own cleaning; see
//    scripts/sensor-history.ts), then GET /api/v1/stations/{id}/series for 24h, 10d and 30d,
//    rotating over every station and metric: p50/p99 under load (autocannon) and one request
//    at a time, database round trips per request, the 30-day query's plan.
// 3. Bytes: SQLite's dbstat of readings and reading_rollups, per row and per station per day.

export const SENSOR_STATIONS = Number(process.env.BENCH_SENSOR_STATIONS ?? 200);
/** Days of hourly and daily rollups seeded (raw readings: 35 days). */
export const SENSOR_HISTORY_DAYS = Number(process.env.BENCH_SENSOR_DAYS ?? 365);
const RAW_DAYS = 35;

export interface SensorBenchOptions {
  dbUrl: string;
  apiUrl: string;
  /** The stack's database file (history is written straight into it). */
  dbFile: string;
  simulatorUrl: string;
  seconds: number;
  connections: number;
}

interface TickRow {
  label: string;
  wallMs: number;
  cpuMs: number | null;
  gatewayCalls: number;
  dbTrips: number;
  stations: number;
  stored: number;
  dropped: number;
  spikes: number;
  failed: number;
}

const pad = (v: string | number, n: number) => String(v).padStart(n);

export async function benchSensors(o: SensorBenchOptions): Promise<void> {
  const pipelines = async () =>
    ((await (await fetch(`${o.dbUrl}/health`)).json()) as { pipelines: number }).pipelines;
  const simRequests = async () =>
    ((await (await fetch(`${o.simulatorUrl}/health`)).json()) as { requests: number }).requests;
  let client = createClient({ url: o.dbUrl });
  const stations = simulatedStations(SENSOR_STATIONS);
  const env = { LIBSQL_URL: o.dbUrl, LOG_LEVEL: 'error' } as unknown as Env;
  const db = createDb(env);

  try {
    await seedDemoStations(client, { simulatorUrl: o.simulatorUrl, stations, history: false });
    const kinds = ['weather', 'water', 'air'].map(
      (k) => `${stations.filter((s) => s.kind === k).length} ${k}`,
    );
    console.log(
      `\nSensors: ${stations.length} stations (${kinds.join(', ')}) on 4 simulated SensorThings gateways`,
    );

    // ---- 1. poll ticks -------------------------------------------------------------------
    const ticks: TickRow[] = [];
    const nodeTick = async (label: string, discover: boolean) => {
      const [p0, s0] = [await pipelines(), await simRequests()];
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await runPollTick(db, env, { discover });
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      const [p1, s1] = [await pipelines(), await simRequests()];
      ticks.push({
        label,
        wallMs,
        cpuMs: (cpu.user + cpu.system) / 1000,
        gatewayCalls: s1 - s0,
        dbTrips: p1 - p0,
        stations: r.stations,
        stored: r.stored,
        dropped: r.dropped,
        spikes: r.spikes,
        failed: r.failed,
      });
    };
    // Takes back each stream's latest published reading: the next tick fetches it again, as
    // a tick five minutes later fetches the reading of those five minutes.
    const rewind = async () => {
      const cut = (Math.floor((Date.now() / 1000 - 20) / 300) - 1) * 300;
      await client.batch(
        [
          { sql: 'delete from readings where observed_at > ?', args: [cut] },
          {
            sql: "update station_streams set watermark = strftime('%Y-%m-%dT%H:%M:%fZ', ?, 'unixepoch') where watermark > strftime('%Y-%m-%dT%H:%M:%fZ', ?, 'unixepoch')",
            args: [cut, cut],
          },
          'update sensor_gateways set next_poll_at = null',
        ],
        'write',
      );
    };

    await nodeTick('first tick: discovery + 24 h backfill', true);
    for (let i = 1; i <= 3; i++) {
      await rewind();
      await nodeTick(`steady tick ${i}: 1 new reading per stream`, false);
    }
    await rewind();
    await nodeTick('steady tick with the hourly discovery', true);

    // The same tick inside workerd (wrangler dev), through the real cron entry point.
    await rewind();
    const [p0, s0] = [await pipelines(), await simRequests()];
    const at = Date.now();
    const t0 = performance.now();
    const res = await fetch(
      `${o.apiUrl}/__scheduled?cron=${encodeURIComponent('*/5 * * * *')}&time=${at}`,
    );
    await res.arrayBuffer();
    // The jobs run in waitUntil, after the answer: wait for the poll job's run to finish.
    let detail: Record<string, number> = {};
    for (const deadline = Date.now() + 5 * 60_000; Date.now() < deadline; ) {
      const run = await client.execute(
        "select status, detail, scheduled_at from cron_runs where job = 'environment-poll' order by id desc limit 1",
      );
      const row = run.rows[0];
      // The run's scheduled time is the moment workerd started it, a few ms after `at`.
      if (
        row &&
        Math.abs(Date.parse(String(row.scheduled_at)) - at) < 5000 &&
        row.status !== 'running'
      ) {
        detail = JSON.parse(String(row.detail ?? '{}')) as Record<string, number>;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const wallMs = performance.now() - t0;
    const [p1, s1] = [await pipelines(), await simRequests()];
    ticks.push({
      label: `workerd, all */5 jobs (poll job: ${detail.durationMs ?? '?'} ms)`,
      wallMs,
      cpuMs: null,
      gatewayCalls: s1 - s0,
      dbTrips: p1 - p0,
      stations: detail.stations ?? 0,
      stored: detail.stored ?? 0,
      dropped: detail.dropped ?? 0,
      spikes: detail.spikes ?? 0,
      failed: detail.failed ?? 0,
    });

    console.log(
      `\nPoll tick, ${stations.length} stations (CPU: this Node process, see bench/sensors.ts)`,
    );
    console.log(
      [
        'tick'.padEnd(46),
        pad('wall ms', 8),
        pad('CPU ms', 7),
        pad('gw calls', 9),
        pad('db trips', 9),
        pad('stations', 9),
        pad('stored', 7),
        pad('dropped', 8),
        pad('spikes', 7),
        pad('failed', 7),
      ].join(' '),
    );
    for (const t of ticks) {
      console.log(
        [
          t.label.padEnd(46),
          pad(t.wallMs.toFixed(0), 8),
          pad(t.cpuMs === null ? '–' : t.cpuMs.toFixed(0), 7),
          pad(t.gatewayCalls, 9),
          pad(t.dbTrips, 9),
          pad(t.stations, 9),
          pad(t.stored, 7),
          pad(t.dropped, 8),
          pad(t.spikes, 7),
          pad(t.failed, 7),
        ].join(' '),
      );
    }
    const ingestBytes = readingBytes(o.dbFile);
    if (ingestBytes.rows > 0) {
      console.log(
        `  as the ingest stored them: ${ingestBytes.rows} readings over ${(ingestBytes.spanSeconds / 3600).toFixed(1)} h, ` +
          `${(ingestBytes.bytes / ingestBytes.rows).toFixed(1)} bytes per reading, ` +
          `${(((ingestBytes.bytes / stations.length) * (86_400 / ingestBytes.spanSeconds)) / 1024).toFixed(1)} KiB per station per day of raw readings`,
      );
    }

    // ---- 2. a year of data, then series --------------------------------------------------
    const seedStart = Date.now();
    const seeded = await seedHistory(o.dbFile, stations);
    console.log(
      `\nSeeded ${seeded.readings.toLocaleString('en')} raw readings (${RAW_DAYS} days) and ` +
        `${seeded.rollups.toLocaleString('en')} rollups (${SENSOR_HISTORY_DAYS} days hourly and daily) ` +
        `for ${seeded.streams} streams in ${((Date.now() - seedStart) / 1000).toFixed(0)} s`,
    );

    // A fresh client: the old one's idle keep-alive connection may be gone after the seeding.
    client.close();
    client = createClient({ url: o.dbUrl });
    const streams = (
      await client.execute(
        'select station_id as stationId, metric from station_streams order by id',
      )
    ).rows as unknown as { stationId: string; metric: string }[];
    const rows: string[] = [];
    for (const range of ['24h', '10d', '30d'] as const) {
      let i = 0;
      const path = () => {
        // A stride prime to the count: every station and metric in turn, no two in a row alike.
        const s = streams[(i++ * 7919) % streams.length] as { stationId: string; metric: string };
        return `/api/v1/stations/${encodeURIComponent(s.stationId)}/series?metric=${s.metric}&range=${range}`;
      };
      for (let w = 0; w < 20; w++) await (await fetch(o.apiUrl + path())).arrayBuffer();
      // One at a time: what one citizen waits.
      const ms: number[] = [];
      let bytes = 0;
      let status = 0;
      for (let k = 0; k < 200; k++) {
        const t = performance.now();
        const r = await fetch(o.apiUrl + path());
        bytes = Math.max(bytes, (await r.arrayBuffer()).byteLength);
        status = Math.max(status, r.status);
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      const before = await pipelines();
      const load = await autocannon({
        url: o.apiUrl,
        connections: o.connections,
        duration: o.seconds,
        requests: [{ setupRequest: (req) => ({ ...req, method: 'GET', path: path() }) }],
      });
      const trips = (await pipelines()) - before;
      rows.push(
        [
          `series ${range}`.padEnd(14),
          pad(((ms[99] ?? 0) as number).toFixed(1), 9),
          pad(((ms[197] ?? 0) as number).toFixed(1), 9),
          pad(load.requests.average.toFixed(0), 7),
          pad(load.latency.p50, 7),
          pad(load.latency.p99, 7),
          pad((trips / Math.max(1, load.requests.total)).toFixed(2), 9),
          pad(load.errors + load.non2xx, 7),
          pad(status, 7),
          pad(bytes, 8),
        ].join(' '),
      );
    }
    console.log(
      `\nGET /api/v1/stations/{id}/series, ${streams.length} streams with a year of data (rotating)`,
    );
    console.log(
      [
        'range'.padEnd(14),
        pad('1by1 p50', 9),
        pad('1by1 p99', 9),
        pad('req/s', 7),
        pad('p50 ms', 7),
        pad('p99 ms', 7),
        pad('db trips', 9),
        pad('errors', 7),
        pad('status', 7),
        pad('bytes', 8),
      ].join(' '),
    );
    for (const r of rows) console.log(r);
    console.log(
      `  (1by1: one request at a time, 200 requests; then ${o.connections} connections for ${o.seconds} s)`,
    );
    printPlan(o.dbFile);

    // ---- 3. bytes ------------------------------------------------------------------------
    printBytes(o.dbFile, stations.length);
  } finally {
    client.close();
  }
}

function open(file: string) {
  return new Database(file, { timeout: 30_000 });
}

function readingBytes(file: string): { bytes: number; rows: number; spanSeconds: number } {
  const d = open(file);
  try {
    const size = d
      .prepare("select coalesce(sum(pgsize), 0) as bytes from dbstat where name = 'readings'")
      .get() as { bytes: number };
    const r = d
      .prepare('select count(*) as n, max(observed_at) - min(observed_at) as span from readings')
      .get() as { n: number; span: number | null };
    return { bytes: size.bytes, rows: r.n, spanSeconds: Math.max(300, r.span ?? 0) };
  } finally {
    d.close();
  }
}

/**
 * A year of history for every stream the ticks created, ending just before the first reading
 * the ticks stored, in one transaction per station (INSERT OR IGNORE: what the ticks wrote wins).
 */
async function seedHistory(
  file: string,
  stations: readonly SimStation[],
): Promise<{ readings: number; rollups: number; streams: number }> {
  const d = open(file);
  try {
    const ids = new Map(
      (
        d.prepare('select id, station_id as s, metric as m from station_streams').all() as {
          id: number;
          s: string;
          m: string;
        }[]
      ).map((r) => [`${r.s}:${r.m}`, r.id]),
    );
    const first = (
      d.prepare('select min(observed_at) as t from readings').get() as { t: number | null }
    ).t;
    const to = Math.floor(((first ?? Date.now() / 1000) - 1) / 300) * 300;
    const reading = d.prepare(
      'insert or ignore into readings (stream_id, observed_at, value, flag) values (?, ?, ?, ?)',
    );
    const rollup = d.prepare(
      'insert or ignore into reading_rollups (stream_id, grain, bucket_start, min, max, avg, count) values (?, ?, ?, ?, ?, ?, ?)',
    );
    const out = { readings: 0, rollups: 0, streams: 0 };
    for (const station of stations) {
      // Let the event loop breathe between stations: the HTTP clients' pooled connections
      // must see the servers close them, or the next request writes into a dead socket.
      await new Promise((r) => setImmediate(r));
      const history = stationHistory(station, {
        to,
        rawDays: RAW_DAYS,
        hourlyDays: SENSOR_HISTORY_DAYS,
        dailyDays: SENSOR_HISTORY_DAYS,
        sampleMinutes: 30,
        daySampleHours: 3,
      });
      d.exec('BEGIN');
      try {
        for (const h of history) {
          const id = ids.get(`${station.id}:${h.metric}`);
          if (id === undefined) continue;
          out.streams++;
          for (const r of h.readings) reading.run(id, r.t, r.v, r.flag);
          for (const [t, min, max, avg, count] of h.hourly)
            rollup.run(id, 'h', t, min, max, avg, count);
          for (const [t, min, max, avg, count] of h.daily)
            rollup.run(id, 'd', t, min, max, avg, count);
          out.readings += h.readings.length;
          out.rollups += h.hourly.length + h.daily.length;
        }
        d.exec('COMMIT');
      } catch (err) {
        d.exec('ROLLBACK');
        throw err;
      }
    }
    d.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    await new Promise((r) => setTimeout(r, 200));
    return out;
  } finally {
    d.close();
  }
}

function printPlan(file: string) {
  const d = open(file);
  try {
    const plan = d
      .prepare(
        `explain query plan select bucket_start, min, max, avg, count from reading_rollups
         where stream_id = (select id from station_streams where station_id = ? and metric = ?)
           and grain = 'd' and bucket_start >= ? and bucket_start <= ? order by bucket_start`,
      )
      .all('kt-vi-thanh', 'air_temperature', 0, 2e9) as { detail: string }[];
    console.log(`  30d query plan: ${plan.map((p) => p.detail).join(' | ')}`);
  } finally {
    d.close();
  }
}

function printBytes(file: string, stationCount: number) {
  const d = open(file);
  try {
    const tables = d
      .prepare(
        "select name, sum(pgsize) as bytes, sum(payload) as payload from dbstat where name in ('readings', 'reading_rollups') group by name",
      )
      .all() as { name: string; bytes: number; payload: number }[];
    const count = (sql: string) => (d.prepare(sql).get() as { n: number }).n;
    const readings = count('select count(*) as n from readings');
    const hourly = count("select count(*) as n from reading_rollups where grain = 'h'");
    const daily = count("select count(*) as n from reading_rollups where grain = 'd'");
    const streams = count('select count(*) as n from station_streams');
    const bytesOf = (name: string) => tables.find((t) => t.name === name)?.bytes ?? 0;
    const raw = bytesOf('readings');
    const roll = bytesOf('reading_rollups');
    const perRow = (b: number, n: number) => (n > 0 ? b / n : 0);
    // Per station and day: a day's raw readings while they are kept; a day's rollups for good.
    const rawPerStationDay = (raw / readings) * (readings / stationCount / (RAW_DAYS + 1));
    const rollPerStationDay =
      (roll / (hourly + daily)) * ((hourly + daily) / stationCount / SENSOR_HISTORY_DAYS);
    const fileBytes = statSync(file).size;
    console.log('\nBytes stored (SQLite dbstat: pages of the table, WITHOUT ROWID b-trees)');
    console.log(
      `  readings:         ${readings.toLocaleString('en')} rows, ${(raw / 2 ** 20).toFixed(1)} MiB, ${perRow(raw, readings).toFixed(1)} bytes per reading`,
    );
    console.log(
      `  reading_rollups:  ${(hourly + daily).toLocaleString('en')} rows (${hourly.toLocaleString('en')} hourly, ${daily.toLocaleString('en')} daily), ${(roll / 2 ** 20).toFixed(1)} MiB, ${perRow(roll, hourly + daily).toFixed(1)} bytes per rollup`,
    );
    console.log(
      `  per station per day (${(streams / stationCount).toFixed(2)} streams per station): raw readings ${(rawPerStationDay / 1024).toFixed(1)} KiB ` +
        `(kept ${RAW_DAYS} days: ${((rawPerStationDay * RAW_DAYS) / 2 ** 20).toFixed(2)} MiB per station at any time), ` +
        `rollups ${(rollPerStationDay / 1024).toFixed(2)} KiB (kept for good: ${((rollPerStationDay * 365) / 2 ** 20).toFixed(2)} MiB per station per year)`,
    );
    console.log(`  database file: ${(fileBytes / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    d.close();
  }
}

// Alone: `node --import tsx bench/sensors.ts`, on ports of its own (18180, 18887, 18190).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-sensors-'));
  const stack = await startStack({
    dataDir,
    dbPort: 18180,
    apiPort: 18887,
    inheritOutput: false,
    simulator: { port: 18190, env: { SIMULATOR_STATIONS: String(SENSOR_STATIONS) } },
    extraVars: { FORECAST_API_URL: 'http://127.0.0.1:18190' },
  });
  try {
    await benchSensors({
      dbUrl: stack.dbUrl,
      apiUrl: stack.apiUrl,
      dbFile: join(dataDir, 'local.db'),
      simulatorUrl: stack.simulatorUrl as string,
      seconds: Number(process.env.BENCH_SECONDS ?? 5),
      connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
    });
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
