import { describe, expect, it } from 'vitest';
import { vnTime } from './client';

describe('vnTime', () => {
  it('shows Vietnam time whatever the phone zone', () => {
    expect(vnTime('2026-11-22T12:30:00.000Z')).toBe('19:30 22/11/2026');
    expect(vnTime('2026-11-22T20:05:00.000Z')).toBe('03:05 23/11/2026');
  });
});
