import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Booking,
  book,
  bookingBody,
  bookingsOfSlot,
  CITIZEN_API,
  failure,
  type Headers,
  hospitalStaff,
  inHours,
  insertSlot,
  newDepartment,
  newHospital,
  ok,
  send,
  slotRow,
  WORK_API,
} from './support/appointments';
import { signedInCitizen } from './support/citizens';

// Cancelling and rescheduling: the cut-off (cutoffHours before the slot), the place given
// back without its queue number, reschedule as one transaction (never two active bookings,
// never a lost place, also under parallel requests), and a hospital-closed slot lifting the
// cut-off.

let staff: Headers;
let hospitalId: string;
let departmentId: string;

beforeAll(async () => {
  staff = (await hospitalStaff()).headers;
  const hospital = await newHospital(staff, { cutoffHours: 12, maxActiveBookings: 3 });
  hospitalId = hospital.id;
  departmentId = (await newDepartment(staff, hospitalId)).id;
  // The first request of a file loads the Worker.
}, 60_000);

// Distinct start times within the department (the slot's unique key is department/date/time).
let offset = 0;
const slotIn = (hours: number, capacity = 5) =>
  insertSlot(departmentId, inHours(hours + (offset++ % 50) / 60), { capacity });

const cancel = (citizen: Headers, id: string) =>
  send('POST', `${CITIZEN_API}/bookings/${id}/cancel`, citizen);
const reschedule = (
  citizen: Headers,
  id: string,
  slotId: string,
  requestKey = crypto.randomUUID(),
) => send('POST', `${CITIZEN_API}/bookings/${id}/reschedule`, citizen, { requestKey, slotId });

describe('cancel', () => {
  it('before the cut-off: frees the place, keeps the queue number unused, answers the same twice', async () => {
    const slotId = await slotIn(36);
    const citizen = await signedInCitizen();
    const other = await signedInCitizen();
    const { booking } = await ok<{ booking: Booking }>(
      await book(citizen.headers, bookingBody(slotId)),
      201,
    );
    expect(booking.canChange).toBe(true);
    expect(Date.parse(booking.changeDeadline)).toBe(
      Date.parse(booking.slot.startsAt) - 12 * 3_600_000,
    );

    const cancelled = await ok<Booking>(await cancel(citizen.headers, booking.id));
    expect(cancelled).toMatchObject({ id: booking.id, status: 'cancelled', canChange: false });
    expect(await slotRow(slotId)).toMatchObject({ booked: 0, issued: 1 });
    // Idempotent: no second place given back.
    expect((await ok<Booking>(await cancel(citizen.headers, booking.id))).status).toBe('cancelled');
    expect(await slotRow(slotId)).toMatchObject({ booked: 0, issued: 1 });

    const next = await ok<{ booking: Booking }>(
      await book(other.headers, bookingBody(slotId)),
      201,
    );
    expect(next.booking.queueNumber).toBe(2);
    expect(await slotRow(slotId)).toMatchObject({ booked: 1, issued: 2 });
  });

  it('after the cut-off: 409 cutoff_passed, nothing changes', async () => {
    const slotId = await slotIn(6);
    const citizen = await signedInCitizen();
    const { booking } = await ok<{ booking: Booking }>(
      await book(citizen.headers, bookingBody(slotId)),
      201,
    );
    expect(booking.canChange).toBe(false);
    const error = await failure(await cancel(citizen.headers, booking.id));
    expect(error).toMatchObject({
      status: 409,
      code: 'cutoff_passed',
      details: { cutoffHours: 12 },
    });
    expect(error.message).toMatch(/quá hạn huỷ/);
    expect(await slotRow(slotId)).toMatchObject({ booked: 1 });
    const still = await ok<Booking>(
      await send('GET', `${CITIZEN_API}/bookings/${booking.id}`, citizen.headers),
    );
    expect(still.status).toBe('booked');
  });

  it('a slot the hospital closed can be cancelled even after the cut-off', async () => {
    const slotId = await slotIn(5);
    const citizen = await signedInCitizen();
    const { booking } = await ok<{ booking: Booking }>(
      await book(citizen.headers, bookingBody(slotId)),
      201,
    );
    await ok(await send('POST', `${WORK_API}/slots/${slotId}/close`, staff));
    const detail = await ok<Booking>(
      await send('GET', `${CITIZEN_API}/bookings/${booking.id}`, citizen.headers),
    );
    expect(detail.canChange).toBe(true);
    expect((await ok<Booking>(await cancel(citizen.headers, booking.id))).status).toBe('cancelled');
    expect(await slotRow(slotId)).toMatchObject({ booked: 0, status: 'closed' });
  });
});

