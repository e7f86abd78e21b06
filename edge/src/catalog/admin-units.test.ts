import { describe, expect, it } from 'vitest';
import { fullName, searchUnits } from './admin-units';

const units = [
  { name: 'Vị Thanh 1', kind: 'xa', level: 'commune' },
  { name: 'Hậu Giang', kind: 'tinh', level: 'province' },
  { name: 'Đại Thành', kind: 'xa', level: 'commune' },
  { name: 'Vị Thanh', kind: 'phuong', level: 'commune' },
] as const;

describe('searchUnits', () => {
  it('returns the province first, then Vietnamese alphabetical order, without a query', () => {
    expect(searchUnits([...units], undefined).map((u) => u.name)).toEqual([
      'Hậu Giang',
      'Đại Thành',
      'Vị Thanh',
      'Vị Thanh 1',
    ]);
  });

  it('matches without diacritics and with the kind', () => {
    expect(searchUnits([...units], 'vi thanh').map(fullName)).toEqual([
      'Phường Vị Thanh',
      'Xã Vị Thanh 1',
    ]);
    expect(searchUnits([...units], 'xa vi thanh').map(fullName)).toEqual(['Xã Vị Thanh 1']);
    expect(searchUnits([...units], 'dai').map(fullName)).toEqual(['Xã Đại Thành']);
  });
});
