import { env } from 'cloudflare:workers';
import { appointments, notifications } from '@tinh/db/schema';
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { appointmentRemindersJob, appointmentSlotsJob } from '../src/appointments/jobs';
import { reminderDedupeKey } from '../src/appointments/reminders';
import { addDays, instantOf, localDateOf } from '../src/appointments/slots';
import type { JobContext } from '../src/cron';
import { HOURLY } from '../src/cron';
import { createLogger } from '../src/platform/logger';
import {
  type Booking,
  book,
  bookingBody,
  CITIZEN_API,
  db,
  type Headers,
  hospitalStaff,
  insertSlot,
  moveSlot,
  newDepartment,
  newHospital,
  ok,
  send,
  slotRow,
  WORK_API,
} from './support/appointments';
import { signedInCitizen } from './support/citizens';

// The hourly jobs: the day-before reminder (tomorrow's active bookings only, once, not before
// 07:00 local time) and keeping slots generated for the next 14 days. They are called as the
// cron dispatcher calls them; other files' cron runs may send these reminders first, so the
// checks are on what the database holds, not on who sent it.

const ctx = (scheduledAt: Date): JobContext => ({
  env,
  db: db(),
  log: createLogger('error'),
  cron: HOURLY,
  scheduledAt,
});

let staff: Headers;

beforeAll(async () => {
  staff = (await hospitalStaff()).headers;
}, 60_000);

describe('day-before reminders', () => {
  it("reminds of tomorrow's active bookings once, with a link to the booking", async () => {
    const hospital = await newHospital(staff);
    const department = await newDepartment(staff, hospital.id, 'Khoa Nội tiết');
    const today = localDateOf(new Date());
    const tomorrow = addDays(today, 1);
    const at = (date: string, time: string) => new Date(instantOf(date, time));
    const slotTomorrow = await insertSlot(department.id, at(tomorrow, '09:00'));
    // Booked and cancelled three days ahead, then moved to tomorrow: cancelling a booking for
    // tomorrow itself is refused after the 12-hour cut-off, which late evening runs pass.
    const slotTomorrowLater = await insertSlot(department.id, at(addDays(today, 3), '10:00'));
    const slotAfter = await insertSlot(department.id, at(addDays(today, 2), '09:00'));

    const citizen = await signedInCitizen();
    const relative = await signedInCitizen();
    const remind = (
      await ok<{ booking: Booking }>(await book(citizen.headers, bookingBody(slotTomorrow)), 201)
    ).booking;
    const later = (
      await ok<{ booking: Booking }>(await book(citizen.headers, bookingBody(slotAfter)), 201)
    ).booking;
    const cancelled = (
      await ok<{ booking: Booking }>(
        await book(relative.headers, bookingBody(slotTomorrowLater)),
        201,
      )
    ).booking;
    await ok(
      await send('POST', `${CITIZEN_API}/bookings/${cancelled.id}/cancel`, relative.headers),
    );
    await moveSlot(slotTomorrowLater, at(tomorrow, '10:00'));

    const ids = [remind.id, later.id, cancelled.id];
    const noticesFor = () =>
      db()
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.kind, 'appointment.reminder'),
            inArray(notifications.recipientId, [citizen.userId, relative.userId]),
          ),
        );

    // Before 07:00 local time nothing is sent.
    const early = await appointmentRemindersJob.run(ctx(at(today, '05:00')));
    expect(early).toMatchObject({ skipped: 'too_early' });

    const tick = at(today, '10:00');
    const first = await appointmentRemindersJob.run(ctx(tick));
    expect(first).toMatchObject({ date: tomorrow });
    const second = await appointmentRemindersJob.run(ctx(tick));
    expect(second).toMatchObject({ date: tomorrow, reminded: 0 });

    const notices = await noticesFor();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      recipientType: 'user',
      recipientId: citizen.userId,
      link: `/hospital-appointments/b/${remind.id}`,
      dedupeKey: reminderDedupeKey(remind.id),
      title: 'Nhắc lịch khám ngày mai',
    });
    expect(notices[0]?.body).toContain('09:00');
    expect(notices[0]?.body).toContain(remind.checkInCode);
    expect(notices[0]?.body).toContain(hospital.name);

    const rows = await db()
      .select({ id: appointments.id, reminderSentAt: appointments.reminderSentAt })
      .from(appointments)
      .where(inArray(appointments.id, ids));
    const sent = new Map(rows.map((r) => [r.id, r.reminderSentAt]));
    expect(sent.get(remind.id)).toBeTruthy();
    expect(sent.get(later.id)).toBeNull();
    expect(sent.get(cancelled.id)).toBeNull();

    // The next day, the other booking's turn; the first is not reminded again.
    await appointmentRemindersJob.run(ctx(at(tomorrow, '08:00')));
    const nextDay = await noticesFor();
    expect(nextDay.map((n) => n.link).sort()).toEqual(
      [`/hospital-appointments/b/${remind.id}`, `/hospital-appointments/b/${later.id}`].sort(),
    );
  });
});

describe('slot generation job', () => {
  it('keeps 14 days of slots for enabled departments with hours, idempotently', async () => {
    const hospital = await newHospital(staff);
    const department = await newDepartment(staff, hospital.id, 'Khoa Y học cổ truyền');
    const hours = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
      weekday,
      opensAt: '23:00',
      closesAt: '23:50',
      slotMinutes: 50,
      capacity: 3,
    }));
    // Saving the hours already fills the coming days; remove them to see the job do it.
    await ok(await send('PUT', `${WORK_API}/departments/${department.id}/hours`, staff, { hours }));
    await ok(
      await send('PUT', `${WORK_API}/departments/${department.id}/hours`, staff, { hours: [] }),
    );
    await ok(await send('PUT', `${WORK_API}/departments/${department.id}/hours`, staff, { hours }));

    await appointmentSlotsJob.run(ctx(new Date()));
    const second = await appointmentSlotsJob.run(ctx(new Date()));
    expect(second).toMatchObject({ created: 0 });

    const calendar = await ok<{
      days: { date: string; closed: boolean; slots: { id: string }[] }[];
    }>(await send('GET', `${CITIZEN_API}/departments/${department.id}/slots?days=14`));
    // Every day but public holidays has its one 23:00 slot (today's only until 23:00).
    const today = localDateOf(new Date());
    const open = calendar.days.filter((d) => !d.closed && d.date !== today);
    expect(open.length).toBeGreaterThanOrEqual(11);
    for (const day of open) expect(day.slots).toHaveLength(1);
    const slot = await slotRow(open[0]?.slots[0]?.id ?? '');
    expect(slot).toMatchObject({ startTime: '23:00', endTime: '23:50', capacity: 3 });
  });
});
