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
import { withinOneClockWindow } from './support/clock-window';

// Booking a place (POST /api/v1/appointments/bookings): the capacity under 200 concurrent
// requests, retries, the per-person limit (also under parallel requests), the refusals and
// validation, what citizens may see, and the per-account rate limit.

let staff: Headers;

/** 0 → "A", 27 → "AB": names are letters only. */
const letters = (n: number): string =>
  (n >= 26 ? letters(Math.floor(n / 26) - 1) : '') + String.fromCharCode(65 + (n % 26));

beforeAll(async () => {
  staff = (await hospitalStaff()).headers;
});

describe('capacity', () => {
  it('200 concurrent bookings at a 50-place slot: exactly 50 succeed, queue numbers 1..50', async () => {
    const hospital = await newHospital(staff, { maxActiveBookings: 3 });
    const department = await newDepartment(staff, hospital.id);
    const slotId = await insertSlot(department.id, inHours(48), { capacity: 50 });
    const citizens = await Promise.all(Array.from({ length: 200 }, () => signedInCitizen()));

    const responses = await Promise.all(
      citizens.map((c, i) =>
        book(c.headers, bookingBody(slotId, { patientName: `Người bệnh ${letters(i)}` })),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(150);
    const refused = await Promise.all(responses.filter((r) => r.status === 409).map(failure));
    expect(new Set(refused.map((e) => e.code))).toEqual(new Set(['slot_full']));
    const created = await Promise.all(
      responses
        .filter((r) => r.status === 201)
        .map((r) => r.json() as Promise<{ booking: Booking }>),
    );
    expect(created.map((b) => b.booking.queueNumber).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );

    const slot = await slotRow(slotId);
    expect(slot?.booked).toBe(50);
    expect(slot?.issued).toBe(50);
    const rows = await bookingsOfSlot(slotId);
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.queueNumber)).size).toBe(50);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(50);
    expect(new Set(rows.map((r) => r.checkInCode)).size).toBe(50);
  }, 120_000);

  it('a retried booking (same requestKey) answers the same appointment and takes no second place', async () => {
    const hospital = await newHospital(staff);
    const department = await newDepartment(staff, hospital.id);
    const slotId = await insertSlot(department.id, inHours(30), { capacity: 5 });
    const citizen = await signedInCitizen();
    const body = bookingBody(slotId);

    const first = await ok<{ booking: Booking }>(await book(citizen.headers, body), 201);
    const again = await ok<{ booking: Booking }>(await book(citizen.headers, body), 200);
    expect(again.booking.id).toBe(first.booking.id);
    expect(again.booking.queueNumber).toBe(1);
    expect((await slotRow(slotId))?.booked).toBe(1);

    // Parallel retries of a new request: one place, one appointment.
    const body2 = bookingBody(slotId, { forSelf: false, patientName: 'Trần Thị Mẹ' });
    const parallel = await Promise.all(
      Array.from({ length: 6 }, () => book(citizen.headers, body2)),
    );
    expect(parallel.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const ids = await Promise.all(
      parallel.map(async (r) => ((await r.json()) as { booking: Booking }).booking.id),
    );
    expect(new Set(ids).size).toBe(1);
    const slot = await slotRow(slotId);
    expect(slot?.booked).toBe(2);
    expect(slot?.issued).toBe(2);
    expect(await bookingsOfSlot(slotId)).toHaveLength(2);
  });
});

