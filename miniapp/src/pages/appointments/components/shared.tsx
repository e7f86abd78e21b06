import { useEffect, useState } from 'react';
import type { MessageKey } from '../../../i18n';
import { useT } from '../../../i18n/use-t';
import type { BookingStatus } from '../../../services/appointments/types';

/** The current time, refreshed every `intervalMs`: slots start and cut-offs pass while a page is open. */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

const WEEKDAY_SHORT = [
  'appt.day.0',
  'appt.day.1',
  'appt.day.2',
  'appt.day.3',
  'appt.day.4',
  'appt.day.5',
  'appt.day.6',
] as const satisfies readonly MessageKey[];

const WEEKDAY_LONG = [
  'appt.dayLong.0',
  'appt.dayLong.1',
  'appt.dayLong.2',
  'appt.dayLong.3',
  'appt.dayLong.4',
  'appt.dayLong.5',
  'appt.dayLong.6',
] as const satisfies readonly MessageKey[];

/** "T5" / "Thu" (short) or "Thứ Năm" / "Thursday" (long) for 0 = Sunday … 6 = Saturday. */
export function useWeekday(): (weekday: number, form?: 'short' | 'long') => string {
  const t = useT();
  return (weekday, form = 'long') =>
    t((form === 'short' ? WEEKDAY_SHORT : WEEKDAY_LONG)[((weekday % 7) + 7) % 7] ?? 'appt.day.0');
}

/** "13/03/2025" of a YYYY-MM-DD day. */
export function dayText(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** The day and hour of a slot: "07:30–08:00, Thứ Năm 13/03/2025". */
export function useSlotText(): (slot: {
  date: string;
  startTime: string;
  endTime: string;
}) => string {
  const weekday = useWeekday();
  return (slot) => {
    const day = new Date(`${slot.date}T00:00:00Z`).getUTCDay();
    return `${slot.startTime}–${slot.endTime}, ${weekday(day)} ${dayText(slot.date)}`;
  };
}

const STATUS_KEYS = {
  booked: 'appt.status.booked',
  cancelled: 'appt.status.cancelled',
  checked_in: 'appt.status.checked_in',
  no_show: 'appt.status.no_show',
} as const satisfies Record<BookingStatus, MessageKey>;

/** The booking's state, in words and colour (never colour alone). */
export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const t = useT();
  return (
    <span className={`appt-status appt-status--${status}`}>
      {t(STATUS_KEYS[status] ?? 'appt.status.booked')}
    </span>
  );
}
