import { describe, expect, it } from 'vitest';
import type { Reading } from '../ingest/clean';
import { evaluateAlerts, type Threshold } from './hysteresis';

const T = 1_800_000_000;
const at = (i: number) => new Date((T + i * 300) * 1000).toISOString();
const rows = (values: (number | [number, 1])[]): Reading[] =>
  values.map((v, i) =>
    Array.isArray(v) ? { t: T + i * 300, v: v[0], flag: 1 } : { t: T + i * 300, v, flag: 0 },
  );
const SALINITY: Threshold[] = [
  { level: 3, value: 4, direction: 'above', label: 'Không lấy nước tưới' },
  { level: 1, value: 1, direction: 'above', label: 'Lúa bắt đầu bị ảnh hưởng' },
  { level: 2, value: 2, direction: 'above', label: 'Lúa giảm năng suất' },
];

describe('evaluateAlerts', () => {
  it('raises one alert at the level crossed, and tells its followers', () => {
    const out = evaluateAlerts(SALINITY, null, rows([0.5, 0.9, 2.3, 2.1]), 2);
    expect(out.existing).toBeNull();
    expect(out.created).toEqual([
      { level: 2, raisedValue: 2.3, peakValue: 2.3, raisedAt: at(2), clearedAt: null },
    ]);
    expect(out.notify).toMatchObject({ raisedAt: at(2), level: 2, value: 2.3, at: at(2) });
    expect(out.notify?.threshold.label).toBe('Lúa giảm năng suất');
  });

  it('changes nothing while the value stays above, except the peak', () => {
    const active = { id: 7, level: 1, raisedValue: 1.2, peakValue: 1.4, raisedAt: at(-5) };
    expect(evaluateAlerts(SALINITY, active, rows([1.3, 1.1, 1.4]), 2)).toEqual({
      existing: null,
      created: [],
      notify: null,
    });
    const peak = evaluateAlerts(SALINITY, active, rows([1.9]), 2);
    expect(peak).toEqual({
      existing: { id: 7, level: 1, peakValue: 1.9, clearedAt: null },
      created: [],
      notify: null,
    });
  });

  it('raises the level of the active alert, never lowers it, and tells once per level', () => {
    const active = { id: 7, level: 1, raisedValue: 1.2, peakValue: 1.4, raisedAt: at(-5) };
    const out = evaluateAlerts(SALINITY, active, rows([2.2, 4.5, 3.0, 1.5]), 2);
    expect(out.existing).toEqual({ id: 7, level: 3, peakValue: 4.5, clearedAt: null });
    expect(out.notify).toMatchObject({ raisedAt: at(-5), level: 3, value: 4.5 });
  });

  it('ignores spikes', () => {
    const out = evaluateAlerts(SALINITY, null, rows([0.3, [9, 1], 0.4]), 2);
    expect(out).toEqual({ existing: null, created: [], notify: null });
  });

  it('clears only beyond the dead band below level 1, then raises a new alert on the next crossing', () => {
    const active = { id: 9, level: 2, raisedValue: 2.1, peakValue: 2.6, raisedAt: at(-10) };
    // 0.99 and 0.985 are within 2 % of 1 ‰: still active.
    expect(evaluateAlerts(SALINITY, active, rows([0.99, 0.985]), 2).existing).toBeNull();
    const out = evaluateAlerts(SALINITY, active, rows([0.99, 0.5, 0.7, 1.05, 1.1]), 2);
    expect(out.existing).toEqual({ id: 9, level: 2, peakValue: 2.6, clearedAt: at(1) });
    expect(out.created).toEqual([
      { level: 1, raisedValue: 1.05, peakValue: 1.1, raisedAt: at(3), clearedAt: null },
    ]);
    expect(out.notify).toMatchObject({ level: 1, raisedAt: at(3) });
  });

  it('stores a whole episode inside one batch without telling anyone', () => {
    const out = evaluateAlerts(SALINITY, null, rows([1.5, 2.5, 0.2]), 2);
    expect(out.created).toEqual([
      { level: 2, raisedValue: 1.5, peakValue: 2.5, raisedAt: at(0), clearedAt: at(2) },
    ]);
    expect(out.notify).toBeNull();
  });

  it('works downwards for "below" thresholds (pH too low)', () => {
    const ph: Threshold[] = [
      { level: 1, value: 6, direction: 'below', label: 'Nước hơi chua' },
      { level: 2, value: 5, direction: 'below', label: 'Nước chua' },
    ];
    const out = evaluateAlerts(ph, null, rows([6.5, 5.8, 4.9, 5.5]), 2);
    expect(out.created).toEqual([
      { level: 2, raisedValue: 5.8, peakValue: 4.9, raisedAt: at(1), clearedAt: null },
    ]);
    const cleared = evaluateAlerts(
      ph,
      { id: 1, level: 2, raisedValue: 5.8, peakValue: 4.9, raisedAt: at(1) },
      rows([6.1, 6.2]),
      2,
    );
    expect(cleared.existing?.clearedAt).toBe(at(1));
  });

  it('does nothing without thresholds', () => {
    expect(evaluateAlerts([], null, rows([100]), 2)).toEqual({
      existing: null,
      created: [],
      notify: null,
    });
  });
});
