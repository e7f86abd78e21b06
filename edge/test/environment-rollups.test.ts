import { readingRollups, readings, stationStreams } from '@tinh/db/schema';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deleteOldReadings } from '../src/environment/ingest/retention';
import {
  createGateway,
  createStation,
  DAY,
  db,
  HOUR,
  iso,
  poll,
  streamsOf,
  vnDayStart,
} from './support/sensors';

// Hourly and daily rollups written with the readings, across an hour and a Vietnamese
// midnight (17:00 UTC), sums for rainfall and means for the rest, spikes left out; and the
// retention of raw readings.

const rollupsOf = async (streamId: number, grain: 'h' | 'd') =>
  (
    await db()
      .select()
      .from(readingRollups)
      .where(and(eq(readingRollups.streamId, streamId), eq(readingRollups.grain, grain)))
      .orderBy(asc(readingRollups.bucketStart))
  ).map((r) => ({ start: r.bucketStart, min: r.min, max: r.max, value: r.avg, count: r.count }));

describe('rollups', () => {
  it('are correct across hour and day boundaries in Asia/Ho_Chi_Minh, and recomputed when a bucket grows', async () => {
    // Yesterday's Vietnamese midnight: 17:00 UTC.
    const D = vnDayStart(Math.floor(Date.now() / 1000)) - DAY;
    expect(new Date(D * 1000).getUTCHours()).toBe(17);
    const now = new Date((D + 3 * HOUR) * 1000);
    const { id: gw, fake } = await createGateway({ protocol: 'simple_json' });
    const st = await createStation({ gatewayId: gw, kind: 'weather', externalId: 'vi-thanh-1' });
    const obs = (metric: string, unit: string, list: [minutes: number, value: number][]) =>
      list.map(([m, value]) => ({ metric, unit, value, time: iso(D + m * 60) }));
    const temperature: [number, number][] = [
      [-65, 28],
      [-5, 27],
      [0, 26],
      [5, 26.5],
      [10, 40], // a spike: flagged, left out of the rollups
      [61, 25],
    ];
    const rain: [number, number][] = [
      [-65, 1.0],
      [-5, 2.5],
      [0, 0.5],
      [5, 1.5],
      [61, 3.0],
    ];
    await fake.put({
      stations: {
        'vi-thanh-1': [
          ...obs('air_temperature', '°C', temperature),
          ...obs('rainfall', 'mm', rain),
        ],
      },
    });
    const res = await poll([gw], { now });
    expect(res).toMatchObject({ stored: 11, spikes: 1 });
    const streams = Object.fromEntries((await streamsOf(st)).map((s) => [s.metric, s.id]));
    const temp = streams.air_temperature ?? 0;
    const rainId = streams.rainfall ?? 0;

    expect(await rollupsOf(temp, 'h')).toEqual([
      { start: D - 2 * HOUR, min: 28, max: 28, value: 28, count: 1 },
      { start: D - HOUR, min: 27, max: 27, value: 27, count: 1 },
      { start: D, min: 26, max: 26.5, value: 26.25, count: 2 },
      { start: D + HOUR, min: 25, max: 25, value: 25, count: 1 },
    ]);
    const tempDays = await rollupsOf(temp, 'd');
    expect(tempDays).toHaveLength(2);
    expect(tempDays[0]).toEqual({ start: D - DAY, min: 27, max: 28, value: 27.5, count: 2 });
    expect(tempDays[1]).toMatchObject({ start: D, min: 25, max: 26.5, count: 3 });
    expect(tempDays[1]?.value).toBeCloseTo((26 + 26.5 + 25) / 3, 10);

    // Rainfall adds up: millimetres in the hour, in the day.
    expect(await rollupsOf(rainId, 'h')).toEqual([
      { start: D - 2 * HOUR, min: 1, max: 1, value: 1, count: 1 },
      { start: D - HOUR, min: 2.5, max: 2.5, value: 2.5, count: 1 },
      { start: D, min: 0.5, max: 1.5, value: 2, count: 2 },
      { start: D + HOUR, min: 3, max: 3, value: 3, count: 1 },
    ]);
    expect(await rollupsOf(rainId, 'd')).toEqual([
      { start: D - DAY, min: 1, max: 2.5, value: 3.5, count: 2 },
      { start: D, min: 0.5, max: 3, value: 5, count: 3 },
    ]);

    // More readings in the last hour: that hour and its day are recomputed, nothing else.
    await fake.put({
      stations: {
        'vi-thanh-1': [
          ...obs('air_temperature', '°C', [...temperature, [65, 27]]),
          ...obs('rainfall', 'mm', [...rain, [65, 0.5]]),
        ],
      },
    });
    expect((await poll([gw], { now })).stored).toBe(2);
    const hours = await rollupsOf(temp, 'h');
    expect(hours.at(-1)).toEqual({ start: D + HOUR, min: 25, max: 27, value: 26, count: 2 });
    expect(hours).toHaveLength(4);
    const days = await rollupsOf(temp, 'd');
    expect(days[0]).toEqual({ start: D - DAY, min: 27, max: 28, value: 27.5, count: 2 });
    expect(days[1]).toMatchObject({ start: D, min: 25, max: 27, count: 4 });
    expect(days[1]?.value).toBeCloseTo((26 + 26.5 + 25 + 27) / 4, 10);
    expect((await rollupsOf(rainId, 'd'))[1]).toEqual({
      start: D,
      min: 0.5,
      max: 3,
      value: 5.5,
      count: 4,
    });
    expect((await rollupsOf(rainId, 'h')).at(-1)).toMatchObject({ value: 3.5, count: 2 });
  });
});

describe('retention', () => {
  it('deletes raw readings older than READINGS_RETENTION_DAYS in bounded rounds, keeping rollups', async () => {
    const { id: gw } = await createGateway({});
    const st = await createStation({ gatewayId: gw });
    const [stream] = await db()
      .insert(stationStreams)
      .values({ stationId: st, metric: 'salinity', externalId: 'x', sourceUnit: '‰' })
      .returning({ id: stationStreams.id });
    const id = stream?.id ?? 0;
    // A time nobody else's test data uses: the database is shared.
    const B = Date.UTC(2001, 0, 1) / 1000;
    await db()
      .insert(readings)
      .values(
        Array.from({ length: 10 }, (_, i) => ({ streamId: id, observedAt: B + i * DAY, value: i })),
      );
    await db()
      .insert(readingRollups)
      .values({ streamId: id, grain: 'd', bucketStart: B, min: 0, max: 0, avg: 0, count: 1 });
    const now = new Date((B + 40 * DAY) * 1000);
    const cfg = { READINGS_RETENTION_DAYS: '35' };

    const first = await deleteOldReadings(db(), cfg, now, { round: 3, maxRounds: 1 });
    expect(first).toMatchObject({ deleted: 3, more: true, cutoff: iso(B + 5 * DAY) });
    const rest = await deleteOldReadings(db(), cfg, now, { round: 3 });
    expect(rest).toMatchObject({ deleted: 2, more: false });
    const left = await db().select().from(readings).where(eq(readings.streamId, id));
    expect(left.map((r) => r.observedAt - B)).toEqual([5, 6, 7, 8, 9].map((i) => i * DAY));
    expect(await rollupsOf(id, 'd')).toHaveLength(1);
  });
});
