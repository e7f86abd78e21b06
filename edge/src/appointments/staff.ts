import {
  appointmentSlots,
  appointments,
  departmentHours,
  hospitalClosures,
  hospitalDepartments,
  hospitals,
} from '@tinh/db/schema';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { type AuditEntryInput, auditStatement } from '../audit/log';
import { auditIfChanged } from '../management/repo';
import type { Db } from '../platform/db';
import { findSlot, listAdminHospitals, selectStaffBooking } from './repo';
import { vietnameseDate } from './slots';

// The hospital staff's changes. Every one is one batch with its audit entry (written only
// when something changed, so a repeated request leaves no second entry), and where bookings
// are affected, the in-app notices to their citizens (unique per event: sent once).

export type HospitalValues = Omit<typeof hospitals.$inferInsert, 'createdAt' | 'updatedAt'>;

export async function insertHospital(
  db: Db,
  row: HospitalValues,
  now: string,
  audit: AuditEntryInput,
) {
  await db.batch([
    db.insert(hospitals).values({ ...row, createdAt: now, updatedAt: now }),
    auditStatement(db, audit),
  ]);
  const [created] = await listAdminHospitals(db, null, row.id);
  return created;
}

export async function updateHospital(
  db: Db,
  id: string,
  patch: Partial<HospitalValues>,
  now: string,
  audit: AuditEntryInput,
) {
  await db.batch([
    db
      .update(hospitals)
      .set({ ...patch, updatedAt: now })
      .where(eq(hospitals.id, id)),
    auditIfChanged(db, audit),
  ]);
  const [after] = await listAdminHospitals(db, null, id);
  return after;
}

export async function insertDepartment(
  db: Db,
  row: {
    id: string;
    hospitalId: string;
    name: string;
    description: string | null;
    enabled: boolean;
  },
  now: string,
  audit: AuditEntryInput,
) {
  const [, , created] = await db.batch([
    db.insert(hospitalDepartments).values({ ...row, createdAt: now, updatedAt: now }),
    auditStatement(db, audit),
    db.select().from(hospitalDepartments).where(eq(hospitalDepartments.id, row.id)).limit(1),
  ]);
  return created[0];
}

export async function updateDepartment(
  db: Db,
  id: string,
  patch: { name?: string; description?: string | null; enabled?: boolean },
  now: string,
  audit: AuditEntryInput,
) {
  const [, , after] = await db.batch([
    db
      .update(hospitalDepartments)
      .set({ ...patch, updatedAt: now })
      .where(eq(hospitalDepartments.id, id)),
    auditIfChanged(db, audit),
    db.select().from(hospitalDepartments).where(eq(hospitalDepartments.id, id)).limit(1),
  ]);
  return after[0];
}

export interface HoursInput {
  weekday: number;
  opensAt: string;
  closesAt: string;
  slotMinutes: number;
  capacity: number;
}

/**
 * Replaces a department's weekly hours. Future slots nobody ever booked (`issued = 0`) are
 * removed with the old hours, so the next generation cuts the days by the new ones; slots
 * with bookings stay as they are (their patients keep their time).
 */
export async function replaceHours(
  db: Db,
  departmentId: string,
  rows: readonly HoursInput[],
  now: string,
  audit: AuditEntryInput,
) {
  const insert =
    rows.length === 0
      ? []
      : [
          db
            .insert(departmentHours)
            .values(
              rows.map((h) => ({ ...h, id: crypto.randomUUID(), departmentId, createdAt: now })),
            ),
        ];
  const [, removed] = await db.batch([
    db.delete(departmentHours).where(eq(departmentHours.departmentId, departmentId)),
    db
      .delete(appointmentSlots)
      .where(
        and(
          eq(appointmentSlots.departmentId, departmentId),
          eq(appointmentSlots.issued, 0),
          gt(appointmentSlots.startsAt, now),
        ),
      ),
    auditStatement(db, audit),
    ...insert,
  ]);
  return { removedSlots: removed.rowsAffected };
}

/**
 * A day the hospital is closed: its slots of that date are closed too, and each citizen
 * holding a booking that day is told (in-app) so they can move it (the cut-off does not
 * apply to a day the hospital closed). Adding the same date again updates the reason.
 */
export async function addClosure(
  db: Db,
  q: { hospitalId: string; hospitalName: string; date: string; reason: string; now: string },
  audit: AuditEntryInput,
) {
  const inHospital = sql`${appointmentSlots.departmentId} in (select id from ${hospitalDepartments}
    where ${hospitalDepartments.hospitalId} = ${q.hospitalId})`;
  const body = `${q.hospitalName} nghỉ ngày ${vietnameseDate(q.date)} (${q.reason}). `;
  const [, closed, notified] = await db.batch([
    db
      .insert(hospitalClosures)
      .values({ hospitalId: q.hospitalId, date: q.date, reason: q.reason, createdAt: q.now })
      .onConflictDoUpdate({
        target: [hospitalClosures.hospitalId, hospitalClosures.date],
        set: { reason: q.reason },
      }),
    db
      .update(appointmentSlots)
      .set({ status: 'closed', updatedAt: q.now })
      .where(
        and(eq(appointmentSlots.date, q.date), eq(appointmentSlots.status, 'open'), inHospital),
      ),
    notifyBookings(db, {
      where: sql`s.date = ${q.date} and d.hospital_id = ${q.hospitalId}`,
      event: `closed:${q.date}`,
      title: 'Bệnh viện nghỉ ngày bạn đặt lịch khám',
      body,
      now: q.now,
    }),
    auditStatement(db, audit),
  ]);
  return { closedSlots: closed.rowsAffected, notified: notified.rowsAffected };
}

