import { describe, expect, it } from 'vitest';
import {
  BboxSchema,
  decodeCursor,
  encodeCursor,
  periodRange,
  StatusListSchema,
  toFtsQuery,
  VnDaySchema,
  vnToday,
} from './params';

describe('toFtsQuery', () => {
  it('folds, quotes every word and makes the last one a prefix', () => {
    expect(toFtsQuery('Đường bị ngập')).toBe('"duong" "bi" "ngap"*');
    expect(toFtsQuery('  duong   bi ngap ')).toBe('"duong" "bi" "ngap"*');
    expect(toFtsQuery('PA-7K3F9Q')).toBe('"pa" "7k3f9q"*');
  });

  it('leaves no FTS5 syntax in what it builds', () => {
    for (const text of [
      'a" OR "b',
      'NEAR(a b)',
      'body:x',
      'x*',
      '-a ^b',
      'a AND NOT b',
      "'); drop",
    ]) {
      const q = toFtsQuery(text);
      // Only quoted words, a space between them, and one trailing `*`.
      expect(q, text).toMatch(/^("[\p{L}\p{N}]+" )*"[\p{L}\p{N}]+"\*$/u);
    }
    expect(toFtsQuery('a AND NOT b')).toBe('"a" "and" "not" "b"*');
  });

  it('is null when no word is left, and keeps at most 8 words', () => {
    expect(toFtsQuery('"" * -')).toBeNull();
    expect(toFtsQuery('a b c d e f g h i j')?.split(' ')).toHaveLength(8);
  });
});

describe('cursor', () => {
  it('round-trips an id and refuses anything else', () => {
    expect(decodeCursor(encodeCursor(123456))).toBe(123456);
    for (const bad of ['', 'abc', btoa('r0'), btoa('r-1'), btoa('x12'), btoa('r1e5'), '%%%']) {
      expect(decodeCursor(bad), bad).toBeNull();
    }
  });
});

describe('Vietnamese days', () => {
  it('maps a day to its UTC range (UTC+7)', () => {
    expect(periodRange('2025-07-01', '2025-07-31')).toEqual({
      start: '2025-06-30T17:00:00.000Z',
      end: '2025-07-31T17:00:00.000Z',
    });
    expect(periodRange(undefined, '2024-12-31').end).toBe('2024-12-31T17:00:00.000Z');
  });

  it('knows today in Vietnam', () => {
    expect(vnToday(new Date('2025-07-01T16:59:59Z'))).toBe('2025-07-01');
    expect(vnToday(new Date('2025-07-01T17:00:00Z'))).toBe('2025-07-02');
  });

  it('accepts real days only', () => {
    expect(VnDaySchema.safeParse('2024-02-29').success).toBe(true);
    expect(VnDaySchema.safeParse('2025-02-29').success).toBe(false);
    expect(VnDaySchema.safeParse('2025-7-1').success).toBe(false);
  });
});

describe('status lists and rectangles', () => {
  it('reads statuses comma-separated or repeated', () => {
    expect(StatusListSchema.parse('received, assigned')).toEqual(['received', 'assigned']);
    expect(StatusListSchema.parse(['resolved', 'resolved,rejected'])).toEqual([
      'resolved',
      'rejected',
    ]);
    expect(StatusListSchema.safeParse('open').success).toBe(false);
    expect(StatusListSchema.safeParse(',').success).toBe(false);
  });

  it('reads south,west,north,east', () => {
    expect(BboxSchema.parse('9.7, 105.4,9.8,105.5')).toEqual({
      south: 9.7,
      west: 105.4,
      north: 9.8,
      east: 105.5,
    });
    for (const bad of ['9.8,105.4,9.7,105.5', '1,2,3', '1,2,3,x', ',,,', '-91,0,0,1']) {
      expect(BboxSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
