import { auditLog, holidays, notifications } from '@tinh/db/schema';
import { and, asc, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_HEADERS, DAY_SHEET } from '../src/appointments/export';
import { addDays, localDateOf, weekdayOf } from '../src/appointments/slots';
import {
  type Booking,
  book,
  bookingBody,
  CITIZEN_API,
  db,
  earlierToday,
  failure,
  type Headers,
  hospitalStaff,
  inHours,
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
import { asAdmin, signedInOfficial } from './support/officials';

// The hospital staff's side (/api/v1/work/appointments): who may do what, set-up (hospitals,
// departments, hours, closures, slot generation around holidays), the day's list and its
// XLSX, check-in by code and by id, no-show, closing and resizing slots, and the audit log.

type StaffBooking = { id: string; status: string; checkedInAt: string | null; queueNumber: number };

let staff: { headers: Headers; official: { id: string } };
let otherStaff: Headers;
let hospitalId: string;
let departmentId: string;

// A week in 2097 no other test uses: generation and the citizens' calendar around a holiday.
const HOLIDAY = (() => {
  let d = '2097-06-01';
  while (weekdayOf(d) !== 1) d = addDays(d, 1);
  return { monday: d, holiday: addDays(d, 2), closure: addDays(d, 3) };
})();

beforeAll(async () => {
  staff = await hospitalStaff('so_y_te');
  otherStaff = (await hospitalStaff('so_giao_duc')).headers;
  const hospital = await newHospital(staff.headers, { cutoffHours: 12 });
  hospitalId = hospital.id;
  departmentId = (await newDepartment(staff.headers, hospitalId, 'Khoa Ngoại')).id;
  await db()
    .insert(holidays)
    .values({
      date: HOLIDAY.holiday,
      name: 'Ngày lễ thử nghiệm',
      createdAt: new Date().toISOString(),
    })
    .onConflictDoNothing();
}, 60_000);

afterAll(async () => {
  await db().delete(holidays).where(eq(holidays.date, HOLIDAY.holiday));
});

const auditOf = (entityId: string) =>
  db()
    .select({ action: auditLog.action, actorId: auditLog.actorId, toValue: auditLog.toValue })
    .from(auditLog)
    .where(eq(auditLog.entityId, entityId))
    .orderBy(asc(auditLog.id));

describe('permissions', () => {
  it('hospital staff manage their own agency; other agencies get 404; citizens, anonymous and others are refused', async () => {
    const citizen = await signedInCitizen();
    const handler = await signedInOfficial({ roles: ['agency_handler'], agencyId: 'so_y_te' });

    const mine = await ok<{ hospitals: { id: string }[] }>(
      await send('GET', `${WORK_API}/hospitals`, staff.headers),
    );
    expect(mine.hospitals.map((h) => h.id)).toContain(hospitalId);
    const theirs = await ok<{ hospitals: { id: string }[] }>(
      await send('GET', `${WORK_API}/hospitals`, otherStaff),
    );
    expect(theirs.hospitals.map((h) => h.id)).not.toContain(hospitalId);

    const patch = { name: 'Tên mới không được lưu' };
    for (const [path, method, body] of [
      [`/hospitals/${hospitalId}`, 'PATCH', patch],
      [`/hospitals/${hospitalId}/day?date=${localDateOf(new Date())}`, 'GET', undefined],
      [`/departments/${departmentId}/hours`, 'GET', undefined],
      [`/hospitals/${hospitalId}/closures`, 'GET', undefined],
    ] as const) {
      const other = await failure(await send(method, `${WORK_API}${path}`, otherStaff, body));
      expect([path, other.status]).toEqual([path, 404]);
      expect(
        (await failure(await send(method, `${WORK_API}${path}`, citizen.headers, body))).status,
      ).toBe(401);
      expect((await failure(await send(method, `${WORK_API}${path}`, {}, body))).status).toBe(401);
      expect(
        (await failure(await send(method, `${WORK_API}${path}`, handler.headers, body))).status,
      ).toBe(403);
    }
    // Creating a hospital for another agency is not theirs to do.
    const foreign = await failure(
      await send('POST', `${WORK_API}/hospitals`, staff.headers, {
        name: 'Bệnh viện khác',
        agencyId: 'so_giao_duc',
      }),
    );
    expect(foreign.status).toBe(403);

    // Administrators configure any hospital but do not work its patient list.
    const admin = await asAdmin();
    await ok(
      await send('PATCH', `${WORK_API}/hospitals/${hospitalId}`, admin.headers, {
        phone: '0293 3870 111',
      }),
    );
    const adminDay = await send(
      'GET',
      `${WORK_API}/hospitals/${hospitalId}/day?date=2097-01-01`,
      admin.headers,
    );
    expect(await failure(adminDay)).toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('set-up', () => {
  it('creates and edits hospitals and departments with validation and audit entries', async () => {
    const hospital = await newHospital(staff.headers, { cutoffHours: 24, maxActiveBookings: 2 });
    expect(hospital).toMatchObject({ agencyId: 'so_y_te', cutoffHours: 24, maxActiveBookings: 2 });
    const { hospital: after } = await ok<{
      hospital: { name: string; enabled: boolean; cutoffHours: number };
    }>(
      await send('PATCH', `${WORK_API}/hospitals/${hospital.id}`, staff.headers, {
        name: 'Trung tâm Y tế Ngã Bảy',
        cutoffHours: 6,
        enabled: false,
      }),
    );
    expect(after).toMatchObject({ name: 'Trung tâm Y tế Ngã Bảy', cutoffHours: 6, enabled: false });
    const publicList = await ok<{ hospitals: { id: string }[] }>(
      await send('GET', `${CITIZEN_API}/hospitals`),
    );
    expect(publicList.hospitals.map((h) => h.id)).not.toContain(hospital.id);

    const audit = await auditOf(hospital.id);
    expect(audit.map((a) => a.action)).toEqual(['hospital.create', 'hospital.update']);
    expect(audit.every((a) => a.actorId === staff.official.id)).toBe(true);

    for (const [body, code, status] of [
      [{ name: 'BV' }, 'validation_failed', 400],
      [{ name: 'Bệnh viện X', cutoffHours: -1 }, 'validation_failed', 400],
      [{ name: 'Bệnh viện X', maxActiveBookings: 0 }, 'validation_failed', 400],
      [{ name: 'Bệnh viện X', communeId: 'khong-co-xa' }, 'unknown_commune', 422],
      [{ name: 'Bệnh viện X', phone: 'gọi tôi' }, 'validation_failed', 400],
    ] as const) {
      const error = await failure(await send('POST', `${WORK_API}/hospitals`, staff.headers, body));
      expect([JSON.stringify(body), error.status, error.code]).toEqual([
        JSON.stringify(body),
        status,
        code,
      ]);
    }

    const department = await newDepartment(staff.headers, hospital.id, 'Khoa Mắt');
    await ok(
      await send('PATCH', `${WORK_API}/departments/${department.id}`, staff.headers, {
        name: 'Khoa Mắt – Tai Mũi Họng',
      }),
    );
    expect((await auditOf(department.id)).map((a) => a.action)).toEqual([
      'department.create',
      'department.update',
    ]);
  });

  it('replaces opening hours, refusing overlaps and impossible times', async () => {
    const dept = await newDepartment(staff.headers, hospitalId, 'Khoa Da liễu');
    const path = `${WORK_API}/departments/${dept.id}/hours`;
    const bad = await failure(
      await send('PUT', path, staff.headers, {
        hours: [{ weekday: 1, opensAt: '11:00', closesAt: '07:00', slotMinutes: 30, capacity: 5 }],
      }),
    );
    expect(bad).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(JSON.stringify(bad.details)).toContain('Giờ kết thúc phải sau giờ bắt đầu');
    const wrongTime = await failure(
      await send('PUT', path, staff.headers, {
        hours: [{ weekday: 7, opensAt: '25:00', closesAt: '26:00', slotMinutes: 30, capacity: 5 }],
      }),
    );
    expect(wrongTime.status).toBe(400);
    const overlap = await failure(
      await send('PUT', path, staff.headers, {
        hours: [
          { weekday: 2, opensAt: '07:00', closesAt: '11:00', slotMinutes: 30, capacity: 5 },
          { weekday: 2, opensAt: '10:30', closesAt: '12:00', slotMinutes: 30, capacity: 5 },
        ],
      }),
    );
    expect(overlap).toMatchObject({ status: 422, code: 'overlapping_hours' });

    const saved = await ok<{ hours: { weekday: number; opensAt: string }[] }>(
      await send('PUT', path, staff.headers, {
        hours: [
          { weekday: 2, opensAt: '13:30', closesAt: '16:30', slotMinutes: 30, capacity: 5 },
          { weekday: 2, opensAt: '07:00', closesAt: '11:00', slotMinutes: 30, capacity: 5 },
        ],
      }),
    );
    expect(saved.hours.map((h) => h.opensAt)).toEqual(['07:00', '13:30']);
    const read = await ok<{ hours: unknown[] }>(await send('GET', path, staff.headers));
    expect(read.hours).toHaveLength(2);
    expect((await auditOf(dept.id)).map((a) => a.action)).toContain('department.hours');
  });

  it('generates slots skipping Sundays, public holidays and closures; a second run creates none', async () => {
    const dept = await newDepartment(staff.headers, hospitalId, 'Khoa Tim mạch');
    const hours = [1, 2, 3, 4, 5, 6].map((weekday) => ({
      weekday,
      opensAt: '07:00',
      closesAt: '09:00',
      slotMinutes: 60,
      capacity: 5,
    }));
    await ok(
      await send('PUT', `${WORK_API}/departments/${dept.id}/hours`, staff.headers, { hours }),
    );
    const closure = await ok<{ closure: { date: string; reason: string } }>(
      await send('POST', `${WORK_API}/hospitals/${hospitalId}/closures`, staff.headers, {
        date: HOLIDAY.closure,
        reason: 'Phun thuốc diệt khuẩn toàn viện',
      }),
      201,
    );
    expect(closure.closure).toMatchObject({ date: HOLIDAY.closure });

    const generate = () =>
      send('POST', `${WORK_API}/departments/${dept.id}/slots/generate`, staff.headers, {
        from: HOLIDAY.monday,
        days: 7,
      });
    // Monday to Sunday: Sunday has no hours, one holiday, one closure → 4 days × 2 slots.
    expect(await ok<{ created: number }>(await generate())).toEqual({ created: 8 });
    expect(await ok<{ created: number }>(await generate())).toEqual({ created: 0 });
    expect((await auditOf(dept.id)).filter((a) => a.action === 'slots.generate')).toHaveLength(1);

    const calendar = await ok<{
      days: {
        date: string;
        closed: boolean;
        reason: string | null;
        slots: { startTime: string; available: number }[];
      }[];
    }>(
      await send(
        'GET',
        `${CITIZEN_API}/departments/${dept.id}/slots?from=${HOLIDAY.monday}&days=7`,
      ),
    );
    const byDate = new Map(calendar.days.map((d) => [d.date, d]));
    expect(byDate.get(HOLIDAY.holiday)).toMatchObject({
      closed: true,
      reason: 'Nghỉ lễ: Ngày lễ thử nghiệm',
      slots: [],
    });
    expect(byDate.get(HOLIDAY.closure)).toMatchObject({
      closed: true,
      reason: 'Phun thuốc diệt khuẩn toàn viện',
    });
    expect(byDate.get(addDays(HOLIDAY.monday, 6))).toMatchObject({
      closed: true,
      reason: 'Không có lịch khám',
    });
    expect(byDate.get(HOLIDAY.monday)).toMatchObject({
      closed: false,
      reason: null,
      slots: [
        { startTime: '07:00', available: 5 },
        { startTime: '08:00', available: 5 },
      ],
    });

    const past = await failure(
      await send('POST', `${WORK_API}/departments/${dept.id}/slots/generate`, staff.headers, {
        from: '2020-01-01',
        days: 3,
      }),
    );
    expect(past).toMatchObject({ status: 422, code: 'date_in_past' });
    const tooMany = await failure(
      await send('POST', `${WORK_API}/departments/${dept.id}/slots/generate`, staff.headers, {
        from: HOLIDAY.monday,
        days: 61,
      }),
    );
    expect(tooMany.status).toBe(400);
  });

  it("a closure closes that day's slots and tells the booked citizens; removing it reopens them", async () => {
    const dept = await newDepartment(staff.headers, hospitalId, 'Khoa Hô hấp');
    const slotId = await insertSlot(dept.id, inHours(72));
    const date = (await slotRow(slotId))?.date as string;
    const citizen = await signedInCitizen();
    const { booking } = await ok<{ booking: Booking }>(
      await book(citizen.headers, bookingBody(slotId)),
      201,
    );

    const added = await ok<{ closedSlots: number; notified: number }>(
      await send('POST', `${WORK_API}/hospitals/${hospitalId}/closures`, staff.headers, {
        date,
        reason: 'Sửa chữa điện',
      }),
      201,
    );
    expect(added.closedSlots).toBeGreaterThanOrEqual(1);
    expect(added.notified).toBe(1);
    expect(await slotRow(slotId)).toMatchObject({ status: 'closed' });
    const notices = await db()
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.recipientType, 'user'), eq(notifications.recipientId, citizen.userId)),
      );
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      link: `/hospital-appointments/b/${booking.id}`,
      kind: 'appointment.changed',
    });
    expect(notices[0]?.body).toContain('Sửa chữa điện');

    const refused = await failure(
      await book((await signedInCitizen()).headers, bookingBody(slotId)),
    );
    expect(refused).toMatchObject({ status: 409, code: 'slot_closed' });

    const list = await ok<{ closures: { date: string }[] }>(
      await send('GET', `${WORK_API}/hospitals/${hospitalId}/closures`, staff.headers),
    );
    expect(list.closures.map((c) => c.date)).toContain(date);
    await ok(
      await send('DELETE', `${WORK_API}/hospitals/${hospitalId}/closures/${date}`, staff.headers),
    );
    expect(await slotRow(slotId)).toMatchObject({ status: 'open' });
    const gone = await failure(
      await send('DELETE', `${WORK_API}/hospitals/${hospitalId}/closures/${date}`, staff.headers),
    );
    expect(gone).toMatchObject({ status: 404, code: 'closure_not_found' });
    const pastClosure = await failure(
      await send('POST', `${WORK_API}/hospitals/${hospitalId}/closures`, staff.headers, {
        date: '2020-02-02',
        reason: 'Đã qua rồi',
      }),
    );
    expect(pastClosure).toMatchObject({ status: 422, code: 'date_in_past' });
    expect((await auditOf(hospitalId)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['hospital.closure_add', 'hospital.closure_remove']),
    );
  });
});

