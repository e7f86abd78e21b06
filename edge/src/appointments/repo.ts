import {
  agencies,
  appointmentSlots,
  appointments,
  departmentHours,
  holidays,
  hospitalClosures,
  hospitalDepartments,
  hospitals,
} from '@tinh/db/schema';
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { compareVietnamese } from '../platform/text';
import { addDays, localDateOf } from './slots';

// Reads of the appointments API. Writes that must hold together (a booking, a cancellation, a
// reschedule) live in booking.ts; the staff's changes in staff.ts.

// ---- bookings as their owner sees them ----------------------------------------------------

/** A day the hospital does not work although the slot exists: a closure or a public holiday. */
export const dayClosedSql = sql<number>`(exists (select 1 from ${hospitalClosures}
    where ${hospitalClosures.hospitalId} = ${hospitals.id}
      and ${hospitalClosures.date} = ${appointmentSlots.date})
  or exists (select 1 from ${holidays} where ${holidays.date} = ${appointmentSlots.date}))`;

const bookingColumns = {
  id: appointments.id,
  userId: appointments.userId,
  status: appointments.status,
  queueNumber: appointments.queueNumber,
  checkInCode: appointments.checkInCode,
  forSelf: appointments.forSelf,
  patientName: appointments.patientName,
  patientPhone: appointments.patientPhone,
  patientBirthDate: appointments.patientBirthDate,
  insuranceNumber: appointments.insuranceNumber,
  symptoms: appointments.symptoms,
  checkedInAt: appointments.checkedInAt,
  cancelledAt: appointments.cancelledAt,
  createdAt: appointments.createdAt,
  hospitalId: hospitals.id,
  hospitalName: hospitals.name,
  hospitalAddress: hospitals.address,
  hospitalPhone: hospitals.phone,
  hospitalAgencyId: hospitals.agencyId,
  cutoffHours: hospitals.cutoffHours,
  departmentId: hospitalDepartments.id,
  departmentName: hospitalDepartments.name,
  slotId: appointmentSlots.id,
  slotDate: appointmentSlots.date,
  slotStartTime: appointmentSlots.startTime,
  slotEndTime: appointmentSlots.endTime,
  slotStartsAt: appointmentSlots.startsAt,
  slotStatus: appointmentSlots.status,
  dayClosed: dayClosedSql,
};

export function selectBookings(db: Db) {
  return db
    .select(bookingColumns)
    .from(appointments)
    .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
    .innerJoin(hospitalDepartments, eq(hospitalDepartments.id, appointmentSlots.departmentId))
    .innerJoin(hospitals, eq(hospitals.id, hospitalDepartments.hospitalId));
}

export type BookingRow = Awaited<ReturnType<ReturnType<typeof selectBookings>['execute']>>[number];

/** When a booking can no longer be cancelled or moved: `cutoffHours` before its slot. */
export function changeDeadline(startsAt: string, cutoffHours: number): string {
  return new Date(Date.parse(startsAt) - cutoffHours * 3_600_000).toISOString();
}

/**
 * Whether the owner may still cancel or move a booking: it is active, its slot has not
 * started, and the cut-off has not passed, unless the hospital itself closed the slot or the
 * day (then the patient must be able to move, whatever the cut-off). booking.ts applies the
 * same rule in SQL (`CHANGE_ALLOWED`).
 */
export function canChange(row: BookingRow, now: Date): boolean {
  const at = now.toISOString();
  if (row.status !== 'booked' || row.slotStartsAt <= at) return false;
  if (row.slotStatus === 'closed' || row.dayClosed) return true;
  return at < changeDeadline(row.slotStartsAt, row.cutoffHours);
}

export function toBooking(row: BookingRow, now: Date) {
  return {
    id: row.id,
    status: row.status,
    queueNumber: row.queueNumber,
    checkInCode: row.checkInCode,
    forSelf: row.forSelf,
    patientName: row.patientName,
    patientPhone: row.patientPhone,
    patientBirthDate: row.patientBirthDate,
    insuranceNumber: row.insuranceNumber,
    symptoms: row.symptoms,
    hospital: {
      id: row.hospitalId,
      name: row.hospitalName,
      address: row.hospitalAddress,
      phone: row.hospitalPhone,
    },
    department: { id: row.departmentId, name: row.departmentName },
    slot: {
      id: row.slotId,
      date: row.slotDate,
      startTime: row.slotStartTime,
      endTime: row.slotEndTime,
      startsAt: row.slotStartsAt,
    },
    canChange: canChange(row, now),
    changeDeadline: changeDeadline(row.slotStartsAt, row.cutoffHours),
    createdAt: row.createdAt,
  };
}

