import type { Booking, Slot, SlotDay } from './types';

/**
 * The booking screen's calendar logic: the 7-day strip, what a slot can be booked for, and
 * until when a booking can still be changed. All days are Vietnam's (UTC+7, no daylight
 * saving), whatever zone the phone is set to.
 */

const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** Vietnam's calendar day of an instant (YYYY-MM-DD). */
export function vnDate(instant: Date | number): string {
  return new Date(new Date(instant).getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** `day` shifted by `days` (may be negative). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, as the hospital's opening hours count them. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** The instant a local day and clock time (HH:MM) in Vietnam stands for. */
export function vnInstant(day: string, time: string): Date {
  return new Date(Date.parse(`${day}T${time.length === 5 ? `${time}:00` : time}Z`) - VN_OFFSET_MS);
}

export type SlotState = 'open' | 'full' | 'closed' | 'started';

/** Whether a slot can be booked now, and if not why (the button says it). */
export function slotState(day: SlotDay, slot: Slot, now: Date): SlotState {
  if (day.closed || slot.status !== 'open') return 'closed';
  if (vnInstant(day.date, slot.startTime).getTime() <= now.getTime()) return 'started';
  if (slot.available <= 0) return 'full';
  return 'open';
}

export type StripDay = {
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Day of the month and month, for the chip ("12/3"). */
  dayOfMonth: number;
  month: number;
  isToday: boolean;
  /** Closed all day (a holiday, the hospital's closure, or no opening hours). */
  closed: boolean;
  reason: string | null;
  /** Places still free in the slots that can be booked. */
  free: number;
  /** At least one slot can be booked. */
  bookable: boolean;
};

/**
 * `count` consecutive days from `from`, each with its free places. A day the API did not
 * answer (beyond its horizon, or no opening hours at all) is shown closed rather than left
 * out, so the strip keeps its shape and the citizen sees the week as it is.
 */
export function buildDateStrip(
  days: readonly SlotDay[],
  from: string,
  count: number,
  now: Date,
): StripDay[] {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const today = vnDate(now);
  return Array.from({ length: count }, (_, i) => {
    const date = addDays(from, i);
    const day = byDate.get(date);
    const bookableSlots = day
      ? day.slots.filter((slot) => slotState(day, slot, now) === 'open')
      : [];
    const closed = !day || day.closed || day.slots.length === 0;
    const [, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number];
    return {
      date,
      weekday: weekdayOf(date),
      dayOfMonth,
      month,
      isToday: date === today,
      closed,
      reason: day?.reason ?? null,
      free: bookableSlots.reduce((sum, slot) => sum + slot.available, 0),
      bookable: bookableSlots.length > 0,
    };
  });
}

/** The day to select first: the one asked for if it can be booked, else the first that can. */
export function firstBookableDay(strip: readonly StripDay[], wanted?: string): string | undefined {
  if (wanted && strip.some((d) => d.date === wanted && d.bookable)) return wanted;
  return strip.find((d) => d.bookable)?.date ?? strip[0]?.date;
}

export type ChangeWindow =
  /** Still possible until `deadline`; `minutesLeft` for "còn 3 giờ 20 phút". */
  | { state: 'open'; deadline: Date; minutesLeft: number; cutoffHours: number }
  /** The cut-off has passed: only the hospital can change it now. */
  | { state: 'passed'; deadline: Date; cutoffHours: number }
  /** Cancelled, checked in, no-show, or already past: nothing left to change. */
  | { state: 'final' };

/**
 * Until when the citizen may cancel or move a booking. The server's `canChange` decides
 * (it knows the hospital's cut-off); the clock on the phone only counts down to its
 * `changeDeadline`, so a page left open past the deadline stops offering the buttons.
 */
export function changeWindow(booking: Booking, now: Date): ChangeWindow {
  if (booking.status !== 'booked') return { state: 'final' };
  const startsAt = Date.parse(booking.slot.startsAt);
  if (Number.isFinite(startsAt) && startsAt <= now.getTime()) return { state: 'final' };
  const deadline = new Date(booking.changeDeadline);
  const cutoffHours = Number.isFinite(startsAt)
    ? Math.max(0, Math.round((startsAt - deadline.getTime()) / 3_600_000))
    : 0;
  const msLeft = deadline.getTime() - now.getTime();
  if (!booking.canChange || !(msLeft > 0)) return { state: 'passed', deadline, cutoffHours };
  return { state: 'open', deadline, minutesLeft: Math.floor(msLeft / 60_000), cutoffHours };
}

/** "3 giờ 20 phút" split into its parts; days beyond 48 hours. */
export function splitDuration(minutes: number): { days: number; hours: number; minutes: number } {
  const total = Math.max(0, Math.floor(minutes));
  if (total >= 48 * 60) {
    const days = Math.floor(total / (24 * 60));
    return { days, hours: Math.floor((total - days * 24 * 60) / 60), minutes: 0 };
  }
  return { days: 0, hours: Math.floor(total / 60), minutes: total % 60 };
}

/** Upcoming bookings soonest first; past ones latest first. */
export function sortBookings(bookings: readonly Booking[], scope: 'upcoming' | 'past'): Booking[] {
  const sign = scope === 'upcoming' ? 1 : -1;
  return [...bookings].sort(
    (a, b) => sign * (Date.parse(a.slot.startsAt) - Date.parse(b.slot.startsAt)),
  );
}
