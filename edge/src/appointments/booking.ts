import { appointmentSlots, appointments, hospitalDepartments, hospitals } from '@tinh/db/schema';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { sessionInvalid } from '../auth/session';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import { constraintFailure } from '../reports/repo';
import { type BookingRow, canChange, dayClosedSql, selectBookings } from './repo';

// Taking, giving back and moving a place in a slot. Each is ONE batch (one transaction on
// libSQL) whose first statement is the conditional write on the slot, so the write lock is
// taken before anything is read: concurrent bookings run one after another and each sees
// the places, the limit and the request key as the previous one left them.
//
// - A slot is never overbooked: `booked < capacity` is part of the slot's UPDATE, and the
//   appointment is inserted only when that UPDATE changed the row (`changes() = 1`). The
//   trigger of migration 0009 (booked ≤ capacity) is the last guard.
// - A retried request never books twice: the UPDATE also requires that the citizen's request
//   key is unused, and the answer is read back by that key.
// - The per-person limit holds under parallel requests: the count of the citizen's future
//   bookings at the hospital is a condition of the same UPDATE.
// - The queue number is the slot's `issued` counter after the increment: a cancelled booking
//   gives its place back (`booked - 1`) but never its number.
// When nothing was written, the rows read at the end of the batch (same transaction) say why.

/** Characters of check-in codes: no 0/O, 1/I/L look-alikes, as they are typed from a screen. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

export function newCheckInCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_LENGTH * 2));
  let code = '';
  for (const b of bytes) {
    // Rejection sampling: 248 = 8 × 31, so every character is equally likely.
    if (b >= 248) continue;
    code += CODE_ALPHABET[b % CODE_ALPHABET.length];
    if (code.length === CODE_LENGTH) break;
  }
  return code.length === CODE_LENGTH ? code : newCheckInCode();
}

/**
 * A booking may still be cancelled or moved (slot `s`, hospital `h`): the slot has not
 * started and the cut-off has not passed, or the hospital closed the slot or the day.
 * Mirrors repo.ts `canChange`.
 */
const changeAllowed = (now: string) => sql`s.starts_at > ${now} and (
    s.starts_at > strftime('%Y-%m-%dT%H:%M:%fZ', ${now}, '+' || h.cutoff_hours || ' hours')
    or s.status = 'closed'
    or exists (select 1 from hospital_closures c where c.hospital_id = h.id and c.date = s.date)
    or exists (select 1 from holidays hd where hd.date = s.date))`;

/** The citizen's future active bookings at hospital `hospitalId` (an SQL expression). */
const activeCount = (userId: string, now: string, hospitalId: SQL, exceptId: string | null) =>
  sql`(select count(*) from appointments a
      join appointment_slots s2 on s2.id = a.slot_id
      join hospital_departments d2 on d2.id = s2.department_id
      where a.user_id = ${userId} and a.status = 'booked' and s2.starts_at > ${now}
        and d2.hospital_id = ${hospitalId}
        ${exceptId === null ? sql`` : sql`and a.id <> ${exceptId}`})`;

/**
 * The slot's UPDATE taking one place, with every condition of a booking. `extra` adds the
 * conditions of a reschedule (the old booking still movable).
 */
function takePlace(
  db: Db,
  q: { slotId: string; userId: string; requestKey: string; now: string; exceptId: string | null },
  extra: SQL = sql``,
) {
  return db.run(sql`
    update appointment_slots
    set booked = booked + 1, issued = issued + 1, updated_at = ${q.now}
    where appointment_slots.id = ${q.slotId}
      and appointment_slots.status = 'open'
      and appointment_slots.booked < appointment_slots.capacity
      and appointment_slots.starts_at > ${q.now}
      and not exists (select 1 from holidays hd where hd.date = appointment_slots.date)
      and not exists (select 1 from appointments r
        where r.user_id = ${q.userId} and r.request_key = ${q.requestKey})
      and exists (select 1 from hospital_departments d join hospitals h on h.id = d.hospital_id
        where d.id = appointment_slots.department_id and d.enabled = 1 and h.enabled = 1
          and not exists (select 1 from hospital_closures c
            where c.hospital_id = h.id and c.date = appointment_slots.date)
          and ${activeCount(q.userId, q.now, sql`h.id`, q.exceptId)} < h.max_active_bookings)
      ${extra}`);
}

/** The slot as a refused booking needs it explained, read in the same transaction. */
function slotState(db: Db, slotId: string, userId: string, now: string, exceptId: string | null) {
  return db
    .select({
      id: appointmentSlots.id,
      startsAt: appointmentSlots.startsAt,
      status: appointmentSlots.status,
      capacity: appointmentSlots.capacity,
      booked: appointmentSlots.booked,
      offered: sql<number>`(${hospitalDepartments.enabled} = 1 and ${hospitals.enabled} = 1)`,
      dayClosed: dayClosedSql,
      maxActive: hospitals.maxActiveBookings,
      active: sql<number>`${activeCount(userId, now, sql`${hospitals.id}`, exceptId)}`,
    })
    .from(appointmentSlots)
    .innerJoin(hospitalDepartments, eq(hospitalDepartments.id, appointmentSlots.departmentId))
    .innerJoin(hospitals, eq(hospitals.id, hospitalDepartments.hospitalId))
    .where(eq(appointmentSlots.id, slotId))
    .limit(1);
}

