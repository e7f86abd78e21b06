import { env } from 'cloudflare:workers';
import { cronRuns, sensorGateways, stations, weatherForecasts } from '@tinh/db/schema';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { CRON_JOBS, dispatchScheduled, HOURLY } from '../src/cron';
import { type ForecastDay, fetchForecasts, vnToday } from '../src/environment/forecast/client';
import { forecastRefreshJob, refreshForecasts } from '../src/environment/forecast/service';
import { weatherSummary } from '../src/environment/forecast/wmo';
import { createDb } from '../src/platform/db';
import { call, type ErrorJson } from './helpers';

// The 5-day forecast: Open-Meteo's JSON through the loopback stand-in of global-setup
// (test/support/node-fake-open-meteo.ts), cached in weather_forecasts, refreshed by the hourly
// cron, answered by GET /api/v1/weather/forecast. Every test makes its own gateway, stations
// and coordinates (the stand-in is driven per coordinate; the database is shared).

const FAKE = inject('openMeteoUrl');
const db = () => createDb(env);
const uid = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Coordinates nobody else uses, so the stand-in's mode for them is this test's own. */
function place() {
  return {
    lat: Number((9.5 + Math.random() * 0.5).toFixed(4)),
    lng: Number((105.2 + Math.random() * 0.7).toFixed(4)),
  };
}
const keyOf = (p: { lat: number; lng: number }) => `${p.lat.toFixed(4)},${p.lng.toFixed(4)}`;

const broken = new Set<string>();
async function setMode(p: { lat: number; lng: number }, mode: string) {
  const res = await fetch(`${FAKE}/__fake/mode?key=${keyOf(p)}&mode=${mode}`, { method: 'PUT' });
  expect(res.status).toBe(200);
  if (mode !== 'ok') broken.add(keyOf(p));
}

// A station left with a broken provider would fail the hourly refresh of any other test file
// that runs the cron: every test mends what it broke.
afterEach(async () => {
  for (const key of broken) {
    await fetch(`${FAKE}/__fake/mode?key=${key}&mode=ok`, { method: 'PUT' });
  }
  broken.clear();
});
async function calls(p: { lat: number; lng: number }): Promise<number> {
  const res = await fetch(`${FAKE}/__fake/calls?key=${keyOf(p)}`);
  return ((await res.json()) as { calls: number }).calls;
}

async function seedStation(
  kind: 'weather' | 'water' = 'weather',
  opts: { enabled?: boolean } = {},
) {
  const gatewayId = uid('gw-fc');
  const id = uid('kt');
  const p = place();
  await db().insert(sensorGateways).values({
    id: gatewayId,
    name: 'Cổng thử dự báo',
    protocol: 'sensorthings',
    baseUrl: 'http://127.0.0.1:9/v1.1',
  });
  await db()
    .insert(stations)
    .values({
      id,
      name: `Trạm khí tượng ${id}`,
      kind,
      lat: p.lat,
      lng: p.lng,
      communeId: 'vi-thanh',
      gatewayId,
      externalId: id,
      enabled: opts.enabled ?? true,
    });
  return { id, ...p };
}

/** Days like the stand-in's, starting `fromDaysAgo` days before today (Vietnam). */
function cachedDays(fromDaysAgo: number, tempMax = 20): ForecastDay[] {
  return Array.from({ length: 5 }, (_, i) => ({
    date: vnToday(new Date(Date.now() - (fromDaysAgo - i) * DAY_MS)),
    tempMin: 18,
    tempMax: tempMax + i,
    precipitationMm: 0,
    precipitationProbability: 10,
    windSpeedMax: 2,
    windDirection: 45,
    uvIndexMax: 7,
    weatherCode: 2,
    summary: 'Có mây',
  }));
}

async function cache(stationId: string, days: ForecastDay[], fetchedAt: Date) {
  await db()
    .insert(weatherForecasts)
    .values({ stationId, payload: JSON.stringify(days), fetchedAt: fetchedAt.toISOString() });
}

const stored = async (stationId: string) =>
  (await db().select().from(weatherForecasts).where(eq(weatherForecasts.stationId, stationId)))[0];

type ForecastJson = {
  stationId: string;
  fetchedAt: string;
  stale: boolean;
  days: ForecastDay[];
};
const get = (stationId: string) =>
  call(`/api/v1/weather/forecast?station=${encodeURIComponent(stationId)}`);

