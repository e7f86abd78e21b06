// Deadlines of field reports in working days (FEATURES.md: Monday to Friday, minus public
// holidays from a configurable list), on the clock of Asia/Ho_Chi_Minh. Pure arithmetic:
// the holiday list is the caller's (the `holidays` table, read by deadlines/holidays.ts in
// the same round trip as the rest of what the caller needs).
//
// The rule, chosen to read the way Vietnamese agencies state deadlines ("xử lý trong 72
// giờ" = within 3 working days):
//   1. A category's `sla_hours` is a number of days of 24 hours: ceil(sla_hours / 24)
//      working days (24 h → 1, 72 h → 3, 120 h → 5).
//   2. The clock starts at the moment of receipt if that falls on a working day between
//      07:30 and 17:00; otherwise at 07:30 of the next working day (a report sent on
//      Saturday night starts Monday morning, or Tuesday if Monday is a holiday).
//   3. The deadline is the same local time of day, that many working days later.
// Vietnam has kept UTC+7 without daylight saving since 1975, so local time is a fixed
// offset; no time-zone database is needed.

const OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;
const START_MINUTES = 7 * 60 + 30;
const END_MINUTES = 17 * 60;

/** Local (Asia/Ho_Chi_Minh) calendar date of an instant, YYYY-MM-DD. */
export function localDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(localYmd: string, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(`${localYmd}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(localYmd);
}

/** Working days needed for an SLA given in hours (rule 1). */
export const slaWorkingDays = (slaHours: number) => Math.max(1, Math.ceil(slaHours / 24));

/**
 * `days` working days after `from` (rules 2 and 3), as an instant. Walks day by day, at most
 * a few weeks even across Tết.
 */
export function addWorkingDays(from: Date, days: number, holidays: ReadonlySet<string>): Date {
  // "Local" instants: UTC fields read as Vietnamese wall-clock time.
  let local = from.getTime() + OFFSET_MS;
  let dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  let minutes = (local - dayStart) / 60_000;
  const ymd = (t: number) => new Date(t).toISOString().slice(0, 10);

  if (!isWorkingDay(ymd(dayStart), holidays) || minutes >= END_MINUTES) {
    do dayStart += DAY_MS;
    while (!isWorkingDay(ymd(dayStart), holidays));
    minutes = START_MINUTES;
  } else if (minutes < START_MINUTES) {
    minutes = START_MINUTES;
  }
  for (let left = days; left > 0; ) {
    dayStart += DAY_MS;
    if (isWorkingDay(ymd(dayStart), holidays)) left--;
  }
  local = dayStart + minutes * 60_000;
  return new Date(local - OFFSET_MS);
}

/** When a report received at `receivedAt` in a category with `slaHours` is due. */
export function dueDate(receivedAt: Date, slaHours: number, holidays: ReadonlySet<string>): Date {
  return addWorkingDays(receivedAt, slaWorkingDays(slaHours), holidays);
}