type SlotState = Awaited<ReturnType<typeof slotState>>[number];

/** Why a place could not be taken, from the slot as the transaction saw it. */
function refusal(slot: SlotState | undefined, now: string): ApiError {
  if (!slot?.offered) {
    return new ApiError(404, 'slot_not_found', 'Không tìm thấy khung giờ khám này.');
  }
  if (slot.startsAt <= now) {
    return new ApiError(
      422,
      'slot_started',
      'Khung giờ này đã bắt đầu hoặc đã qua. Vui lòng chọn khung giờ khác.',
    );
  }
  if (slot.status === 'closed' || slot.dayClosed) {
    return new ApiError(
      409,
      'slot_closed',
      'Bệnh viện đã đóng khung giờ này. Vui lòng chọn khung giờ khác.',
    );
  }
  if (slot.booked >= slot.capacity) {
    return new ApiError(
      409,
      'slot_full',
      'Khung giờ này đã hết chỗ. Vui lòng chọn khung giờ khác.',
      { capacity: slot.capacity },
    );
  }
  if (slot.active >= slot.maxActive) {
    return new ApiError(
      409,
      'booking_limit',
      `Mỗi tài khoản chỉ được giữ tối đa ${slot.maxActive} lịch hẹn sắp tới tại bệnh viện này. Vui lòng huỷ bớt lịch cũ trước khi đặt thêm.`,
      { maxActiveBookings: slot.maxActive },
    );
  }
  return new ApiError(409, 'slot_full', 'Khung giờ này vừa hết chỗ. Vui lòng thử lại.');
}

export interface NewBooking {
  requestKey: string;
  slotId: string;
  forSelf: boolean;
  patientName: string;
  patientPhone: string;
  patientBirthDate: string;
  insuranceNumber: string | null;
  symptoms: string | null;
}

export type BookingOutcome = { booking: BookingRow; created: boolean };

/**
 * Runs a write batch that inserts appointment `id`, retrying with a new check-in code in the
 * (astronomically unlikely) case the random code is taken. Any write error rolls the whole
 * batch back, so a retry starts from a clean slate.
 */
async function withFreshCode<T>(run: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(newCheckInCode());
    } catch (err) {
      const failure = constraintFailure(err);
      if (failure?.includes('appointments.check_in_code') && attempt < 3) continue;
      if (failure?.startsWith('FOREIGN KEY')) throw sessionInvalid('invalid');
      if (err instanceof Error && /capacity exceeded/.test(`${err.message} ${err.cause ?? ''}`)) {
        throw new ApiError(
          409,
          'slot_full',
          'Khung giờ này đã hết chỗ. Vui lòng chọn khung giờ khác.',
        );
      }
      throw err;
    }
  }
}

/** Books a place for a signed-in citizen. 201 when created, 200 for a retried request key. */
export async function createBooking(
  db: Db,
  userId: string,
  input: NewBooking,
  now: Date,
): Promise<BookingOutcome> {
  const at = now.toISOString();
  const id = crypto.randomUUID();
  return withFreshCode(async (code) => {
    const [, , mine, slot] = await db.batch([
      takePlace(db, {
        slotId: input.slotId,
        userId,
        requestKey: input.requestKey,
        now: at,
        exceptId: null,
      }),
      db.run(sql`
        insert into appointments (id, slot_id, user_id, request_key, for_self, patient_name,
          patient_phone, patient_birth_date, insurance_number, symptoms, queue_number,
          check_in_code, status, created_at, updated_at)
        select ${id}, s.id, ${userId}, ${input.requestKey}, ${input.forSelf ? 1 : 0},
          ${input.patientName}, ${input.patientPhone}, ${input.patientBirthDate},
          ${input.insuranceNumber}, ${input.symptoms}, s.issued, ${code}, 'booked', ${at}, ${at}
        from appointment_slots s
        where s.id = ${input.slotId} and changes() = 1`),
      selectBookings(db)
        .where(and(eq(appointments.userId, userId), eq(appointments.requestKey, input.requestKey)))
        .limit(1),
      slotState(db, input.slotId, userId, at, null),
    ]);
    const booking = mine[0];
    if (booking) return { booking, created: booking.id === id };
    throw refusal(slot[0], at);
  });
}

const bookingNotFound = () =>
  new ApiError(404, 'booking_not_found', 'Không tìm thấy lịch hẹn này.');

function notActive(status: BookingRow['status']): ApiError {
  const what =
    status === 'checked_in'
      ? 'đã được tiếp nhận tại bệnh viện'
      : status === 'no_show'
        ? 'đã được ghi nhận vắng mặt'
        : 'đã bị huỷ';
  return new ApiError(409, 'booking_not_active', `Lịch hẹn này ${what}, không thể thay đổi.`, {
    status,
  });
}