describe('GET /api/v1/weather/forecast', () => {
  it('fetches a missing forecast once, with the documented request, then answers from the cache', async () => {
    const station = await seedStation();
    const res = await get(station.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=600');
    const body = (await res.json()) as ForecastJson;
    expect(body.stationId).toBe(station.id);
    expect(body.stale).toBe(false);
    expect(Date.now() - Date.parse(body.fetchedAt)).toBeLessThan(60_000);
    expect(body.days).toHaveLength(5);
    expect(body.days[0]).toEqual({
      date: vnToday(new Date()),
      tempMin: 24.1,
      tempMax: 31.2,
      precipitationMm: 4.2,
      precipitationProbability: 70,
      windSpeedMax: 3.2,
      windDirection: 225,
      uvIndexMax: 10.5,
      weatherCode: 80,
      summary: 'Mưa rào nhẹ',
    });
    expect(body.days.map((d) => d.summary)).toEqual([
      'Mưa rào nhẹ',
      'Nhiều mây, trời âm u',
      'Dông',
      'Ít mây, trời nắng',
      'Mưa nhỏ',
    ]);
    // Open-Meteo gives no probability for that day: null, not 0.
    expect(body.days[4]?.precipitationProbability).toBeNull();
    expect(body.days[1]?.uvIndexMax).toBe(9.9);
    expect(await calls(station)).toBe(1);

    const again = (await (await get(station.id)).json()) as ForecastJson;
    expect(again).toEqual(body);
    expect(await calls(station)).toBe(1);
    const row = await stored(station.id);
    expect(JSON.parse(row?.payload ?? '[]')).toEqual(body.days);
  });

  it('refuses a missing station id, an unknown or disabled station and a non-weather station', async () => {
    const missing = await call('/api/v1/weather/forecast');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as ErrorJson).error.code).toBe('validation_failed');
    const water = await seedStation('water');
    const disabled = await seedStation('weather', { enabled: false });
    for (const id of ['khong-co-tram-nay', water.id, disabled.id]) {
      const res = await get(id);
      expect(res.status).toBe(404);
      const body = (await res.json()) as ErrorJson;
      expect(body.error).toEqual({
        code: 'station_not_found',
        message: 'Không tìm thấy trạm khí tượng này.',
      });
    }
    expect(await calls(water)).toBe(0);
  });

  it('answers 503 when nothing is cached and the provider fails, is slow or answers garbage', async () => {
    for (const mode of ['fail', 'slow', 'malformed']) {
      const station = await seedStation();
      await setMode(station, mode);
      const res = await get(station.id);
      expect(res.status, mode).toBe(503);
      const body = (await res.json()) as ErrorJson;
      expect(body.error.code).toBe('forecast_unavailable');
      expect(body.error.message).toMatch(/dự báo thời tiết/);
      expect(await stored(station.id)).toBeUndefined();
    }
  });

  it('answers an old cache as stale when the provider fails, without past days, and does not retry at once', async () => {
    const station = await seedStation();
    await cache(station.id, cachedDays(2), new Date(Date.now() - 2 * DAY_MS));
    await setMode(station, 'fail');
    const res = await get(station.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const body = (await res.json()) as ForecastJson;
    expect(body.stale).toBe(true);
    // The two days already past are left out.
    expect(body.days.map((d) => d.date)).toEqual(
      cachedDays(2)
        .slice(2)
        .map((d) => d.date),
    );
    expect(body.days[0]?.date).toBe(vnToday(new Date()));
    expect(await calls(station)).toBe(1);
    // A provider that just failed is not asked again by every request.
    expect(((await (await get(station.id)).json()) as ForecastJson).stale).toBe(true);
    expect(await calls(station)).toBe(1);
  });

  it('refreshes an old cache inline when the provider answers', async () => {
    const station = await seedStation();
    await cache(station.id, cachedDays(0), new Date(Date.now() - 3 * HOUR_MS));
    const body = (await (await get(station.id)).json()) as ForecastJson;
    expect(body.stale).toBe(false);
    expect(body.days[0]?.tempMax).toBe(31.2);
    expect(await calls(station)).toBe(1);
    expect(Date.parse((await stored(station.id))?.fetchedAt ?? '')).toBeGreaterThan(
      Date.now() - 60_000,
    );
  });

  it('answers a recent cache without asking the provider', async () => {
    const station = await seedStation();
    const fetchedAt = new Date(Date.now() - 30 * 60_000);
    await cache(station.id, cachedDays(0), fetchedAt);
    const body = (await (await get(station.id)).json()) as ForecastJson;
    expect(body).toMatchObject({ stale: false, fetchedAt: fetchedAt.toISOString() });
    expect(body.days[0]?.tempMax).toBe(20);
    expect(await calls(station)).toBe(0);
  });

  it('leaves out a day the provider gives without a value, and converts km/h to m/s', async () => {
    const nulls = await seedStation();
    await setMode(nulls, 'nulls');
    const a = (await (await get(nulls.id)).json()) as ForecastJson;
    expect(a.days).toHaveLength(4);
    expect(a.days.map((d) => d.weatherCode)).toEqual([80, 3, 1, 61]);

    const kmh = await seedStation();
    await setMode(kmh, 'kmh');
    const b = (await (await get(kmh.id)).json()) as ForecastJson;
    expect(b.days.map((d) => d.windSpeedMax)).toEqual([3.2, 4.1, 5, 2.6, 3.8]);
  });
});