describe('the day', () => {
  it('lists the day with patient details, checks in by code and by id, marks no-shows', async () => {
    const dept = await newDepartment(staff.headers, hospitalId, 'Khoa Tiêu hoá');
    const slotId = await insertSlot(dept.id, inHours(50), { capacity: 5 });
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => signedInCitizen()));
    const names = ['Trần Văn An', 'Lê Thị Bình', 'Phạm Văn Cường', 'Huỳnh Thị Dung'];
    const booked: Booking[] = [];
    for (const [i, citizen] of [a, b, c, d].entries()) {
      const res = await book(
        citizen?.headers ?? {},
        bookingBody(slotId, { patientName: names[i] }),
      );
      booked.push((await ok<{ booking: Booking }>(res, 201)).booking);
    }
    await ok(
      await send('POST', `${CITIZEN_API}/bookings/${booked[3]?.id}/cancel`, d?.headers ?? {}),
    );

    // Not today yet: check-in is refused.
    const early = await failure(
      await send('POST', `${WORK_API}/bookings/${booked[0]?.id}/check-in`, staff.headers),
    );
    expect(early).toMatchObject({ status: 409, code: 'not_today' });
    const tooSoon = await failure(
      await send('POST', `${WORK_API}/bookings/${booked[1]?.id}/no-show`, staff.headers),
    );
    expect(tooSoon).toMatchObject({ status: 409, code: 'slot_not_started' });

    // The slot's time comes: it started a few minutes ago, today.
    await moveSlot(slotId, earlierToday());
    const today = localDateOf(new Date());

    const byCode = await ok<{ booking: StaffBooking & { hospital: { id: string } } }>(
      await send('POST', `${WORK_API}/check-in`, staff.headers, {
        code: ` ${booked[0]?.checkInCode.toLowerCase().slice(0, 4)}-${booked[0]?.checkInCode.toLowerCase().slice(4)} `,
      }),
    );
    expect(byCode.booking).toMatchObject({
      id: booked[0]?.id,
      status: 'checked_in',
      queueNumber: 1,
    });
    expect(byCode.booking.checkedInAt).toBeTruthy();
    // Again: the same answer, no second audit entry.
    await ok(await send('POST', `${WORK_API}/bookings/${booked[0]?.id}/check-in`, staff.headers));
    expect((await auditOf(booked[0]?.id ?? '')).map((x) => x.action)).toEqual([
      'appointment.check_in',
    ]);

    const missed = await ok<{ booking: StaffBooking }>(
      await send('POST', `${WORK_API}/bookings/${booked[1]?.id}/no-show`, staff.headers),
    );
    expect(missed.booking.status).toBe('no_show');
    // Came late after all.
    const late = await ok<{ booking: StaffBooking }>(
      await send('POST', `${WORK_API}/bookings/${booked[1]?.id}/check-in`, staff.headers),
    );
    expect(late.booking.status).toBe('checked_in');
    const cancelled = await failure(
      await send('POST', `${WORK_API}/bookings/${booked[3]?.id}/check-in`, staff.headers),
    );
    expect(cancelled).toMatchObject({ status: 409, code: 'booking_not_active' });

    // Another agency's staff cannot find these bookings at all.
    const foreign = await failure(
      await send('POST', `${WORK_API}/check-in`, otherStaff, { code: booked[2]?.checkInCode }),
    );
    expect(foreign).toMatchObject({ status: 404, code: 'booking_not_found' });
    const unknown = await failure(
      await send('POST', `${WORK_API}/check-in`, staff.headers, { code: 'ZZZZ9999' }),
    );
    expect(unknown.status).toBe(404);
    const badCode = await failure(
      await send('POST', `${WORK_API}/check-in`, staff.headers, { code: '!!' }),
    );
    expect(badCode.status).toBe(400);

    const day = await ok<{
      closed: boolean;
      slots: {
        id: string;
        booked: number;
        bookings: (StaffBooking & {
          patientName: string;
          patientPhone: string;
          insuranceNumber: string;
        })[];
      }[];
    }>(
      await send(
        'GET',
        `${WORK_API}/hospitals/${hospitalId}/day?date=${today}&departmentId=${dept.id}`,
        staff.headers,
      ),
    );
    const slot = day.slots.find((s) => s.id === slotId);
    expect(slot?.booked).toBe(3);
    expect(slot?.bookings.map((x) => [x.queueNumber, x.patientName, x.status])).toEqual([
      [1, 'Trần Văn An', 'checked_in'],
      [2, 'Lê Thị Bình', 'checked_in'],
      [3, 'Phạm Văn Cường', 'booked'],
      [4, 'Huỳnh Thị Dung', 'cancelled'],
    ]);
    expect(slot?.bookings[0]).toMatchObject({
      patientPhone: '0912345678',
      insuranceNumber: 'HC4931234567890',
    });

    // The citizen sees the result in their own booking.
    const seen = await ok<Booking>(
      await send('GET', `${CITIZEN_API}/bookings/${booked[0]?.id}`, a?.headers ?? {}),
    );
    expect(seen.status).toBe('checked_in');

    // The day's list as XLSX, read back.
    const xlsx = await send(
      'GET',
      `${WORK_API}/hospitals/${hospitalId}/day.xlsx?date=${today}`,
      staff.headers,
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toBe(
      `attachment; filename="danh-sach-kham_${today}.xlsx"`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const ws = wb.getWorksheet(DAY_SHEET);
    const rows: unknown[][] = [];
    ws?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows[2]).toEqual([...DAY_HEADERS]);
    const ours = rows.filter((r) => r[1] === 'Khoa Tiêu hoá');
    expect(ours.map((r) => [r[2], r[3], r[9]])).toEqual([
      [1, 'Trần Văn An', 'Đã tiếp nhận'],
      [2, 'Lê Thị Bình', 'Đã tiếp nhận'],
      [3, 'Phạm Văn Cường', 'Đã đặt'],
    ]);
    expect(ours[0]?.[4]).toBe('20/05/1980');
    expect(ours[0]?.[5]).toBe('0912345678');
    expect(ours[0]?.[8]).toBe(booked[0]?.checkInCode);
    expect(String(ours[0]?.[10])).toMatch(/^\d{2}:\d{2}$/);
    expect(rows.some((r) => r.includes('Huỳnh Thị Dung'))).toBe(false);
    const foreignXlsx = await send(
      'GET',
      `${WORK_API}/hospitals/${hospitalId}/day.xlsx?date=${today}`,
      otherStaff,
    );
    expect(foreignXlsx.status).toBe(404);
  });

  it('closes and reopens a slot, telling its citizens; capacity never goes below the places taken', async () => {
    const dept = await newDepartment(staff.headers, hospitalId, 'Khoa Thần kinh');
    const slotId = await insertSlot(dept.id, inHours(80), { capacity: 3 });
    const [a, b] = await Promise.all([signedInCitizen(), signedInCitizen()]);
    await ok(await book(a.headers, bookingBody(slotId)), 201);
    await ok(await book(b.headers, bookingBody(slotId)), 201);

    const below = await failure(
      await send('PATCH', `${WORK_API}/slots/${slotId}`, staff.headers, { capacity: 1 }),
    );
    expect(below).toMatchObject({
      status: 409,
      code: 'capacity_below_booked',
      details: { booked: 2 },
    });
    const equal = await ok<{ slot: { capacity: number } }>(
      await send('PATCH', `${WORK_API}/slots/${slotId}`, staff.headers, { capacity: 2 }),
    );
    expect(equal.slot.capacity).toBe(2);
    const full = await failure(await book((await signedInCitizen()).headers, bookingBody(slotId)));
    expect(full.code).toBe('slot_full');
    await ok(await send('PATCH', `${WORK_API}/slots/${slotId}`, staff.headers, { capacity: 6 }));
    const invalid = await failure(
      await send('PATCH', `${WORK_API}/slots/${slotId}`, staff.headers, { capacity: -3 }),
    );
    expect(invalid.status).toBe(400);

    const closed = await ok<{ slot: { status: string } }>(
      await send('POST', `${WORK_API}/slots/${slotId}/close`, staff.headers),
    );
    expect(closed.slot.status).toBe('closed');
    const told = await db()
      .select({ recipientId: notifications.recipientId })
      .from(notifications)
      .where(
        and(
          eq(notifications.kind, 'appointment.changed'),
          inArray(notifications.recipientId, [a.userId, b.userId]),
        ),
      );
    expect(told.map((n) => n.recipientId).sort()).toEqual([a.userId, b.userId].sort());
    // Closing twice changes nothing more.
    await ok(await send('POST', `${WORK_API}/slots/${slotId}/close`, staff.headers));
    const reopened = await ok<{ slot: { status: string } }>(
      await send('POST', `${WORK_API}/slots/${slotId}/open`, staff.headers),
    );
    expect(reopened.slot.status).toBe('open');
    await ok(await book((await signedInCitizen()).headers, bookingBody(slotId)), 201);

    expect((await auditOf(slotId)).map((x) => x.action)).toEqual([
      'slot.capacity',
      'slot.capacity',
      'slot.close',
      'slot.open',
    ]);
    const foreign = await failure(
      await send('POST', `${WORK_API}/slots/${slotId}/close`, otherStaff),
    );
    expect(foreign).toMatchObject({ status: 404, code: 'slot_not_found' });
  });
});