function cutoffPassed(row: BookingRow): ApiError {
  return new ApiError(
    409,
    'cutoff_passed',
    `Đã quá hạn huỷ hoặc đổi lịch (trước giờ khám ${row.cutoffHours} giờ). Vui lòng liên hệ bệnh viện.`,
    { cutoffHours: row.cutoffHours },
  );
}

/**
 * Cancels the citizen's booking and gives its place back, in one transaction; cancelling a
 * cancelled booking answers it unchanged. After the cut-off: 409 `cutoff_passed`.
 */
export async function cancelBooking(db: Db, userId: string, id: string, now: Date) {
  const at = now.toISOString();
  const [, , rows] = await db.batch([
    db.run(sql`
      update appointments set status = 'cancelled', cancelled_at = ${at}, updated_at = ${at}
      where id = ${id} and user_id = ${userId} and status = 'booked'
        and exists (select 1 from appointment_slots s
          join hospital_departments d on d.id = s.department_id
          join hospitals h on h.id = d.hospital_id
          where s.id = appointments.slot_id and ${changeAllowed(at)})`),
    db.run(sql`
      update appointment_slots set booked = booked - 1, updated_at = ${at}
      where id = (select slot_id from appointments where id = ${id}) and changes() = 1`),
    selectBookings(db)
      .where(and(eq(appointments.id, id), eq(appointments.userId, userId)))
      .limit(1),
  ]);
  const row = rows[0];
  if (!row) throw bookingNotFound();
  if (row.status === 'cancelled') return row;
  if (row.status === 'booked') throw cutoffPassed(row);
  throw notActive(row.status);
}

/**
 * Moves a booking to another slot in ONE transaction: the new place is taken (with every rule
 * of a booking, the old booking not counted in the limit), the new booking inserted with the
 * same patient, the old one cancelled and its place given back, or nothing at all. There is
 * never a moment with two active bookings, nor one with none.
 */
export async function rescheduleBooking(
  db: Db,
  userId: string,
  q: { oldId: string; requestKey: string; slotId: string },
  now: Date,
): Promise<BookingOutcome> {
  const at = now.toISOString();
  const id = crypto.randomUUID();
  const oldStillMovable = sql`
    and appointment_slots.id <> (select slot_id from appointments where id = ${q.oldId})
    and exists (select 1 from appointments o
      join appointment_slots s on s.id = o.slot_id
      join hospital_departments d on d.id = s.department_id
      join hospitals h on h.id = d.hospital_id
      where o.id = ${q.oldId} and o.user_id = ${userId} and o.status = 'booked'
        and ${changeAllowed(at)})`;
  return withFreshCode(async (code) => {
    const [, , , , mine, old, slot] = await db.batch([
      takePlace(
        db,
        { slotId: q.slotId, userId, requestKey: q.requestKey, now: at, exceptId: q.oldId },
        oldStillMovable,
      ),
      db.run(sql`
        insert into appointments (id, slot_id, user_id, request_key, for_self, patient_name,
          patient_phone, patient_birth_date, insurance_number, symptoms, queue_number,
          check_in_code, status, rescheduled_from_id, created_at, updated_at)
        select ${id}, s.id, o.user_id, ${q.requestKey}, o.for_self, o.patient_name,
          o.patient_phone, o.patient_birth_date, o.insurance_number, o.symptoms, s.issued,
          ${code}, 'booked', o.id, ${at}, ${at}
        from appointment_slots s, appointments o
        where s.id = ${q.slotId} and o.id = ${q.oldId} and changes() = 1`),
      db.run(sql`
        update appointments set status = 'cancelled', cancelled_at = ${at}, updated_at = ${at}
        where id = ${q.oldId} and status = 'booked'
          and exists (select 1 from appointments n where n.id = ${id})`),
      db.run(sql`
        update appointment_slots set booked = booked - 1, updated_at = ${at}
        where id = (select slot_id from appointments where id = ${q.oldId})
          and exists (select 1 from appointments n where n.id = ${id})`),
      selectBookings(db)
        .where(and(eq(appointments.userId, userId), eq(appointments.requestKey, q.requestKey)))
        .limit(1),
      selectBookings(db)
        .where(and(eq(appointments.id, q.oldId), eq(appointments.userId, userId)))
        .limit(1),
      slotState(db, q.slotId, userId, at, q.oldId),
    ]);
    const booking = mine[0];
    if (booking) return { booking, created: booking.id === id };
    const before = old[0];
    if (!before) throw bookingNotFound();
    if (before.status !== 'booked') throw notActive(before.status);
    if (before.slotId === q.slotId) {
      throw new ApiError(
        422,
        'same_slot',
        'Lịch hẹn đã ở khung giờ này. Vui lòng chọn khung giờ khác.',
      );
    }
    if (!canChange(before, now)) throw cutoffPassed(before);
    throw refusal(slot[0], at);
  });
}
