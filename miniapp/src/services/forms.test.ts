import { describe, expect, it } from 'vitest';
import { fieldErrors, parseVnd } from './forms';

describe('parseVnd', () => {
  it('reads amounts as people type them', () => {
    expect(parseVnd('8.000.000')).toBe(8_000_000);
    expect(parseVnd('8 000 000')).toBe(8_000_000);
    expect(parseVnd('25k')).toBe(25_000);
    expect(parseVnd('25 nghìn')).toBe(25_000);
    expect(parseVnd('8tr')).toBe(8_000_000);
    expect(parseVnd('1,2tr')).toBe(1_200_000);
    expect(parseVnd('7,5 triệu')).toBe(7_500_000);
    expect(parseVnd('30000đ')).toBe(30_000);
    expect(parseVnd('30.000 đồng')).toBe(30_000);
  });

  it('says when there is nothing, or nothing readable', () => {
    expect(parseVnd('  ')).toBeNull();
    expect(parseVnd('tám triệu')).toBe('invalid');
    expect(parseVnd('hai mươi')).toBe('invalid');
    expect(parseVnd('12abc')).toBe('invalid');
  });
});

describe('fieldErrors', () => {
  it('maps the API issues to fields, the first message of each', () => {
    expect(
      fieldErrors({
        kind: 'http',
        status: 400,
        code: 'validation_failed',
        message: 'x',
        details: {
          issues: [
            { path: 'taxCode', message: 'Mã số thuế gồm 10 hoặc 13 chữ số' },
            { path: 'taxCode', message: 'second' },
            { path: 'contact.phone', message: 'Số điện thoại không hợp lệ' },
          ],
        },
      }),
    ).toEqual({
      taxCode: 'Mã số thuế gồm 10 hoặc 13 chữ số',
      contact: 'Số điện thoại không hợp lệ',
    });
  });

  it('has nothing for a network failure', () => {
    expect(
      fieldErrors({ kind: 'network', status: 0, code: 'network', message: 'offline' }),
    ).toEqual({});
    expect(fieldErrors(undefined)).toEqual({});
  });
});
