import { describe, expect, it } from 'vitest';
import { changeTone, formatChange, formatPeriod, formatValue, targetProgress } from './format';

describe('indicator formatting', () => {
  it('writes numbers the Vietnamese and the English way', () => {
    expect(formatValue(1234.5, 'vi')).toBe('1.234,5');
    expect(formatValue(1234.5, 'en')).toBe('1,234.5');
  });

  it('names periods', () => {
    expect(formatPeriod('2025-Q3', 'vi')).toBe('Quý 3/2025');
    expect(formatPeriod('2025-07', 'vi')).toBe('Tháng 7/2025');
    expect(formatPeriod('2025', 'vi')).toBe('Năm 2025');
    expect(formatPeriod('2025-Q3', 'en')).toBe('Q3 2025');
  });

  it('colours a change by whether a rise is good news', () => {
    expect(changeTone({ absolute: 1, percent: 2 }, true)).toBe('good');
    expect(changeTone({ absolute: 1, percent: 2 }, false)).toBe('bad');
    expect(changeTone({ absolute: -0.5, percent: -1 }, false)).toBe('good');
    expect(changeTone({ absolute: 0, percent: 0 }, true)).toBe('neutral');
    expect(changeTone(null, true)).toBe('neutral');
  });

  it('shows the change with its sign, and no percent when the base was zero', () => {
    expect(formatChange({ absolute: 1.5, percent: 25 }, 'vi')).toBe('+1,5 (+25%)');
    expect(formatChange({ absolute: -2, percent: null }, 'vi')).toBe('−2');
    expect(targetProgress(7.5, 8)).toBe(93.75);
    expect(targetProgress(1, 0)).toBeNull();
  });
});
