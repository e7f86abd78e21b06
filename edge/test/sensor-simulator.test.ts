import { env } from 'cloudflare:workers';
import { sensorGateways, stationStreams, stations } from '@tinh/db/schema';
import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { fetchForecasts } from '../src/environment/forecast/client';
import { runPollTick } from '../src/environment/ingest/poll';
import { createDb } from '../src/platform/db';

// The gateway simulator `npm start` runs (fixtures/sensor-simulator), started by global-setup:
// its SensorThings API behaves as a poller expects (paging, filters, counts, string ids,
// errors), the Worker's real poll job ingests it (units converted: its sluice gateway answers
// EC in mS/cm, the farm vendor wind in km/h), and its Open-Meteo answer passes the forecast
// client's checks.

const SIM = inject('simulatorUrl');
const db = () => createDb(env);
const uid = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

type Collection = {
  value: Record<string, unknown>[];
  '@iot.nextLink'?: string;
  '@iot.count'?: number;
};
const getJson = async <T = Collection>(url: string): Promise<T> => {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
};

const iso = (ms: number) => new Date(ms).toISOString();

describe('sensor simulator: SensorThings v1.1', () => {
  it('lists Things and Datastreams with units a poller can convert', async () => {
    const root = await getJson(`${SIM}/thuyloi/v1.1`);
    expect(root.value.map((v) => v.name)).toContain('Observations');
    const things = await getJson(`${SIM}/thuyloi/v1.1/Things?$count=true`);
    expect(things['@iot.count']).toBe(5);
    const streams = await getJson(
      `${SIM}/thuyloi/v1.1/Things(1)/Datastreams?$expand=ObservedProperty($select=name)`,
    );
    expect(
      streams.value.map((d) => [
        (d.ObservedProperty as { name: string }).name,
        (d.unitOfMeasurement as { symbol: string }).symbol,
      ]),
    ).toEqual([
      ['Salinity', '‰'],
      ['Electrical Conductivity', 'mS/cm'],
      ['Water Temperature', '°C'],
    ]);
    const farm = await getJson(`${SIM}/nongnghiep/v1.1/Things('NN-VT01')/Datastreams?$select=id`);
    expect(farm.value.map((d) => d['@iot.id'])).toContain('NN-VT01-WS');
  });

  it('pages observations by @iot.nextLink over exactly the filtered window, the same every time', async () => {
    const to = Math.floor(Date.now() / 300_000) * 300_000 - 3_600_000;
    const from = to - 6 * 3_600_000;
    const filter = `phenomenonTime gt ${iso(from)} and phenomenonTime le ${iso(to)}`;
    const first = `${SIM}/kttv/v1.1/Datastreams(101)/Observations?$filter=${encodeURIComponent(filter)}&$orderby=phenomenonTime%20asc&$top=25&$count=true`;
    const times: string[] = [];
    let url: string | undefined = first;
    let count: number | undefined;
    for (let page = 0; url && page < 20; page++) {
      const body: Collection = await getJson(url);
      count ??= body['@iot.count'];
      times.push(...body.value.map((o) => o.phenomenonTime as string));
      url = body['@iot.nextLink'];
    }
    expect(url).toBeUndefined();
    expect(times.length).toBe(count);
    // Every 5 minutes but for the logger's gaps; never outside the window; in order.
    expect(times.length).toBeGreaterThan(36);
    expect(times.length).toBeLessThanOrEqual(72);
    expect(Date.parse(times[0] as string)).toBeGreaterThan(from);
    expect(Date.parse(times.at(-1) as string)).toBeLessThanOrEqual(to);
    expect([...times].sort()).toEqual(times);
    expect(await getJson(first)).toEqual(await getJson(first));
  });

  it('answers errors in FROST’s shape', async () => {
    const missing = await fetch(`${SIM}/kttv/v1.1/Datastreams(999999)`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 404, type: 'error' });
    const bad = await fetch(`${SIM}/kttv/v1.1/Observations?$filter=substringof('a',name)`);
    expect(bad.status).toBe(400);
    const badTop = await fetch(`${SIM}/kttv/v1.1/Things?$top=-1`);
    expect(badTop.status).toBe(400);
  });

  it('serves an Open-Meteo forecast the Worker’s client accepts', async () => {
    const [days] = await fetchForecasts({ baseUrl: SIM, timeoutMs: 5000 }, [
      { lat: 9.779, lng: 105.4622 },
    ]);
    expect(days).toHaveLength(5);
    for (const d of days ?? []) {
      expect(d.tempMax).toBeGreaterThan(d.tempMin);
      expect(d.tempMax).toBeLessThan(40);
      expect(d.summary.length).toBeGreaterThan(0);
    }
  });
});

