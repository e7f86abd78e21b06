import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  DEFAULT_HOLIDAYS,
  dueDate,
  holidaysFrom,
  isWorkingDay,
  slaWorkingDays,
} from './working-days';

// Times are written in Vietnamese local time (+07:00) and compared as instants.
const vn = (local: string) => new Date(`${local}+07:00`);
const none = new Set<string>();

describe('working days', () => {
  it('counts Monday to Friday, minus holidays', () => {
    expect(isWorkingDay('2026-03-06', none)).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07', none)).toBe(false); // Saturday
    expect(isWorkingDay('2026-04-30', DEFAULT_HOLIDAYS)).toBe(false);
    expect(isWorkingDay('2026-02-17', DEFAULT_HOLIDAYS)).toBe(false); // Tết
  });

  it('turns sla_hours into working days', () => {
    expect([24, 48, 72, 120, 1, 25].map(slaWorkingDays)).toEqual([1, 2, 3, 5, 1, 2]);
  });

  it('keeps the time of day, N working days later', () => {
    expect(addWorkingDays(vn('2026-03-02T09:15:00'), 3, none)).toEqual(vn('2026-03-05T09:15:00'));
    // Thursday + 3 → Tuesday (over the weekend)
    expect(addWorkingDays(vn('2026-03-05T14:00:00'), 3, none)).toEqual(vn('2026-03-10T14:00:00'));
  });

  it('starts the clock at 07:30 of the next working day outside working hours', () => {
    // Friday evening → Monday 07:30 starts, +1 → Tuesday 07:30
    expect(addWorkingDays(vn('2026-03-06T19:00:00'), 1, none)).toEqual(vn('2026-03-10T07:30:00'));
    // Saturday → Monday 07:30, +1 → Tuesday
    expect(addWorkingDays(vn('2026-03-07T10:00:00'), 1, none)).toEqual(vn('2026-03-10T07:30:00'));
    // Early morning → same day 07:30
    expect(addWorkingDays(vn('2026-03-03T05:00:00'), 1, none)).toEqual(vn('2026-03-04T07:30:00'));
  });

  it('skips Tết and the other public holidays', () => {
    // Friday 13 Feb 2026 10:00, 72 h = 3 working days: Tết closes 16–20 Feb → 23, 24, 25 Feb.
    expect(dueDate(vn('2026-02-13T10:00:00'), 72, DEFAULT_HOLIDAYS)).toEqual(
      vn('2026-02-25T10:00:00'),
    );
    // Wednesday 29 April 2026 16:00, 24 h: 30/4 and 1/5 are holidays, then the weekend → Monday 4 May.
    expect(dueDate(vn('2026-04-29T16:00:00'), 24, DEFAULT_HOLIDAYS)).toEqual(
      vn('2026-05-04T16:00:00'),
    );
  });

  it('takes the holiday list from PUBLIC_HOLIDAYS when set', () => {
    const custom = holidaysFrom('2026-03-03, 2026-03-04 bad');
    expect([...custom]).toEqual(['2026-03-03', '2026-03-04']);
    expect(addWorkingDays(vn('2026-03-02T09:00:00'), 1, custom)).toEqual(vn('2026-03-05T09:00:00'));
    expect(holidaysFrom(undefined)).toBe(DEFAULT_HOLIDAYS);
  });
});