describe('forecast client', () => {
  it('asks for several places in one call and keeps their order', async () => {
    const a = place();
    const b = place();
    const out = await fetchForecasts({ baseUrl: FAKE, timeoutMs: 1000 }, [a, b]);
    expect(out).toHaveLength(2);
    expect(out[0]).toHaveLength(5);
    expect(await calls(a)).toBe(1);
    expect(await calls(b)).toBe(1);
  });

  it('reports timeouts, HTTP errors and answers that are not the documented shape', async () => {
    const slow = place();
    await setMode(slow, 'slow');
    await expect(fetchForecasts({ baseUrl: FAKE, timeoutMs: 200 }, [slow])).rejects.toMatchObject({
      kind: 'timeout',
    });
    const failing = place();
    await setMode(failing, 'fail');
    await expect(
      fetchForecasts({ baseUrl: FAKE, timeoutMs: 1000 }, [place(), failing]),
    ).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringContaining('500') });
    const garbage = place();
    await setMode(garbage, 'malformed');
    await expect(
      fetchForecasts({ baseUrl: FAKE, timeoutMs: 1000 }, [garbage]),
    ).rejects.toMatchObject({ kind: 'invalid' });
    await expect(
      fetchForecasts({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 1000 }, [place()]),
    ).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('words WMO codes in Vietnamese', () => {
    expect(weatherSummary(0)).toBe('Trời quang, nắng');
    expect(weatherSummary(81)).toBe('Mưa rào');
    expect(weatherSummary(99)).toBe('Dông mạnh kèm mưa đá');
    expect(weatherSummary(83)).toBe('Mưa rào');
    expect(weatherSummary(4)).toBe('Nhiều mây');
  });
});

describe('hourly forecast refresh', () => {
  it('refreshes the weather stations that are due and leaves recent ones', async () => {
    const due = await seedStation();
    const recent = await seedStation();
    const water = await seedStation('water');
    const recentAt = new Date(Date.now() - 10 * 60_000);
    await cache(recent.id, cachedDays(0), recentAt);

    const result = await refreshForecasts(db(), env);
    expect(result.refreshed).toBeGreaterThanOrEqual(1);
    expect(result.calls).toBeGreaterThanOrEqual(1);
    expect(JSON.parse((await stored(due.id))?.payload ?? '[]')).toHaveLength(5);
    expect((await stored(recent.id))?.fetchedAt).toBe(recentAt.toISOString());
    expect(await calls(recent)).toBe(0);
    expect(await stored(water.id)).toBeUndefined();

    // Run again at once: the station just refreshed is not fetched twice.
    const before = await calls(due);
    await refreshForecasts(db(), env);
    expect(await calls(due)).toBe(before);
  });

  it('keeps the cached forecasts of a call that failed', async () => {
    const failing = await seedStation();
    const oldAt = new Date(Date.now() - 2 * HOUR_MS);
    await cache(failing.id, cachedDays(0, 25), oldAt);
    await setMode(failing, 'fail');
    const result = await refreshForecasts(db(), env);
    expect(result.failed).toBeGreaterThanOrEqual(1);
    expect(result.errors[0]).toMatch(/HTTP 500/);
    const kept = await stored(failing.id);
    expect(kept?.fetchedAt).toBe(oldAt.toISOString());
    expect(JSON.parse(kept?.payload ?? '[]')[0].tempMax).toBe(25);
  });

  it('is registered on the hourly trigger and records its run', async () => {
    expect(CRON_JOBS[HOURLY]).toContain(forecastRefreshJob);
    const station = await seedStation();
    // Only this job: the other hourly jobs judge by the tick's time, and the database is shared.
    const scheduledTime = Date.now();
    await dispatchScheduled({ cron: HOURLY, scheduledTime }, env, {
      [HOURLY]: [forecastRefreshJob],
    });
    const [run] = await db()
      .select()
      .from(cronRuns)
      .where(
        and(
          eq(cronRuns.job, 'weather-forecast-refresh'),
          eq(cronRuns.scheduledAt, new Date(scheduledTime).toISOString()),
        ),
      );
    expect(run?.status).toBe('ok');
    expect(JSON.parse(run?.detail ?? '{}')).toMatchObject({ refreshed: expect.any(Number) });
    expect(JSON.parse((await stored(station.id))?.payload ?? '[]')).toHaveLength(5);
  });
});
