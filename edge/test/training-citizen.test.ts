import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  CourseSummary,
  MyRegistration,
  PublicCourse,
  PublicQuestion,
  WorkQuestion,
  WorkRegistration,
} from '../src/training/schemas';
import { call } from './helpers';
import { signedInCitizen, type TestCitizen } from './support/citizens';
import { signedInOfficial } from './support/officials';
import {
  AGENCY,
  auditOf,
  db,
  errorOf,
  expectStatus,
  inHours,
  json,
  moveSession,
  PUBLIC,
  publishedSession,
  registerFor,
  send,
  WORK,
} from './support/training';

// Citizens and online training through the real Worker and database: the catalogue, seats
// taken under parallel requests, the meeting link, cancelling, questions and attendance.

type Headers = Record<string, string>;
let editor: Headers;

// The first request through the Worker loads its whole module graph: not inside a test's time.
beforeAll(async () => {
  await call('/api/v1/health');
  editor = (await signedInOfficial({ roles: ['training_editor'], agencyId: AGENCY })).headers;
}, 60_000);

const courseView = async (id: string, headers: Headers = {}) =>
  json<PublicCourse>(await expectStatus(await call(`${PUBLIC}/courses/${id}`, { headers }), 200));

describe('catalogue', () => {
  it('lists published courses, searchable with or without tone marks, paged', async () => {
    const mark = crypto.randomUUID().slice(0, 8);
    const { course, session } = await publishedSession(
      editor,
      { startsAt: inHours(30) },
      {
        title: `Phòng chống xâm nhập mặn cho lúa ${mark}`,
        description: 'Đọc số liệu độ mặn trên ứng dụng.',
      },
    );
    // A draft with the same words is not listed.
    await send('POST', `${WORK}/courses`, editor, { title: `Bản nháp xâm nhập mặn ${mark}` });
    for (const q of [`xam nhap man ${mark}`, `XÂM NHẬP MẶN ${mark}`, `${mark} lua`]) {
      const page = await json<{ courses: CourseSummary[] }>(
        await call(`${PUBLIC}/courses?q=${encodeURIComponent(q)}`),
      );
      expect(
        page.courses.map((c) => c.id),
        q,
      ).toEqual([course.id]);
    }
    const [found] = (
      await json<{ courses: CourseSummary[] }>(
        await call(`${PUBLIC}/courses?q=${encodeURIComponent(mark)}`),
      )
    ).courses;
    expect(found).toMatchObject({
      agencyId: AGENCY,
      sessionCount: 1,
      materialCount: 0,
      nextSession: { id: session.id, startsAt: session.startsAt },
    });
    expect(
      (await json<{ courses: CourseSummary[] }>(await call(`${PUBLIC}/courses?q=khong-co-${mark}`)))
        .courses,
    ).toEqual([]);
  });

  it('pages with a cursor, soonest session first, without repeating a course', async () => {
    const mark = crypto.randomUUID().slice(0, 8);
    const made: string[] = [];
    for (const hours of [70, 10, 40]) {
      const { course } = await publishedSession(
        editor,
        { startsAt: inHours(hours) },
        { title: `Khóa phân trang ${mark} ${hours}` },
      );
      made.push(course.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `${PUBLIC}/courses?q=${mark}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await json<{ courses: CourseSummary[]; nextCursor: string | null }>(
        await call(url),
      );
      seen.push(...page.courses.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([made[1], made[2], made[0]]);
    expect((await call(`${PUBLIC}/courses?cursor=bad!`)).status).toBe(400);
    const bogus = await call(`${PUBLIC}/courses?cursor=${btoa('nonsense').replace(/=+$/, '')}`);
    expect((await errorOf(bogus)).code).toBe('invalid_cursor');
  });
});

describe('registration', () => {
  it('registers once, shows the meeting link only to the registered, cancels and frees the seat', async () => {
    const { course, session } = await publishedSession(editor, {
      capacity: 1,
      meetingUrl: 'https://meet.jit.si/phong-rieng',
    });
    const anonymous = await courseView(course.id);
    expect(anonymous.sessions[0]).toMatchObject({
      capacity: 1,
      registered: 0,
      seatsLeft: 1,
      myRegistration: null,
      meetingUrl: null,
    });
    expect((await registerFor({}, session.id)).status).toBe(401);

    const a = await signedInCitizen();
    const b = await signedInCitizen();
    const first = await registerFor(a.headers, session.id, {
      name: 'Nguyễn Văn Lợi',
      phone: '0912345678',
    });
    await expectStatus(first, 201);
    const { registration } = await json<{ registration: { id: string; meetingUrl: string } }>(
      first,
    );
    expect(registration.meetingUrl).toBe('https://meet.jit.si/phong-rieng');
    // A retry answers the same registration and takes no second seat.
    const again = await registerFor(a.headers, session.id, { name: 'Nguyễn Văn Lợi' });
    expect(again.status).toBe(200);
    expect((await json<{ registration: { id: string } }>(again)).registration.id).toBe(
      registration.id,
    );

    const seenByA = await courseView(course.id, a.headers);
    expect(seenByA.sessions[0]).toMatchObject({
      registered: 1,
      seatsLeft: 0,
      myRegistration: { id: registration.id, attendedAt: null },
      meetingUrl: 'https://meet.jit.si/phong-rieng',
    });
    expect((await courseView(course.id, b.headers)).sessions[0]?.meetingUrl).toBeNull();

    const full = await registerFor(b.headers, session.id, { name: 'Lê Thị Thu' });
    expect(full.status).toBe(409);
    expect((await errorOf(full)).code).toBe('session_full');

    const mine = await json<{ registrations: MyRegistration[] }>(
      await call(`${PUBLIC}/registrations`, { headers: a.headers }),
    );
    expect(mine.registrations).toEqual([
      expect.objectContaining({
        id: registration.id,
        phone: '0912345678',
        session: expect.objectContaining({
          id: session.id,
          meetingUrl: 'https://meet.jit.si/phong-rieng',
        }),
        course: expect.objectContaining({ id: course.id, status: 'published' }),
      }),
    ]);

    const cancel = () =>
      call(`${PUBLIC}/sessions/${session.id}/registrations`, {
        method: 'DELETE',
        headers: a.headers,
      });
    expect((await cancel()).status).toBe(204);
    expect((await cancel()).status).toBe(204);
    expect((await courseView(course.id)).sessions[0]?.registered).toBe(0);
    expect(
      (
        await json<{ registrations: MyRegistration[] }>(
          await call(`${PUBLIC}/registrations`, { headers: a.headers }),
        )
      ).registrations,
    ).toEqual([]);
    await expectStatus(await registerFor(b.headers, session.id, { name: 'Lê Thị Thu' }), 201);
    // A comes back to a full session; once B leaves, A's old registration is restored.
    expect((await registerFor(a.headers, session.id)).status).toBe(409);
    await call(`${PUBLIC}/sessions/${session.id}/registrations`, {
      method: 'DELETE',
      headers: b.headers,
    });
    const back = await registerFor(a.headers, session.id, { name: 'Nguyễn Văn Lợi' });
    await expectStatus(back, 201);
    expect((await json<{ registration: { id: string } }>(back)).registration.id).toBe(
      registration.id,
    );
    const [row] = await db().all<{ registered: number; active: number }>(sql`select s.registered,
        (select count(*) from course_registrations r
          where r.session_id = s.id and r.cancelled_at is null) as active
      from course_sessions s where s.id = ${session.id}`);
    expect(row).toEqual({ registered: 1, active: 1 });
  });

  it('never overfills a session under parallel registrations', async () => {
    const { session } = await publishedSession(editor, { capacity: 5 });
    const citizens = await Promise.all(Array.from({ length: 30 }, () => signedInCitizen()));
    const answers = await Promise.all(
      citizens.map((c, i) => registerFor(c.headers, session.id, { name: `Người dân số ${i + 1}` })),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(25);
    for (const r of answers.filter((x) => x.status === 409)) {
      expect((await errorOf(r)).code).toBe('session_full');
    }
    const [row] = await db().all<{ registered: number; active: number }>(sql`select s.registered,
        (select count(*) from course_registrations r
          where r.session_id = s.id and r.cancelled_at is null) as active
      from course_sessions s where s.id = ${session.id}`);
    expect(row).toEqual({ registered: 5, active: 5 });
  });

  it('takes one seat for the same person tapping many times at once', async () => {
    const { session } = await publishedSession(editor, { capacity: 3 });
    const c = await signedInCitizen();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => registerFor(c.headers, session.id)),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const ids = new Set(
      await Promise.all(
        answers.map(async (r) => (await json<{ registration: { id: string } }>(r)).registration.id),
      ),
    );
    expect(ids.size).toBe(1);
    const [row] = await db().all<{ registered: number }>(
      sql`select registered from course_sessions where id = ${session.id}`,
    );
    expect(row?.registered).toBe(1);
  });

  it('closes registration and cancellation once the session has started; checks the request', async () => {
    const { course, session } = await publishedSession(editor);
    const early = await signedInCitizen();
    await expectStatus(await registerFor(early.headers, session.id), 201);
    await moveSession(session.id, inHours(-0.5), inHours(1.5));
    const late = await signedInCitizen();
    const refused = await registerFor(late.headers, session.id);
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).code).toBe('session_started');
    const cancel = await call(`${PUBLIC}/sessions/${session.id}/registrations`, {
      method: 'DELETE',
      headers: early.headers,
    });
    expect(cancel.status).toBe(409);
    expect((await errorOf(cancel)).code).toBe('session_started');
    // The registered person keeps the link while the session goes on.
    expect((await courseView(course.id, early.headers)).sessions[0]?.meetingUrl).toBeTruthy();

    const c = await signedInCitizen();
    const badPhone = await registerFor(c.headers, session.id, { name: 'Ông Ba', phone: '12345' });
    expect(badPhone.status).toBe(400);
    expect((await registerFor(c.headers, session.id, { name: '' })).status).toBe(400);
    expect((await registerFor(c.headers, 'khong-co-buoi-nay')).status).toBe(404);
  });

  it('hides drafts and refuses cancelled courses, telling the registered', async () => {
    const draft = await send('POST', `${WORK}/courses`, editor, { title: 'Khóa học chưa công bố' });
    const draftId = (await json<{ course: { id: string } }>(draft)).course.id;
    const draftSession = await send('POST', `${WORK}/courses/${draftId}/sessions`, editor, {
      title: 'Buổi nháp',
      startsAt: inHours(20),
      endsAt: inHours(22),
      meetingUrl: 'https://meet.jit.si/nhap',
    });
    const draftSessionId = (await json<{ session: { id: string } }>(draftSession)).session.id;
    const c = await signedInCitizen();
    expect((await registerFor(c.headers, draftSessionId)).status).toBe(404);

    const { course, session } = await publishedSession(editor);
    await expectStatus(await registerFor(c.headers, session.id), 201);
    await expectStatus(await send('POST', `${WORK}/courses/${course.id}/cancel`, editor), 200);
    const other = await signedInCitizen();
    const refused = await registerFor(other.headers, session.id);
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).code).toBe('course_cancelled');
    expect((await courseView(course.id)).status).toBe('cancelled');
    const notes = await db().all<{
      kind: string;
      link: string;
      body: string;
    }>(sql`select kind, link, body
      from notifications where recipient_type = 'user' and recipient_id = ${c.userId}`);
    expect(notes).toEqual([
      expect.objectContaining({
        kind: 'training.cancelled',
        link: `/online-training/c/${course.id}`,
      }),
    ]);
    // Cancelling again notifies nobody twice.
    await send('POST', `${WORK}/courses/${course.id}/cancel`, editor);
    const [n] = await db().all<{ n: number }>(sql`select count(*) as n from notifications
      where recipient_type = 'user' and recipient_id = ${c.userId}`);
    expect(n?.n).toBe(1);
  });
});

describe('questions and attendance', () => {
  let course: { id: string };
  let session: { id: string };
  let asker: TestCitizen;
  let other: TestCitizen;

  beforeAll(async () => {
    ({ course, session } = await publishedSession(editor, {
      startsAt: inHours(5),
      endsAt: inHours(7),
    }));
    asker = await signedInCitizen();
    other = await signedInCitizen();
    await expectStatus(
      await registerFor(asker.headers, session.id, { name: 'Nguyễn Văn Lợi' }),
      201,
    );
    await expectStatus(await registerFor(other.headers, session.id, { name: 'Trần Thị Hoa' }), 201);
  });

  const ask = (c: TestCitizen | null, text: string) =>
    send('POST', `${PUBLIC}/sessions/${session.id}/questions`, c?.headers ?? {}, { body: text });
  const publicList = async (c: TestCitizen | null) =>
    (
      await json<{ questions: PublicQuestion[] }>(
        await call(`${PUBLIC}/sessions/${session.id}/questions`, { headers: c?.headers ?? {} }),
      )
    ).questions;

  it('takes questions from registered people before the session, once per text', async () => {
    const stranger = await signedInCitizen();
    const refused = await ask(stranger, 'Tôi chưa đăng ký có hỏi được không?');
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('registration_required');
    expect((await ask(null, 'Ẩn danh hỏi')).status).toBe(401);

    const q1 = await ask(asker, 'Độ mặn bao nhiêu thì ngưng lấy nước vào ruộng?');
    await expectStatus(q1, 201);
    const { question } = await json<{ question: PublicQuestion }>(q1);
    expect(question).toMatchObject({ askerName: 'Nguyễn Văn Lợi', answer: null, mine: true });
    const retry = await ask(asker, 'Độ mặn bao nhiêu thì ngưng lấy nước vào ruộng?');
    expect(retry.status).toBe(200);
    expect((await json<{ question: PublicQuestion }>(retry)).question.id).toBe(question.id);
    await expectStatus(await ask(other, 'Giống OM 18 chịu mặn tới mức nào?'), 201);

    // Unanswered questions: each asker sees their own only; others see none.
    expect((await publicList(asker)).map((q) => q.id)).toEqual([question.id]);
    expect(await publicList(null)).toEqual([]);
    expect((await publicList(other)).map((q) => q.body)).toEqual([
      'Giống OM 18 chịu mặn tới mức nào?',
    ]);
  });

  it('lets the trainer answer; the asker is notified once, everyone reads the answer', async () => {
    const listed = await json<{ questions: WorkQuestion[] }>(
      await send('GET', `${WORK}/sessions/${session.id}/questions`, editor),
    );
    expect(listed.questions.map((q) => q.askerName)).toEqual(['Nguyễn Văn Lợi', 'Trần Thị Hoa']);
    const target = listed.questions[0] as WorkQuestion;
    const answer = (text: string) =>
      send('POST', `${WORK}/questions/${target.id}/answer`, editor, { answer: text });
    await expectStatus(await answer('Trên 2‰ thì ngưng lấy nước, theo dõi trạm gần nhất.'), 200);
    const corrected = await answer('Trên 2 g/l (2‰) thì ngưng lấy nước; theo dõi trạm gần nhất.');
    const saved = (await json<{ question: WorkQuestion }>(corrected)).question;
    expect(saved.answer).toBe('Trên 2 g/l (2‰) thì ngưng lấy nước; theo dõi trạm gần nhất.');
    expect(saved.answeredBy).toContain('Cán bộ');

    const seen = await publicList(null);
    expect(seen).toEqual([
      expect.objectContaining({
        id: target.id,
        askerName: 'Lợi',
        answer: 'Trên 2 g/l (2‰) thì ngưng lấy nước; theo dõi trạm gần nhất.',
        mine: false,
      }),
    ]);
    const notes = await db().all<{ kind: string; link: string }>(sql`select kind, link
      from notifications where recipient_type = 'user' and recipient_id = ${asker.userId}
        and kind = 'training.answer'`);
    expect(notes).toEqual([{ kind: 'training.answer', link: `/online-training/c/${course.id}` }]);
    expect((await auditOf(target.id)).map((a) => a.action)).toEqual([
      'course_question.answer',
      'course_question.answer',
    ]);
  });

  it('records attendance once the session has started', async () => {
    const regs = await json<{ registrations: WorkRegistration[] }>(
      await send('GET', `${WORK}/sessions/${session.id}/registrations`, editor),
    );
    const ids = regs.registrations.map((r) => r.id);
    expect(regs.registrations.map((r) => r.name)).toEqual(['Nguyễn Văn Lợi', 'Trần Thị Hoa']);
    const mark = (registrationIds: string[], attended: boolean) =>
      send('POST', `${WORK}/sessions/${session.id}/attendance`, editor, {
        registrationIds,
        attended,
      });
    const early = await mark(ids, true);
    expect(early.status).toBe(409);
    expect((await errorOf(early)).code).toBe('session_not_started');

    await moveSession(session.id, inHours(-1), inHours(1));
    const both = await json<{ updated: number; registrations: WorkRegistration[] }>(
      await expectStatus(await mark(ids, true), 200),
    );
    expect(both.updated).toBe(2);
    expect(both.registrations.every((r) => r.attendedAt !== null)).toBe(true);
    expect((await json<{ updated: number }>(await mark(ids, true))).updated).toBe(0);
    const undone = await json<{ updated: number; registrations: WorkRegistration[] }>(
      await mark([ids[1] as string, 'khong-co'], false),
    );
    expect(undone.updated).toBe(1);
    expect(undone.registrations.map((r) => r.attendedAt !== null)).toEqual([true, false]);
    // Two changes audited; the call that changed nothing is not.
    expect(
      (await auditOf(session.id)).filter((a) => a.action === 'course_session.attendance'),
    ).toHaveLength(2);
    const view = await courseView(course.id, asker.headers);
    expect(view.sessions[0]?.myRegistration?.attendedAt).toBeTruthy();

    // Questions are still taken during the session, not after it.
    await expectStatus(await ask(other, 'Trong buổi: cần đo mặn lúc nào trong ngày?'), 201);
    await moveSession(session.id, inHours(-3), inHours(-1));
    const after = await ask(other, 'Sau buổi học có hỏi được nữa không?');
    expect(after.status).toBe(409);
    expect((await errorOf(after)).code).toBe('session_ended');
  });
});
