import type { Range, Series, Threshold } from './types';

/**
 * Turns a series answer into what the chart draws, outside React and chart.js so it can be
 * tested: a line broken where the station sent nothing (a gap is drawn as a gap, not as a
 * straight line across a night without data), spikes apart as marks, the min–max band of
 * rollups, and the threshold lines worth showing.
 */

export type XY = { x: number; y: number | null };

export type ChartData = {
  line: XY[];
  /** Rollups only: each bucket's lowest and highest reading. */
  band: { min: XY[]; max: XY[] } | null;
  /** Readings the server flagged as spikes: marked, not joined to the line. */
  spikes: XY[];
  thresholds: Threshold[];
  /** The time window the chart spans, in ms; fixed by the range, not by the data. */
  xMin: number;
  xMax: number;
  stats: { min: number; max: number; mean: number; sum: number; count: number } | null;
};

export const RANGE_MS: Record<Range, number> = {
  '24h': 24 * 3600_000,
  '10d': 10 * 86_400_000,
  '30d': 30 * 86_400_000,
};

const GRAIN_MS = { h: 3600_000, d: 86_400_000 } as const;

/** The usual spacing of raw readings: the median gap, robust to a few missing ones. */
function typicalStep(times: number[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] as number) - (times[i - 1] as number);
    if (gap > 0) gaps.push(gap);
  }
  if (gaps.length === 0) return 5 * 60_000;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] as number;
}

/**
 * Thresholds that help read the chart: every level the values reached, and the next one
 * not yet reached (how far the water is from hurting the rice). Showing the 4 ‰ line
 * under readings of 0.2 ‰ would squash the line flat against the axis.
 */
export function visibleThresholds(thresholds: readonly Threshold[], values: number[]): Threshold[] {
  if (values.length === 0) return [];
  const max = Math.max(...values);
  const min = Math.min(...values);
  const above = thresholds.filter((t) => t.direction === 'above').sort((a, b) => a.value - b.value);
  const below = thresholds.filter((t) => t.direction === 'below').sort((a, b) => b.value - a.value);
  const pick = (sorted: Threshold[], reached: (t: Threshold) => boolean) => {
    const firstUnreached = sorted.findIndex((t) => !reached(t));
    return firstUnreached === -1 ? sorted : sorted.slice(0, firstUnreached + 1);
  };
  return [...pick(above, (t) => max >= t.value), ...pick(below, (t) => min <= t.value)];
}

export function toChartData(series: Series, now: Date = new Date()): ChartData {
  const sorted = [...series.points]
    .map((p) => ({ ...p, time: new Date(p.t).getTime() }))
    .filter((p) => Number.isFinite(p.time) && Number.isFinite(p.v))
    .sort((a, b) => a.time - b.time);

  const clean = sorted.filter((p) => !p.spike);
  const step =
    series.grain === 'raw' ? typicalStep(clean.map((p) => p.time)) : GRAIN_MS[series.grain];
  // Two missing readings in a row is a gap worth showing; one is noise.
  const maxGap = step * 2.5;

  const line: XY[] = [];
  const bandMin: XY[] = [];
  const bandMax: XY[] = [];
  let previous: number | undefined;
  for (const p of clean) {
    if (previous !== undefined && p.time - previous > maxGap) {
      const x = previous + step;
      line.push({ x, y: null });
      bandMin.push({ x, y: null });
      bandMax.push({ x, y: null });
    }
    line.push({ x: p.time, y: p.v });
    bandMin.push({ x: p.time, y: p.min ?? p.v });
    bandMax.push({ x: p.time, y: p.max ?? p.v });
    previous = p.time;
  }
  // A band of rain totals says nothing (the lowest and highest 5-minute rain of a day).
  const hasBand =
    series.grain !== 'raw' &&
    series.aggregate !== 'sum' &&
    clean.some((p) => p.min != null || p.max != null);

  const values = clean.map((p) => p.v);
  const extremes = hasBand
    ? [...clean.map((p) => p.min ?? p.v), ...clean.map((p) => p.max ?? p.v)]
    : values;
  const sum = values.reduce((total, v) => total + v, 0);

  // The window the server read; without it, the range ending now.
  const from = new Date(series.from).getTime();
  const to = new Date(series.to).getTime();
  const xMax = Number.isFinite(to) ? to : Math.max(now.getTime(), clean.at(-1)?.time ?? 0);
  const xMin = Number.isFinite(from) && from < xMax ? from : xMax - RANGE_MS[series.range];

  return {
    line,
    band: hasBand ? { min: bandMin, max: bandMax } : null,
    spikes: sorted.filter((p) => p.spike).map((p) => ({ x: p.time, y: p.v })),
    thresholds: visibleThresholds(series.thresholds, extremes),
    xMin,
    xMax,
    stats:
      values.length === 0
        ? null
        : {
            min: Math.min(...extremes),
            max: Math.max(...extremes),
            mean: sum / values.length,
            sum,
            count: values.length,
          },
  };
}

const VN_OFFSET_MS = 7 * 3600_000;

const TICK_STEP: Record<Range, number> = {
  '24h': 6 * 3600_000,
  '10d': 2 * 86_400_000,
  '30d': 7 * 86_400_000,
};

/**
 * Where the time axis gets its labels: every 6 hours of Vietnam's clock (00:00, 06:00…) over
 * 24 hours, every other Vietnamese midnight over 10 days, weekly over 30: round times a
 * reader can place, four or five per axis so they fit a 360px phone.
 */
export function timeTicks(range: Range, xMin: number, xMax: number): number[] {
  const step = TICK_STEP[range];
  // Days and 6-hour marks both align on Vietnam's midnight.
  const first = Math.ceil((xMin + VN_OFFSET_MS) / step) * step - VN_OFFSET_MS;
  const ticks: number[] = [];
  for (let tick = first; tick <= xMax; tick += step) ticks.push(tick);
  return ticks;
}
