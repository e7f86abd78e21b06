import type { InStatement } from '@libsql/client';
import { DEFAULT_MODEL, type ModelOptions } from '../fixtures/sensor-simulator/model';
import { FIXTURE_STATIONS, GATEWAYS, type SimStation } from '../fixtures/sensor-simulator/registry';
import { type HistorySpan, seedSensorHistory } from './sensor-history';

// The demo weather and environment stations of local development (`npm start`) and of the
// browser tests: the gateways of the sensor simulator (fixtures/sensor-simulator, on loopback),
// the stations of fixtures/sensor-stations.json with their alert thresholds, and their past
// weeks (so the 10-day and 30-day charts are not empty on a fresh checkout). Development only:
// no deployment path imports this module, and the production seed knows nothing of it.
//
// Idempotent. Gateways follow the simulator's address (SIMULATOR_PORT may change); stations,
// thresholds and history are only added, so what an administrator changed in the web admin
// survives a restart.

export const DEFAULT_SIMULATOR_URL = 'http://127.0.0.1:8090';

/** History given to a station seen for the first time: 2 days raw, 35 days hourly, a year daily. */
export const DEMO_HISTORY: Omit<HistorySpan, 'to'> = {
  rawDays: 2,
  hourlyDays: 35,
  dailyDays: 365,
  sampleMinutes: 15,
  daySampleHours: 3,
};

interface Client {
  execute(stmt: InStatement): Promise<{ rows: unknown[] }>;
  batch(statements: InStatement[], mode?: 'write'): Promise<unknown>;
}

export async function seedDemoStations(
  client: Client,
  opts: {
    simulatorUrl?: string;
    stations?: readonly SimStation[];
    /** Give new stations their past weeks (default true). */
    history?: boolean;
    /** The simulator's settings (SIMULATOR_SEED, SIMULATOR_SALINITY): the past matches what it serves. */
    model?: ModelOptions;
  } = {},
): Promise<{
  gateways: number;
  stations: number;
  history: { stations: number; readings: number };
}> {
  const base = (opts.simulatorUrl ?? DEFAULT_SIMULATOR_URL).replace(/\/+$/, '');
  const stations = opts.stations ?? FIXTURE_STATIONS;
  const now = new Date().toISOString();
  // Thresholds are the administrators' once set: a metric that has any keeps them as they are.
  const ids = stations.map((s) => s.id);
  const set = await client.execute({
    sql: `select distinct station_id, metric from station_thresholds where station_id in (${ids.map(() => '?').join(', ')})`,
    args: ids,
  });
  const hasThresholds = new Set(
    set.rows.map((r) => {
      const row = r as { station_id: string; metric: string };
      return `${row.station_id}:${row.metric}`;
    }),
  );
  const statements: InStatement[] = [];
  for (const g of GATEWAYS) {
    statements.push({
      sql:
        'insert into sensor_gateways (id, name, protocol, base_url, poll_interval_minutes, timeout_ms, enabled, created_at, updated_at) ' +
        "values (?, ?, 'sensorthings', ?, 5, 10000, 1, ?, ?) " +
        'on conflict (id) do update set base_url = excluded.base_url, updated_at = excluded.updated_at ' +
        'where sensor_gateways.base_url <> excluded.base_url',
      args: [g.id, g.name, `${base}/${g.path}/v1.1`, now, now],
    });
  }
  for (const s of stations) {
    statements.push({
      sql:
        'insert into stations (id, name, kind, lat, lng, commune_id, address, gateway_id, external_id, agency_id, enabled, created_at, updated_at) ' +
        'values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) on conflict do nothing',
      args: [
        s.id,
        s.name,
        s.kind,
        s.lat,
        s.lng,
        s.communeId,
        s.address,
        s.gatewayId,
        s.externalId,
        s.agencyId,
        now,
        now,
      ],
    });
    for (const t of s.thresholds) {
      if (hasThresholds.has(`${s.id}:${t.metric}`)) continue;
      statements.push({
        sql:
          'insert into station_thresholds (station_id, metric, level, value, direction, label, updated_at) ' +
          'values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing',
        args: [s.id, t.metric, t.level, t.value, t.direction, t.label, now],
      });
    }
  }
  await client.batch(statements, 'write');
  let history = { stations: 0, readings: 0 };
  if (opts.history !== false) {
    // Up to the last reading the simulator has published (it publishes 20 s after each 5 minutes).
    const to = Math.floor((Date.now() / 1000 - 20) / 300) * 300;
    const seeded = await seedSensorHistory(
      client,
      stations,
      { ...DEMO_HISTORY, to },
      opts.model ?? DEFAULT_MODEL,
    );
    history = { stations: seeded.stations, readings: seeded.readings };
  }
  return { gateways: GATEWAYS.length, stations: stations.length, history };
}
