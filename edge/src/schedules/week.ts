import { z } from '@hono/zod-openapi';
import { addDays, vnDayStartUtc, vnToday } from '../feed/params';

// ISO 8601 weeks (Monday to Sunday) of Vietnam's calendar: a schedule's week is the week of
// its local date, so an item at 23:30 on Sunday in Hậu Giang (16:30 UTC) belongs to that
// week, not to the next one.

const DAY_MS = 86_400_000;

/** Day of week of a YYYY-MM-DD date, Monday = 1 … Sunday = 7. */
function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Monday of the ISO week that contains `day`. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** "2026-W48": the ISO week that contains `day` (the week-year is the year of its Thursday). */
export function isoWeekOf(day: string): string {
  const thursday = addDays(mondayOf(day), 3);
  const year = Number(thursday.slice(0, 4));
  const jan1 = Date.parse(`${year}-01-01T00:00:00Z`);
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - jan1) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week "YYYY-Www", or null when that week does not exist (W53 of most years). */
export function mondayOfIsoWeek(week: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > 53) return null;
  // 4 January is always in week 1.
  const monday = addDays(mondayOf(`${m[1]}-01-04`), (n - 1) * 7);
  return isoWeekOf(monday) === `${year}-W${m[2]}` ? monday : null;
}

export interface WeekRange {
  week: string;
  /** Monday and Sunday, local dates. */
  from: string;
  to: string;
  /** UTC half-open range of the week's instants. */
  startUtc: string;
  endUtc: string;
  previousWeek: string;
  nextWeek: string;
}

export function weekRange(monday: string): WeekRange {
  return {
    week: isoWeekOf(monday),
    from: monday,
    to: addDays(monday, 6),
    startUtc: vnDayStartUtc(monday),
    endUtc: vnDayStartUtc(addDays(monday, 7)),
    previousWeek: isoWeekOf(addDays(monday, -7)),
    nextWeek: isoWeekOf(addDays(monday, 7)),
  };
}

/** The week asked for (`week` first, then `date`), or the current week in Vietnam. */
export function resolveWeek(q: { week?: string; date?: string }, now = new Date()): WeekRange {
  if (q.week) {
    const monday = mondayOfIsoWeek(q.week);
    if (monday) return weekRange(monday);
  }
  return weekRange(mondayOf(q.date ?? vnToday(now)));
}

export const IsoWeekSchema = z
  .string()
  .regex(/^\d{4}-W\d{2}$/, 'Tuần phải có dạng YYYY-Www theo ISO 8601, ví dụ 2026-W48.')
  .refine((w) => mondayOfIsoWeek(w) !== null, 'Tuần này không tồn tại trong năm đã chọn.')
  .openapi({ example: '2026-W48', description: 'Tuần ISO 8601 (thứ Hai đến Chủ nhật).' });

/** Local date (YYYY-MM-DD) and time (HH:MM) of a UTC instant in Vietnam. */
export function vnLocal(iso: string): { date: string; time: string } {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return { date: d.slice(0, 10), time: d.slice(11, 16) };
}
