/**
 * The period filter of the public feed and the statistics: a few fixed choices ("7 ngày",
 * "30 ngày", "Năm nay", "Tất cả") or a custom range, turned into the API's `from`/`to`,
 * calendar days (YYYY-MM-DD) in Asia/Ho_Chi_Minh, both included. "Today" is Vietnam's
 * today whatever the phone's zone: at 06:30 on the 10th in Vị Thanh it is still the 9th in
 * UTC, and "7 ngày" must end on the 10th.
 */

export const PERIOD_CHOICES = ['7d', '30d', 'year', 'all'] as const;
export type PresetPeriod = (typeof PERIOD_CHOICES)[number];
export type PeriodChoice = PresetPeriod | 'custom';

/** A period as kept in the URL: `period=7d`, or `period=custom&from=…&to=…`. */
export type Period = { choice: PeriodChoice; from?: string; to?: string };

export type DayRange = { from?: string; to?: string };

/** Vietnam keeps UTC+7 all year (no daylight saving time since 1975). */
const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The first day the statistics count from for "Tất cả": the API defaults to the last 30
 * days when `from` is left out, so "all time" has to be a date.
 */
export const ALL_TIME_FROM = '2000-01-01';

/** Today's date in Vietnam (YYYY-MM-DD). */
export function vnToday(now: Date = new Date()): string {
  return new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** `day` shifted by `days` (may be negative). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A real calendar day written YYYY-MM-DD (2025-02-30 is not). */
export function isDay(value: string | null | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === value;
}

function isChoice(value: string | null): value is PeriodChoice {
  return value === 'custom' || (PERIOD_CHOICES as readonly string[]).includes(value ?? '');
}

/**
 * The period in the URL's parameters; `fallback` when there is none or it is unreadable.
 * A custom range keeps only real days, in order (a reversed one is swapped).
 */
export function readPeriod(params: URLSearchParams, fallback: PresetPeriod): Period {
  const raw = params.get('period');
  const choice = isChoice(raw) ? raw : fallback;
  if (choice !== 'custom') return { choice };
  const from = params.get('from');
  const to = params.get('to');
  const a = isDay(from) ? from : undefined;
  const b = isDay(to) ? to : undefined;
  if (a && b && a > b) return { choice, from: b, to: a };
  return { choice, ...(a ? { from: a } : {}), ...(b ? { to: b } : {}) };
}

/**
 * The URL parameters of a period: `period`, `from`, `to`, each '' when it should be
 * removed (the page's default choice is written as nothing, so a plain link stays plain).
 */
export function periodParams(
  period: Period,
  fallback: PresetPeriod,
): { period: string; from: string; to: string } {
  if (period.choice === 'custom') {
    return { period: 'custom', from: period.from ?? '', to: period.to ?? '' };
  }
  return { period: period.choice === fallback ? '' : period.choice, from: '', to: '' };
}

/**
 * The days a period covers on `now`, as the API's `from`/`to`. "7 ngày" is the last 7
 * days, today included; "Năm nay" starts on 1 January of Vietnam's current year; "Tất cả"
 * sends nothing (or `allFrom` when given, for the statistics).
 */
export function periodRange(period: Period, now: Date = new Date(), allFrom?: string): DayRange {
  const today = vnToday(now);
  switch (period.choice) {
    case '7d':
      return { from: addDays(today, -6), to: today };
    case '30d':
      return { from: addDays(today, -29), to: today };
    case 'year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'all':
      return allFrom ? { from: allFrom, to: today } : {};
    case 'custom':
      return {
        ...(period.from ? { from: period.from } : {}),
        ...(period.to ? { to: period.to } : {}),
      };
  }
}

/** The custom range to start from when "Tùy chọn" is picked: the range shown so far. */
export function customFrom(period: Period, now: Date = new Date()): Period {
  const range = periodRange(period, now);
  const today = vnToday(now);
  return {
    choice: 'custom',
    from: range.from ?? addDays(today, -29),
    to: range.to ?? today,
  };
}
