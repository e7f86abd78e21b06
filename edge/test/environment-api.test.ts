import { env, exports } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SeriesAnswer, StationAnswer, StationDetailAnswer } from '../src/environment/schemas';
import { call } from './helpers';
import {
  addAlert,
  addReadings,
  addRollups,
  addThresholds,
  DAY,
  db,
  HOUR,
  hourStart,
  iso,
  nowSeconds,
  seedGateway,
  seedStation,
  uid,
  vnDayStart,
} from './support/environment-seed';
import { newZaloId, signInCitizen } from './support/notifications';
import { errorOf, json } from './support/reports';

// The public weather and environment API against the real Worker and the local libSQL:
// contract shapes, series ranges and grains, alerts, follows (idempotent, private to each
// device), the agencies' report list, and ONE database round trip per read.

const get = (path: string, headers: Record<string, string> = {}) => call(path, { headers });

interface Fixture {
  gatewayId: string;
  water: Awaited<ReturnType<typeof seedStation>>;
  weather: Awaited<ReturnType<typeof seedStation>>;
  quiet: Awaited<ReturnType<typeof seedStation>>;
  disabled: Awaited<ReturnType<typeof seedStation>>;
  now: number;
}

let f: Fixture;

beforeAll(async () => {
  const now = nowSeconds();
  const gatewayId = await seedGateway();
  const water = await seedStation({
    gatewayId,
    kind: 'water',
    name: 'Cống Xẻo Chít (thử)',
    latest: {
      salinity: { value: 2.6, at: now - 300 },
      ph: { value: 7.1, at: now - 300 },
      conductivity: { value: 4400, at: now - 300 },
    },
  });
  const weather = await seedStation({
    gatewayId,
    kind: 'weather',
    name: 'Trạm khí tượng Vị Thanh (thử)',
    agencyId: null,
    communeId: null,
    latest: {
      air_temperature: { value: 31.2, at: now - 600 },
      rainfall: { value: 0.4, at: now - 600 },
      humidity: null,
    },
  });
  const quiet = await seedStation({ gatewayId, kind: 'water', name: 'Trạm chưa có số liệu' });
  const disabled = await seedStation({
    gatewayId,
    kind: 'water',
    enabled: false,
    latest: { salinity: { value: 9, at: now - 300 } },
  });
  await addThresholds(water.id, 'salinity', [
    [1, 'Lúa bắt đầu bị ảnh hưởng'],
    [2, 'Lúa giảm năng suất'],
    [4, 'Không lấy nước tưới'],
  ]);
  await addThresholds(water.id, 'ph', [[5.5, 'Nước chua']], 'below');
  // Salinity at level 2 now; pH was low earlier (level 1, still active); an old salinity
  // alert cleared 3 days ago and one cleared 40 days ago (too old for the station page).
  await addAlert({
    stationId: water.id,
    metric: 'salinity',
    level: 2,
    raisedValue: 2.1,
    peakValue: 2.6,
    raisedAt: iso(now - 2 * HOUR),
  });
  await addAlert({
    stationId: water.id,
    metric: 'ph',
    level: 1,
    raisedValue: 5.4,
    raisedAt: iso(now - 1 * HOUR),
  });
  await addAlert({
    stationId: water.id,
    metric: 'salinity',
    level: 1,
    raisedValue: 1.2,
    raisedAt: iso(now - 5 * DAY),
    clearedAt: iso(now - 3 * DAY),
  });
  await addAlert({
    stationId: water.id,
    metric: 'salinity',
    level: 3,
    raisedValue: 4.2,
    raisedAt: iso(now - 45 * DAY),
    clearedAt: iso(now - 40 * DAY),
  });
  await addAlert({
    stationId: disabled.id,
    metric: 'salinity',
    level: 3,
    raisedValue: 9,
    raisedAt: iso(now - HOUR),
  });
  f = { gatewayId, water, weather, quiet, disabled, now };
});