describe('reschedule', () => {
  it('moves the booking in one step: new place taken, old one given back, same patient', async () => {
    const from = await slotIn(30);
    const to = await slotIn(40);
    const citizen = await signedInCitizen();
    const { booking } = await ok<{ booking: Booking }>(
      await book(citizen.headers, bookingBody(from, { patientName: 'Đặng Văn Dời' })),
      201,
    );
    const key = crypto.randomUUID();
    const moved = await ok<{ booking: Booking }>(
      await reschedule(citizen.headers, booking.id, to, key),
      201,
    );
    expect(moved.booking).toMatchObject({
      status: 'booked',
      patientName: 'Đặng Văn Dời',
      queueNumber: 1,
    });
    expect(moved.booking.slot.id).toBe(to);
    expect(moved.booking.id).not.toBe(booking.id);

    const old = await ok<Booking>(
      await send('GET', `${CITIZEN_API}/bookings/${booking.id}`, citizen.headers),
    );
    expect(old.status).toBe('cancelled');
    expect(await slotRow(from)).toMatchObject({ booked: 0, issued: 1 });
    expect(await slotRow(to)).toMatchObject({ booked: 1, issued: 1 });

    // A retry of the same request answers the same new booking.
    const retried = await ok<{ booking: Booking }>(
      await reschedule(citizen.headers, booking.id, to, key),
      200,
    );
    expect(retried.booking.id).toBe(moved.booking.id);
    expect(await slotRow(to)).toMatchObject({ booked: 1 });

    // The cancelled booking cannot be moved again.
    const again = await failure(await reschedule(citizen.headers, booking.id, await slotIn(41)));
    expect(again).toMatchObject({ status: 409, code: 'booking_not_active' });
  });

  it('refuses after the cut-off, to a full slot or to the same slot, changing nothing', async () => {
    const citizen = await signedInCitizen();
    const soon = await slotIn(3);
    const late = await ok<{ booking: Booking }>(
      await book(citizen.headers, bookingBody(soon)),
      201,
    );
    const target = await slotIn(45);
    expect(await failure(await reschedule(citizen.headers, late.booking.id, target))).toMatchObject(
      {
        status: 409,
        code: 'cutoff_passed',
      },
    );

    const from = await slotIn(46);
    const { booking } = await ok<{ booking: Booking }>(
      await book(citizen.headers, bookingBody(from)),
      201,
    );
    const full = await slotIn(47, 1);
    await ok(await book((await signedInCitizen()).headers, bookingBody(full)), 201);
    expect(await failure(await reschedule(citizen.headers, booking.id, full))).toMatchObject({
      status: 409,
      code: 'slot_full',
    });
    expect(await failure(await reschedule(citizen.headers, booking.id, from))).toMatchObject({
      status: 422,
      code: 'same_slot',
    });
    expect(await failure(await reschedule(citizen.headers, booking.id, 'khong-co'))).toMatchObject({
      status: 404,
      code: 'slot_not_found',
    });
    expect(await slotRow(from)).toMatchObject({ booked: 1 });
    expect(await slotRow(full)).toMatchObject({ booked: 1, capacity: 1 });
    expect(await slotRow(target)).toMatchObject({ booked: 0, issued: 0 });
    const still = await ok<Booking>(
      await send('GET', `${CITIZEN_API}/bookings/${booking.id}`, citizen.headers),
    );
    expect(still.status).toBe('booked');
  });

  it('parallel reschedules of one booking to different slots: exactly one wins, never two active', async () => {
    const citizen = await signedInCitizen();
    const from = await slotIn(60);
    const { booking } = await ok<{ booking: Booking }>(
      await book(citizen.headers, bookingBody(from)),
      201,
    );
    const targets = await Promise.all([61, 62, 63, 64].map((h) => slotIn(h)));
    const responses = await Promise.all(
      targets.map((t) => reschedule(citizen.headers, booking.id, t)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    const refused = await Promise.all(responses.filter((r) => r.status === 409).map(failure));
    expect(refused.every((e) => e.code === 'booking_not_active')).toBe(true);

    const rows = await Promise.all([from, ...targets].map(slotRow));
    expect(rows.reduce((sum, s) => sum + (s?.booked ?? 0), 0)).toBe(1);
    expect(rows[0]).toMatchObject({ booked: 0 });
    const active = (await Promise.all([from, ...targets].map(bookingsOfSlot)))
      .flat()
      .filter((b) => b.userId === citizen.userId && b.status === 'booked');
    expect(active).toHaveLength(1);
  });

  it('a reschedule within the same hospital is not blocked by the limit (the old booking is not counted)', async () => {
    const staffHospital = await newHospital(staff, { maxActiveBookings: 1 });
    const dept = await newDepartment(staff, staffHospital.id);
    const citizen = await signedInCitizen();
    const a = await insertSlot(dept.id, inHours(30));
    const b = await insertSlot(dept.id, inHours(31));
    const { booking } = await ok<{ booking: Booking }>(
      await book(citizen.headers, bookingBody(a)),
      201,
    );
    expect(await failure(await book(citizen.headers, bookingBody(b)))).toMatchObject({
      code: 'booking_limit',
    });
    await ok(await reschedule(citizen.headers, booking.id, b), 201);
    expect(await slotRow(a)).toMatchObject({ booked: 0 });
    expect(await slotRow(b)).toMatchObject({ booked: 1 });
  });
});