export async function findOwnBooking(db: Db, userId: string, id: string) {
  const [row] = await selectBookings(db)
    .where(and(eq(appointments.id, id), eq(appointments.userId, userId)))
    .limit(1);
  return row;
}

const PAST_LIMIT = 50;

/**
 * The citizen's bookings. Upcoming: booked or checked in, on a day from today on, soonest
 * first. Past: everything else (earlier days, cancelled, missed), latest first, the last 50.
 */
export async function listOwnBookings(
  db: Db,
  userId: string,
  scope: 'upcoming' | 'past',
  now: Date,
) {
  const today = localDateOf(now);
  const active = inArray(appointments.status, ['booked', 'checked_in']);
  if (scope === 'upcoming') {
    return selectBookings(db)
      .where(and(eq(appointments.userId, userId), active, gte(appointmentSlots.date, today)))
      .orderBy(asc(appointmentSlots.startsAt), asc(appointments.queueNumber));
  }
  return selectBookings(db)
    .where(
      and(
        eq(appointments.userId, userId),
        or(
          lt(appointmentSlots.date, today),
          inArray(appointments.status, ['cancelled', 'no_show']),
        ),
      ),
    )
    .orderBy(desc(appointmentSlots.startsAt), desc(appointments.createdAt))
    .limit(PAST_LIMIT);
}

// ---- hospitals and free slots (public) ----------------------------------------------------

export async function listPublicHospitals(db: Db) {
  const [rows, departments] = await db.batch([
    db
      .select({
        id: hospitals.id,
        name: hospitals.name,
        address: hospitals.address,
        phone: hospitals.phone,
        communeId: hospitals.communeId,
        cutoffHours: hospitals.cutoffHours,
        maxActiveBookings: hospitals.maxActiveBookings,
      })
      .from(hospitals)
      .where(eq(hospitals.enabled, true)),
    db
      .select({
        id: hospitalDepartments.id,
        hospitalId: hospitalDepartments.hospitalId,
        name: hospitalDepartments.name,
        description: hospitalDepartments.description,
      })
      .from(hospitalDepartments)
      .innerJoin(hospitals, eq(hospitals.id, hospitalDepartments.hospitalId))
      .where(and(eq(hospitalDepartments.enabled, true), eq(hospitals.enabled, true))),
  ]);
  return rows
    .sort((a, b) => compareVietnamese(a.name, b.name))
    .map((h) => ({
      ...h,
      departments: departments
        .filter((d) => d.hospitalId === h.id)
        .sort((a, b) => compareVietnamese(a.name, b.name))
        .map(({ hospitalId: _, ...d }) => d),
    }));
}

/**
 * The free slots of an enabled department from `from` for `days` days: every day of the
 * range, closed (public holiday, hospital closure, or no opening hours that weekday) or with
 * the slots that have not started yet. `available` is 0 for a closed slot or day. Nothing
 * here says who booked.
 */
