import { describe, expect, it } from 'vitest';
import { daysLeft, formatPrice, formatQuantity } from './format';

describe('market formats', () => {
  it('writes prices with dots and the unit, or "Thỏa thuận"', () => {
    expect(formatPrice(25_000, 'kg')).toBe('25.000 đ/kg');
    expect(formatPrice(1_250_000, 'tạ')).toBe('1.250.000 đ/tạ');
    expect(formatPrice(null, 'kg')).toBe('Thỏa thuận');
  });

  it('writes quantities with the decimal comma', () => {
    expect(formatQuantity(2, 'tấn')).toBe('2 tấn');
    expect(formatQuantity(1.5, 'tấn')).toBe('1,5 tấn');
    expect(formatQuantity(12000, 'trái')).toBe('12.000 trái');
  });

  it('counts whole days left', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(daysLeft('2026-01-31T00:00:00Z', now)).toBe(30);
    expect(daysLeft('2025-12-31T00:00:00Z', now)).toBe(0);
  });
});
