import { describe, expect, it } from 'vitest';
import { barWidth, formatCount, formatPercent, NO_VALUE, sortByReceived } from './stats-format';

describe('statistics formatting', () => {
  it('writes percentages the Vietnamese way, and in English', () => {
    expect(formatPercent(87.5)).toBe('87,5%');
    expect(formatPercent(87.5, 'en')).toBe('87.5%');
    expect(formatPercent(100)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
  });

  it('shows "—" for a percentage with no base (0 resolved, 0 rated)', () => {
    expect(formatPercent(null)).toBe(NO_VALUE);
    expect(formatPercent(undefined, 'en')).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('groups thousands per language', () => {
    expect(formatCount(1234)).toBe('1.234');
    expect(formatCount(1234, 'en')).toBe('1,234');
    expect(formatCount(0)).toBe('0');
  });

  it('keeps bars between 0 and 100, empty for "—"', () => {
    expect(barWidth(42.5)).toBe(42.5);
    expect(barWidth(null)).toBe(0);
    expect(barWidth(140)).toBe(100);
    expect(barWidth(-3)).toBe(0);
  });

  it('lists agencies by reports received, then by name', () => {
    const rows = [
      { received: 2, agency: { name: 'Sở Y tế' } },
      { received: 9, agency: { name: 'Sở Xây dựng' } },
      { received: 2, agency: { name: 'Công an tỉnh' } },
    ];
    expect(sortByReceived(rows).map((r) => r.agency.name)).toEqual([
      'Sở Xây dựng',
      'Công an tỉnh',
      'Sở Y tế',
    ]);
    expect(rows[0]?.agency.name).toBe('Sở Y tế');
  });
});
