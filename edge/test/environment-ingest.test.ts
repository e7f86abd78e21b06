import { env } from 'cloudflare:workers';
import { readingRollups, readings, stationStreams } from '@tinh/db/schema';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runPollTick } from '../src/environment/ingest/poll';
import {
  createGateway,
  createStation,
  datastream,
  db,
  gatewayRow,
  HOUR,
  iso,
  poll,
  series,
  streamsOf,
} from './support/sensors';

// Polling real HTTP gateways (the loopback stand-in) into the real test database: discovery,
// paging, cleaning, idempotent storage, and how failures are contained and backed off.

const nowS = () => Math.floor(Date.now() / 1000);
/** Five-minute steps ending about ten minutes ago. */
const recent = (count: number) => nowS() - 600 - (count - 1) * 300 - (nowS() % 300);

const readingsOf = (streamId: number) =>
  db()
    .select()
    .from(readings)
    .where(eq(readings.streamId, streamId))
    .orderBy(asc(readings.observedAt));

const byMetric = async (stationId: string) =>
  Object.fromEntries((await streamsOf(stationId)).map((s) => [s.metric, s]));

describe('SensorThings adapter', () => {
  it('discovers Datastreams, follows next links over partial pages, converts units', async () => {
    const { id: gw, fake } = await createGateway({});
    const st = await createStation({ gatewayId: gw, kind: 'water', externalId: '7' });
    const from = recent(20);
    await fake.put({
      maxTop: 7,
      things: {
        '7': [
          datastream(71, 'Salinity', '‰'),
          datastream(72, 'Electrical conductivity', 'mS/cm'),
          datastream(73, 'Temperature', '°C'),
          datastream(74, 'pH', null),
          datastream(75, 'Dissolved oxygen', 'mg/L'),
          datastream(76, 'Salinity (backup)', 'ppt'),
          datastream(77, 'Water level', 'm', { ObservedProperty: { name: 'Độ mặn' } }),
        ],
      },
      observations: {
        '71': series(from, 20, (i) => 1 + i * 0.01),
        '72': series(from, 20, (i) => 1.7 + i * 0.01),
        '73': series(from, 20, () => 29.5),
        '74': series(from, 20, () => '7.2'),
      },
    });

    const result = await poll([gw], { discover: true });
    expect(result).toMatchObject({
      gateways: 1,
      failed: 0,
      stations: 1,
      observations: 80,
      stored: 80,
      dropped: 0,
      streamsAdded: 4,
      skippedStreams: 3,
    });

    const streams = await byMetric(st);
    expect(Object.keys(streams).sort()).toEqual([
      'conductivity',
      'ph',
      'salinity',
      'water_temperature',
    ]);
    expect(streams.salinity).toMatchObject({ externalId: '71', sourceUnit: '‰' });
    expect(streams.conductivity).toMatchObject({ externalId: '72', sourceUnit: 'mS/cm' });
    // An inlined ObservedProperty names the metric before the Datastream's own name does, and
    // salinity is already taken by Datastream 71.
    expect(streams.salinity?.externalId).toBe('71');

    const ec = await readingsOf(streams.conductivity?.id ?? 0);
    expect(ec).toHaveLength(20);
    expect(ec[0]?.value).toBe(1700);
    expect(ec[19]?.value).toBe(1890);
    expect(streams.conductivity?.watermark).toBe(iso(from + 19 * 300));
    expect(streams.conductivity?.lastValue).toBe(1890);
    expect((await readingsOf(streams.ph?.id ?? 0))[0]?.value).toBe(7.2);

    const log = await fake.log();
    const pages = log.filter((r) => r.path === '/st/v1.1/Datastreams(71)/Observations');
    // 20 observations at 7 per page: 3 pages, the last one partial.
    expect(pages).toHaveLength(3);
    expect(pages[0]?.query).toMatchObject({
      $filter: expect.stringMatching(/^phenomenonTime gt \d{4}-\d\d-\d\dT[\d:.]+Z$/),
      $orderby: 'phenomenonTime asc',
      $top: '500',
    });
    expect(pages[1]?.query.$skip).toBe('7');

    const health = await gatewayRow(gw);
    expect(health?.lastSuccessAt).toBeTruthy();
    expect(health?.consecutiveFailures).toBe(0);
    expect(health?.lastError).toContain('Bỏ qua 3 luồng dữ liệu');
    expect(health?.lastError).toContain('"Dissolved oxygen" (mg/L) – chỉ số không hỗ trợ');
    expect(health?.lastError).toContain('trùng chỉ số');
  });

  it('asks only for observations newer than the watermark, and re-polling stores nothing twice', async () => {
    const { id: gw, fake } = await createGateway({});
    const st = await createStation({ gatewayId: gw, kind: 'water', externalId: 'cong-xa-no' });
    const from = recent(12);
    await fake.put({
      things: { 'cong-xa-no': [datastream('sal', 'Độ mặn', 'g/L')] },
      observations: { sal: series(from, 12, (i) => 0.5 + i * 0.1) },
    });
    expect((await poll([gw])).stored).toBe(12);
    const [stream] = await streamsOf(st);
    if (!stream) throw new Error('no stream');
    const rollups = () =>
      db()
        .select()
        .from(readingRollups)
        .where(eq(readingRollups.streamId, stream.id))
        .orderBy(asc(readingRollups.bucketStart));
    const before = { readings: await readingsOf(stream.id), rollups: await rollups() };

    // Same data, polled again: the request starts at the watermark, nothing comes back.
    const again = await poll([gw]);
    expect(again).toMatchObject({ observations: 0, stored: 0 });
    const log = await fake.log();
    const last = log.filter((r) => r.path.endsWith('/Observations')).at(-1);
    expect(last?.query.$filter).toBe(`phenomenonTime gt ${iso(from + 11 * 300)}`);
    // String ids are quoted OData literals.
    expect(log.some((r) => r.path === "/st/v1.1/Things('cong-xa-no')/Datastreams")).toBe(true);

    // The same window re-polled from scratch (watermark lost): storage is idempotent.
    await db()
      .update(stationStreams)
      .set({ watermark: null })
      .where(eq(stationStreams.id, stream.id));
    const replay = await poll([gw]);
    expect(replay).toMatchObject({ observations: 12, stored: 0 });
    expect(await readingsOf(stream.id)).toEqual(before.readings);
    expect(await rollups()).toEqual(before.rollups);
    const [after] = await streamsOf(st);
    expect(after).toMatchObject({
      watermark: stream.watermark,
      lastValue: stream.lastValue,
      lastObservedAt: stream.lastObservedAt,
    });
  });

  it('keeps the whole pages fetched before a failure and resumes after them', async () => {
    const { id: gw, fake } = await createGateway({});
    const st = await createStation({ gatewayId: gw, kind: 'water', externalId: '9' });
    const from = recent(10);
    const scenario = {
      maxTop: 4,
      things: { '9': [datastream(91, 'Salinity', 'psu')] },
      observations: { '91': series(from, 10, () => 2) },
    };
    await fake.put({ ...scenario, rules: [{ match: 'Observations', after: 1, status: 503 }] });
    const first = await poll([gw]);
    expect(first).toMatchObject({ failed: 1, stored: 4 });
    const [stream] = await streamsOf(st);
    expect(stream?.watermark).toBe(iso(from + 3 * 300));
    expect((await gatewayRow(gw))?.lastError).toContain('HTTP 503');

    await fake.put(scenario);
    const second = await poll([gw]);
    expect(second).toMatchObject({ failed: 0, stored: 6 });
    const log = await fake.log();
    expect(log.find((r) => r.path.endsWith('/Observations'))?.query.$filter).toBe(
      `phenomenonTime gt ${iso(from + 3 * 300)}`,
    );
    expect(await readingsOf(stream?.id ?? 0)).toHaveLength(10);
  });

  it('reports malformed answers clearly and refuses next links to other hosts', async () => {
    const { id: gw, fake } = await createGateway({});
    await createStation({ gatewayId: gw, kind: 'water', externalId: '5' });
    const base = {
      things: { '5': [datastream(51, 'Salinity', '‰')] },
      observations: { '51': series(recent(3), 3, () => 1) },
    };
    await fake.put({ ...base, rules: [{ match: 'Observations', malformed: 'not-json' }] });
    expect((await poll([gw])).failed).toBe(1);
    expect((await gatewayRow(gw))?.lastError).toContain('Dữ liệu trả về không phải JSON: ');

    await fake.put({ ...base, rules: [{ match: 'Observations', malformed: 'no-collection' }] });
    await poll([gw]);
    expect((await gatewayRow(gw))?.lastError).toContain('thiếu mảng "value"');

    await fake.put({ ...base, rules: [{ match: 'Observations', malformed: 'html' }] });
    await poll([gw]);
    expect((await gatewayRow(gw))?.lastError).toContain('không phải JSON');

    await fake.put({ ...base, maxTop: 1, foreignNextLink: true });
    const res = await poll([gw]);
    // The first page is kept; the link to another host is not followed.
    expect(res.stored).toBe(1);
    expect((await gatewayRow(gw))?.lastError).toContain('trỏ ra ngoài cổng');
  });

  it('keeps polling the other stations of a gateway when one station fails', async () => {
    const { id: gw, fake } = await createGateway({});
    const good = await createStation({ gatewayId: gw, kind: 'air', externalId: '1' });
    await createStation({ gatewayId: gw, kind: 'air', externalId: '404' });
    await fake.put({
      things: { '1': [datastream(11, 'PM2.5', 'µg/m³'), datastream(12, 'VN_AQI', '')] },
      observations: { '11': series(recent(2), 2, () => 35), '12': series(recent(2), 2, () => 80) },
    });
    const res = await poll([gw]);
    expect(res).toMatchObject({ failed: 0, stations: 2, stationErrors: 1, stored: 4 });
    expect(Object.keys(await byMetric(good)).sort()).toEqual(['aqi', 'pm25']);
    const health = await gatewayRow(gw);
    expect(health?.consecutiveFailures).toBe(0);
    expect(health?.lastError).toContain('Lỗi ở 1 trạm');
    expect(health?.lastError).toContain('HTTP 404');
  });
});

