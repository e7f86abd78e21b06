import { describe, expect, it } from 'vitest';
import {
  addDays,
  buildDateStrip,
  changeWindow,
  firstBookableDay,
  slotState,
  sortBookings,
  splitDuration,
  vnDate,
  vnInstant,
} from './schedule';
import type { Booking, SlotDay } from './types';

const slot = (id: string, startTime: string, available: number, status = 'open') => ({
  id,
  startTime,
  endTime: `${startTime.slice(0, 2)}:30`,
  capacity: 10,
  available,
  status,
});

describe('Vietnam days', () => {
  it('counts days in UTC+7 whatever the instant', () => {
    // 17:30 UTC on 11 March is 00:30 on 12 March in Vietnam.
    expect(vnDate(new Date('2025-03-11T17:30:00Z'))).toBe('2025-03-12');
    expect(vnDate(new Date('2025-03-11T16:59:00Z'))).toBe('2025-03-11');
    expect(addDays('2025-02-27', 2)).toBe('2025-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('turns a local day and clock into the instant', () => {
    expect(vnInstant('2025-03-12', '07:30').toISOString()).toBe('2025-03-12T00:30:00.000Z');
    expect(vnInstant('2025-03-12', '06:00').toISOString()).toBe('2025-03-11T23:00:00.000Z');
  });
});

describe('date strip', () => {
  // Wednesday 12 March 2025, 09:00 in Vietnam.
  const now = new Date('2025-03-12T02:00:00Z');
  const days: SlotDay[] = [
    {
      date: '2025-03-12',
      closed: false,
      reason: null,
      // 07:00 has started; 10:00 has 3 places; 14:00 is full.
      slots: [slot('a', '07:00', 5), slot('b', '10:00', 3), slot('c', '14:00', 0)],
    },
    {
      date: '2025-03-13',
      closed: false,
      reason: null,
      slots: [slot('d', '07:00', 0), slot('e', '08:00', 4, 'closed')],
    },
    { date: '2025-03-14', closed: true, reason: 'Nghỉ lễ', slots: [] },
    { date: '2025-03-15', closed: false, reason: null, slots: [slot('f', '07:00', 8)] },
  ];

  it('has one chip per day for 7 days, with the free places that can be booked', () => {
    const strip = buildDateStrip(days, '2025-03-12', 7, now);
    expect(strip.map((d) => d.date)).toEqual([
      '2025-03-12',
      '2025-03-13',
      '2025-03-14',
      '2025-03-15',
      '2025-03-16',
      '2025-03-17',
      '2025-03-18',
    ]);
    expect(strip[0]).toMatchObject({ isToday: true, weekday: 3, dayOfMonth: 12, month: 3 });
    // The slot that already started does not count; the full one adds nothing.
    expect(strip[0]).toMatchObject({ free: 3, bookable: true, closed: false });
    // Full and closed slots only: shown, not bookable.
    expect(strip[1]).toMatchObject({ free: 0, bookable: false, closed: false });
    expect(strip[2]).toMatchObject({ closed: true, reason: 'Nghỉ lễ', bookable: false });
    expect(strip[3]).toMatchObject({ free: 8, bookable: true, weekday: 6 });
    // Days the API did not answer stay in the strip, closed.
    expect(strip[4]).toMatchObject({ closed: true, bookable: false, free: 0, weekday: 0 });
  });

  it('starts on the day asked for when it can be booked, else the first that can', () => {
    const strip = buildDateStrip(days, '2025-03-12', 7, now);
    expect(firstBookableDay(strip, '2025-03-15')).toBe('2025-03-15');
    expect(firstBookableDay(strip, '2025-03-14')).toBe('2025-03-12');
    expect(firstBookableDay(strip)).toBe('2025-03-12');
    const none = buildDateStrip([], '2025-03-12', 7, now);
    expect(firstBookableDay(none)).toBe('2025-03-12');
  });

  it('says why a slot cannot be booked', () => {
    const [today, tomorrow, holiday] = days as [SlotDay, SlotDay, SlotDay];
    expect(slotState(today, today.slots[0] as never, now)).toBe('started');
    expect(slotState(today, today.slots[1] as never, now)).toBe('open');
    expect(slotState(today, today.slots[2] as never, now)).toBe('full');
    expect(slotState(tomorrow, tomorrow.slots[1] as never, now)).toBe('closed');
    expect(slotState(holiday, slot('x', '08:00', 5), now)).toBe('closed');
  });
});

function booking(overrides: Partial<Booking> = {}): Booking {
  return {
    id: 'b1',
    status: 'booked',
    queueNumber: 7,
    checkInCode: 'K7Q2',
    forSelf: true,
    patientName: 'Nguyễn Thị Mai',
    patientPhone: '0912345678',
    patientBirthDate: '1980-05-01',
    insuranceNumber: null,
    symptoms: null,
    hospital: { id: 'h', name: 'BV', address: null, phone: null },
    department: { id: 'd', name: 'Nội' },
    // 07:30 on 14 March in Vietnam; a 12-hour cut-off: 19:30 on 13 March.
    slot: {
      id: 's',
      date: '2025-03-14',
      startTime: '07:30',
      endTime: '08:00',
      startsAt: '2025-03-14T00:30:00.000Z',
    },
    canChange: true,
    changeDeadline: '2025-03-13T12:30:00.000Z',
    createdAt: '2025-03-10T01:00:00.000Z',
    ...overrides,
  };
}

describe('cut-off', () => {
  it('counts down to the deadline and names the cut-off in hours', () => {
    const window = changeWindow(booking(), new Date('2025-03-13T09:10:00Z'));
    expect(window).toMatchObject({ state: 'open', minutesLeft: 200, cutoffHours: 12 });
    expect(window.state === 'open' && window.deadline.toISOString()).toBe(
      '2025-03-13T12:30:00.000Z',
    );
  });

  it('is passed from the deadline on, even before the server says so', () => {
    expect(changeWindow(booking(), new Date('2025-03-13T12:30:00Z'))).toMatchObject({
      state: 'passed',
      cutoffHours: 12,
    });
    expect(
      changeWindow(booking({ canChange: false }), new Date('2025-03-13T09:00:00Z')),
    ).toMatchObject({ state: 'passed' });
  });

  it('is final for bookings that are no longer held or already started', () => {
    const early = new Date('2025-03-12T00:00:00Z');
    expect(changeWindow(booking({ status: 'cancelled' }), early)).toEqual({ state: 'final' });
    expect(changeWindow(booking({ status: 'checked_in' }), early)).toEqual({ state: 'final' });
    expect(changeWindow(booking(), new Date('2025-03-14T01:00:00Z'))).toEqual({ state: 'final' });
  });

  it('splits the time left into days, hours and minutes', () => {
    expect(splitDuration(200)).toEqual({ days: 0, hours: 3, minutes: 20 });
    expect(splitDuration(47 * 60 + 5)).toEqual({ days: 0, hours: 47, minutes: 5 });
    expect(splitDuration(3 * 24 * 60 + 125)).toEqual({ days: 3, hours: 2, minutes: 0 });
    expect(splitDuration(-5)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });

  it('lists upcoming bookings soonest first and past ones latest first', () => {
    const a = booking({ id: 'a', slot: { ...booking().slot, startsAt: '2025-03-14T00:30:00Z' } });
    const b = booking({ id: 'b', slot: { ...booking().slot, startsAt: '2025-03-12T00:30:00Z' } });
    expect(sortBookings([a, b], 'upcoming').map((x) => x.id)).toEqual(['b', 'a']);
    expect(sortBookings([b, a], 'past').map((x) => x.id)).toEqual(['a', 'b']);
  });
});