describe('refusals', () => {
  it('unknown slot 404, started slot 422, closed slot 409, full slot 409', async () => {
    const hospital = await newHospital(staff);
    const department = await newDepartment(staff, hospital.id);
    const citizen = await signedInCitizen();

    const unknown = await failure(await book(citizen.headers, bookingBody('khong-co-khung-gio')));
    expect(unknown).toMatchObject({ status: 404, code: 'slot_not_found' });

    const past = await insertSlot(department.id, inHours(-1));
    expect(await failure(await book(citizen.headers, bookingBody(past)))).toMatchObject({
      status: 422,
      code: 'slot_started',
    });

    const closed = await insertSlot(department.id, inHours(20), { status: 'closed' });
    const closedError = await failure(await book(citizen.headers, bookingBody(closed)));
    expect(closedError).toMatchObject({ status: 409, code: 'slot_closed' });
    expect(closedError.message).toMatch(/đã đóng/);

    const tiny = await insertSlot(department.id, inHours(21), { capacity: 1 });
    await ok(await book((await signedInCitizen()).headers, bookingBody(tiny)), 201);
    const full = await failure(await book(citizen.headers, bookingBody(tiny)));
    expect(full).toMatchObject({ status: 409, code: 'slot_full' });
    expect(full.message).toMatch(/hết chỗ/);

    // A disabled department takes no bookings.
    const open = await insertSlot(department.id, inHours(22));
    await ok(
      await send('PATCH', `${WORK_API}/departments/${department.id}`, staff, { enabled: false }),
    );
    expect(await failure(await book(citizen.headers, bookingBody(open)))).toMatchObject({
      status: 404,
      code: 'slot_not_found',
    });
    expect((await slotRow(open))?.booked).toBe(0);
  });

  it('anonymous requests need a Zalo sign-in (401), before the body is looked at', async () => {
    const res = await send('POST', `${CITIZEN_API}/bookings`, {}, { nonsense: true });
    expect(await failure(res)).toMatchObject({ status: 401, code: 'session_required' });
    const list = await send('GET', `${CITIZEN_API}/bookings`);
    expect(list.status).toBe(401);
  });

  it.each([
    ['a date that does not exist', { patientBirthDate: '1990-02-30' }, 'patientBirthDate'],
    ['a birth date in the future', { patientBirthDate: '2999-01-01' }, 'patientBirthDate'],
    ['a badly written date', { patientBirthDate: '20/05/1980' }, 'patientBirthDate'],
    ['a phone that is not Vietnamese', { patientPhone: '12345' }, 'patientPhone'],
    ['a one-letter name', { patientName: ' A ' }, 'patientName'],
    ['a name of 101 letters', { patientName: 'A'.repeat(101) }, 'patientName'],
    ['a name with digits', { patientName: 'Nguyễn Văn 123' }, 'patientName'],
    ['a bad insurance number', { insuranceNumber: 'BHYT-12' }, 'insuranceNumber'],
    ['a request key that is not a UUID', { requestKey: 'lan-1' }, 'requestKey'],
    ['forSelf missing', { forSelf: undefined }, 'forSelf'],
  ])('refuses %s with 400 and a Vietnamese message', async (_, change, field) => {
    const citizen = await signedInCitizen();
    const res = await book(citizen.headers, bookingBody('any-slot', change));
    const error = await failure(res);
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    const issues = (error.details as { issues: { path: string; message: string }[] }).issues;
    const issue = issues.find((i) => i.path === field);
    expect(issue?.message).toMatch(/[ạảãàáâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]|không|phải/i);
  });

  it('normalises the phone and the insurance number; blank optional fields become null', async () => {
    const hospital = await newHospital(staff);
    const department = await newDepartment(staff, hospital.id);
    const slotId = await insertSlot(department.id, inHours(26));
    const citizen = await signedInCitizen();
    const { booking } = await ok<{ booking: Booking & { symptoms: string | null } }>(
      await book(
        citizen.headers,
        bookingBody(slotId, {
          patientPhone: '+84 912.345.678',
          insuranceNumber: ' ',
          symptoms: '',
          patientName: '  Lê   Thị  Bé  ',
        }),
      ),
      201,
    );
    expect(booking.patientPhone).toBe('0912345678');
    expect(booking.insuranceNumber).toBeNull();
    expect(booking.symptoms).toBeNull();
    expect(booking.patientName).toBe('Lê Thị Bé');
    expect(booking.checkInCode).toMatch(/^[A-Z2-9]{8}$/);
  });
});

describe('the per-person limit', () => {
  it('refuses more than maxActiveBookings future bookings at a hospital; a cancelled one no longer counts', async () => {
    const hospital = await newHospital(staff, { maxActiveBookings: 2 });
    const department = await newDepartment(staff, hospital.id);
    const other = await newHospital(staff, { maxActiveBookings: 2 });
    const otherDepartment = await newDepartment(staff, other.id);
    const slots = await Promise.all([40, 41, 42].map((h) => insertSlot(department.id, inHours(h))));
    const citizen = await signedInCitizen();

    const first = await ok<{ booking: Booking }>(
      await book(citizen.headers, bookingBody(slots[0] as string)),
      201,
    );
    await ok(await book(citizen.headers, bookingBody(slots[1] as string)), 201);
    const third = await failure(await book(citizen.headers, bookingBody(slots[2] as string)));
    expect(third).toMatchObject({ status: 409, code: 'booking_limit' });
    expect(third.message).toMatch(/tối đa 2 lịch hẹn/);
    expect((await slotRow(slots[2] as string))?.booked).toBe(0);

    // Another hospital has its own limit.
    const elsewhere = await insertSlot(otherDepartment.id, inHours(40));
    await ok(await book(citizen.headers, bookingBody(elsewhere)), 201);

    await ok(
      await send('POST', `${CITIZEN_API}/bookings/${first.booking.id}/cancel`, citizen.headers),
    );
    await ok(await book(citizen.headers, bookingBody(slots[2] as string)), 201);
  });

  it('holds under parallel requests: 6 bookings at once with a limit of 3 give exactly 3', async () => {
    const hospital = await newHospital(staff, { maxActiveBookings: 3 });
    const department = await newDepartment(staff, hospital.id);
    const slots = await Promise.all(
      [50, 51, 52, 53, 54, 55].map((h) => insertSlot(department.id, inHours(h))),
    );
    const citizen = await signedInCitizen();
    const responses = await Promise.all(slots.map((s) => book(citizen.headers, bookingBody(s))));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 409, 409, 409]);
    const refused = await Promise.all(responses.filter((r) => r.status === 409).map(failure));
    expect(refused.every((e) => e.code === 'booking_limit')).toBe(true);
    const booked = await Promise.all(slots.map(slotRow));
    expect(booked.reduce((sum, s) => sum + (s?.booked ?? 0), 0)).toBe(3);
  });
});

