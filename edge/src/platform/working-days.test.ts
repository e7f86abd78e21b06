import { describe, expect, it } from 'vitest';
import { addWorkingDays, dueDate, isWorkingDay, localDate, slaWorkingDays } from './working-days';

// Times are written in Vietnamese local time (+07:00) and compared as instants.
const vn = (local: string) => new Date(`${local}+07:00`);
const none = new Set<string>();

// The official calendar of 2026–2027 as the holidays table holds it (seeded from
// fixtures/holidays.json); written out here so these tests do not move when an
// administrator edits the list.
const HOLIDAYS: ReadonlySet<string> = new Set([
  '2026-01-01',
  // Tết Bính Ngọ: Monday 16 to Friday 20 February 2026
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  // Giỗ Tổ Hùng Vương moved to Monday 27 April; 30/4 and 1/5 (Thursday, Friday)
  '2026-04-27',
  '2026-04-30',
  '2026-05-01',
  '2026-09-01',
  '2026-09-02',
  '2027-01-01',
  // Tết Đinh Mùi: Friday 5, then Monday 8 to Thursday 11 February 2027
  '2027-02-05',
  '2027-02-08',
  '2027-02-09',
  '2027-02-10',
  '2027-02-11',
]);

describe('working days', () => {
  it('counts Monday to Friday, minus holidays', () => {
    expect(isWorkingDay('2026-03-06', none)).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07', none)).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-08', none)).toBe(false); // Sunday
    expect(isWorkingDay('2026-04-30', HOLIDAYS)).toBe(false);
    expect(isWorkingDay('2026-02-17', HOLIDAYS)).toBe(false); // Tết
    expect(isWorkingDay('2026-02-17', none)).toBe(true); // a Tuesday when not listed
  });

  it('reads the date on the Vietnamese clock, not UTC', () => {
    // 06:00 on 1 January 2027 in Vietnam is still 31 December 2026 in UTC.
    expect(localDate(vn('2027-01-01T06:00:00'))).toBe('2027-01-01');
    expect(localDate(vn('2026-12-31T23:59:00'))).toBe('2026-12-31');
  });

  it('turns sla_hours into working days', () => {
    expect([24, 48, 72, 120, 1, 25].map(slaWorkingDays)).toEqual([1, 2, 3, 5, 1, 2]);
  });

  it('keeps the time of day, N working days later', () => {
    expect(addWorkingDays(vn('2026-03-02T09:15:00'), 3, none)).toEqual(vn('2026-03-05T09:15:00'));
    // Thursday + 3 → Tuesday (over the weekend)
    expect(addWorkingDays(vn('2026-03-05T14:00:00'), 3, none)).toEqual(vn('2026-03-10T14:00:00'));
    // Friday + 5 → the next Friday, two weekends never counted twice
    expect(addWorkingDays(vn('2026-03-06T10:00:00'), 5, none)).toEqual(vn('2026-03-13T10:00:00'));
  });

  it('starts the clock at 07:30 of the next working day outside working hours', () => {
    // Friday evening → Monday 07:30 starts, +1 → Tuesday 07:30
    expect(addWorkingDays(vn('2026-03-06T19:00:00'), 1, none)).toEqual(vn('2026-03-10T07:30:00'));
    // Saturday → Monday 07:30, +1 → Tuesday
    expect(addWorkingDays(vn('2026-03-07T10:00:00'), 1, none)).toEqual(vn('2026-03-10T07:30:00'));
    // Sunday night, a minute before midnight → same
    expect(addWorkingDays(vn('2026-03-08T23:59:00'), 1, none)).toEqual(vn('2026-03-10T07:30:00'));
    // Early morning → same day 07:30
    expect(addWorkingDays(vn('2026-03-03T05:00:00'), 1, none)).toEqual(vn('2026-03-04T07:30:00'));
    // The boundaries: 07:30 sharp counts from then; 17:00 sharp is already after hours.
    expect(addWorkingDays(vn('2026-03-03T07:30:00'), 1, none)).toEqual(vn('2026-03-04T07:30:00'));
    expect(addWorkingDays(vn('2026-03-03T16:59:00'), 1, none)).toEqual(vn('2026-03-04T16:59:00'));
    expect(addWorkingDays(vn('2026-03-03T17:00:00'), 1, none)).toEqual(vn('2026-03-05T07:30:00'));
  });

  it('starts the clock after a holiday when a report arrives during one', () => {
    // Thursday 30 April 2026, 10:00 (a holiday): the clock starts Monday 4 May 07:30.
    expect(dueDate(vn('2026-04-30T10:00:00'), 24, HOLIDAYS)).toEqual(vn('2026-05-05T07:30:00'));
  });

  it('skips Tết', () => {
    // Friday 13 Feb 2026 10:00, 72 h = 3 working days: Tết closes 16–20 Feb → 23, 24, 25 Feb.
    expect(dueDate(vn('2026-02-13T10:00:00'), 72, HOLIDAYS)).toEqual(vn('2026-02-25T10:00:00'));
    // Sent on the first day of Tết: the clock starts Monday 23 Feb 07:30.
    expect(dueDate(vn('2026-02-17T09:00:00'), 24, HOLIDAYS)).toEqual(vn('2026-02-24T07:30:00'));
    // Tết 2027 splits a week: Thursday 4 Feb, 120 h = 5 working days → 12, 15, 16, 17, 18 Feb.
    expect(dueDate(vn('2027-02-04T15:00:00'), 120, HOLIDAYS)).toEqual(vn('2027-02-18T15:00:00'));
  });

  it('skips 30/4 and 1/5, and a Monday holiday after a Friday evening report', () => {
    // Wednesday 29 April 2026 16:00, 24 h: 30/4 and 1/5 are holidays, then the weekend → Monday 4 May.
    expect(dueDate(vn('2026-04-29T16:00:00'), 24, HOLIDAYS)).toEqual(vn('2026-05-04T16:00:00'));
    // Friday 24 April 19:00, Monday 27 April is a holiday: the clock starts Tuesday 07:30.
    expect(dueDate(vn('2026-04-24T19:00:00'), 24, HOLIDAYS)).toEqual(vn('2026-04-29T07:30:00'));
    // Same report, 72 h: 29/4, then 30/4, 1/5 and the weekend, then 4 and 5 May.
    expect(dueDate(vn('2026-04-24T19:00:00'), 72, HOLIDAYS)).toEqual(vn('2026-05-05T07:30:00'));
  });

  it('crosses the new year', () => {
    // Thursday 31 December 2026 16:00, 72 h: Friday 1 January is Tết Dương lịch, then the
    // weekend → Monday 4, Tuesday 5, Wednesday 6 January 2027.
    expect(dueDate(vn('2026-12-31T16:00:00'), 72, HOLIDAYS)).toEqual(vn('2027-01-06T16:00:00'));
    // The same evening after hours (23:30 local, 16:30 UTC): the clock starts Monday
    // 4 January 07:30, +1 → Tuesday.
    expect(dueDate(vn('2026-12-31T23:30:00'), 24, HOLIDAYS)).toEqual(vn('2027-01-05T07:30:00'));
    // 1 January 06:00 local (still 31 December in UTC) is the holiday, not a Thursday.
    expect(dueDate(vn('2027-01-01T06:00:00'), 24, HOLIDAYS)).toEqual(vn('2027-01-05T07:30:00'));
    // Without the holiday, the same report would be due Monday 4 January.
    expect(dueDate(vn('2026-12-31T16:00:00'), 24, none)).toEqual(vn('2027-01-01T16:00:00'));
  });

  it('uses exactly the holiday list it is given', () => {
    const custom = new Set(['2026-03-03', '2026-03-04']);
    expect(addWorkingDays(vn('2026-03-02T09:00:00'), 1, custom)).toEqual(vn('2026-03-05T09:00:00'));
    expect(addWorkingDays(vn('2026-03-02T09:00:00'), 1, none)).toEqual(vn('2026-03-03T09:00:00'));
  });
});