describe('simple JSON adapter', () => {
  it('pages by next, converts units per observation, drops impossible values and flags spikes', async () => {
    const { id: gw, fake } = await createGateway({ protocol: 'simple_json' });
    const st = await createStation({ gatewayId: gw, kind: 'water', externalId: 'XN-01' });
    const from = recent(8);
    const at = (i: number) => iso(from + i * 300);
    await fake.put({
      maxTop: 5,
      stations: {
        'XN-01': [
          ...[1.2, 1.3, 1.25, -999, 1.3, 9.5, 1.35, 1.4].map((v, i) => ({
            metric: 'salinity',
            time: at(i),
            value: v,
            unit: '‰',
          })),
          // EC from a sensor answering in mS/cm, then one in µS/cm: both stored in µS/cm.
          { metric: 'conductivity', time: at(0), value: 2.1, unit: 'mS/cm' },
          { metric: 'conductivity', time: at(1), value: 2150, unit: 'µS/cm' },
          { metric: 'conductivity', time: at(2), value: 'n/a', unit: 'µS/cm' },
          { metric: 'turbidity', time: at(0), value: 12, unit: 'NTU' },
          { metric: 'ph', time: at(0), value: 7.1, unit: 'mol/L' },
        ],
      },
    });
    const res = await poll([gw]);
    expect(res).toMatchObject({
      stored: 9,
      dropped: 2,
      spikes: 1,
      streamsAdded: 2,
      skippedStreams: 2,
    });

    const streams = await byMetric(st);
    expect(Object.keys(streams).sort()).toEqual(['conductivity', 'salinity']);
    const sal = await readingsOf(streams.salinity?.id ?? 0);
    expect(sal.map((r) => [r.value, r.flag])).toEqual([
      [1.2, 0],
      [1.3, 0],
      [1.25, 0],
      [1.3, 0],
      [9.5, 1],
      [1.35, 0],
      [1.4, 0],
    ]);
    expect(streams.salinity).toMatchObject({
      droppedCount: 1,
      spikeCount: 1,
      lastValue: 1.4,
      watermark: at(7),
    });
    expect((await readingsOf(streams.conductivity?.id ?? 0)).map((r) => r.value)).toEqual([
      2100, 2150,
    ]);
    expect(streams.conductivity?.droppedCount).toBe(1);
    // Two pages of five and one more: 13 observations, 2 of them for unknown streams.
    const log = await fake.log();
    expect(log).toHaveLength(3);
    expect(log[0]?.path).toBe('/sj/stations/XN-01/observations');
    expect(log[0]?.query.limit).toBe('500');
    expect((await gatewayRow(gw))?.lastError).toContain('"turbidity" (NTU) – chỉ số không hỗ trợ');

    // The next poll asks from the oldest watermark of the station's streams.
    await poll([gw]);
    expect((await fake.log()).at(-1)?.query.since).toBe(at(2));
  });

  it('sends the gateway credential from the named secret, and says when it is missing', async () => {
    const { id: gw, fake } = await createGateway({
      protocol: 'simple_json',
      authSecretName: 'SENSOR_GATEWAY_TEST_TOKEN',
    });
    await createStation({ gatewayId: gw, kind: 'weather', externalId: 'vt' });
    await fake.put({
      requireAuth: 'Bearer s3cret',
      stations: {
        vt: [{ metric: 'air_temperature', time: iso(recent(1)), value: 301.15, unit: 'K' }],
      },
    });
    const missing = await poll([gw]);
    expect(missing.failed).toBe(1);
    expect((await gatewayRow(gw))?.lastError).toContain(
      'Chưa cấu hình khóa bí mật "SENSOR_GATEWAY_TEST_TOKEN"',
    );
    expect(await fake.log()).toHaveLength(0);

    const withSecret = { ...env, SENSOR_GATEWAY_TEST_TOKEN: 'Bearer s3cret' };
    const res = await runPollTick(db(), withSecret, { gatewayIds: [gw], force: true });
    expect(res).toMatchObject({ failed: 0, stored: 1 });
    expect((await fake.log())[0]?.authorization).toBe('Bearer s3cret');
  });
});

