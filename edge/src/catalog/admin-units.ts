import type { ADMIN_KINDS } from '@tinh/db/schema';
import { compareVietnamese, foldVietnamese } from '../platform/text';

export const KIND_LABELS: Record<(typeof ADMIN_KINDS)[number], string> = {
  tinh: 'Tỉnh',
  thanh_pho: 'Thành phố',
  xa: 'Xã',
  phuong: 'Phường',
  dac_khu: 'Đặc khu',
};

type Unit = { name: string; kind: (typeof ADMIN_KINDS)[number]; level: string };

/** "Phường Vị Thanh": the name as people write it on an address. */
export const fullName = (unit: Unit) => `${KIND_LABELS[unit.kind]} ${unit.name}`;

/**
 * Keeps the units whose name (with or without its kind, "Phường Vị Thanh") contains
 * the query, ignoring case and diacritics: "vi thanh" finds "Vị Thanh" and "Vị Thanh 1".
 * Done in code after one query: a province has on the order of a hundred units.
 */
export function searchUnits<T extends Unit>(units: T[], q: string | undefined): T[] {
  const needle = q ? foldVietnamese(q) : '';
  const matches = needle
    ? units.filter((u) => foldVietnamese(fullName(u)).includes(needle))
    : [...units];
  // The province first, then communes and wards in Vietnamese alphabetical order.
  const rank = (u: Unit) => (u.level === 'province' ? 0 : 1);
  return matches.sort((a, b) => rank(a) - rank(b) || compareVietnamese(a.name, b.name));
}