describe('sensor simulator polled by the Worker', () => {
  it('ingests its stations, converting units, and a second poll stores nothing new', async () => {
    const gateways = { thuyloi: uid('gw-sim'), nongnghiep: uid('gw-sim') };
    await db()
      .insert(sensorGateways)
      .values([
        {
          id: gateways.thuyloi,
          name: 'Mô phỏng thủy lợi',
          protocol: 'sensorthings',
          baseUrl: `${SIM}/thuyloi/v1.1`,
        },
        {
          id: gateways.nongnghiep,
          name: 'Mô phỏng nông nghiệp',
          protocol: 'sensorthings',
          baseUrl: `${SIM}/nongnghiep/v1.1`,
        },
      ]);
    const water = uid('sim-mn');
    const rain = uid('sim-dm');
    await db()
      .insert(stations)
      .values([
        {
          id: water,
          name: 'Sông Cái Lớn (mô phỏng)',
          kind: 'water',
          lat: 9.643,
          lng: 105.435,
          gatewayId: gateways.thuyloi,
          externalId: '1',
        },
        {
          id: rain,
          name: 'Trạm đo mưa Vị Thủy (mô phỏng)',
          kind: 'weather',
          lat: 9.803,
          lng: 105.556,
          gatewayId: gateways.nongnghiep,
          externalId: 'NN-VT01',
        },
      ]);
    const ids = Object.values(gateways);
    const first = await runPollTick(db(), env, { gatewayIds: ids, force: true, discover: true });
    expect(first).toMatchObject({ gateways: 2, failed: 0, stations: 2 });
    expect(first.stored).toBeGreaterThan(8 * 200);

    const streams = await db()
      .select()
      .from(stationStreams)
      .where(inArray(stationStreams.stationId, [water, rain]));
    expect(
      streams
        .map((s) => `${s.stationId === water ? 'water' : 'rain'}:${s.metric}:${s.sourceUnit}`)
        .sort(),
    ).toEqual([
      'rain:air_temperature:°C',
      'rain:humidity:%',
      'rain:rainfall:mm',
      'rain:wind_direction:°',
      'rain:wind_speed:km/h',
      'water:conductivity:mS/cm',
      'water:salinity:‰',
      'water:water_temperature:°C',
    ]);
    const byMetric = new Map(streams.map((s) => [`${s.stationId}:${s.metric}`, s]));
    const ec = byMetric.get(`${water}:conductivity`);
    const salinity = byMetric.get(`${water}:salinity`);
    // Stored in µS/cm (the gateway says mS/cm), about 1700 µS/cm per ‰ of salt.
    expect(ec?.lastValue).toBeGreaterThan(100);
    expect((ec?.lastValue ?? 0) / (salinity?.lastValue ?? 1)).toBeGreaterThan(1200);
    expect((ec?.lastValue ?? 0) / (salinity?.lastValue ?? 1)).toBeLessThan(2600);
    // Wind in m/s (the gateway says km/h): a few m/s, not tens.
    expect(byMetric.get(`${rain}:wind_speed`)?.lastValue).toBeLessThan(20);
    const [{ n } = { n: 0 }] = await db().all<{ n: number }>(
      sql`select count(*) as n from readings where stream_id in (select id from station_streams where station_id in (${water}, ${rain}))`,
    );
    expect(n).toBe(first.stored);

    const again = await runPollTick(db(), env, { gatewayIds: ids, force: true });
    expect(again.failed).toBe(0);
    expect(again.stored).toBeLessThanOrEqual(8 * 2);
    const [gateway] = await db()
      .select()
      .from(sensorGateways)
      .where(eq(sensorGateways.id, gateways.thuyloi));
    expect(gateway?.lastSuccessAt).toBeTruthy();
    expect(gateway?.consecutiveFailures).toBe(0);
  });
});
