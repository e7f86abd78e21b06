import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { addDays, localDateOf, vietnameseDate } from './slots';

// The day-before reminder: an in-app notification to the citizen who booked, for every
// active booking of tomorrow (local date), opening the booking in the mini app. Sent once:
// the notification's dedupe key is the booking's, and `reminder_sent_at` is set in the same
// batch for the bookings that have it, so a second run (or a retried tick) finds nothing.

/** Reminders are not sent before this local hour: nobody wants a notice at midnight. */
export const REMINDER_FROM_HOUR = 7;

export const reminderDedupeKey = (appointmentId: string) => `appointment:${appointmentId}:reminder`;

export async function sendAppointmentReminders(
  db: Db,
  at: Date,
): Promise<{ date: string; reminded: number; skipped?: 'too_early' }> {
  const tomorrow = addDays(localDateOf(at), 1);
  const localHour = Number(new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(11, 13));
  if (localHour < REMINDER_FROM_HOUR) return { date: tomorrow, reminded: 0, skipped: 'too_early' };
  const now = new Date().toISOString();
  const day = vietnameseDate(tomorrow);
  const [inserted] = await db.batch([
    db.run(sql`
      insert into notifications
        (recipient_type, recipient_id, kind, title, body, link, dedupe_key, created_at)
      select 'user', a.user_id, 'appointment.reminder', 'Nhắc lịch khám ngày mai',
        'Lịch khám của ' || a.patient_name || ' lúc ' || s.start_time || ' ngày ' || ${day}
          || ' tại ' || h.name || ' (' || d.name || '). Số thứ tự: ' || a.queue_number
          || ', mã đến khám: ' || a.check_in_code
          || '. Vui lòng đến trước giờ khám 15 phút, mang theo giấy tờ tùy thân và thẻ BHYT (nếu có).',
        '/hospital-appointments/b/' || a.id,
        'appointment:' || a.id || ':reminder', ${now}
      from appointments a
      join appointment_slots s on s.id = a.slot_id
      join hospital_departments d on d.id = s.department_id
      join hospitals h on h.id = d.hospital_id
      where s.date = ${tomorrow} and a.status = 'booked' and a.reminder_sent_at is null
      on conflict (dedupe_key) do nothing`),
    db.run(sql`
      update appointments set reminder_sent_at = ${now}
      where reminder_sent_at is null and status = 'booked'
        and slot_id in (select id from appointment_slots where date = ${tomorrow})
        and exists (select 1 from notifications n
          where n.dedupe_key = 'appointment:' || appointments.id || ':reminder')`),
  ]);
  return { date: tomorrow, reminded: inserted.rowsAffected };
}
