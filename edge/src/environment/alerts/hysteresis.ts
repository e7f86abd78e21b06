import type { Reading } from '../ingest/clean';

// Threshold alerts with hysteresis, one metric of one station at a time, over its new readings
// in time order (spikes ignored):
//   - a reading at or beyond level k (≥ for 'above', ≤ for 'below') with no active alert raises
//     one at level k;
//   - a reading beyond a higher level raises the active alert's level (levels never go down
//     within an episode: the alert says how bad it got; the current level is the latest value's);
//   - readings staying beyond level 1 change nothing but the peak;
//   - a reading back on the safe side of level 1 by more than a small dead band clears it. The
//     dead band keeps a value hovering at the threshold (salinity 0.99, 1.01, 0.99 ‰) from
//     raising a new alert every five minutes.
// Pure: thresholds, the active alert and readings in; what to write out.

export interface Threshold {
  level: number;
  value: number;
  direction: 'above' | 'below';
  label: string;
}

export interface ActiveAlert {
  id: number;
  level: number;
  raisedValue: number;
  peakValue: number;
  raisedAt: string;
}

export interface AlertEpisode {
  level: number;
  raisedValue: number;
  peakValue: number;
  raisedAt: string;
  /** Null while active (only the last episode of a run can be). */
  clearedAt: string | null;
}

export interface AlertChanges {
  /** The alert that was active before, if it changed (level, peak or cleared). */
  existing: { id: number; level: number; peakValue: number; clearedAt: string | null } | null;
  /** Alerts raised by these readings, oldest first. */
  created: AlertEpisode[];
  /**
   * The alert active after these readings, when these readings raised it or its level: its
   * followers are told (once per alert and level). Null: nothing new to tell.
   */
  notify: {
    raisedAt: string;
    level: number;
    /** The reading that reached this level. */
    value: number;
    at: string;
    threshold: Threshold;
  } | null;
}

/** Relative dead band around level 1 for clearing, at least one shown decimal. */
export const CLEAR_BAND = 0.02;

const iso = (t: number) => new Date(t * 1000).toISOString();

export function evaluateAlerts(
  thresholds: readonly Threshold[],
  active: ActiveAlert | null,
  readings: readonly Reading[],
  decimals: number,
): AlertChanges {
  const changes: AlertChanges = { existing: null, created: [], notify: null };
  const levels = [...thresholds].sort((a, b) => a.level - b.level);
  const first = levels[0];
  if (!first) return changes;
  const above = first.direction === 'above';
  const beyond = (v: number, t: Threshold) => (above ? v >= t.value : v <= t.value);
  const worse = (a: number, b: number) => (above ? Math.max(a, b) : Math.min(a, b));
  const band = Math.max(Math.abs(first.value) * CLEAR_BAND, 10 ** -decimals);
  const cleared = (v: number) => (above ? v < first.value - band : v > first.value + band);
  const levelOf = (v: number) => {
    let reached: Threshold | null = null;
    for (const t of levels) if (beyond(v, t)) reached = t;
    return reached;
  };

  // The episode in progress: the one active before, or one raised here.
  let current: (AlertEpisode & { id: number | null; changed: boolean }) | null = active
    ? { ...active, clearedAt: null, changed: false }
    : null;
  let reachedHere: { level: number; value: number; at: string; threshold: Threshold } | null = null;

  const close = () => {
    if (!current) return;
    if (current.id !== null) {
      changes.existing = {
        id: current.id,
        level: current.level,
        peakValue: current.peakValue,
        clearedAt: current.clearedAt,
      };
    } else {
      const { id: _id, changed: _changed, ...episode } = current;
      changes.created.push(episode);
    }
  };

  for (const r of readings) {
    if (r.flag === 1) continue;
    const at = iso(r.t);
    if (!current) {
      const reached = levelOf(r.v);
      if (!reached) continue;
      current = {
        id: null,
        level: reached.level,
        raisedValue: r.v,
        peakValue: r.v,
        raisedAt: at,
        clearedAt: null,
        changed: true,
      };
      reachedHere = { level: reached.level, value: r.v, at, threshold: reached };
      continue;
    }
    if (cleared(r.v)) {
      current.clearedAt = at;
      current.changed = true;
      close();
      current = null;
      reachedHere = null;
      continue;
    }
    const peak = worse(current.peakValue, r.v);
    if (peak !== current.peakValue) {
      current.peakValue = peak;
      current.changed = true;
    }
    const reached = levelOf(r.v);
    if (reached && reached.level > current.level) {
      current.level = reached.level;
      current.changed = true;
      reachedHere = { level: reached.level, value: r.v, at, threshold: reached };
    }
  }
  if (current?.changed) close();
  if (current && reachedHere) changes.notify = { raisedAt: current.raisedAt, ...reachedHere };
  return changes;
}