describe('GET /api/v1/stations', () => {
  it('lists enabled stations of a kind with their latest values and worst active alert', async () => {
    const res = await get('/api/v1/stations?kind=water');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const { items } = await json<{ items: StationAnswer[] }>(res);
    const ids = items.map((s) => s.id);
    expect(ids).toContain(f.water.id);
    expect(ids).toContain(f.quiet.id);
    expect(ids).not.toContain(f.disabled.id);
    expect(ids).not.toContain(f.weather.id);
    expect(items.every((s) => s.kind === 'water')).toBe(true);

    const water = items.find((s) => s.id === f.water.id);
    expect(water).toEqual({
      id: f.water.id,
      name: 'Cống Xẻo Chít (thử)',
      kind: 'water',
      lat: 9.78,
      lng: 105.47,
      communeId: 'vi-thanh',
      communeName: 'Phường Vị Thanh',
      address: 'Cống thử nghiệm, kênh Xà No',
      agencyName: expect.stringContaining('Nông nghiệp'),
      // In the metrics table's order, each with its own alert level.
      latest: [
        {
          metric: 'salinity',
          name: 'Độ mặn',
          unit: '‰',
          decimals: 2,
          value: 2.6,
          observedAt: iso(f.now - 300),
          alertLevel: 2,
        },
        {
          metric: 'ph',
          name: 'Độ pH',
          unit: '',
          decimals: 2,
          value: 7.1,
          observedAt: iso(f.now - 300),
          alertLevel: 1,
        },
        expect.objectContaining({ metric: 'conductivity', unit: 'µS/cm', alertLevel: null }),
      ],
      // The worst of the active alerts: salinity level 2, labelled by its threshold.
      alert: {
        metric: 'salinity',
        level: 2,
        label: 'Lúa giảm năng suất',
        value: 2.6,
        raisedAt: iso(f.now - 2 * HOUR),
      },
    });
    const quiet = items.find((s) => s.id === f.quiet.id);
    expect(quiet?.latest).toEqual([]);
    expect(quiet?.alert).toBeNull();
  });

  it('lists every kind without a filter; a stream without a value is left out', async () => {
    const { items } = await json<{ items: StationAnswer[] }>(await get('/api/v1/stations'));
    const weather = items.find((s) => s.id === f.weather.id);
    expect(weather?.communeName).toBeNull();
    expect(weather?.agencyName).toBeNull();
    expect(weather?.latest.map((l) => l.metric)).toEqual(['air_temperature', 'rainfall']);
    expect(items.some((s) => s.id === f.water.id)).toBe(true);
  });

  it('refuses an unknown kind in Vietnamese', async () => {
    const res = await get('/api/v1/stations?kind=fire');
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('validation_failed');
    expect(JSON.stringify(error.details)).toContain('Loại trạm');
  });
});

describe('GET /api/v1/stations/{id}', () => {
  it('answers the station with thresholds and its alerts of the last 30 days', async () => {
    const res = await get(`/api/v1/stations/${f.water.id}`);
    expect(res.status).toBe(200);
    const station = await json<StationDetailAnswer>(res);
    expect(station.id).toBe(f.water.id);
    expect(station.alert?.level).toBe(2);
    expect(station.thresholds).toEqual([
      {
        metric: 'salinity',
        level: 1,
        value: 1,
        direction: 'above',
        label: 'Lúa bắt đầu bị ảnh hưởng',
      },
      { metric: 'salinity', level: 2, value: 2, direction: 'above', label: 'Lúa giảm năng suất' },
      { metric: 'salinity', level: 3, value: 4, direction: 'above', label: 'Không lấy nước tưới' },
      { metric: 'ph', level: 1, value: 5.5, direction: 'below', label: 'Nước chua' },
    ]);
    // Newest first; the alert cleared 40 days ago is not shown.
    expect(
      station.alerts.map((a) => [a.metric, a.level, a.status, a.label, a.clearedAt !== null]),
    ).toEqual([
      ['ph', 1, 'active', 'Nước chua', false],
      ['salinity', 2, 'active', 'Lúa giảm năng suất', false],
      ['salinity', 1, 'cleared', 'Lúa bắt đầu bị ảnh hưởng', true],
    ]);
    expect(station.alerts[1]).toMatchObject({ raisedValue: 2.1, peakValue: 2.6 });
  });

  it('answers 404 station_not_found for an unknown or disabled station', async () => {
    for (const id of ['khong-co-tram-nay', f.disabled.id]) {
      const res = await get(`/api/v1/stations/${id}`);
      expect(res.status).toBe(404);
      const error = await errorOf(res);
      expect(error.code).toBe('station_not_found');
      expect(error.message).toBe('Không tìm thấy trạm quan trắc.');
    }
  });
});

