import { describe, expect, it } from 'vitest';
import { formatVietnamesePhone, isVietnamesePhone, normalizeVietnamesePhone } from './phone';

describe('Vietnamese phone numbers', () => {
  it('accepts mobiles as people write them and gives the national form', () => {
    expect(normalizeVietnamesePhone('0912345678')).toBe('0912345678');
    expect(normalizeVietnamesePhone('0912 345 678')).toBe('0912345678');
    expect(normalizeVietnamesePhone('0912.345.678')).toBe('0912345678');
    expect(normalizeVietnamesePhone('091-234-5678')).toBe('0912345678');
    expect(normalizeVietnamesePhone('+84 912 345 678')).toBe('0912345678');
    expect(normalizeVietnamesePhone('+84912345678')).toBe('0912345678');
    expect(normalizeVietnamesePhone('84912345678')).toBe('0912345678');
    expect(normalizeVietnamesePhone('0084912345678')).toBe('0912345678');
    expect(normalizeVietnamesePhone(' 0339 123 456 ')).toBe('0339123456');
    expect(normalizeVietnamesePhone('0561234567')).toBe('0561234567');
    expect(normalizeVietnamesePhone('0701234567')).toBe('0701234567');
    expect(normalizeVietnamesePhone('0861234567')).toBe('0861234567');
  });

  it('accepts landlines with the new area codes (11 digits)', () => {
    expect(normalizeVietnamesePhone('0293 3876 543')).toBe('02933876543');
    expect(normalizeVietnamesePhone('024 3825 1234')).toBe('02438251234');
    expect(normalizeVietnamesePhone('+84 293 3876 543')).toBe('02933876543');
  });

  it('refuses what is not a Vietnamese number', () => {
    for (const bad of [
      '',
      '113',
      '091234567', // one digit short
      '09123456789', // one digit too many
      '0112345678', // no such prefix
      '0412345678',
      '0612345678',
      '1912345678',
      '+1 415 555 0100',
      '+840912345678',
      '0912abc678',
      '84293387654', // bare 84 is for mobiles only
      '842933876543',
      'tel:0912345678',
    ]) {
      expect(isVietnamesePhone(bad), bad).toBe(false);
    }
  });
});

describe('formatVietnamesePhone', () => {
  it('shows stored numbers the way people dial them', () => {
    expect(formatVietnamesePhone('+84912345678')).toBe('0912 345 678');
    expect(formatVietnamesePhone('+842933876543')).toBe('0293 3876 543');
    expect(formatVietnamesePhone('không rõ')).toBe('không rõ');
  });
});
