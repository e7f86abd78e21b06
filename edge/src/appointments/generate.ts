import {
  appointmentSlots,
  departmentHours,
  holidays,
  hospitalClosures,
  hospitalDepartments,
  hospitals,
} from '@tinh/db/schema';
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { type AuditEntryInput, auditStatement } from '../audit/log';
import type { Db } from '../platform/db';
import { addDays, type OpeningHours, type PlannedSlot, planSlots } from './slots';

// Materialising slots from the departments' opening hours: by the staff for a range of days
// (POST /departments/{id}/slots/generate) and by the hourly job for the next 14 days of every
// enabled department. Public holidays and the hospital's closures get no slots. Idempotent:
// the slots that already exist are read first and only the missing ones are inserted (with
// ON CONFLICT DO NOTHING on the unique department/date/start for a concurrent run), so a
// second run creates nothing and never changes a slot the staff adjusted.

const ROWS_PER_INSERT = 200;

export async function generateSlots(
  db: Db,
  q: {
    /** Departments to fill; `enabled`: every enabled department of an enabled hospital. */
    departments: readonly string[] | 'enabled';
    from: string;
    days: number;
    now: Date;
    /** The staff's audit entry, written in the same batch when slots are created. */
    audit?: AuditEntryInput;
  },
): Promise<{ created: number; departments: number }> {
  const to = addDays(q.from, q.days - 1);
  const departmentFilter =
    q.departments === 'enabled'
      ? and(eq(hospitalDepartments.enabled, true), eq(hospitals.enabled, true))
      : inArray(hospitalDepartments.id, [...q.departments]);
  if (q.departments !== 'enabled' && q.departments.length === 0) {
    return { created: 0, departments: 0 };
  }
  const [hours, existing, closures, holidayRows] = await db.batch([
    db
      .select({
        departmentId: departmentHours.departmentId,
        hospitalId: hospitalDepartments.hospitalId,
        weekday: departmentHours.weekday,
        opensAt: departmentHours.opensAt,
        closesAt: departmentHours.closesAt,
        slotMinutes: departmentHours.slotMinutes,
        capacity: departmentHours.capacity,
      })
      .from(departmentHours)
      .innerJoin(hospitalDepartments, eq(hospitalDepartments.id, departmentHours.departmentId))
      .innerJoin(hospitals, eq(hospitals.id, hospitalDepartments.hospitalId))
      .where(departmentFilter),
    db
      .select({
        departmentId: appointmentSlots.departmentId,
        date: appointmentSlots.date,
        startTime: appointmentSlots.startTime,
      })
      .from(appointmentSlots)
      .innerJoin(hospitalDepartments, eq(hospitalDepartments.id, appointmentSlots.departmentId))
      .innerJoin(hospitals, eq(hospitals.id, hospitalDepartments.hospitalId))
      .where(
        and(departmentFilter, gte(appointmentSlots.date, q.from), lte(appointmentSlots.date, to)),
      ),
    db
      .select({ hospitalId: hospitalClosures.hospitalId, date: hospitalClosures.date })
      .from(hospitalClosures)
      .where(and(gte(hospitalClosures.date, q.from), lte(hospitalClosures.date, to))),
    db
      .select({ date: holidays.date })
      .from(holidays)
      .where(and(gte(holidays.date, q.from), lte(holidays.date, to))),
  ]);

  const byDepartment = new Map<string, { hospitalId: string; hours: OpeningHours[] }>();
  for (const h of hours) {
    const entry = byDepartment.get(h.departmentId) ?? { hospitalId: h.hospitalId, hours: [] };
    entry.hours.push(h);
    byDepartment.set(h.departmentId, entry);
  }
  const taken = new Set(existing.map((s) => `${s.departmentId}|${s.date}|${s.startTime}`));
  const publicHolidays = holidayRows.map((h) => h.date);
  const nowIso = q.now.toISOString();

  const missing: (PlannedSlot & { departmentId: string })[] = [];
  for (const [departmentId, { hospitalId, hours: week }] of byDepartment) {
    const closedDates = new Set([
      ...publicHolidays,
      ...closures.filter((c) => c.hospitalId === hospitalId).map((c) => c.date),
    ]);
    for (const slot of planSlots({
      hours: week,
      from: q.from,
      days: q.days,
      closedDates,
      now: q.now,
    })) {
      if (!taken.has(`${departmentId}|${slot.date}|${slot.startTime}`)) {
        missing.push({ ...slot, departmentId });
      }
    }
  }
  if (missing.length === 0) return { created: 0, departments: byDepartment.size };

  const inserts: BatchItem<'sqlite'>[] = [];
  for (let i = 0; i < missing.length; i += ROWS_PER_INSERT) {
    inserts.push(
      db
        .insert(appointmentSlots)
        .values(
          missing.slice(i, i + ROWS_PER_INSERT).map((s) => ({
            id: crypto.randomUUID(),
            departmentId: s.departmentId,
            date: s.date,
            startTime: s.startTime,
            endTime: s.endTime,
            startsAt: s.startsAt,
            capacity: s.capacity,
            createdAt: nowIso,
            updatedAt: nowIso,
          })),
        )
        .onConflictDoNothing(),
    );
  }
  const audit = q.audit
    ? [auditStatement(db, { ...q.audit, to: JSON.stringify({ from: q.from, days: q.days }) })]
    : [];
  const results = (await db.batch([
    ...(inserts as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]),
    ...audit,
  ])) as { rowsAffected: number }[];
  const created = results.slice(0, inserts.length).reduce((sum, r) => sum + r.rowsAffected, 0);
  return { created, departments: byDepartment.size };
}