describe('failures, timeouts and backoff', () => {
  it('times out a slow gateway and still polls the others in the same tick', async () => {
    const slow = await createGateway({ timeoutMs: 500 });
    const healthy = await createGateway({});
    const slowStation = await createStation({ gatewayId: slow.id, externalId: '1' });
    const okStation = await createStation({ gatewayId: healthy.id, externalId: '1' });
    const data = {
      things: { '1': [datastream(1, 'Salinity', '‰')] },
      observations: { '1': series(recent(3), 3, () => 0.4) },
    };
    await slow.fake.put({ ...data, rules: [{ delayMs: 3000 }] });
    await healthy.fake.put(data);

    const started = Date.now();
    const res = await poll([slow.id, healthy.id]);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(res).toMatchObject({ gateways: 2, failed: 1, stored: 3 });
    expect(await streamsOf(slowStation)).toHaveLength(0);
    expect(await streamsOf(okStation)).toHaveLength(1);
    const health = await gatewayRow(slow.id);
    expect(health?.lastError).toBe(
      `Cổng không trả lời trong 500 ms: /${slow.id}/st/v1.1/Things(1)/Datastreams`,
    );
    expect(health?.consecutiveFailures).toBe(1);
  });

  it('backs off exponentially while a gateway fails, and resets on success', async () => {
    const { id: gw, fake } = await createGateway({ pollIntervalMinutes: 5 });
    await createStation({ gatewayId: gw, externalId: '3' });
    const data = {
      things: { '3': [datastream(3, 'Salinity', '‰')] },
      observations: { '3': series(recent(1), 1, () => 0.2) },
    };
    await fake.put({ ...data, rules: [{ status: 500 }] });
    const now = new Date();
    const minutesAhead = async () =>
      Math.round((Date.parse((await gatewayRow(gw))?.nextPollAt ?? '') - now.getTime()) / 60_000);

    await poll([gw], { now });
    expect(await minutesAhead()).toBe(10);
    await poll([gw], { now });
    expect(await minutesAhead()).toBe(20);
    await poll([gw], { now });
    expect(await minutesAhead()).toBe(40);
    await poll([gw], { now });
    expect(await minutesAhead()).toBe(60);
    await poll([gw], { now });
    expect(await minutesAhead()).toBe(60);
    const failing = await gatewayRow(gw);
    expect(failing).toMatchObject({ consecutiveFailures: 5, lastSuccessAt: null });
    expect(failing?.lastErrorAt).toBe(now.toISOString());

    await fake.put(data);
    await poll([gw], { now });
    const healed = await gatewayRow(gw);
    expect(healed).toMatchObject({ consecutiveFailures: 0, lastSuccessAt: now.toISOString() });
    // Half a minute before the next 5-minute tick, so that tick finds it due.
    expect(Date.parse(healed?.nextPollAt ?? '') - now.getTime()).toBe(5 * 60_000 - 30_000);
  });

  it('claims only gateways that are due, once', async () => {
    const due = await createGateway({ nextPollAt: null });
    const later = await createGateway({
      nextPollAt: new Date(Date.now() + HOUR * 1000).toISOString(),
    });
    await due.fake.put({});
    const res = await runPollTick(db(), env, { gatewayIds: [due.id, later.id] });
    expect(res.gateways).toBe(1);
    // Claimed and polled: not due again until its next poll time.
    const again = await runPollTick(db(), env, { gatewayIds: [due.id, later.id] });
    expect(again.gateways).toBe(0);
    expect(Date.parse((await gatewayRow(due.id))?.nextPollAt ?? '')).toBeGreaterThan(Date.now());
  });

  it('stops at the tick budget and resumes with the stations furthest behind', async () => {
    const { id: gw, fake } = await createGateway({});
    const a = await createStation({ gatewayId: gw, externalId: '1' });
    const b = await createStation({ gatewayId: gw, externalId: '2' });
    await fake.put({
      things: { '1': [datastream(1, 'Salinity', '‰')], '2': [datastream(2, 'Salinity', '‰')] },
      observations: { '1': series(recent(2), 2, () => 1), '2': series(recent(2), 2, () => 1) },
    });
    // Each station needs 2 calls (Datastreams, Observations): 3 calls finish one of them.
    const res = await poll([gw], { maxRequests: 3 });
    expect(res).toMatchObject({ failed: 0, requests: 3, stored: 2 });
    expect(res.deferred).toBeGreaterThanOrEqual(1);
    const done = [...(await streamsOf(a)), ...(await streamsOf(b))];
    const next = await poll([gw]);
    expect(next.failed).toBe(0);
    const all = await db()
      .select()
      .from(readings)
      .where(
        inArray(
          readings.streamId,
          [...(await streamsOf(a)), ...(await streamsOf(b))].map((s) => s.id),
        ),
      );
    expect(all).toHaveLength(4);
    expect(done.length).toBeGreaterThanOrEqual(1);
  });

  it('leaves observations dated in the future for later', async () => {
    const { id: gw, fake } = await createGateway({ protocol: 'simple_json' });
    const st = await createStation({ gatewayId: gw, kind: 'weather', externalId: 'w' });
    const t = recent(1);
    await fake.put({
      stations: {
        w: [
          { metric: 'rainfall', time: iso(t), value: 0.4, unit: 'mm' },
          { metric: 'rainfall', time: iso(t + 2 * HOUR), value: 0.2, unit: 'mm' },
        ],
      },
    });
    const res = await poll([gw]);
    expect(res).toMatchObject({ stored: 1, dropped: 0 });
    const [stream] = await streamsOf(st);
    // The future one stays ahead of the watermark: it is taken when its time comes.
    expect(stream?.watermark).toBe(iso(t));
    expect(
      await db()
        .select()
        .from(readings)
        .where(and(eq(readings.streamId, stream?.id ?? 0), eq(readings.observedAt, t + 2 * HOUR))),
    ).toHaveLength(0);
  });
});
