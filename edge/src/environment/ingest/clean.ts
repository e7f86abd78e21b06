import type { RawObservation } from '../gateways/types';
import { convert, METRICS, type MetricId } from '../metrics';

// Cleaning one stream's new observations before they are stored:
//   - units converted to the metric's unit (metrics.convert), e.g. EC in mS/cm → µS/cm;
//   - impossible values dropped and counted: not a number, a unit we cannot convert, outside
//     the metric's physical range (loggers write −999 for "no reading");
//   - spikes flagged, not dropped: a jump from the previous good reading larger than the
//     metric's spikeDelta. Charts can show them, rollups and alerts ignore them. Two
//     readings in a row that agree with each other after a jump are a real change (a sluice
//     opened), so the second is accepted and becomes the new reference.
// Pure: the state in, the rows and the new state out.

/** Observations dated further ahead than this are ignored until their time comes (a logger's
 * clock running fast must not push the watermark past real data still to come). */
export const FUTURE_TOLERANCE_SECONDS = 10 * 60;
/** Beyond this gap the previous reading says nothing about the next one: no spike test. */
export const SPIKE_WINDOW_SECONDS = 60 * 60;

export interface Reading {
  /** Unix seconds. */
  t: number;
  v: number;
  /** 1: spike. */
  flag: 0 | 1;
}

export interface StreamState {
  metric: MetricId;
  /** The unit the gateway reports in, for observations that carry none. */
  sourceUnit: string;
  /** Latest time already seen (Unix seconds, exclusive), or null for a new stream. */
  watermark: number | null;
  /** Latest good (non-spike) reading: the reference of the spike test. */
  lastGood: { t: number; v: number } | null;
  /** Latest stored reading, when it was a spike. */
  lastSpike: { t: number; v: number } | null;
}

export interface Cleaned {
  rows: Reading[];
  dropped: number;
  spikes: number;
  /** Ignored for now: dated in the future. */
  future: number;
  watermark: number | null;
  lastGood: { t: number; v: number } | null;
}

/** Readings are stored with this many significant decimals (no 1200.0000000000002 µS/cm). */
const round = (v: number) => Math.round(v * 1e6) / 1e6;

function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function cleanSeries(
  state: StreamState,
  observations: readonly RawObservation[],
  opts: { now: number; floor: number },
): Cleaned {
  const info = METRICS[state.metric];
  const out: Cleaned = {
    rows: [],
    dropped: 0,
    spikes: 0,
    future: 0,
    watermark: state.watermark,
    lastGood: state.lastGood,
  };
  let lastSpike = state.lastSpike;
  const sorted = [...observations].sort((a, b) => a.time - b.time);
  let previousTime = Number.NEGATIVE_INFINITY;
  for (const o of sorted) {
    if (!Number.isFinite(o.time)) {
      out.dropped++;
      continue;
    }
    // Already seen (a server ignoring our filter, or the same time twice in one answer).
    if ((state.watermark !== null && o.time <= state.watermark) || o.time === previousTime) {
      continue;
    }
    if (o.time > opts.now + FUTURE_TOLERANCE_SECONDS) {
      out.future++;
      continue;
    }
    previousTime = o.time;
    out.watermark = Math.max(out.watermark ?? o.time, o.time);
    // Older than the raw retention: its hour's other readings are gone, so it cannot be rolled
    // up correctly; the rollups already hold that period.
    if (o.time < opts.floor) continue;

    const raw = numberOf(o.value);
    const v = raw === null ? null : convert(state.metric, raw, o.unit ?? state.sourceUnit);
    if (v === null || v < info.min || v > info.max) {
      out.dropped++;
      continue;
    }
    const value = round(v);
    let flag: 0 | 1 = 0;
    const ref = out.lastGood;
    if (
      ref &&
      o.time - ref.t <= SPIKE_WINDOW_SECONDS &&
      Math.abs(value - ref.v) > info.spikeDelta
    ) {
      const confirmed =
        lastSpike !== null &&
        o.time - lastSpike.t <= SPIKE_WINDOW_SECONDS &&
        Math.abs(value - lastSpike.v) <= info.spikeDelta;
      if (!confirmed) flag = 1;
    }
    out.rows.push({ t: o.time, v: value, flag });
    if (flag === 1) {
      out.spikes++;
      lastSpike = { t: o.time, v: value };
    } else {
      // Never backwards: a replayed window (watermark reset) must not make an old value the latest.
      if (!out.lastGood || o.time > out.lastGood.t) out.lastGood = { t: o.time, v: value };
      lastSpike = null;
    }
  }
  return out;
}