describe('GET /api/v1/stations/{id}/series', () => {
  let series: Awaited<ReturnType<typeof seedStation>>;
  let now: number;

  beforeAll(async () => {
    now = nowSeconds();
    series = await seedStation({
      kind: 'water',
      latest: { salinity: { value: 3, at: now - 120 }, ph: { value: 7, at: now - 120 } },
    });
    const s = series.streams.salinity;
    await addThresholds(series.id, 'salinity', [
      [1, 'Lúa bắt đầu bị ảnh hưởng'],
      [2, 'Lúa giảm năng suất'],
    ]);
    // Raw: one reading older than 24 hours, three inside (one flagged as a spike).
    await addReadings(s, [
      [now - 25 * HOUR, 0.5],
      [now - 23 * HOUR, 1.5],
      [now - 1 * HOUR, 9.9, 1],
      [now - 120, 3],
    ]);
    // Hourly: one bucket older than 10 days, two inside.
    const h = hourStart(now);
    await addRollups(s, 'h', [
      [h - 241 * HOUR, 0.1, 0.2, 0.15, 12],
      [h - 238 * HOUR, 1, 2, 1.5, 12],
      [h - HOUR, 2.5, 3.5, 3, 12],
    ]);
    // Daily (Vietnamese days): one older than 30 days, two inside.
    const d = vnDayStart(now);
    await addRollups(s, 'd', [
      [d - 31 * DAY, 0, 0.1, 0.05, 288],
      [d - 28 * DAY, 0.5, 2.5, 1.2, 288],
      [d - DAY, 1, 4, 2.4, 288],
    ]);
  });

  const seriesOf = async (query: string) => {
    const res = await get(`/api/v1/stations/${series.id}/series?${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return { res, body: await json<SeriesAnswer>(res) };
  };

  it('answers 24 hours of raw readings, spikes flagged, with the thresholds', async () => {
    const { res, body } = await seriesOf('metric=salinity&range=24h');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(body).toMatchObject({
      stationId: series.id,
      metric: 'salinity',
      name: 'Độ mặn',
      unit: '‰',
      range: '24h',
      grain: 'raw',
      aggregate: 'avg',
    });
    expect(body.points).toEqual([
      { t: iso(now - 23 * HOUR), v: 1.5 },
      { t: iso(now - HOUR), v: 9.9, spike: true },
      { t: iso(now - 120), v: 3 },
    ]);
    expect(body.thresholds.map((t) => t.value)).toEqual([1, 2]);
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(DAY * 1000);
  });

  it('defaults to 24 hours', async () => {
    const { body } = await seriesOf('metric=salinity');
    expect(body.range).toBe('24h');
    expect(body.points).toHaveLength(3);
  });

  it('answers 10 days of hourly rollups with min and max', async () => {
    const { res, body } = await seriesOf('metric=salinity&range=10d');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const h = hourStart(now);
    expect(body.grain).toBe('h');
    expect(body.points).toEqual([
      { t: iso(h - 238 * HOUR), v: 1.5, min: 1, max: 2 },
      { t: iso(h - HOUR), v: 3, min: 2.5, max: 3.5 },
    ]);
    expect(body.from).toBe(iso(h - 239 * HOUR));
  });

  it('answers 30 Vietnamese days of daily rollups, starting at midnight in Vietnam', async () => {
    const { body } = await seriesOf('metric=salinity&range=30d');
    const d = vnDayStart(now);
    expect(body.grain).toBe('d');
    expect(body.points).toEqual([
      { t: iso(d - 28 * DAY), v: 1.2, min: 0.5, max: 2.5 },
      { t: iso(d - DAY), v: 2.4, min: 1, max: 4 },
    ]);
    // 00:00 in Asia/Ho_Chi_Minh is 17:00 UTC the day before.
    expect(body.from).toBe(iso(d - 29 * DAY));
    expect(body.from.slice(11)).toBe('17:00:00.000Z');
  });

  it('shows a rainfall bucket as its total', async () => {
    const rain = await seedStation({
      kind: 'weather',
      latest: { rainfall: { value: 0.2, at: now - 60 } },
    });
    // The ingest keeps a sum metric's total in the `avg` column (ingest/rollups.ts).
    await addRollups(rain.streams.rainfall, 'h', [[hourStart(now) - HOUR, 0, 2, 6.5, 12]]);
    const res = await get(`/api/v1/stations/${rain.id}/series?metric=rainfall&range=10d`);
    const body = await json<SeriesAnswer>(res);
    expect(body.aggregate).toBe('sum');
    expect(body.points).toEqual([{ t: iso(hourStart(now) - HOUR), v: 6.5, min: 0, max: 2 }]);
  });

  it('answers an empty series for a measured metric without data', async () => {
    const { body } = await seriesOf('metric=ph&range=30d');
    expect(body.points).toEqual([]);
    expect(body.thresholds).toEqual([]);
  });

  it('refuses a bad metric or range, a metric the station does not measure, and unknown stations', async () => {
    for (const query of ['metric=gold&range=24h', 'metric=salinity&range=1y', 'range=24h']) {
      const res = await get(`/api/v1/stations/${series.id}/series?${query}`);
      expect(res.status, query).toBe(400);
    }
    const notMeasured = await get(`/api/v1/stations/${series.id}/series?metric=pm25`);
    expect(notMeasured.status).toBe(404);
    expect((await errorOf(notMeasured)).code).toBe('metric_not_measured');
    const unknown = await get('/api/v1/stations/khong-co/series?metric=salinity');
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe('station_not_found');
  });
});

describe('GET /api/v1/environment/alerts', () => {
  it('lists a station’s recent alerts, or only the active ones, newest first', async () => {
    const recent = await json<{ items: { metric: string; status: string; level: number }[] }>(
      await get(`/api/v1/environment/alerts?stationId=${f.water.id}`),
    );
    expect(recent.items.map((a) => `${a.metric}:${a.level}:${a.status}`)).toEqual([
      'ph:1:active',
      'salinity:2:active',
      'salinity:1:cleared',
    ]);
    const active = await json<{ items: Record<string, unknown>[] }>(
      await get(`/api/v1/environment/alerts?stationId=${f.water.id}&active=true`),
    );
    expect(active.items).toHaveLength(2);
    expect(active.items[1]).toMatchObject({
      stationId: f.water.id,
      stationName: 'Cống Xẻo Chít (thử)',
      stationKind: 'water',
      communeId: 'vi-thanh',
      communeName: 'Phường Vị Thanh',
      metric: 'salinity',
      name: 'Độ mặn',
      unit: '‰',
      level: 2,
      label: 'Lúa giảm năng suất',
      status: 'active',
      raisedValue: 2.1,
      peakValue: 2.6,
      clearedAt: null,
    });
  });

  it('never shows a disabled station’s alerts', async () => {
    const { items } = await json<{ items: { stationId: string }[] }>(
      await get(`/api/v1/environment/alerts?stationId=${f.disabled.id}`),
    );
    expect(items).toEqual([]);
  });
});

describe('follows', () => {
  const device = () => ({ 'X-Device-Id': `test-device-${crypto.randomUUID()}` });
  const follows = async (headers: Record<string, string>) =>
    (
      await json<{ items: { subjectType: string; subjectId: string; name: string }[] }>(
        await get('/api/v1/environment/follows', headers),
      )
    ).items;
  const put = (path: string, headers: Record<string, string>) =>
    call(`/api/v1/environment/follows/${path}`, { method: 'PUT', headers });
  const del = (path: string, headers: Record<string, string>) =>
    call(`/api/v1/environment/follows/${path}`, { method: 'DELETE', headers });

  it('follows and unfollows idempotently, by device', async () => {
    const phone = device();
    const first = await put(`station/${f.water.id}`, phone);
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({
      following: true,
      changed: true,
      subjectType: 'station',
      subjectId: f.water.id,
    });
    const again = await json<{ changed: boolean }>(await put(`station/${f.water.id}`, phone));
    expect(again.changed).toBe(false);
    expect((await put('commune/vi-thanh', phone)).status).toBe(200);
    expect(await follows(phone)).toEqual([
      { subjectType: 'station', subjectId: f.water.id, name: 'Cống Xẻo Chít (thử)' },
      { subjectType: 'commune', subjectId: 'vi-thanh', name: 'Phường Vị Thanh' },
    ]);
    const [row] = await db().all<{ n: number }>(sql`select count(*) as n from environment_follows
      where subject_type = 'station' and subject_id = ${f.water.id}
        and follower_id = ${await sha256(phone['X-Device-Id'])}`);
    expect(row?.n).toBe(1);

    const removed = await del(`station/${f.water.id}`, phone);
    expect(await json(removed)).toEqual({
      following: false,
      changed: true,
      subjectType: 'station',
      subjectId: f.water.id,
    });
    expect(
      (await json<{ changed: boolean }>(await del(`station/${f.water.id}`, phone))).changed,
    ).toBe(false);
    expect((await follows(phone)).map((i) => i.subjectId)).toEqual(['vi-thanh']);
  });

  it('keeps each device’s follows private', async () => {
    const a = device();
    const b = device();
    await put(`station/${f.water.id}`, a);
    expect(await follows(b)).toEqual([]);
    // B unfollowing changes nothing for A.
    expect((await json<{ changed: boolean }>(await del(`station/${f.water.id}`, b))).changed).toBe(
      false,
    );
    expect(await follows(a)).toHaveLength(1);
    const res = await get('/api/v1/environment/follows', {});
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('device_id_required');
  });

  it('follows as the signed-in citizen on every device, and shows the device’s own too', async () => {
    const token = await signInCitizen(newZaloId());
    const bearer = { Authorization: `Bearer ${token}` };
    const phoneA = device();
    await put('commune/vi-thanh', phoneA); // before signing in
    await put(`station/${f.water.id}`, { ...bearer, ...phoneA }); // signed in, on phone A
    expect((await follows({ ...bearer, ...device() })).map((i) => i.subjectId)).toEqual([
      f.water.id,
    ]);
    expect((await follows({ ...bearer, ...phoneA })).map((i) => i.subjectId)).toEqual([
      f.water.id,
      'vi-thanh',
    ]);
    // Unfollowing while signed in removes it for the citizen and the device alike.
    await del('commune/vi-thanh', { ...bearer, ...phoneA });
    expect(await follows(phoneA)).toEqual([]);
  });

  it('answers 404 for an unknown or disabled station or commune, 400 for a bad subject', async () => {
    const phone = device();
    for (const [path, code] of [
      ['station/khong-co-tram', 'station_not_found'],
      [`station/${f.disabled.id}`, 'station_not_found'],
      ['commune/khong-co-xa', 'commune_not_found'],
      ['commune/hau-giang', 'commune_not_found'],
    ] as const) {
      const res = await put(path, phone);
      expect(res.status, path).toBe(404);
      expect((await errorOf(res)).code).toBe(code);
    }
    expect((await put('district/vi-thanh', phone)).status).toBe(400);
    expect(await follows(phone)).toEqual([]);
  });
});

describe('GET /api/v1/environment/reports', () => {
  const agencyId = 'so_nong_nghiep_moi_truong';
  const year = 2091; // a year no other test uses
  const ids: string[] = [];

  beforeAll(async () => {
    const rows: [string, 'quarterly' | 'annual', number | null, string][] = [
      ['Quý 1', 'quarterly', 1, '2091-04-05T00:00:00.000Z'],
      ['Năm', 'annual', null, '2092-01-20T00:00:00.000Z'],
      ['Quý 3', 'quarterly', 3, '2091-10-05T00:00:00.000Z'],
      ['Quý 2', 'quarterly', 2, '2091-07-05T00:00:00.000Z'],
      ['Quý 3 (bản sửa)', 'quarterly', 3, '2091-10-20T00:00:00.000Z'],
    ];
    for (const [title, period, quarter, createdAt] of rows) {
      const id = crypto.randomUUID();
      ids.push(id);
      await db().run(sql`insert into environment_reports
          (id, agency_id, title, period, year, quarter, r2_key, bytes, sha256, uploaded_by, created_at)
        values (${id}, ${agencyId}, ${`Báo cáo môi trường ${title} ${year}`}, ${period}, ${year},
          ${quarter}, ${`environment-reports/${id}.pdf`}, 1234, 'abc', 'test', ${createdAt})`);
    }
  });

  it('lists the newest period first and pages by cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(
        `/api/v1/environment/reports?year=${year}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      const page = await json<{ items: { title: string }[]; nextCursor: string | null }>(res);
      seen.push(...page.items.map((i) => i.title.replace(/^Báo cáo môi trường | 2091$/g, '')));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(['Năm', 'Quý 3 (bản sửa)', 'Quý 3', 'Quý 2', 'Quý 1']);
  });

  it('answers the contract’s fields and filters by agency', async () => {
    const { items } = await json<{ items: Record<string, unknown>[] }>(
      await get(`/api/v1/environment/reports?year=${year}&agencyId=${agencyId}&limit=1`),
    );
    expect(items[0]).toEqual({
      id: ids[1],
      title: `Báo cáo môi trường Năm ${year}`,
      period: 'annual',
      year,
      quarter: null,
      agencyId,
      agencyName: expect.any(String),
      bytes: 1234,
      createdAt: '2092-01-20T00:00:00.000Z',
      url: `/api/v1/environment/reports/${ids[1]}/file`,
    });
    const other = await json<{ items: unknown[] }>(
      await get(`/api/v1/environment/reports?year=${year}&agencyId=so_y_te`),
    );
    expect(other.items).toEqual([]);
  });

  it('refuses a forged cursor and answers 404 for an unknown file', async () => {
    const bad = await get('/api/v1/environment/reports?cursor=bm9wZQ');
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe('invalid_cursor');
    const missing = await get(`/api/v1/environment/reports/${crypto.randomUUID()}/file`);
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('report_not_found');
  });
});

