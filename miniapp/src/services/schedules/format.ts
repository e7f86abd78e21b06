/** Helpers of the schedule screen that need no React: dates in Vietnam's calendar. */

const VN_OFFSET_MS = 7 * 3_600_000;

/** "dd/mm" of a YYYY-MM-DD date. */
export function shortDate(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
}

/** "dd/mm/yyyy" of a YYYY-MM-DD date. */
export function longDate(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** Monday = 0 … Sunday = 6. */
export function weekdayIndex(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** "HH:MM dd/mm" of a UTC instant, in Vietnam's time. */
export function vnTimeAndDate(iso: string): string {
  const d = new Date(Date.parse(iso) + VN_OFFSET_MS).toISOString();
  return `${d.slice(11, 16)} ${d.slice(8, 10)}/${d.slice(5, 7)}`;
}

/** Today in Vietnam, YYYY-MM-DD. */
export function vnToday(now = new Date()): string {
  return new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}