export async function departmentSlots(
  db: Db,
  q: { departmentId: string; from: string; days: number; now: Date },
) {
  const to = addDays(q.from, q.days - 1);
  const nowIso = q.now.toISOString();
  const [found, hours, slots, closures, holidayRows] = await db.batch([
    db
      .select({
        id: hospitalDepartments.id,
        name: hospitalDepartments.name,
        hospitalId: hospitals.id,
        hospitalName: hospitals.name,
      })
      .from(hospitalDepartments)
      .innerJoin(hospitals, eq(hospitals.id, hospitalDepartments.hospitalId))
      .where(
        and(
          eq(hospitalDepartments.id, q.departmentId),
          eq(hospitalDepartments.enabled, true),
          eq(hospitals.enabled, true),
        ),
      )
      .limit(1),
    db
      .selectDistinct({ weekday: departmentHours.weekday })
      .from(departmentHours)
      .where(eq(departmentHours.departmentId, q.departmentId)),
    db
      .select({
        id: appointmentSlots.id,
        date: appointmentSlots.date,
        startTime: appointmentSlots.startTime,
        endTime: appointmentSlots.endTime,
        capacity: appointmentSlots.capacity,
        booked: appointmentSlots.booked,
        status: appointmentSlots.status,
      })
      .from(appointmentSlots)
      .where(
        and(
          eq(appointmentSlots.departmentId, q.departmentId),
          gte(appointmentSlots.date, q.from),
          lte(appointmentSlots.date, to),
          gt(appointmentSlots.startsAt, nowIso),
        ),
      )
      .orderBy(asc(appointmentSlots.date), asc(appointmentSlots.startTime)),
    db
      .select({ date: hospitalClosures.date, reason: hospitalClosures.reason })
      .from(hospitalClosures)
      .innerJoin(
        hospitalDepartments,
        eq(hospitalDepartments.hospitalId, hospitalClosures.hospitalId),
      )
      .where(
        and(
          eq(hospitalDepartments.id, q.departmentId),
          gte(hospitalClosures.date, q.from),
          lte(hospitalClosures.date, to),
        ),
      ),
    db
      .select({ date: holidays.date, name: holidays.name })
      .from(holidays)
      .where(and(gte(holidays.date, q.from), lte(holidays.date, to))),
  ]);
  const department = found[0];
  if (!department) return undefined;
  const workingWeekdays = new Set(hours.map((h) => h.weekday));
  const closedBy = new Map<string, string>();
  for (const h of holidayRows) closedBy.set(h.date, `Nghỉ lễ: ${h.name}`);
  for (const c of closures) closedBy.set(c.date, c.reason);
  const days = Array.from({ length: q.days }, (_, i) => {
    const date = addDays(q.from, i);
    const ofDay = slots.filter((s) => s.date === date);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const reason =
      closedBy.get(date) ??
      (ofDay.length === 0 && !workingWeekdays.has(weekday) ? 'Không có lịch khám' : null);
    const closed = reason !== null;
    return {
      date,
      closed,
      reason,
      slots: ofDay.map((s) => ({
        id: s.id,
        startTime: s.startTime,
        endTime: s.endTime,
        capacity: s.capacity,
        available: closed || s.status === 'closed' ? 0 : Math.max(0, s.capacity - s.booked),
        status: s.status,
      })),
    };
  });
  return { department, days };
}

// ---- staff reads --------------------------------------------------------------------------

const hospitalAdminColumns = {
  id: hospitals.id,
  agencyId: hospitals.agencyId,
  agencyName: agencies.name,
  name: hospitals.name,
  address: hospitals.address,
  communeId: hospitals.communeId,
  lat: hospitals.lat,
  lng: hospitals.lng,
  phone: hospitals.phone,
  cutoffHours: hospitals.cutoffHours,
  maxActiveBookings: hospitals.maxActiveBookings,
  enabled: hospitals.enabled,
  updatedAt: hospitals.updatedAt,
};

/** Hospitals with all their departments; `agencyId` null: every agency's. */
export async function listAdminHospitals(db: Db, agencyId: string | null, hospitalId?: string) {
  const where: SQL[] = [];
  if (agencyId !== null) where.push(eq(hospitals.agencyId, agencyId));
  if (hospitalId !== undefined) where.push(eq(hospitals.id, hospitalId));
  const [rows, departments] = await db.batch([
    db
      .select(hospitalAdminColumns)
      .from(hospitals)
      .leftJoin(agencies, eq(agencies.id, hospitals.agencyId))
      .where(and(...where)),
    db
      .select({
        id: hospitalDepartments.id,
        hospitalId: hospitalDepartments.hospitalId,
        name: hospitalDepartments.name,
        description: hospitalDepartments.description,
        enabled: hospitalDepartments.enabled,
      })
      .from(hospitalDepartments)
      .innerJoin(hospitals, eq(hospitals.id, hospitalDepartments.hospitalId))
      .where(and(...where)),
  ]);
  return rows
    .sort((a, b) => compareVietnamese(a.name, b.name))
    .map((h) => ({
      ...h,
      departments: departments
        .filter((d) => d.hospitalId === h.id)
        .sort((a, b) => compareVietnamese(a.name, b.name)),
    }));
}

