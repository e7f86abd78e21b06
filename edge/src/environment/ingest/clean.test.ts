import { describe, expect, it } from 'vitest';
import type { RawObservation } from '../gateways/types';
import { cleanSeries, type StreamState } from './clean';
import { hourStart, vnDayStart } from './rollups';

const T = 1_800_000_000; // 2027-01-15T08:00:00Z
const opts = { now: T + 3600, floor: T - 30 * 86_400 };
const fresh = (metric: StreamState['metric'], sourceUnit: string): StreamState => ({
  metric,
  sourceUnit,
  watermark: null,
  lastGood: null,
  lastSpike: null,
});
const obs = (values: unknown[], unit?: string): RawObservation[] =>
  values.map((value, i) => ({ time: T + i * 300, value, ...(unit ? { unit } : {}) }));

describe('cleanSeries', () => {
  it('converts units: EC in mS/cm to µS/cm, temperatures in K, wind in km/h', () => {
    expect(
      cleanSeries(fresh('conductivity', 'mS/cm'), obs([1.2, '2.45']), opts).rows.map((r) => r.v),
    ).toEqual([1200, 2450]);
    expect(cleanSeries(fresh('water_temperature', 'K'), obs([303.15]), opts).rows[0]?.v).toBe(30);
    expect(cleanSeries(fresh('wind_speed', 'km/h'), obs([36]), opts).rows[0]?.v).toBe(10);
    // A unit on the observation wins over the stream's.
    expect(cleanSeries(fresh('salinity', '‰'), obs([1500], 'mg/L'), opts).rows[0]?.v).toBe(1.5);
  });

  it('drops and counts impossible values, and advances the watermark past them', () => {
    const out = cleanSeries(fresh('salinity', '‰'), obs([0.4, -999, null, 'abc', 60, 0.5]), opts);
    expect(out.rows.map((r) => r.v)).toEqual([0.4, 0.5]);
    expect(out.dropped).toBe(4);
    expect(out.watermark).toBe(T + 5 * 300);
    const unknownUnit = cleanSeries(fresh('salinity', 'furlongs'), obs([1]), opts);
    expect(unknownUnit).toMatchObject({ rows: [], dropped: 1 });
    const badTime = cleanSeries(fresh('ph', ''), [{ time: Number.NaN, value: 7 }], opts);
    expect(badTime).toMatchObject({ rows: [], dropped: 1, watermark: null });
  });

  it('flags a spike, keeps it, and compares the next reading with the last good one', () => {
    const out = cleanSeries(fresh('salinity', '‰'), obs([1.0, 1.2, 8.0, 1.3, 1.1]), opts);
    expect(out.rows.map((r) => [r.v, r.flag])).toEqual([
      [1.0, 0],
      [1.2, 0],
      [8.0, 1],
      [1.3, 0],
      [1.1, 0],
    ]);
    expect(out.spikes).toBe(1);
    expect(out.lastGood).toEqual({ t: T + 4 * 300, v: 1.1 });
  });

  it('accepts a level shift confirmed by the next reading, across polls too', () => {
    const first = cleanSeries(fresh('salinity', '‰'), obs([1.0, 7.5]), opts);
    expect(first.rows.map((r) => r.flag)).toEqual([0, 1]);
    const state: StreamState = {
      ...fresh('salinity', '‰'),
      watermark: first.watermark,
      lastGood: first.lastGood,
      lastSpike: { t: T + 300, v: 7.5 },
    };
    const next = cleanSeries(
      state,
      [
        { time: T + 600, value: 7.7 },
        { time: T + 900, value: 7.6 },
      ],
      opts,
    );
    expect(next.rows.map((r) => [r.v, r.flag])).toEqual([
      [7.7, 0],
      [7.6, 0],
    ]);
  });

  it('does not test for spikes across a long gap', () => {
    const state: StreamState = { ...fresh('salinity', '‰'), lastGood: { t: T - 3 * 3600, v: 0.2 } };
    expect(cleanSeries(state, obs([6]), opts).rows[0]?.flag).toBe(0);
  });

  it('skips what the watermark already covers, duplicates, the future and the expired', () => {
    const state: StreamState = { ...fresh('ph', ''), watermark: T };
    const out = cleanSeries(
      state,
      [
        { time: T - 300, value: 7 },
        { time: T, value: 7 },
        { time: T + 300, value: 7.1 },
        { time: T + 300, value: 7.2 },
        { time: T + 3 * 3600, value: 7.3 },
        { time: opts.floor - 60 + 0, value: 7 },
      ],
      opts,
    );
    expect(out.rows).toEqual([{ t: T + 300, v: 7.1, flag: 0 }]);
    expect(out).toMatchObject({ future: 1, dropped: 0, watermark: T + 300 });
  });
});

describe('buckets', () => {
  it('starts Vietnamese days at 17:00 UTC and hours on the hour', () => {
    const d = Date.parse('2027-03-01T16:59:59Z') / 1000;
    expect(new Date(vnDayStart(d) * 1000).toISOString()).toBe('2027-02-28T17:00:00.000Z');
    expect(new Date(vnDayStart(d + 1) * 1000).toISOString()).toBe('2027-03-01T17:00:00.000Z');
    expect(new Date(hourStart(d) * 1000).toISOString()).toBe('2027-03-01T16:00:00.000Z');
  });
});
