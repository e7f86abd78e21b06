import { holidays } from '@tinh/db/schema';
import { and, asc, gte, lte } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { localDate } from '../platform/working-days';

// The public holidays that deadlines skip come from the `holidays` table (seeded once from
// fixtures/holidays.json, then kept by administrators in the web admin). A caller puts
// `holidaysQuery` into the read batch it already makes, so knowing the holidays costs no
// extra round trip, and turns the rows into a set with `holidaySet`.

const DAY_MS = 86_400_000;

/**
 * The local dates (YYYY-MM-DD) a deadline computed around `at` can touch: from a year back
 * (the sweep walks from deadlines already past) to two years ahead (the longest SLA plus any
 * Tết is weeks, an approved extension months). A few dozen rows at most.
 */
export function holidayWindow(at: Date): { from: string; to: string } {
  return {
    from: localDate(new Date(at.getTime() - 366 * DAY_MS)),
    to: localDate(new Date(at.getTime() + 2 * 366 * DAY_MS)),
  };
}

/** The holiday dates of the window around `at`, as a statement for the caller's batch. */
export function holidaysQuery(db: Db, at: Date) {
  const { from, to } = holidayWindow(at);
  return db
    .select({ date: holidays.date })
    .from(holidays)
    .where(and(gte(holidays.date, from), lte(holidays.date, to)))
    .orderBy(asc(holidays.date));
}

export function holidaySet(rows: readonly { date: string }[]): ReadonlySet<string> {
  return new Set(rows.map((r) => r.date));
}

/** One round trip, for a caller with nothing else to read. */
export async function loadHolidays(db: Db, at: Date): Promise<ReadonlySet<string>> {
  return holidaySet(await holidaysQuery(db, at));
}