/**
 * Opens the hospital again on a date: the closure goes and the day's closed slots reopen
 * (also those closed one by one: the staff close them again if needed).
 */
export async function removeClosure(
  db: Db,
  q: { hospitalId: string; date: string; now: string },
  audit: AuditEntryInput,
) {
  const closure = and(
    eq(hospitalClosures.hospitalId, q.hospitalId),
    eq(hospitalClosures.date, q.date),
  );
  const [reopened, removed] = await db.batch([
    db
      .update(appointmentSlots)
      .set({ status: 'open', updatedAt: q.now })
      .where(
        and(
          eq(appointmentSlots.date, q.date),
          eq(appointmentSlots.status, 'closed'),
          sql`${appointmentSlots.departmentId} in (select id from ${hospitalDepartments}
            where ${hospitalDepartments.hospitalId} = ${q.hospitalId})`,
          sql`exists (select 1 from ${hospitalClosures} where ${closure})`,
        ),
      ),
    db.delete(hospitalClosures).where(closure).returning({ date: hospitalClosures.date }),
    // After the delete: `changes()` is the closure removed, not the slots reopened.
    auditIfChanged(db, audit),
  ]);
  return { removed: removed.length > 0, reopenedSlots: reopened.rowsAffected };
}

/**
 * In-app notices to the citizens holding active bookings in the slots matched by `where`
 * (aliases: `a` appointment, `s` slot, `d` department, `h` hospital). The dedupe key names
 * the booking and the event, so the notice goes once however often the change is repeated.
 */
function notifyBookings(
  db: Db,
  q: { where: ReturnType<typeof sql>; event: string; title: string; body: string; now: string },
) {
  return db.run(sql`
    insert into notifications (recipient_type, recipient_id, kind, title, body, link, dedupe_key, created_at)
    select 'user', a.user_id, 'appointment.changed', ${q.title},
      ${q.body} || 'Lịch khám lúc ' || s.start_time || ' của ' || a.patient_name
        || ' (số thứ tự ' || a.queue_number || ') chưa bị huỷ: vui lòng đổi sang khung giờ khác hoặc huỷ lịch trong ứng dụng.',
      '/hospital-appointments/b/' || a.id,
      'appointment:' || a.id || ':' || ${q.event}, ${q.now}
    from appointments a
    join appointment_slots s on s.id = a.slot_id
    join hospital_departments d on d.id = s.department_id
    join hospitals h on h.id = d.hospital_id
    where a.status = 'booked' and s.starts_at > ${q.now} and ${q.where}
    on conflict (dedupe_key) do nothing`);
}

/** Closes or reopens one slot; closing tells the citizens booked in it. */
export async function setSlotStatus(
  db: Db,
  q: { slotId: string; status: 'open' | 'closed'; hospitalName: string; now: string },
  audit: AuditEntryInput,
) {
  const slot = await findSlot(db, q.slotId);
  const body = slot
    ? `${q.hospitalName} đã đóng khung giờ ${slot.startTime}–${slot.endTime} ngày ${vietnameseDate(slot.date)} (${slot.departmentName}). `
    : '';
  const statements = [
    db
      .update(appointmentSlots)
      .set({ status: q.status, updatedAt: q.now })
      .where(
        and(eq(appointmentSlots.id, q.slotId), sql`${appointmentSlots.status} <> ${q.status}`),
      ),
    auditIfChanged(db, audit),
  ] as const;
  if (q.status === 'closed') {
    await db.batch([
      ...statements,
      notifyBookings(db, {
        where: sql`s.id = ${q.slotId}`,
        event: 'slot-closed',
        title: 'Khung giờ khám của bạn đã bị đóng',
        body,
        now: q.now,
      }),
    ]);
  } else {
    await db.batch(statements);
  }
  return findSlot(db, q.slotId);
}

/** Changes a slot's capacity unless places already taken exceed it (then `changed` is false). */
export async function setSlotCapacity(
  db: Db,
  q: { slotId: string; capacity: number; now: string },
  audit: AuditEntryInput,
) {
  const [updated] = await db.batch([
    db
      .update(appointmentSlots)
      .set({ capacity: q.capacity, updatedAt: q.now })
      .where(
        and(
          eq(appointmentSlots.id, q.slotId),
          sql`${appointmentSlots.booked} <= ${q.capacity}`,
          sql`${appointmentSlots.capacity} <> ${q.capacity}`,
        ),
      )
      .returning({ id: appointmentSlots.id }),
    auditIfChanged(db, audit),
  ]);
  return { changed: updated.length > 0, slot: await findSlot(db, q.slotId) };
}

/**
 * Marks a booking checked in (from `booked`, or from `no_show` for a patient who came late)
 * or missed (from `booked` only, once its slot has started). Repeating it changes nothing.
 */
export async function setAttendance(
  db: Db,
  q: { id: string; to: 'checked_in' | 'no_show'; now: string },
  audit: AuditEntryInput,
) {
  const from = q.to === 'checked_in' ? (['booked', 'no_show'] as const) : (['booked'] as const);
  const [, , rows] = await db.batch([
    db
      .update(appointments)
      .set({
        status: q.to,
        updatedAt: q.now,
        ...(q.to === 'checked_in' ? { checkedInAt: q.now } : {}),
      })
      .where(
        and(
          eq(appointments.id, q.id),
          inArray(appointments.status, [...from]),
          q.to === 'no_show'
            ? sql`(select ${appointmentSlots.startsAt} from ${appointmentSlots}
                where ${appointmentSlots.id} = ${appointments.slotId}) <= ${q.now}`
            : undefined,
        ),
      ),
    auditIfChanged(db, audit),
    selectStaffBooking(db).where(eq(appointments.id, q.id)).limit(1),
  ]);
  return rows[0];
}