export async function findHospital(db: Db, id: string) {
  const [row] = await db
    .select({
      id: hospitals.id,
      agencyId: hospitals.agencyId,
      name: hospitals.name,
      address: hospitals.address,
      communeId: hospitals.communeId,
      lat: hospitals.lat,
      lng: hospitals.lng,
      phone: hospitals.phone,
      cutoffHours: hospitals.cutoffHours,
      maxActiveBookings: hospitals.maxActiveBookings,
      enabled: hospitals.enabled,
    })
    .from(hospitals)
    .where(eq(hospitals.id, id))
    .limit(1);
  return row;
}

export async function findDepartment(db: Db, id: string) {
  const [row] = await db
    .select({
      id: hospitalDepartments.id,
      hospitalId: hospitalDepartments.hospitalId,
      name: hospitalDepartments.name,
      description: hospitalDepartments.description,
      enabled: hospitalDepartments.enabled,
      agencyId: hospitals.agencyId,
      hospitalName: hospitals.name,
    })
    .from(hospitalDepartments)
    .innerJoin(hospitals, eq(hospitals.id, hospitalDepartments.hospitalId))
    .where(eq(hospitalDepartments.id, id))
    .limit(1);
  return row;
}

export async function findSlot(db: Db, id: string) {
  const [row] = await db
    .select({
      id: appointmentSlots.id,
      departmentId: appointmentSlots.departmentId,
      departmentName: hospitalDepartments.name,
      hospitalId: hospitals.id,
      agencyId: hospitals.agencyId,
      date: appointmentSlots.date,
      startTime: appointmentSlots.startTime,
      endTime: appointmentSlots.endTime,
      startsAt: appointmentSlots.startsAt,
      capacity: appointmentSlots.capacity,
      booked: appointmentSlots.booked,
      issued: appointmentSlots.issued,
      status: appointmentSlots.status,
    })
    .from(appointmentSlots)
    .innerJoin(hospitalDepartments, eq(hospitalDepartments.id, appointmentSlots.departmentId))
    .innerJoin(hospitals, eq(hospitals.id, hospitalDepartments.hospitalId))
    .where(eq(appointmentSlots.id, id))
    .limit(1);
  return row;
}

export async function listHours(db: Db, departmentId: string) {
  return db
    .select({
      id: departmentHours.id,
      weekday: departmentHours.weekday,
      opensAt: departmentHours.opensAt,
      closesAt: departmentHours.closesAt,
      slotMinutes: departmentHours.slotMinutes,
      capacity: departmentHours.capacity,
    })
    .from(departmentHours)
    .where(eq(departmentHours.departmentId, departmentId))
    .orderBy(asc(departmentHours.weekday), asc(departmentHours.opensAt));
}

/** Closures from 30 days ago on: recent ones stay visible, older ones are history. */
export async function listClosures(db: Db, hospitalId: string, now: Date) {
  return db
    .select({
      date: hospitalClosures.date,
      reason: hospitalClosures.reason,
      createdAt: hospitalClosures.createdAt,
    })
    .from(hospitalClosures)
    .where(
      and(
        eq(hospitalClosures.hospitalId, hospitalId),
        gte(hospitalClosures.date, addDays(localDateOf(now), -30)),
      ),
    )
    .orderBy(asc(hospitalClosures.date));
}

const staffBookingColumns = {
  id: appointments.id,
  slotId: appointments.slotId,
  queueNumber: appointments.queueNumber,
  status: appointments.status,
  forSelf: appointments.forSelf,
  patientName: appointments.patientName,
  patientPhone: appointments.patientPhone,
  patientBirthDate: appointments.patientBirthDate,
  insuranceNumber: appointments.insuranceNumber,
  symptoms: appointments.symptoms,
  checkInCode: appointments.checkInCode,
  checkedInAt: appointments.checkedInAt,
  cancelledAt: appointments.cancelledAt,
  createdAt: appointments.createdAt,
};