describe('what citizens see', () => {
  it('a citizen reads and lists only their own bookings; another citizen gets 404', async () => {
    const hospital = await newHospital(staff);
    const department = await newDepartment(staff, hospital.id);
    const slotId = await insertSlot(department.id, inHours(60));
    const owner = await signedInCitizen();
    const stranger = await signedInCitizen();
    const { booking } = await ok<{ booking: Booking }>(
      await book(owner.headers, bookingBody(slotId, { patientName: 'Phạm Văn Riêng' })),
      201,
    );

    const mine = await ok<Booking>(
      await send('GET', `${CITIZEN_API}/bookings/${booking.id}`, owner.headers),
    );
    expect(mine).toMatchObject({ id: booking.id, patientName: 'Phạm Văn Riêng', canChange: true });
    expect(mine.hospital.id).toBe(hospital.id);

    const theirs = await send('GET', `${CITIZEN_API}/bookings/${booking.id}`, stranger.headers);
    expect(await failure(theirs)).toMatchObject({ status: 404, code: 'booking_not_found' });
    const cancel = await send(
      'POST',
      `${CITIZEN_API}/bookings/${booking.id}/cancel`,
      stranger.headers,
    );
    expect(cancel.status).toBe(404);
    expect((await slotRow(slotId))?.booked).toBe(1);

    const upcoming = await ok<{ bookings: Booking[] }>(
      await send('GET', `${CITIZEN_API}/bookings?scope=upcoming`, owner.headers),
    );
    expect(upcoming.bookings.map((b) => b.id)).toEqual([booking.id]);
    const strangers = await ok<{ bookings: Booking[] }>(
      await send('GET', `${CITIZEN_API}/bookings`, stranger.headers),
    );
    expect(strangers.bookings).toEqual([]);

    await ok(await send('POST', `${CITIZEN_API}/bookings/${booking.id}/cancel`, owner.headers));
    const past = await ok<{ bookings: Booking[] }>(
      await send('GET', `${CITIZEN_API}/bookings?scope=past`, owner.headers),
    );
    expect(past.bookings.map((b) => [b.id, b.status])).toEqual([[booking.id, 'cancelled']]);
  });

  it('public hospital and slot lists carry no patient details', async () => {
    const hospital = await newHospital(staff);
    const department = await newDepartment(staff, hospital.id);
    const slotId = await insertSlot(department.id, inHours(70), { capacity: 4 });
    const citizen = await signedInCitizen();
    await ok(
      await book(
        citizen.headers,
        bookingBody(slotId, {
          patientName: 'Võ Thị Bí Mật',
          patientPhone: '0987 111 222',
          patientBirthDate: '1955-01-02',
          insuranceNumber: 'DN4010123456789',
          symptoms: 'Triệu chứng riêng tư',
        }),
      ),
      201,
    );
    const secrets = ['Bí Mật', '0987111222', '1955-01-02', 'DN4010123456789', 'riêng tư'];

    const hospitalsRes = await send('GET', `${CITIZEN_API}/hospitals`);
    expect(hospitalsRes.headers.get('cache-control')).toBe('public, max-age=300');
    const hospitalsText = await hospitalsRes.text();
    const listed = (
      JSON.parse(hospitalsText) as { hospitals: { id: string; departments: { id: string }[] }[] }
    ).hospitals.find((h) => h.id === hospital.id);
    expect(listed?.departments.map((d) => d.id)).toEqual([department.id]);

    const slotDate = (await slotRow(slotId))?.date as string;
    for (const headers of [{}, citizen.headers]) {
      const res = await send(
        'GET',
        `${CITIZEN_API}/departments/${department.id}/slots?from=${slotDate}&days=1`,
        headers,
      );
      const text = await res.text();
      const day = (JSON.parse(text) as { days: { slots: { id: string; available: number }[] }[] })
        .days[0];
      expect(day?.slots.find((s) => s.id === slotId)?.available).toBe(3);
      for (const secret of secrets) {
        expect(text).not.toContain(secret);
        expect(hospitalsText).not.toContain(secret);
      }
    }
    const badDays = await send('GET', `${CITIZEN_API}/departments/${department.id}/slots?days=15`);
    expect(await failure(badDays)).toMatchObject({ status: 400, code: 'validation_failed' });
    const badDate = await send(
      'GET',
      `${CITIZEN_API}/departments/${department.id}/slots?from=2025-13-01`,
    );
    expect(badDate.status).toBe(400);
    const missing = await send('GET', `${CITIZEN_API}/departments/khong-co/slots`);
    expect(await failure(missing)).toMatchObject({ status: 404, code: 'department_not_found' });
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After after 10 booking requests a minute from one account', async () => {
    await withinOneClockWindow(20);
    const citizen = await signedInCitizen();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await book(citizen.headers, bookingBody('khong-co-khung-gio'));
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toBe('60');
        expect((await failure(res)).code).toBe('rate_limited');
      } else {
        await res.body?.cancel();
      }
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  }, 60_000);
});
