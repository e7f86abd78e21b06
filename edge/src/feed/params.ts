import { z } from '@hono/zod-openapi';
import { REPORT_STATUSES, type ReportStatus } from '@tinh/db/schema';
import { foldVietnamese } from '../platform/text';

// Query parameters shared by the public feed, the map and the statistics: calendar days in
// Asia/Ho_Chi_Minh, status lists, a map rectangle, the search text and the paging cursor.

// ---- calendar days in Asia/Ho_Chi_Minh -------------------------------------------------------

/** Vietnam keeps UTC+7 all year (no daylight saving time since 1975). */
const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** Midnight of a Vietnamese calendar day ("2025-07-01"), as a UTC ISO instant. */
export function vnDayStartUtc(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - VN_OFFSET_MS).toISOString();
}

/** The day after `day`, both as YYYY-MM-DD. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + DAY_MS).toISOString().slice(0, 10);
}

/** Today's date in Vietnam (YYYY-MM-DD). */
export function vnToday(now: Date = new Date()): string {
  return new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** `day` shifted by `days` (may be negative). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A real calendar day written YYYY-MM-DD (2025-02-30 is refused). */
export const VnDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD.')
  .refine((day) => {
    const t = Date.parse(`${day}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === day;
  }, 'Ngày không tồn tại.');

/** The UTC half-open range [start, end) of the Vietnamese days `from`..`to`, both included. */
export function periodRange(from: string | undefined, to: string | undefined) {
  return {
    start: from ? vnDayStartUtc(from) : undefined,
    end: to ? vnDayStartUtc(nextDay(to)) : undefined,
  };
}

// ---- statuses -------------------------------------------------------------------------------

const STATUS_SET = new Set<string>(REPORT_STATUSES);

/**
 * One or several statuses: `status=resolved`, `status=received,assigned` or the parameter
 * repeated (`status=received&status=assigned`).
 */
export const StatusListSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value, ctx): ReportStatus[] => {
    const items = (Array.isArray(value) ? value : [value])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v.length > 0);
    const unknown = items.filter((s) => !STATUS_SET.has(s));
    if (items.length === 0 || unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `Trạng thái không hợp lệ. Chọn trong: ${REPORT_STATUSES.join(', ')}.`,
      });
      return z.NEVER;
    }
    return [...new Set(items)] as ReportStatus[];
  });

// ---- map rectangle --------------------------------------------------------------------------

export interface Bbox {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** `south,west,north,east` in WGS 84 degrees (lat/lng order; Leaflet's toBBoxString() is west,south,east,north). */
export const BboxSchema = z.string().transform((value, ctx): Bbox => {
  const parts = value.split(',').map((p) => p.trim());
  const numbers = parts.map((p) => (p === '' ? Number.NaN : Number(p)));
  if (numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n))) {
    ctx.addIssue({
      code: 'custom',
      message: 'Khung bản đồ (bbox) phải gồm 4 số: nam,tây,bắc,đông (south,west,north,east).',
    });
    return z.NEVER;
  }
  const [south, west, north, east] = numbers as [number, number, number, number];
  if (south < -90 || north > 90 || west < -180 || east > 180 || south > north || west > east) {
    ctx.addIssue({
      code: 'custom',
      message:
        'Khung bản đồ (bbox) không hợp lệ: cần nam ≤ bắc, tây ≤ đông, trong giới hạn toạ độ.',
    });
    return z.NEVER;
  }
  return { south, west, north, east };
});

// ---- full-text search -----------------------------------------------------------------------

/** At most this many words of a search are used. */
const MAX_SEARCH_TOKENS = 8;

/**
 * The FTS5 MATCH expression of what a citizen typed. The text is folded the way
 * reports_fts.body is written (foldVietnamese: lower case, no marks, đ → d), cut into words
 * the way FTS5's unicode61 tokenizer cuts them (letters and digits), and every word is
 * quoted, so nothing typed can be read as FTS5 syntax (AND, NEAR, column filters, `*`, `"`).
 * Words must all appear; the last one is a prefix, for search-as-you-type
 * ("duong bi ng" finds "Đường bị ngập"). Null when no word is left.
 */
export function toFtsQuery(text: string): string | null {
  const words = foldVietnamese(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, MAX_SEARCH_TOKENS);
  if (words.length === 0) return null;
  // Only letters and digits remain, so no `"` needs doubling; quoting still keeps words like
  // "and", "or", "near" from being read as operators.
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

export const SearchTextSchema = z
  .string()
  .trim()
  .min(1, 'Từ khoá tìm kiếm không được để trống.')
  .max(100, 'Từ khoá tìm kiếm tối đa 100 ký tự.')
  .refine((q) => toFtsQuery(q) !== null, 'Từ khoá tìm kiếm cần có ít nhất một chữ hoặc số.');

// ---- cursor ---------------------------------------------------------------------------------

const CURSOR_PREFIX = 'r';

/**
 * Opaque page cursor: base64url of "r<id>" where id is the last report of the page. The next
 * page is `id < cursor`, so a report created while paging never shifts a page (no duplicates,
 * no gaps); a report hidden meanwhile simply is not shown.
 */
export function encodeCursor(id: number): string {
  return btoa(`${CURSOR_PREFIX}${id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The id in a cursor, or null when it is not one of ours. */
export function decodeCursor(cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(cursor)) return null;
  let text: string;
  try {
    text = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  const m = /^r([1-9]\d{0,15})$/.exec(text);
  if (!m) return null;
  const id = Number(m[1]);
  return Number.isSafeInteger(id) ? id : null;
}

export const CursorSchema = z.string().transform((value, ctx) => {
  const id = decodeCursor(value);
  if (id === null) {
    ctx.addIssue({
      code: 'custom',
      message: 'Con trỏ trang (cursor) không hợp lệ. Hãy tải lại danh sách từ đầu.',
    });
    return z.NEVER;
  }
  return id;
});
