import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CRON_JOBS, HOURLY } from '../src/cron';
import { createLogger } from '../src/platform/logger';
import { trainingJobs, trainingReminderJob } from '../src/training/jobs';
import { sendTrainingReminders } from '../src/training/reminders';
import { call } from './helpers';
import { signedInCitizen, type TestCitizen } from './support/citizens';
import { signedInOfficial } from './support/officials';
import {
  AGENCY,
  db,
  expectStatus,
  HOUR,
  inHours,
  moveSession,
  PUBLIC,
  publishedSession,
  registerFor,
  send,
  WORK,
} from './support/training';

// The hourly reminder of training sessions against the shared database, at the real clock:
// assertions look only at this file's citizens. Other files' sessions may be reminded by
// these runs too, which is what the job is for.

type Headers = Record<string, string>;
let editor: Headers;

// The first request through the Worker loads its whole module graph: not inside a test's time.
beforeAll(async () => {
  await call('/api/v1/health');
  editor = (await signedInOfficial({ roles: ['training_editor'], agencyId: AGENCY })).headers;
}, 60_000);

async function remindersOf(c: TestCitizen) {
  return db().all<{ kind: string; title: string; body: string; link: string; dedupeKey: string }>(
    sql`select kind, title, body, link, dedupe_key as dedupeKey from notifications
      where recipient_type = 'user' and recipient_id = ${c.userId} and kind = 'training.reminder'
      order by id`,
  );
}

const registered = async (sessionId: string, name = 'Nguyễn Văn Lợi') => {
  const c = await signedInCitizen();
  await expectStatus(await registerFor(c.headers, sessionId, { name }), 201);
  return c;
};

describe('training reminders', () => {
  it('is registered in the hourly cron', () => {
    expect(trainingJobs).toContain(trainingReminderJob);
    expect(CRON_JOBS[HOURLY]).toContain(trainingReminderJob);
  });

  it('reminds each held registration of a session starting within 24 hours, once', async () => {
    // 08:30 in Vietnam (01:30 UTC) some day ahead, then moved to 3 hours from now.
    const { course, session } = await publishedSession(
      editor,
      {
        title: 'Buổi 1: Lịch lấy nước',
        startsAt: '2099-01-05T01:30:00.000Z',
        endsAt: '2099-01-05T03:30:00.000Z',
      },
      { title: 'Canh tác lúa thích ứng mặn' },
    );
    const kept = await registered(session.id);
    const leaving = await registered(session.id, 'Trần Thị Hoa');
    await call(`${PUBLIC}/sessions/${session.id}/registrations`, {
      method: 'DELETE',
      headers: leaving.headers,
    });
    const later = await publishedSession(editor, { startsAt: inHours(30) });
    const notYet = await registered(later.session.id);
    const soon = new Date(Date.now() + 3 * HOUR);
    soon.setUTCMinutes(30, 0, 0);
    await moveSession(
      session.id,
      soon.toISOString(),
      new Date(soon.getTime() + 2 * HOUR).toISOString(),
    );

    // Two runs at once, then another: one reminder.
    await Promise.all([
      sendTrainingReminders(db(), new Date()),
      sendTrainingReminders(db(), new Date()),
    ]);
    await sendTrainingReminders(db(), new Date());
    const got = await remindersOf(kept);
    expect(got).toHaveLength(1);
    const local = new Date(soon.getTime() + 7 * HOUR).toISOString();
    expect(got[0]).toMatchObject({
      title: 'Nhắc lịch tập huấn',
      link: `/online-training/c/${course.id}`,
      dedupeKey: expect.stringMatching(/^training\.reminder:/),
    });
    expect(got[0]?.body).toBe(
      `Buổi "Buổi 1: Lịch lấy nước" của khóa "Canh tác lúa thích ứng mặn" bắt đầu lúc ${local.slice(11, 16)} ngày ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}. Mở ứng dụng để vào phòng học trực tuyến.`,
    );
    expect(await remindersOf(leaving)).toEqual([]);
    expect(await remindersOf(notYet)).toEqual([]);
    const [row] = await db().all<{ at: string | null }>(
      sql`select reminder_sent_at as at from course_registrations where user_id = ${kept.userId}`,
    );
    expect(row?.at).toBeTruthy();

    // Someone registering after the run is reminded at the next one.
    const lastMinute = await registered(session.id, 'Lê Văn Tám');
    await sendTrainingReminders(db(), new Date());
    expect(await remindersOf(lastMinute)).toHaveLength(1);
    expect(await remindersOf(kept)).toHaveLength(1);

    // The session moves: a new reminder for the new time (and a notice of the change).
    const moved = new Date(soon.getTime() + 2 * HOUR).toISOString();
    await expectStatus(
      await send('PATCH', `${WORK}/sessions/${session.id}`, editor, {
        startsAt: moved,
        endsAt: new Date(Date.parse(moved) + 2 * HOUR).toISOString(),
      }),
      200,
    );
    await sendTrainingReminders(db(), new Date());
    const afterMove = await remindersOf(kept);
    expect(afterMove).toHaveLength(2);
    expect(afterMove[1]?.dedupeKey.endsWith(moved)).toBe(true);
    const [changed] = await db().all<{ n: number }>(sql`select count(*) as n from notifications
      where recipient_id = ${kept.userId} and kind = 'training.changed'`);
    expect(changed?.n).toBe(1);

    // The 30-hour session comes within the window.
    await moveSession(later.session.id, inHours(20), inHours(22));
    const outcome = await trainingReminderJob.run({
      env,
      db: db(),
      log: createLogger('error'),
      cron: HOURLY,
      scheduledAt: new Date(),
    });
    expect(outcome).toMatchObject({ reminded: expect.any(Number) });
    expect(await remindersOf(notYet)).toHaveLength(1);
  });

  it('skips cancelled courses and sessions already begun', async () => {
    const { course, session } = await publishedSession(editor, { startsAt: inHours(6) });
    const c = await registered(session.id);
    await expectStatus(await send('POST', `${WORK}/courses/${course.id}/cancel`, editor), 200);
    const begun = await publishedSession(editor, { startsAt: inHours(2) });
    const late = await registered(begun.session.id);
    await moveSession(begun.session.id, inHours(-0.5), inHours(1.5));
    await sendTrainingReminders(db(), new Date());
    expect(await remindersOf(c)).toEqual([]);
    expect(await remindersOf(late)).toEqual([]);
  });
});
