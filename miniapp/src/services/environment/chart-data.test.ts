import { describe, expect, it } from 'vitest';
import { timeTicks, toChartData, visibleThresholds } from './chart-data';
import type { Series, Threshold } from './types';

const SALINITY: Threshold[] = [
  { metric: 'salinity', level: 1, value: 1, direction: 'above', label: 'Lúa bắt đầu bị ảnh hưởng' },
  { metric: 'salinity', level: 2, value: 2, direction: 'above', label: 'Lúa giảm năng suất' },
  { metric: 'salinity', level: 3, value: 4, direction: 'above', label: 'Không lấy nước tưới' },
];

function series(patch: Partial<Series>): Series {
  return {
    stationId: 'st',
    metric: 'salinity',
    name: 'Độ mặn',
    unit: '‰',
    decimals: 2,
    aggregate: 'avg',
    range: '24h',
    grain: 'raw',
    from: '2026-03-09T08:00:00.000Z',
    to: '2026-03-10T08:00:00.000Z',
    points: [],
    thresholds: [],
    ...patch,
  };
}

const at = (minutes: number) =>
  new Date(Date.parse('2026-03-10T00:00:00Z') + minutes * 60_000).toISOString();

describe('threshold lines', () => {
  it('shows the levels reached and the next one, not the ones far above', () => {
    expect(visibleThresholds(SALINITY, [0.1, 0.3]).map((t) => t.level)).toEqual([1]);
    expect(visibleThresholds(SALINITY, [0.8, 2.4]).map((t) => t.level)).toEqual([1, 2, 3]);
    expect(visibleThresholds(SALINITY, [5]).map((t) => t.level)).toEqual([1, 2, 3]);
    expect(visibleThresholds(SALINITY, [])).toEqual([]);
  });

  it('counts "below" thresholds downwards (a pH too low)', () => {
    const ph: Threshold[] = [
      { metric: 'ph', level: 1, value: 6, direction: 'below', label: 'Nước chua' },
      { metric: 'ph', level: 2, value: 5, direction: 'below', label: 'Nước rất chua' },
    ];
    expect(visibleThresholds(ph, [7.1, 7.4]).map((t) => t.level)).toEqual([1]);
    expect(visibleThresholds(ph, [5.5]).map((t) => t.level)).toEqual([1, 2]);
  });
});

describe('chart data', () => {
  it('breaks the line where readings are missing and keeps spikes apart', () => {
    const data = toChartData(
      series({
        points: [
          { t: at(0), v: 0.5 },
          { t: at(5), v: 0.6 },
          { t: at(10), v: 9.9, spike: true },
          { t: at(15), v: 0.7 },
          // An hour without data.
          { t: at(75), v: 0.9 },
          { t: at(80), v: 1.1 },
        ],
        thresholds: SALINITY,
      }),
    );
    expect(data.line.map((p) => p.y)).toEqual([0.5, 0.6, 0.7, null, 0.9, 1.1]);
    expect(data.spikes).toEqual([{ x: Date.parse(at(10)), y: 9.9 }]);
    expect(data.band).toBeNull();
    // The spike does not decide which thresholds are shown, nor the figures.
    expect(data.thresholds.map((t) => t.level)).toEqual([1, 2]);
    expect(data.stats).toMatchObject({ min: 0.5, max: 1.1, count: 5 });
    expect(data.xMin).toBe(Date.parse('2026-03-09T08:00:00.000Z'));
    expect(data.xMax).toBe(Date.parse('2026-03-10T08:00:00.000Z'));
  });

  it('draws the min–max band of rollups and breaks it at missing hours', () => {
    const hour = (h: number) => new Date(Date.parse('2026-03-01T00:00:00Z') + h * 3600_000);
    const data = toChartData(
      series({
        range: '10d',
        grain: 'h',
        points: [
          { t: hour(0).toISOString(), v: 1, min: 0.5, max: 1.5 },
          { t: hour(1).toISOString(), v: 2, min: 1.5, max: 3 },
          { t: hour(5).toISOString(), v: 1, min: 1, max: 1 },
        ],
      }),
    );
    expect(data.line.map((p) => p.y)).toEqual([1, 2, null, 1]);
    expect(data.band?.max.map((p) => p.y)).toEqual([1.5, 3, null, 1]);
    expect(data.stats).toMatchObject({ min: 0.5, max: 3 });
  });

  it('adds up rainfall', () => {
    const data = toChartData(
      series({
        metric: 'rainfall',
        aggregate: 'sum',
        points: [
          { t: at(0), v: 0.2 },
          { t: at(5), v: 1.3 },
          { t: at(10), v: 0 },
        ],
      }),
    );
    expect(data.stats?.sum).toBeCloseTo(1.5);
  });

  it('has no figures for an empty series', () => {
    const data = toChartData(series({ points: [] }));
    expect(data.line).toEqual([]);
    expect(data.stats).toBeNull();
  });
});

describe('time axis', () => {
  it("labels 24 hours every 6 hours of Vietnam's clock", () => {
    const ticks = timeTicks(
      '24h',
      Date.parse('2026-03-09T07:35:00Z'),
      Date.parse('2026-03-10T07:35:00Z'),
    );
    // 18:00, 00:00, 06:00, 12:00 in Vietnam.
    expect(ticks.map((t) => new Date(t).toISOString())).toEqual([
      '2026-03-09T11:00:00.000Z',
      '2026-03-09T17:00:00.000Z',
      '2026-03-09T23:00:00.000Z',
      '2026-03-10T05:00:00.000Z',
    ]);
  });

  it("labels 10 days on Vietnam's midnights", () => {
    const ticks = timeTicks(
      '10d',
      Date.parse('2026-03-01T00:00:00Z'),
      Date.parse('2026-03-11T00:00:00Z'),
    );
    expect(ticks).toHaveLength(5);
    for (const tick of ticks) expect((tick + 7 * 3600_000) % 86_400_000).toBe(0);
  });
});
