import { describe, expect, it } from 'vitest';
import { formatDeadline, formatSalary, localToday } from './format';

describe('formatSalary', () => {
  it('writes ranges in millions per month', () => {
    expect(formatSalary(8_000_000, 12_000_000, 'month', 'vi')).toBe('8–12 triệu đồng/tháng');
    expect(formatSalary(5_500_000, 6_500_000, 'month', 'vi')).toBe('5,5–6,5 triệu đồng/tháng');
    expect(formatSalary(8_000_000, 12_000_000, 'month', 'en')).toBe('8–12 million VND/month');
  });
  it('writes small amounts in đồng, one end and none', () => {
    expect(formatSalary(250_000, 300_000, 'day', 'vi')).toBe('250.000–300.000 đồng/ngày');
    expect(formatSalary(8_000, null, 'piece', 'vi')).toBe('Từ 8.000 đồng/sản phẩm');
    expect(formatSalary(null, 12_000_000, 'month', 'vi')).toBe('Đến 12 triệu đồng/tháng');
    expect(formatSalary(null, null, 'month', 'vi')).toBe('Thỏa thuận');
    expect(formatSalary(null, null, 'month', 'en')).toBe('Negotiable');
    expect(formatSalary(7_000_000, 7_000_000, 'month', 'vi')).toBe('7 triệu đồng/tháng');
  });
});

describe('formatDeadline', () => {
  it('shows the last day, then "Đã hết hạn"', () => {
    expect(formatDeadline('2026-11-30', '2026-11-30', 'vi')).toBe('Hạn nộp: 30/11/2026');
    expect(formatDeadline('2026-11-30', '2026-12-01', 'vi')).toBe('Đã hết hạn');
    expect(formatDeadline('2026-11-30', '2026-11-01', 'en')).toBe('Apply by: 30/11/2026');
  });
  it('counts days on Vietnam time', () => {
    expect(localToday(new Date('2026-11-29T17:30:00Z'))).toBe('2026-11-30');
    expect(localToday(new Date('2026-11-29T16:59:00Z'))).toBe('2026-11-29');
  });
});
