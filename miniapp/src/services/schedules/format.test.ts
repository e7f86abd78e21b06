import { describe, expect, it } from 'vitest';
import { longDate, shortDate, vnTimeAndDate, vnToday, weekdayIndex } from './format';

describe('schedule formats', () => {
  it('writes dates and times in Vietnam time', () => {
    expect(shortDate('2026-11-23')).toBe('23/11');
    expect(longDate('2026-11-23')).toBe('23/11/2026');
    expect(weekdayIndex('2026-11-23')).toBe(0);
    expect(weekdayIndex('2026-11-29')).toBe(6);
    expect(vnTimeAndDate('2026-11-22T16:30:00Z')).toBe('23:30 22/11');
    expect(vnToday(new Date('2026-11-22T17:00:00Z'))).toBe('2026-11-23');
  });
});
