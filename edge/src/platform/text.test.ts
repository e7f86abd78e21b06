import { describe, expect, it } from 'vitest';
import { compareVietnamese, foldVietnamese } from './text';

describe('foldVietnamese', () => {
  it.each([
    ['Vị Thanh', 'vi thanh'],
    ['ĐƯỜNG BỊ NGẬP', 'duong bi ngap'],
    ['  Hỏa   Lựu ', 'hoa luu'],
    // decomposed input (as some keyboards send it) folds the same as composed
    ['Vi\u0323 Thanh', 'vi thanh'],
    ['Long Phú 1', 'long phu 1'],
  ])('%j → %j', (input, folded) => {
    expect(foldVietnamese(input)).toBe(folded);
  });
});

describe('compareVietnamese', () => {
  it('orders by the Vietnamese alphabet', () => {
    expect(
      ['Hòa An', 'Đông Phước', 'Châu Thành', 'Ấp Mới', 'Ngã Bảy'].sort(compareVietnamese),
    ).toEqual(['Ấp Mới', 'Châu Thành', 'Đông Phước', 'Hòa An', 'Ngã Bảy']);
  });
});
