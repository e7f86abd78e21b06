import { env } from 'cloudflare:workers';
import { createClient } from '@libsql/client/web';
import { appointmentSlots, departmentHours, hospitalDepartments } from '@tinh/db/schema';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_HOSPITAL_ID, seedDemoHospitals } from '../../scripts/demo-hospitals';
import { addDays, localDateOf, weekdayOf } from '../src/appointments/slots';
import {
  type Booking,
  book,
  bookingBody,
  CITIZEN_API,
  db,
  hospitalStaff,
  ok,
  send,
  WORK_API,
} from './support/appointments';
import { signedInCitizen } from './support/citizens';

// The demo hospital of `npm start` and the browser tests (scripts/demo-hospitals.ts), seeded
// twice into the test database through a plain libSQL client, as scripts/start.ts does: the
// second run adds nothing, and the hospital works through the real API (public list, slots
// for the next 14 days Monday to Saturday, a booking, its staff in so_y_te).

const client = createClient({ url: env.LIBSQL_URL });
afterAll(() => client.close());

describe('seedDemoHospitals', () => {
  it('is idempotent and gives a bookable hospital with 3 departments and 14 days of slots', async () => {
    const now = new Date();
    const first = await seedDemoHospitals(client, now);
    const second = await seedDemoHospitals(client, now);
    expect(first.departments).toBe(3);
    expect(second).toEqual({ departments: 3, hoursAdded: 0, slots: 0 });

    const departments = await db()
      .select({ id: hospitalDepartments.id })
      .from(hospitalDepartments)
      .where(eq(hospitalDepartments.hospitalId, DEMO_HOSPITAL_ID));
    expect(departments).toHaveLength(3);
    const ids = departments.map((d) => d.id);
    const hours = await db()
      .select()
      .from(departmentHours)
      .where(inArray(departmentHours.departmentId, ids));
    expect(hours.every((h) => h.weekday >= 1 && h.weekday <= 6)).toBe(true);
    const slots = await db()
      .select()
      .from(appointmentSlots)
      .where(inArray(appointmentSlots.departmentId, ids));
    const today = localDateOf(now);
    const future = slots.filter((s) => s.startsAt > now.toISOString());
    expect(future.length).toBeGreaterThan(100);
    expect(future.every((s) => s.date <= addDays(today, 13))).toBe(true);
    expect(future.some((s) => weekdayOf(s.date) === 0)).toBe(false);
    // Unique per department and start: no duplicates after two runs (and the hourly job).
    expect(new Set(slots.map((s) => `${s.departmentId}|${s.date}|${s.startTime}`)).size).toBe(
      slots.length,
    );

    const { hospitals } = await ok<{
      hospitals: { id: string; name: string; departments: { id: string; name: string }[] }[];
    }>(await send('GET', `${CITIZEN_API}/hospitals`));
    const demo = hospitals.find((h) => h.id === DEMO_HOSPITAL_ID);
    expect(demo?.name).toBe('Bệnh viện Đa khoa tỉnh Hậu Giang');
    expect(demo?.departments.map((d) => d.name).sort()).toEqual(
      ['Khoa Khám bệnh (Nội tổng quát)', 'Khoa Nhi', 'Khoa Phụ sản'].sort(),
    );

    const target = future.find((s) => s.date > addDays(today, 1));
    expect(target).toBeDefined();
    const citizen = await signedInCitizen();
    const { booking } = await ok<{ booking: Booking }>(
      await book(citizen.headers, bookingBody(target?.id ?? '')),
      201,
    );
    expect(booking.hospital.id).toBe(DEMO_HOSPITAL_ID);
    await ok(await send('POST', `${CITIZEN_API}/bookings/${booking.id}/cancel`, citizen.headers));

    const staff = await hospitalStaff('so_y_te');
    const mine = await ok<{ hospitals: { id: string }[] }>(
      await send('GET', `${WORK_API}/hospitals`, staff.headers),
    );
    expect(mine.hospitals.map((h) => h.id)).toContain(DEMO_HOSPITAL_ID);
  }, 60_000);
});
