import { notifications } from '@tinh/db/schema';
import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db';

// The day-before reminder: each held registration of a published course's session that starts
// within the next 24 hours gets one in-app notification. The notification (unique on its
// dedupe key) and the registration's reminder_sent_at are written in one transaction, so a
// rerun, or two runs at once, remind nobody twice. A session moved to another time re-arms
// the reminder (repo.ts updateSession), and its new start is part of the key.

export const REMINDER_WINDOW_MS = 24 * 3_600_000;

export async function sendTrainingReminders(db: Db, now: Date): Promise<{ reminded: number }> {
  const at = now.toISOString();
  const horizon = new Date(now.getTime() + REMINDER_WINDOW_MS).toISOString();
  const due = sql`r.cancelled_at is null and r.reminder_sent_at is null
    and c.status = 'published' and s.starts_at > ${at} and s.starts_at <= ${horizon}`;
  const [, marked] = await db.batch([
    db.run(sql`insert into ${notifications}
        (recipient_type, recipient_id, kind, title, body, link, dedupe_key, created_at)
      select 'user', r.user_id, 'training.reminder', 'Nhắc lịch tập huấn',
        'Buổi "' || s.title || '" của khóa "' || c.title || '" bắt đầu lúc '
          || strftime('%H:%M ngày %d/%m/%Y', s.starts_at, '+7 hours')
          || '. Mở ứng dụng để vào phòng học trực tuyến.',
        '/online-training/c/' || c.id,
        'training.reminder:' || r.id || ':' || s.starts_at, ${at}
      from course_registrations r
      join course_sessions s on s.id = r.session_id
      join courses c on c.id = s.course_id
      where ${due}
      on conflict (dedupe_key) do nothing`),
    db.all<{ id: string }>(sql`update course_registrations set reminder_sent_at = ${at}
      where id in (select r.id from course_registrations r
        join course_sessions s on s.id = r.session_id
        join courses c on c.id = s.course_id
        where ${due})
      returning id`),
  ]);
  return { reminded: marked.length };
}
