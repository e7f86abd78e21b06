import { describe, expect, it } from 'vitest';
import {
  ALL_TIME_FROM,
  addDays,
  customFrom,
  isDay,
  periodParams,
  periodRange,
  readPeriod,
  vnToday,
} from './period';

describe('today in Vietnam', () => {
  it('is already the next day from 17:00 UTC', () => {
    expect(vnToday(new Date('2025-07-09T16:59:59Z'))).toBe('2025-07-09');
    expect(vnToday(new Date('2025-07-09T17:00:00Z'))).toBe('2025-07-10');
  });

  it('crosses months and years', () => {
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
});

describe('period → from/to (Asia/Ho_Chi_Minh)', () => {
  // 23:30 UTC on 9 July is 06:30 on 10 July in Vị Thanh.
  const nearMidnightUtc = new Date('2025-07-09T23:30:00Z');

  it('"7 ngày" is the last 7 Vietnamese days, today included', () => {
    expect(periodRange({ choice: '7d' }, nearMidnightUtc)).toEqual({
      from: '2025-07-04',
      to: '2025-07-10',
    });
    // Just before midnight UTC, and still the 9th in UTC: Vietnam's 10th all the same.
    expect(periodRange({ choice: '7d' }, new Date('2025-07-09T17:05:00Z'))).toEqual({
      from: '2025-07-04',
      to: '2025-07-10',
    });
    // 16:59 UTC is 23:59 in Vietnam: still the 9th.
    expect(periodRange({ choice: '7d' }, new Date('2025-07-09T16:59:00Z'))).toEqual({
      from: '2025-07-03',
      to: '2025-07-09',
    });
  });

  it('"30 ngày" covers 30 days, today included', () => {
    expect(periodRange({ choice: '30d' }, nearMidnightUtc)).toEqual({
      from: '2025-06-11',
      to: '2025-07-10',
    });
  });

  it('"Năm nay" starts on 1 January of the Vietnamese year, on New Year\'s night too', () => {
    expect(periodRange({ choice: 'year' }, nearMidnightUtc)).toEqual({
      from: '2025-01-01',
      to: '2025-07-10',
    });
    // 31 December 18:00 UTC is 1 January 01:00 in Vietnam.
    expect(periodRange({ choice: 'year' }, new Date('2024-12-31T18:00:00Z'))).toEqual({
      from: '2025-01-01',
      to: '2025-01-01',
    });
  });

  it('"Tất cả" sends nothing to the feed, and a first day to the statistics', () => {
    expect(periodRange({ choice: 'all' }, nearMidnightUtc)).toEqual({});
    expect(periodRange({ choice: 'all' }, nearMidnightUtc, ALL_TIME_FROM)).toEqual({
      from: ALL_TIME_FROM,
      to: '2025-07-10',
    });
  });

  it('a custom range is sent as chosen, either end optional', () => {
    expect(
      periodRange({ choice: 'custom', from: '2025-05-01', to: '2025-05-31' }, nearMidnightUtc),
    ).toEqual({ from: '2025-05-01', to: '2025-05-31' });
    expect(periodRange({ choice: 'custom', from: '2025-05-01' }, nearMidnightUtc)).toEqual({
      from: '2025-05-01',
    });
  });

  it('"Tùy chọn" starts from the range shown so far', () => {
    expect(customFrom({ choice: '7d' }, nearMidnightUtc)).toEqual({
      choice: 'custom',
      from: '2025-07-04',
      to: '2025-07-10',
    });
    expect(customFrom({ choice: 'all' }, nearMidnightUtc)).toEqual({
      choice: 'custom',
      from: '2025-06-11',
      to: '2025-07-10',
    });
  });
});

describe('period in the URL', () => {
  const read = (query: string, fallback: 'all' | '30d' = 'all') =>
    readPeriod(new URLSearchParams(query), fallback);

  it('reads the choice, or the page default', () => {
    expect(read('period=7d')).toEqual({ choice: '7d' });
    expect(read('')).toEqual({ choice: 'all' });
    expect(read('', '30d')).toEqual({ choice: '30d' });
    expect(read('period=week')).toEqual({ choice: 'all' });
  });

  it('keeps only real days of a custom range, in order', () => {
    expect(read('period=custom&from=2025-07-01&to=2025-07-05')).toEqual({
      choice: 'custom',
      from: '2025-07-01',
      to: '2025-07-05',
    });
    expect(read('period=custom&from=2025-07-05&to=2025-07-01')).toEqual({
      choice: 'custom',
      from: '2025-07-01',
      to: '2025-07-05',
    });
    expect(read('period=custom&from=2025-02-30&to=hôm-nay')).toEqual({ choice: 'custom' });
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2025-02-29')).toBe(false);
  });

  it('writes the default as nothing and clears from/to of a preset', () => {
    expect(periodParams({ choice: 'all' }, 'all')).toEqual({ period: '', from: '', to: '' });
    expect(periodParams({ choice: '7d' }, 'all')).toEqual({ period: '7d', from: '', to: '' });
    expect(periodParams({ choice: 'all' }, '30d')).toEqual({ period: 'all', from: '', to: '' });
    expect(periodParams({ choice: 'custom', from: '2025-07-01', to: '2025-07-05' }, 'all')).toEqual(
      { period: 'custom', from: '2025-07-01', to: '2025-07-05' },
    );
  });
});