describe('OpenAPI', () => {
  it('documents the environment endpoints and their schemas', async () => {
    const doc = (await (await call('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/stations',
        '/api/v1/stations/{id}',
        '/api/v1/stations/{id}/series',
        '/api/v1/environment/follows',
        '/api/v1/environment/follows/{subjectType}/{subjectId}',
        '/api/v1/environment/alerts',
        '/api/v1/environment/reports',
        '/api/v1/environment/reports/{id}/file',
        '/api/v1/admin/environment/gateways',
        '/api/v1/admin/environment/gateways/{id}',
        '/api/v1/admin/environment/gateways/{id}/poll',
        '/api/v1/admin/environment/stations',
        '/api/v1/admin/environment/stations/{id}',
        '/api/v1/admin/environment/stations/{id}/thresholds/{metric}',
        '/api/v1/admin/environment/reports',
        '/api/v1/admin/environment/reports/{id}',
      ]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Station', 'StationDetail', 'StationSeries', 'SensorGateway']),
    );
    const upload = doc.paths['/api/v1/admin/environment/reports']?.post?.requestBody;
    expect(Object.keys(upload?.content ?? {})).toEqual(['multipart/form-data']);
  });
});

describe('database round trips', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Hrana requests (pipeline or cursor) the Worker sends to libSQL while serving `path`. */
  async function roundTrips(path: string, headers: Record<string, string> = {}): Promise<number> {
    const spy = vi.spyOn(globalThis, 'fetch');
    try {
      const res = await exports.default.fetch(new Request(`https://tinh.test${path}`, { headers }));
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
      return spy.mock.calls.filter(([input]) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        return (
          url.origin === new URL(env.LIBSQL_URL).origin &&
          /^\/v[23]\/(pipeline|cursor)$/.test(url.pathname)
        );
      }).length;
    } finally {
      spy.mockRestore();
    }
  }

  it('answers every public read with ONE round trip', async () => {
    const phone = { 'X-Device-Id': `test-device-${uid('rt')}` };
    for (const path of [
      '/api/v1/stations',
      '/api/v1/stations?kind=water',
      `/api/v1/stations/${f.water.id}`,
      `/api/v1/stations/${f.water.id}/series?metric=salinity&range=24h`,
      `/api/v1/stations/${f.water.id}/series?metric=salinity&range=10d`,
      `/api/v1/stations/${f.water.id}/series?metric=salinity&range=30d`,
      `/api/v1/environment/alerts?stationId=${f.water.id}`,
      '/api/v1/environment/alerts?active=true',
      '/api/v1/environment/reports?year=2091',
    ]) {
      expect(await roundTrips(path), path).toBe(1);
    }
    expect(await roundTrips('/api/v1/environment/follows', phone)).toBe(1);
  });
});

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
