import { stations, weatherForecasts } from '@tinh/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db';
import type { ForecastDay } from './client';

// The cached 5-day forecasts (weather_forecasts: one row per weather station, the days as JSON
// exactly as the API answers them) and the stations they belong to.

export interface StationForecastRow {
  id: string;
  kind: string;
  enabled: boolean;
  lat: number;
  lng: number;
  days: ForecastDay[] | null;
  fetchedAt: string | null;
}

function parseDays(payload: string | null): ForecastDay[] | null {
  if (payload === null) return null;
  try {
    const days = JSON.parse(payload) as unknown;
    return Array.isArray(days) ? (days as ForecastDay[]) : null;
  } catch {
    return null;
  }
}

/** A station and its cached forecast, in one query; null for an unknown station. */
export async function readStationForecast(
  db: Db,
  stationId: string,
): Promise<StationForecastRow | null> {
  const [row] = await db
    .select({
      id: stations.id,
      kind: stations.kind,
      enabled: stations.enabled,
      lat: stations.lat,
      lng: stations.lng,
      payload: weatherForecasts.payload,
      fetchedAt: weatherForecasts.fetchedAt,
    })
    .from(stations)
    .leftJoin(weatherForecasts, eq(weatherForecasts.stationId, stations.id))
    .where(eq(stations.id, stationId))
    .limit(1);
  if (!row) return null;
  const { payload, ...rest } = row;
  return { ...rest, days: parseDays(payload) };
}

/** Enabled weather stations with the time of their cached forecast (null: none yet). */
export function listWeatherStations(db: Db) {
  return db
    .select({
      id: stations.id,
      lat: stations.lat,
      lng: stations.lng,
      fetchedAt: weatherForecasts.fetchedAt,
    })
    .from(stations)
    .leftJoin(weatherForecasts, eq(weatherForecasts.stationId, stations.id))
    .where(and(eq(stations.kind, 'weather'), eq(stations.enabled, true)))
    .orderBy(stations.id);
}

/**
 * Stores forecasts (one statement, any number of stations). A row is replaced only by a newer
 * fetch: a slow refresh finishing after a quicker one never puts older days back.
 */
export function upsertForecasts(
  db: Db,
  rows: readonly { stationId: string; days: ForecastDay[]; fetchedAt: string }[],
) {
  return db
    .insert(weatherForecasts)
    .values(
      rows.map((r) => ({
        stationId: r.stationId,
        payload: JSON.stringify(r.days),
        fetchedAt: r.fetchedAt,
      })),
    )
    .onConflictDoUpdate({
      target: weatherForecasts.stationId,
      set: { payload: sql`excluded.payload`, fetchedAt: sql`excluded.fetched_at` },
      setWhere: sql`excluded.fetched_at > ${weatherForecasts.fetchedAt}`,
    });
}
