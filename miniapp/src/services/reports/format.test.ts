import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime } from './format';

describe('dates in Asia/Ho_Chi_Minh', () => {
  it('writes dd/MM/yyyy HH:mm in Vietnam time whatever the zone of the value', () => {
    expect(formatDateTime('2025-07-05T07:30:00Z')).toBe('05/07/2025 14:30');
    // Late evening UTC is already the next day in Vietnam.
    expect(formatDateTime('2025-12-31T18:05:00.000Z')).toBe('01/01/2026 01:05');
    expect(formatDate('2025-12-31T18:05:00.000Z')).toBe('01/01/2026');
    expect(formatDateTime('2025-07-05T00:00:00+07:00')).toBe('05/07/2025 00:00');
  });

  it('leaves unreadable or missing values empty', () => {
    expect(formatDateTime('không phải ngày')).toBe('');
    expect(formatDateTime(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
  });
});

describe('sizes', () => {
  it('uses the decimal comma in Vietnamese', () => {
    expect(formatBytes(10_000_000)).toBe('10 MB');
    expect(formatBytes(1_500_000)).toBe('1,5 MB');
    expect(formatBytes(1_500_000, 'en')).toBe('1.5 MB');
    expect(formatBytes(512_000)).toBe('512 KB');
  });
});