/**
 * A hospital's day for its staff: every slot of the date (of one department or all), each
 * with its bookings in queue order, cancelled ones included (marked so), and whether the
 * hospital is closed that day.
 */
export async function hospitalDay(
  db: Db,
  q: { hospitalId: string; date: string; departmentId?: string | undefined },
) {
  const slotWhere = and(
    eq(hospitalDepartments.hospitalId, q.hospitalId),
    eq(appointmentSlots.date, q.date),
    q.departmentId === undefined ? undefined : eq(appointmentSlots.departmentId, q.departmentId),
  );
  const [slots, bookings, closure, holiday] = await db.batch([
    db
      .select({
        id: appointmentSlots.id,
        departmentId: appointmentSlots.departmentId,
        departmentName: hospitalDepartments.name,
        date: appointmentSlots.date,
        startTime: appointmentSlots.startTime,
        endTime: appointmentSlots.endTime,
        startsAt: appointmentSlots.startsAt,
        capacity: appointmentSlots.capacity,
        booked: appointmentSlots.booked,
        issued: appointmentSlots.issued,
        status: appointmentSlots.status,
      })
      .from(appointmentSlots)
      .innerJoin(hospitalDepartments, eq(hospitalDepartments.id, appointmentSlots.departmentId))
      .where(slotWhere)
      .orderBy(asc(appointmentSlots.startTime), asc(hospitalDepartments.name)),
    db
      .select(staffBookingColumns)
      .from(appointments)
      .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
      .innerJoin(hospitalDepartments, eq(hospitalDepartments.id, appointmentSlots.departmentId))
      .where(slotWhere)
      .orderBy(asc(appointments.queueNumber)),
    db
      .select({ reason: hospitalClosures.reason })
      .from(hospitalClosures)
      .where(and(eq(hospitalClosures.hospitalId, q.hospitalId), eq(hospitalClosures.date, q.date)))
      .limit(1),
    db.select({ name: holidays.name }).from(holidays).where(eq(holidays.date, q.date)).limit(1),
  ]);
  const reason = closure[0]?.reason ?? (holiday[0] ? `Nghỉ lễ: ${holiday[0].name}` : null);
  return {
    closed: reason !== null,
    reason,
    slots: slots.map((s) => ({
      ...s,
      bookings: bookings.filter((b) => b.slotId === s.id).map(({ slotId: _, ...b }) => b),
    })),
  };
}

/** A booking with its slot and hospital, for the staff's actions (check-in, no-show). */
export function selectStaffBooking(db: Db) {
  return db
    .select({
      ...staffBookingColumns,
      hospitalId: hospitals.id,
      hospitalName: hospitals.name,
      agencyId: hospitals.agencyId,
      departmentId: hospitalDepartments.id,
      departmentName: hospitalDepartments.name,
      slotDate: appointmentSlots.date,
      slotStartTime: appointmentSlots.startTime,
      slotEndTime: appointmentSlots.endTime,
      slotStartsAt: appointmentSlots.startsAt,
    })
    .from(appointments)
    .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
    .innerJoin(hospitalDepartments, eq(hospitalDepartments.id, appointmentSlots.departmentId))
    .innerJoin(hospitals, eq(hospitals.id, hospitalDepartments.hospitalId));
}

export type StaffBookingRow = Awaited<
  ReturnType<ReturnType<typeof selectStaffBooking>['execute']>
>[number];

export function toStaffBooking(row: StaffBookingRow) {
  return {
    id: row.id,
    queueNumber: row.queueNumber,
    status: row.status,
    forSelf: row.forSelf,
    patientName: row.patientName,
    patientPhone: row.patientPhone,
    patientBirthDate: row.patientBirthDate,
    insuranceNumber: row.insuranceNumber,
    symptoms: row.symptoms,
    checkInCode: row.checkInCode,
    checkedInAt: row.checkedInAt,
    cancelledAt: row.cancelledAt,
    createdAt: row.createdAt,
    hospital: { id: row.hospitalId, name: row.hospitalName },
    department: { id: row.departmentId, name: row.departmentName },
    slot: {
      id: row.slotId,
      date: row.slotDate,
      startTime: row.slotStartTime,
      endTime: row.slotEndTime,
    },
  };
}
