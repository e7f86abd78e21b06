import type { INDICATOR_FREQUENCIES } from '@tinh/db/schema';
import { foldVietnamese } from '../platform/text';

// Periods and numbers as statisticians write them. A period is stored in one canonical form
// that also sorts as text: "2025" (year), "2025-Q3" (quarter), "2025-07" (month).

export type Frequency = (typeof INDICATOR_FREQUENCIES)[number];

export const CANONICAL_PERIOD = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

export function frequencyOf(period: string): Frequency | null {
  const m = CANONICAL_PERIOD.exec(period);
  if (!m) return null;
  return m[2] ? 'quarter' : m[3] ? 'month' : 'year';
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function build(year: number, quarter: number | null, month: number | null): string | null {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return null;
  if (quarter !== null) return quarter >= 1 && quarter <= 4 ? `${year}-Q${quarter}` : null;
  if (month !== null) {
    return month >= 1 && month <= 12 ? `${year}-${String(month).padStart(2, '0')}` : null;
  }
  return String(year);
}

/**
 * The canonical period for what was typed, or null. Accepted: "2025"; "2025-Q3", "Q3/2025",
 * "Q3-2025", "Quý 3/2025", "Quý III/2025"; "2025-07", "07/2025", "7/2025", "T7/2025",
 * "Tháng 7/2025", "Tháng 7 năm 2025".
 */
export function normalizePeriod(input: string): string | null {
  const s = foldVietnamese(input.trim()).replace(/\s+/g, ' ').replace(/^nam /, '');
  let m = /^(\d{4})$/.exec(s);
  if (m) return build(Number(m[1]), null, null);
  m = /^(\d{4}) ?[-/ ] ?q ?([1-4])$/.exec(s);
  if (m) return build(Number(m[1]), Number(m[2]), null);
  m = /^(?:q|quy) ?([1-4]|i{1,3}|iv) ?(?:[-/ ]|nam) ?(?:nam )?(\d{4})$/.exec(s);
  if (m) return build(Number(m[2]), ROMAN[m[1] as string] ?? Number(m[1]), null);
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) return build(Number(m[1]), null, Number(m[2]));
  m = /^(?:t|thang)? ?(\d{1,2}) ?(?:[-/ ]|nam) ?(?:nam )?(\d{4})$/.exec(s);
  if (m) return build(Number(m[2]), null, Number(m[1]));
  return null;
}

/** The period just before (2025-Q1 → 2024-Q4, 2025-01 → 2024-12, 2025 → 2024). */
export function previousPeriod(period: string): string | null {
  const m = CANONICAL_PERIOD.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) {
    const q = Number(m[2]);
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  if (m[3]) {
    const mo = Number(m[3]);
    return mo === 1 ? `${year - 1}-12` : `${year}-${String(mo - 1).padStart(2, '0')}`;
  }
  return String(year - 1);
}

/** The same period one year earlier (2025-Q3 → 2024-Q3). */
export function samePeriodLastYear(period: string): string | null {
  const m = CANONICAL_PERIOD.exec(period);
  if (!m) return null;
  return `${Number(m[1]) - 1}${period.slice(4)}`;
}

export type NumberParse = { ok: true; value: number } | { ok: false; message: string };

const AMBIGUOUS =
  'Số không rõ nghĩa: một dấu chấm hoặc phẩy đứng trước đúng 3 chữ số có thể là phân cách hàng nghìn hoặc phần thập phân. Hãy viết 1234 hoặc 1.234,0 (kiểu Việt Nam) hoặc 1,234.0.';

/**
 * A number typed in a CSV cell. Rules (documented for editors):
 * - spaces (also non-breaking) are thousands separators: "1 234,5";
 * - with both "." and ",", the last one is the decimal mark and the other groups thousands
 *   by three: "1.234,5" and "1,234.5" are 1234.5;
 * - one kind of mark repeated ("1.234.567", "1,234,567") groups thousands;
 * - a single mark is the decimal mark ("1234,5", "0.25"), except when it is followed by exactly
 *   three digits after a non-zero whole part ("1.234", "12,500"): that is refused as ambiguous;
 * - an optional leading minus; nothing else (no %, no currency).
 */
export function parseNumberText(input: string): NumberParse {
  const s = input.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return { ok: false, message: 'Thiếu số.' };
  const notNumber = {
    ok: false as const,
    message: `"${input.trim().slice(0, 40)}" không phải là số.`,
  };
  const m = /^(-?)(\d[\d.,]*)$/.exec(s);
  if (!m) return notNumber;
  const sign = m[1] === '-' ? -1 : 1;
  const body = m[2] as string;
  const dots = (body.match(/\./g) ?? []).length;
  const commas = (body.match(/,/g) ?? []).length;
  let plain: string;
  if (dots > 0 && commas > 0) {
    const decimal = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const [whole, frac, ...rest] = body.split(decimal);
    if (rest.length > 0 || frac === undefined || !/^\d+$/.test(frac)) return notNumber;
    if (!groupedThousands(whole as string, group)) return notNumber;
    plain = `${(whole as string).split(group).join('')}.${frac}`;
  } else if (dots + commas === 0) {
    plain = body;
  } else {
    const mark = dots > 0 ? '.' : ',';
    const parts = body.split(mark);
    if (parts.length > 2) {
      if (!groupedThousands(body, mark)) return notNumber;
      plain = parts.join('');
    } else {
      const [whole, frac] = parts as [string, string];
      if (whole === '' || frac === '') return notNumber;
      if (frac.length === 3 && whole.length <= 3 && !/^0+$/.test(whole)) {
        return { ok: false, message: AMBIGUOUS };
      }
      plain = `${whole}.${frac}`;
    }
  }
  const value = sign * Number(plain);
  return Number.isFinite(value) ? { ok: true, value } : notNumber;
}

function groupedThousands(text: string, mark: string): boolean {
  const groups = text.split(mark);
  const [first, ...rest] = groups;
  return /^\d{1,3}$/.test(first ?? '') && rest.every((g) => /^\d{3}$/.test(g));
}
