// The calendar arithmetic of appointments, pure (no I/O): shared by the API, the hourly job
// and the demo seed (scripts/demo-hospitals.ts). Dates and times of day are local to
// Asia/Ho_Chi_Minh, a fixed UTC+7 without daylight saving, so no time-zone database is needed;
// instants are UTC ISO 8601 strings as `Date.prototype.toISOString` writes them, which is
// also what SQLite's strftime('%Y-%m-%dT%H:%M:%fZ') writes: both compare as text.

const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** Days ahead for which slots are kept ready (the hourly job, the demo seed). */
export const SLOT_HORIZON_DAYS = 14;

/** Local calendar date (YYYY-MM-DD) of an instant. */
export function localDateOf(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Local time of day (HH:MM) of an instant. */
export function localTimeOf(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(11, 16);
}

/** True for a real calendar date written YYYY-MM-DD (not 2025-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/** True for a time of day written HH:MM (00:00 … 23:59). */
export function isTimeOfDay(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, as `department_hours.weekday`. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const timeOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The UTC instant of a local date and time of day. */
export function instantOf(date: string, time: string): string {
  return new Date(Date.parse(`${date}T${time}:00.000Z`) - OFFSET_MS).toISOString();
}

/** "dd/mm/yyyy", as Vietnamese readers write dates. */
export function vietnameseDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

export interface OpeningHours {
  weekday: number;
  opensAt: string;
  closesAt: string;
  slotMinutes: number;
  capacity: number;
}

export interface PlannedSlot {
  date: string;
  startTime: string;
  endTime: string;
  startsAt: string;
  capacity: number;
}

/**
 * The slots of one department for `days` days from `from`: each day's opening hours cut into
 * pieces of `slotMinutes` (a remainder shorter than a slot is dropped), minus the days in
 * `closedDates` (public holidays, the hospital's closures) and minus slots that have already
 * started at `now`. Deterministic, so generating twice plans the same slots; the unique
 * (department, date, start time) makes the second insert a no-op.
 */
export function planSlots(opts: {
  hours: readonly OpeningHours[];
  from: string;
  days: number;
  closedDates: ReadonlySet<string>;
  now: Date;
}): PlannedSlot[] {
  const nowIso = opts.now.toISOString();
  const planned: PlannedSlot[] = [];
  for (let i = 0; i < opts.days; i++) {
    const date = addDays(opts.from, i);
    if (opts.closedDates.has(date)) continue;
    const weekday = weekdayOf(date);
    const periods = opts.hours
      .filter((h) => h.weekday === weekday)
      .sort((a, b) => a.opensAt.localeCompare(b.opensAt));
    for (const h of periods) {
      const end = minutesOf(h.closesAt);
      for (let m = minutesOf(h.opensAt); m + h.slotMinutes <= end; m += h.slotMinutes) {
        const startTime = timeOf(m);
        const startsAt = instantOf(date, startTime);
        if (startsAt <= nowIso) continue;
        planned.push({
          date,
          startTime,
          endTime: timeOf(m + h.slotMinutes),
          startsAt,
          capacity: h.capacity,
        });
      }
    }
  }
  return planned;
}

/**
 * Overlapping periods of the same weekday (07:00–11:00 and 10:30–12:00), which would make
 * two slots share a time: the index pairs, empty when the week is consistent.
 */
export function overlappingHours(hours: readonly OpeningHours[]): [number, number][] {
  const clashes: [number, number][] = [];
  hours.forEach((a, i) => {
    hours.forEach((b, j) => {
      if (j <= i || a.weekday !== b.weekday) return;
      if (
        minutesOf(a.opensAt) < minutesOf(b.closesAt) &&
        minutesOf(b.opensAt) < minutesOf(a.closesAt)
      )
        clashes.push([i, j]);
    });
  });
  return clashes;
}
