import { notifications } from '@tinh/db/schema';
import { type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { AuditEntryInput } from '../audit/log';
import { auditIfChanged } from '../management/repo';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import { foldVietnamese } from '../platform/text';
import { base64url } from '../reports/tokens';
import {
  type CourseSummary,
  MAX_QUESTIONS_PER_PERSON,
  type Material,
  type MyRegistration,
  type PublicCourse,
  type PublicQuestion,
  type WorkCourse,
  type WorkCourseSummary,
  type WorkQuestion,
  type WorkRegistration,
  type WorkSession,
} from './schemas';

// Online training in the database. Every write is one batch (one transaction) with its
// audit entry and the notifications it sends. Seats are counted in course_sessions.registered
// and taken by one conditional UPDATE (`registered < capacity`), so parallel registrations
// can never overfill a session: the registration row is written only if that UPDATE took a
// seat, in the same transaction.

export const courseLink = (courseId: string) => `/online-training/c/${courseId}`;
export const publicMaterialUrl = (id: string) => `/api/v1/training/materials/${id}`;
export const workMaterialUrl = (id: string) => `/api/v1/work/training/materials/${id}`;

export type CourseStatus = 'draft' | 'published' | 'cancelled';

export interface CourseRow {
  id: string;
  agencyId: string;
  agencyName: string;
  title: string;
  description: string;
  audience: string | null;
  status: CourseStatus;
  createdBy: string;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const COURSE_COLUMNS = sql`c.id as id, c.agency_id as agencyId, a.name as agencyName,
  c.title as title, c.description as description, c.audience as audience, c.status as status,
  c.created_by as createdBy, c.published_at as publishedAt, c.created_at as createdAt,
  c.updated_at as updatedAt`;

const courseQuery = (db: Db, where: SQL) =>
  db.all<CourseRow>(sql`select ${COURSE_COLUMNS}
    from courses c join agencies a on a.id = c.agency_id where ${where}`);

interface MaterialRow {
  id: string;
  courseId: string;
  title: string;
  objectKey: string;
  fileName: string;
  contentType: string;
  bytes: number;
  sha256: string;
  createdAt: string;
}

const MATERIAL_COLUMNS = sql`m.id as id, m.course_id as courseId, m.title as title,
  m.object_key as objectKey, m.file_name as fileName, m.content_type as contentType,
  m.bytes as bytes, m.sha256 as sha256, m.created_at as createdAt`;

const materialsOf = (db: Db, courseId: string) =>
  db.all<MaterialRow>(sql`select ${MATERIAL_COLUMNS} from course_materials m
    where m.course_id = ${courseId} order by m.created_at, m.id`);

const materialAnswer =
  (url: (id: string) => string) =>
  (m: MaterialRow): Material => ({
    id: m.id,
    title: m.title,
    fileName: m.fileName,
    contentType: m.contentType,
    bytes: m.bytes,
    url: url(m.id),
    createdAt: m.createdAt,
  });

// ---- the public catalogue -------------------------------------------------------------------

interface CatalogueRow {
  id: string;
  title: string;
  description: string;
  audience: string | null;
  agencyId: string;
  agencyName: string;
  publishedAt: string | null;
  createdAt: string;
  sessionCount: number;
  materialCount: number;
  nextId: string | null;
  nextStartsAt: string | null;
}

const FAR_FUTURE_MS = 9_000_000_000_000_000;

/**
 * Where a course sorts: those with a session to come (or going on) first, soonest first;
 * then the others, the most recently published first. A text key, so the page cursor is
 * the last key and paging stays stable while courses are added.
 */
function catalogueKey(r: CatalogueRow): string {
  if (r.nextStartsAt) return `0|${r.nextStartsAt}|${r.id}`;
  const published = Date.parse(r.publishedAt ?? r.createdAt) || 0;
  return `1|${String(FAR_FUTURE_MS - published).padStart(16, '0')}|${r.id}`;
}

function decodeCursor(text: string): string {
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const key = new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
    if (/^[01]\|[^|]{1,40}\|[A-Za-z0-9_-]{1,64}$/.test(key)) return key;
  } catch {
    // answered below
  }
  throw new ApiError(400, 'invalid_cursor', 'Con trỏ trang không hợp lệ.');
}

/** Every word of the query in the course's text, both folded (no tone marks, đ → d). */
export function matchesQuery(words: readonly string[], ...fields: (string | null)[]): boolean {
  if (words.length === 0) return true;
  const haystack = foldVietnamese(fields.filter(Boolean).join(' '));
  return words.every((w) => haystack.includes(w));
}

export const queryWords = (q: string | undefined) =>
  q ? foldVietnamese(q).split(' ').filter(Boolean) : [];

/**
 * Published courses. SQLite cannot fold Vietnamese tone marks, so the catalogue (published
 * courses only: a province's agencies publish tens a year) is read whole in one query with
 * its counts, then searched, sorted and paged here.
 */
export async function listPublicCourses(
  db: Db,
  q: { q?: string; cursor?: string; limit: number },
  now: string,
): Promise<{ courses: CourseSummary[]; nextCursor: string | null }> {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await db.all<CatalogueRow>(sql`select c.id as id, c.title as title,
      c.description as description, c.audience as audience, c.agency_id as agencyId,
      a.name as agencyName, c.published_at as publishedAt, c.created_at as createdAt,
      (select count(*) from course_sessions s where s.course_id = c.id) as sessionCount,
      (select count(*) from course_materials m where m.course_id = c.id) as materialCount,
      n.id as nextId, n.starts_at as nextStartsAt
    from courses c
    join agencies a on a.id = c.agency_id
    left join course_sessions n on n.id = (select s.id from course_sessions s
      where s.course_id = c.id and s.ends_at > ${now} order by s.starts_at, s.id limit 1)
    where c.status = 'published'`);
  const words = queryWords(q.q);
  const matching = rows
    .filter((r) => matchesQuery(words, r.title, r.description, r.audience, r.agencyName))
    .map((r) => ({ r, key: catalogueKey(r) }))
    .filter((x) => after === null || x.key > after)
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const page = matching.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    courses: page.map(({ r }) => ({
      id: r.id,
      title: r.title,
      description: r.description,
      audience: r.audience,
      agencyId: r.agencyId,
      agencyName: r.agencyName,
      nextSession: r.nextId && r.nextStartsAt ? { id: r.nextId, startsAt: r.nextStartsAt } : null,
      sessionCount: r.sessionCount,
      materialCount: r.materialCount,
    })),
    nextCursor:
      matching.length > q.limit && last ? base64url(new TextEncoder().encode(last.key)) : null,
  };
}

interface PublicSessionRow {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  trainerName: string | null;
  capacity: number | null;
  registered: number;
  meetingUrl: string;
  registrationId: string | null;
  attendedAt: string | null;
}

/**
 * A published (or cancelled) course as a citizen sees it; a draft does not exist for them.
 * The meeting link is given only for the sessions `userId` registered for.
 */
export async function publicCourse(
  db: Db,
  id: string,
  userId: string | null,
): Promise<PublicCourse | undefined> {
  const [courses, sessions, materials] = await db.batch([
    courseQuery(db, sql`c.id = ${id} and c.status <> 'draft'`),
    db.all<PublicSessionRow>(sql`select s.id as id, s.title as title, s.starts_at as startsAt,
        s.ends_at as endsAt, s.trainer_name as trainerName, s.capacity as capacity,
        s.registered as registered, s.meeting_url as meetingUrl,
        r.id as registrationId, r.attended_at as attendedAt
      from course_sessions s
      left join course_registrations r on r.session_id = s.id and r.user_id = ${userId}
        and r.cancelled_at is null
      where s.course_id = ${id}
      order by s.starts_at, s.id`),
    materialsOf(db, id),
  ]);
  const course = courses[0];
  if (!course || course.status === 'draft') return undefined;
  return {
    id: course.id,
    title: course.title,
    description: course.description,
    audience: course.audience,
    agencyId: course.agencyId,
    agencyName: course.agencyName,
    status: course.status,
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      trainerName: s.trainerName,
      capacity: s.capacity,
      registered: s.registered,
      seatsLeft: s.capacity === null ? null : Math.max(0, s.capacity - s.registered),
      myRegistration: s.registrationId ? { id: s.registrationId, attendedAt: s.attendedAt } : null,
      meetingUrl: s.registrationId ? s.meetingUrl : null,
    })),
    materials: materials.map(materialAnswer(publicMaterialUrl)),
  };
}

// ---- registrations ------------------------------------------------------------------------

interface SeatState {
  courseStatus: CourseStatus;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
  registered: number;
  meetingUrl: string;
  registrationId: string | null;
  cancelledAt: string | null;
}

const seatState = (db: Db, sessionId: string, userId: string) =>
  db.all<SeatState>(sql`select c.status as courseStatus, s.starts_at as startsAt,
      s.ends_at as endsAt, s.capacity as capacity, s.registered as registered,
      s.meeting_url as meetingUrl, r.id as registrationId, r.cancelled_at as cancelledAt
    from course_sessions s
    join courses c on c.id = s.course_id
    left join course_registrations r on r.session_id = s.id and r.user_id = ${userId}
    where s.id = ${sessionId}`);

export type RegisterOutcome =
  | {
      kind: 'created' | 'existing';
      registration: { id: string; sessionId: string; meetingUrl: string };
    }
  | { kind: 'not_found' | 'course_cancelled' | 'session_started' | 'session_full' };

/**
 * Takes a seat and writes the registration in one transaction: the UPDATE takes the seat
 * only while the session has one, has not started, its course is published and the person
 * holds no seat in it yet; the INSERT runs only if the UPDATE did (changes() = 1), and
 * brings a cancelled registration of the same person back instead of adding a row. A retry
 * or a double tap finds the registration and changes nothing.
 */
export async function register(
  db: Db,
  q: { sessionId: string; userId: string; name: string; phone: string | null; now: string },
): Promise<RegisterOutcome> {
  const [, , created, state] = await db.batch([
    db.run(sql`update course_sessions set registered = registered + 1
      where id = ${q.sessionId} and starts_at > ${q.now}
        and (capacity is null or registered < capacity)
        and exists (select 1 from courses c
          where c.id = course_sessions.course_id and c.status = 'published')
        and not exists (select 1 from course_registrations r
          where r.session_id = ${q.sessionId} and r.user_id = ${q.userId}
            and r.cancelled_at is null)`),
    db.run(sql`insert into course_registrations (id, session_id, user_id, name, phone, created_at)
      select ${crypto.randomUUID()}, ${q.sessionId}, ${q.userId}, ${q.name}, ${q.phone}, ${q.now}
      where changes() = 1
      on conflict (session_id, user_id) do update set cancelled_at = null, attended_at = null,
        reminder_sent_at = null, name = excluded.name, phone = excluded.phone,
        created_at = excluded.created_at`),
    db.all<{ n: number }>(sql`select changes() as n`),
    seatState(db, q.sessionId, q.userId),
  ]);
  const s = state[0];
  if (!s || s.courseStatus === 'draft') return { kind: 'not_found' };
  if (s.registrationId && s.cancelledAt === null) {
    return {
      kind: created[0]?.n === 1 ? 'created' : 'existing',
      registration: { id: s.registrationId, sessionId: q.sessionId, meetingUrl: s.meetingUrl },
    };
  }
  if (s.courseStatus === 'cancelled') return { kind: 'course_cancelled' };
  if (s.startsAt <= q.now) return { kind: 'session_started' };
  return { kind: 'session_full' };
}

/**
 * Cancels the person's registration and frees its seat, in one transaction (the seat is
 * given back only if this call cancelled something). Refused once the session has started:
 * the list of who was there is the trainer's by then.
 */
export async function cancelRegistration(
  db: Db,
  q: { sessionId: string; userId: string; now: string },
): Promise<'cancelled' | 'not_registered' | 'not_found' | 'session_started'> {
  const [cancelled, , state] = await db.batch([
    db.all(sql`update course_registrations set cancelled_at = ${q.now}
      where session_id = ${q.sessionId} and user_id = ${q.userId} and cancelled_at is null
        and exists (select 1 from course_sessions s
          where s.id = ${q.sessionId} and s.starts_at > ${q.now})
      returning id`),
    db.run(sql`update course_sessions set registered = registered - 1
      where id = ${q.sessionId} and changes() = 1`),
    seatState(db, q.sessionId, q.userId),
  ]);
  if (cancelled.length > 0) return 'cancelled';
  const s = state[0];
  if (!s || s.courseStatus === 'draft') return 'not_found';
  if (s.registrationId && s.cancelledAt === null) return 'session_started';
  return 'not_registered';
}

interface MyRegistrationRow {
  id: string;
  name: string;
  phone: string | null;
  createdAt: string;
  attendedAt: string | null;
  sessionId: string;
  sessionTitle: string;
  startsAt: string;
  endsAt: string;
  trainerName: string | null;
  meetingUrl: string;
  courseId: string;
  courseTitle: string;
  courseStatus: CourseStatus;
  agencyName: string;
}

/** The person's registrations: sessions to come (soonest first), then past ones (latest first). */
export async function myRegistrations(
  db: Db,
  userId: string,
  now: string,
): Promise<MyRegistration[]> {
  const rows = await db.all<MyRegistrationRow>(sql`select r.id as id, r.name as name,
      r.phone as phone, r.created_at as createdAt, r.attended_at as attendedAt,
      s.id as sessionId, s.title as sessionTitle, s.starts_at as startsAt, s.ends_at as endsAt,
      s.trainer_name as trainerName, s.meeting_url as meetingUrl, c.id as courseId,
      c.title as courseTitle, c.status as courseStatus, a.name as agencyName
    from course_registrations r
    join course_sessions s on s.id = r.session_id
    join courses c on c.id = s.course_id
    join agencies a on a.id = c.agency_id
    where r.user_id = ${userId} and r.cancelled_at is null and c.status <> 'draft'
    order by case when s.ends_at > ${now} then 0 else 1 end,
      case when s.ends_at > ${now} then s.starts_at end asc,
      s.starts_at desc, s.id
    limit 500`);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    phone: r.phone,
    createdAt: r.createdAt,
    attendedAt: r.attendedAt,
    session: {
      id: r.sessionId,
      title: r.sessionTitle,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      trainerName: r.trainerName,
      meetingUrl: r.meetingUrl,
    },
    course: {
      id: r.courseId,
      title: r.courseTitle,
      agencyName: r.agencyName,
      status: r.courseStatus,
    },
  }));
}

// ---- questions ----------------------------------------------------------------------------

interface QuestionRow {
  id: string;
  sessionId: string;
  userId: string;
  askerName: string;
  body: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  createdAt: string;
}

const QUESTION_COLUMNS = sql`q.id as id, q.session_id as sessionId, q.user_id as userId,
  q.asker_name as askerName, q.body as body, q.answer as answer,
  o.full_name as answeredBy, q.answered_at as answeredAt, q.created_at as createdAt`;

/** "Nguyễn Văn Lợi" → "Lợi": others' questions are shown with the given name only. */
export function givenName(name: string): string {
  const parts = name.trim().split(/\s+/);
  return parts[parts.length - 1] ?? name;
}

/**
 * The questions of a session a citizen may read: the answered ones, and their own whatever
 * their state. Undefined when the session is not in a published (or cancelled) course.
 */
export async function publicQuestions(
  db: Db,
  sessionId: string,
  userId: string | null,
): Promise<PublicQuestion[] | undefined> {
  const [visible, rows] = await db.batch([
    db.all(sql`select 1 from course_sessions s join courses c on c.id = s.course_id
      where s.id = ${sessionId} and c.status <> 'draft'`),
    db.all<QuestionRow>(sql`select ${QUESTION_COLUMNS}
      from course_questions q left join officials o on o.id = q.answered_by
      where q.session_id = ${sessionId}
        and (q.answer is not null or q.user_id = ${userId})
      order by q.created_at, q.id
      limit 500`),
  ]);
  if (visible.length === 0) return undefined;
  return rows.map((q) => {
    const mine = userId !== null && q.userId === userId;
    return {
      id: q.id,
      askerName: mine ? q.askerName : givenName(q.askerName),
      body: q.body,
      answer: q.answer,
      answeredAt: q.answeredAt,
      createdAt: q.createdAt,
      mine,
    };
  });
}

export type AskOutcome =
  | { kind: 'created' | 'existing'; question: PublicQuestion }
  | {
      kind:
        | 'not_found'
        | 'course_cancelled'
        | 'registration_required'
        | 'session_ended'
        | 'too_many_questions';
    };

/**
 * A registered person's question, before or during the session. The same text asked again
 * by the same person (a retry) answers the question already there.
 */
export async function askQuestion(
  db: Db,
  q: { sessionId: string; userId: string; body: string; now: string },
): Promise<AskOutcome> {
  const [, created, rows, state] = await db.batch([
    db.run(sql`insert into course_questions (id, session_id, user_id, asker_name, body, created_at)
      select ${crypto.randomUUID()}, r.session_id, r.user_id, r.name, ${q.body}, ${q.now}
      from course_registrations r
      join course_sessions s on s.id = r.session_id
      join courses c on c.id = s.course_id
      where r.session_id = ${q.sessionId} and r.user_id = ${q.userId}
        and r.cancelled_at is null and s.ends_at > ${q.now} and c.status = 'published'
        and not exists (select 1 from course_questions x
          where x.session_id = ${q.sessionId} and x.user_id = ${q.userId} and x.body = ${q.body})
        and (select count(*) from course_questions x
          where x.session_id = ${q.sessionId} and x.user_id = ${q.userId})
          < ${MAX_QUESTIONS_PER_PERSON}`),
    db.all<{ n: number }>(sql`select changes() as n`),
    db.all<QuestionRow>(sql`select ${QUESTION_COLUMNS}
      from course_questions q left join officials o on o.id = q.answered_by
      where q.session_id = ${q.sessionId} and q.user_id = ${q.userId} and q.body = ${q.body}
      order by q.created_at limit 1`),
    seatState(db, q.sessionId, q.userId),
  ]);
  const found = rows[0];
  if (found) {
    return {
      kind: created[0]?.n === 1 ? 'created' : 'existing',
      question: {
        id: found.id,
        askerName: found.askerName,
        body: found.body,
        answer: found.answer,
        answeredAt: found.answeredAt,
        createdAt: found.createdAt,
        mine: true,
      },
    };
  }
  const s = state[0];
  if (!s || s.courseStatus === 'draft') return { kind: 'not_found' };
  if (s.courseStatus === 'cancelled') return { kind: 'course_cancelled' };
  if (!s.registrationId || s.cancelledAt !== null) return { kind: 'registration_required' };
  if (s.endsAt <= q.now) return { kind: 'session_ended' };
  return { kind: 'too_many_questions' };
}

// ---- editors: courses ---------------------------------------------------------------------

interface WorkSummaryRow extends CourseRow {
  sessionCount: number;
  materialCount: number;
  registered: number;
  unanswered: number;
  nextId: string | null;
  nextStartsAt: string | null;
}

/** An agency's courses (all agencies: null), most recently changed first. */
export async function listWorkCourses(
  db: Db,
  q: { agencyId: string | null; status?: CourseStatus; q?: string },
  now: string,
): Promise<WorkCourseSummary[]> {
  const rows = await db.all<WorkSummaryRow>(sql`select ${COURSE_COLUMNS},
      (select count(*) from course_sessions s where s.course_id = c.id) as sessionCount,
      (select count(*) from course_materials m where m.course_id = c.id) as materialCount,
      (select coalesce(sum(s.registered), 0) from course_sessions s where s.course_id = c.id)
        as registered,
      (select count(*) from course_questions q join course_sessions s on s.id = q.session_id
        where s.course_id = c.id and q.answer is null) as unanswered,
      n.id as nextId, n.starts_at as nextStartsAt
    from courses c
    join agencies a on a.id = c.agency_id
    left join course_sessions n on n.id = (select s.id from course_sessions s
      where s.course_id = c.id and s.ends_at > ${now} order by s.starts_at, s.id limit 1)
    where 1 = 1
      ${q.agencyId !== null ? sql`and c.agency_id = ${q.agencyId}` : sql``}
      ${q.status ? sql`and c.status = ${q.status}` : sql``}
    order by c.updated_at desc, c.id
    limit 1000`);
  const words = queryWords(q.q);
  return rows
    .filter((r) => matchesQuery(words, r.title, r.description, r.audience))
    .map(({ createdBy: _createdBy, nextId, nextStartsAt, ...r }) => ({
      ...r,
      nextSession: nextId && nextStartsAt ? { id: nextId, startsAt: nextStartsAt } : null,
    }));
}

const WORK_SESSION_COLUMNS = sql`s.id as id, s.course_id as courseId, s.title as title,
  s.starts_at as startsAt, s.ends_at as endsAt, s.meeting_url as meetingUrl,
  s.trainer_name as trainerName, s.capacity as capacity, s.registered as registered,
  s.updated_at as updatedAt,
  (select count(*) from course_registrations r
    where r.session_id = s.id and r.cancelled_at is null and r.attended_at is not null)
    as attended,
  (select count(*) from course_questions q where q.session_id = s.id) as questions,
  (select count(*) from course_questions q where q.session_id = s.id and q.answer is null)
    as unanswered`;

const workSessionsQuery = (db: Db, where: SQL) =>
  db.all<WorkSession>(sql`select ${WORK_SESSION_COLUMNS} from course_sessions s
    where ${where} order by s.starts_at, s.id`);

/** The course, any status, with everything an editor manages. */
export async function workCourse(db: Db, id: string): Promise<WorkCourse | undefined> {
  const [courses, sessions, materials] = await db.batch([
    courseQuery(db, sql`c.id = ${id}`),
    workSessionsQuery(db, sql`s.course_id = ${id}`),
    materialsOf(db, id),
  ]);
  const course = courses[0];
  if (!course) return undefined;
  const { createdBy: _createdBy, ...rest } = course;
  return { ...rest, sessions, materials: materials.map(materialAnswer(workMaterialUrl)) };
}

export async function findCourse(db: Db, id: string): Promise<CourseRow | undefined> {
  return (await courseQuery(db, sql`c.id = ${id}`))[0];
}

export async function agencyExists(db: Db, id: string): Promise<boolean> {
  return (await db.all(sql`select 1 from agencies where id = ${id}`)).length > 0;
}

export interface CourseValues {
  title: string;
  description: string;
  audience: string | null;
}

/** Adds a draft course; false when its id (the client's request key) is already taken. */
export async function createCourse(
  db: Db,
  q: CourseValues & { id: string; agencyId: string; createdBy: string; now: string },
  audit: AuditEntryInput,
): Promise<boolean> {
  const [inserted] = await db.batch([
    db.all(sql`insert into courses (id, agency_id, title, description, audience, status,
        created_by, created_at, updated_at)
      values (${q.id}, ${q.agencyId}, ${q.title}, ${q.description}, ${q.audience}, 'draft',
        ${q.createdBy}, ${q.now}, ${q.now})
      on conflict (id) do nothing returning id`),
    auditIfChanged(db, audit),
  ]);
  return inserted.length > 0;
}

/** Saves the course's texts if nobody changed it since `updatedAt` (false: someone did). */
export async function updateCourse(
  db: Db,
  q: CourseValues & { id: string; updatedAt: string; now: string },
  audit: AuditEntryInput,
): Promise<boolean> {
  const [updated] = await db.batch([
    db.all(sql`update courses set title = ${q.title}, description = ${q.description},
        audience = ${q.audience}, updated_at = ${q.now}
      where id = ${q.id} and updated_at = ${q.updatedAt} and status <> 'cancelled'
      returning id`),
    auditIfChanged(db, audit),
  ]);
  return updated.length > 0;
}

/** Draft → published (the first publication's time is kept). False: it was not a draft. */
export async function publishCourse(
  db: Db,
  q: { id: string; now: string },
  audit: AuditEntryInput,
): Promise<boolean> {
  const [updated] = await db.batch([
    db.all(sql`update courses set status = 'published', updated_at = ${q.now},
        published_at = coalesce(published_at, ${q.now})
      where id = ${q.id} and status = 'draft' returning id`),
    auditIfChanged(db, audit),
  ]);
  return updated.length > 0;
}

/**
 * Cancels the course, and tells everyone registered for a session not yet over (in-app,
 * once per registration). False: it was already cancelled.
 */
export async function cancelCourse(
  db: Db,
  q: { id: string; title: string; now: string },
  audit: AuditEntryInput,
): Promise<boolean> {
  const [updated] = await db.batch([
    db.all(sql`update courses set status = 'cancelled', updated_at = ${q.now}
      where id = ${q.id} and status <> 'cancelled' returning id`),
    auditIfChanged(db, audit),
    db.run(sql`insert into ${notifications}
        (recipient_type, recipient_id, kind, title, body, link, dedupe_key, created_at)
      select 'user', r.user_id, 'training.cancelled', 'Khóa tập huấn đã hủy',
        'Khóa tập huấn "' || ${q.title} || '" đã bị hủy. Buổi "' || s.title || '" ('
          || strftime('%H:%M ngày %d/%m/%Y', s.starts_at, '+7 hours')
          || ') sẽ không diễn ra.',
        ${courseLink(q.id)}, 'training.cancelled:' || r.id, ${q.now}
      from course_registrations r join course_sessions s on s.id = r.session_id
      where s.course_id = ${q.id} and r.cancelled_at is null and s.ends_at > ${q.now}
      on conflict (dedupe_key) do nothing`),
  ]);
  return updated.length > 0;
}

// ---- editors: sessions --------------------------------------------------------------------

/** A session with what its permission and rules depend on (its course's agency and state). */
export interface SessionContext extends WorkSession {
  agencyId: string;
  courseStatus: CourseStatus;
  courseTitle: string;
}

export async function findSession(db: Db, id: string): Promise<SessionContext | undefined> {
  const [row] = await db.all<SessionContext>(sql`select ${WORK_SESSION_COLUMNS},
      c.agency_id as agencyId, c.status as courseStatus, c.title as courseTitle
    from course_sessions s join courses c on c.id = s.course_id
    where s.id = ${id}`);
  return row;
}

export interface SessionValues {
  title: string;
  startsAt: string;
  endsAt: string;
  meetingUrl: string;
  trainerName: string | null;
  capacity: number | null;
}

/**
 * Adds a session to a course that is not cancelled; undefined when the course is (or went),
 * or when the id (the client's request key) is taken.
 */
export async function createSession(
  db: Db,
  q: SessionValues & { id: string; courseId: string; now: string },
  audit: AuditEntryInput,
): Promise<WorkSession | undefined> {
  const [inserted, , rows] = await db.batch([
    db.all(sql`insert into course_sessions (id, course_id, title, starts_at, ends_at,
        meeting_url, trainer_name, capacity, registered, created_at, updated_at)
      select ${q.id}, c.id, ${q.title}, ${q.startsAt}, ${q.endsAt}, ${q.meetingUrl},
        ${q.trainerName}, ${q.capacity}, 0, ${q.now}, ${q.now}
      from courses c where c.id = ${q.courseId} and c.status <> 'cancelled'
      on conflict (id) do nothing
      returning id`),
    auditIfChanged(db, audit),
    workSessionsQuery(db, sql`s.id = ${q.id}`),
  ]);
  return inserted.length > 0 ? rows[0] : undefined;
}

/**
 * Saves a session if nobody changed it since `updatedAt` and its new capacity still holds
 * everyone registered. A new time or link is announced to the registered people of a
 * published course (in-app), and a new start time re-arms their reminder.
 */
export async function updateSession(
  db: Db,
  q: SessionValues & {
    id: string;
    courseId: string;
    updatedAt: string;
    now: string;
    /** What registered people are told, or null when nothing they rely on changed. */
    announce: string | null;
    startMoved: boolean;
  },
  audit: AuditEntryInput,
): Promise<WorkSession | undefined> {
  const statements: BatchItem<'sqlite'>[] = [
    db.all(sql`update course_sessions set title = ${q.title}, starts_at = ${q.startsAt},
        ends_at = ${q.endsAt}, meeting_url = ${q.meetingUrl}, trainer_name = ${q.trainerName},
        capacity = ${q.capacity}, updated_at = ${q.now}
      where id = ${q.id} and updated_at = ${q.updatedAt}
        and (${q.capacity} is null or registered <= ${q.capacity})
      returning id`),
    auditIfChanged(db, audit),
  ];
  if (q.startMoved) {
    statements.push(
      db.run(sql`update course_registrations set reminder_sent_at = null
        where session_id = ${q.id} and cancelled_at is null
          and exists (select 1 from course_sessions s
            where s.id = ${q.id} and s.updated_at = ${q.now})`),
    );
  }
  if (q.announce) {
    statements.push(
      db.run(sql`insert into ${notifications}
          (recipient_type, recipient_id, kind, title, body, link, dedupe_key, created_at)
        select 'user', r.user_id, 'training.changed', 'Buổi tập huấn thay đổi', ${q.announce},
          ${courseLink(q.courseId)}, 'training.changed:' || r.id || ':' || ${q.now}, ${q.now}
        from course_registrations r
        join course_sessions s on s.id = r.session_id
        join courses c on c.id = s.course_id
        where r.session_id = ${q.id} and r.cancelled_at is null and c.status = 'published'
          and s.updated_at = ${q.now} and s.ends_at > ${q.now}
        on conflict (dedupe_key) do nothing`),
    );
  }
  statements.push(workSessionsQuery(db, sql`s.id = ${q.id}`));
  const [updated, , ...rest] = await db.batch(
    statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]],
  );
  if ((updated as unknown[]).length === 0) return undefined;
  return (rest[rest.length - 1] as WorkSession[])[0];
}

/** Removes a session nobody holds a seat in: 'deleted', 'has_registrations' or 'not_found'. */
export async function deleteSession(
  db: Db,
  id: string,
  audit: AuditEntryInput,
): Promise<'deleted' | 'has_registrations' | 'not_found'> {
  const [deleted, , left] = await db.batch([
    db.all(sql`delete from course_sessions where id = ${id} and registered = 0 returning id`),
    auditIfChanged(db, audit),
    db.all(sql`select 1 from course_sessions where id = ${id}`),
  ]);
  if (deleted.length > 0) return 'deleted';
  return left.length > 0 ? 'has_registrations' : 'not_found';
}

// ---- editors: registrations, attendance, questions --------------------------------------

const registrationsQuery = (db: Db, sessionId: string, includeCancelled: boolean) =>
  db.all<WorkRegistration>(sql`select r.id as id, r.name as name, r.phone as phone,
      r.created_at as createdAt, r.cancelled_at as cancelledAt, r.attended_at as attendedAt,
      r.reminder_sent_at as reminderSentAt
    from course_registrations r
    where r.session_id = ${sessionId}
      ${includeCancelled ? sql`` : sql`and r.cancelled_at is null`}
    order by r.created_at, r.id`);

export function listRegistrations(db: Db, sessionId: string, includeCancelled: boolean) {
  return registrationsQuery(db, sessionId, includeCancelled);
}

/**
 * Marks registrations of the session (held ones only) as attended or not; marking again
 * keeps the first time. Audited only when something changed.
 */
export async function recordAttendance(
  db: Db,
  q: { sessionId: string; registrationIds: string[]; attended: boolean; now: string },
  audit: AuditEntryInput,
): Promise<{ updated: number; registrations: WorkRegistration[] }> {
  const ids = sql.join(
    q.registrationIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const changed = q.attended ? sql`attended_at is null` : sql`attended_at is not null`;
  const [updated, , registrations] = await db.batch([
    db.all<{ id: string }>(sql`update course_registrations
      set attended_at = ${q.attended ? q.now : null}
      where session_id = ${q.sessionId} and cancelled_at is null and id in (${ids}) and ${changed}
      returning id`),
    auditIfChanged(db, audit),
    registrationsQuery(db, q.sessionId, false),
  ]);
  return { updated: updated.length, registrations };
}

export async function workQuestions(db: Db, sessionId: string): Promise<WorkQuestion[]> {
  const rows = await db.all<QuestionRow>(sql`select ${QUESTION_COLUMNS}
    from course_questions q left join officials o on o.id = q.answered_by
    where q.session_id = ${sessionId}
    order by q.created_at, q.id`);
  return rows.map(({ userId: _userId, ...q }) => q);
}

export interface QuestionContext {
  id: string;
  sessionId: string;
  courseId: string;
  agencyId: string;
  answer: string | null;
}

export async function findQuestion(db: Db, id: string): Promise<QuestionContext | undefined> {
  const [row] = await db.all<QuestionContext>(sql`select q.id as id, q.session_id as sessionId,
      s.course_id as courseId, c.agency_id as agencyId, q.answer as answer
    from course_questions q
    join course_sessions s on s.id = q.session_id
    join courses c on c.id = s.course_id
    where q.id = ${id}`);
  return row;
}

/**
 * Saves the trainer's answer (a later one replaces it) and tells the asker, once per
 * question: a corrected answer does not notify again.
 */
export async function answerQuestion(
  db: Db,
  q: { id: string; courseId: string; answer: string; officialId: string; now: string },
  audit: AuditEntryInput,
): Promise<WorkQuestion | undefined> {
  const [, , , rows] = await db.batch([
    db.run(sql`update course_questions set answer = ${q.answer}, answered_by = ${q.officialId},
        answered_at = ${q.now}
      where id = ${q.id}`),
    auditIfChanged(db, audit),
    db.run(sql`insert into ${notifications}
        (recipient_type, recipient_id, kind, title, body, link, dedupe_key, created_at)
      select 'user', q.user_id, 'training.answer', 'Câu hỏi tập huấn đã được trả lời',
        'Giảng viên đã trả lời câu hỏi của bạn: "' || substr(q.body, 1, 80)
          || case when length(q.body) > 80 then '…' else '' end || '"',
        ${courseLink(q.courseId)}, 'training.answer:' || q.id, ${q.now}
      from course_questions q where q.id = ${q.id}
      on conflict (dedupe_key) do nothing`),
    db.all<QuestionRow>(sql`select ${QUESTION_COLUMNS}
      from course_questions q left join officials o on o.id = q.answered_by
      where q.id = ${q.id}`),
  ]);
  const row = rows[0];
  if (!row) return undefined;
  const { userId: _userId, ...answer } = row;
  return answer;
}

// ---- materials ----------------------------------------------------------------------------

export interface MaterialContext extends MaterialRow {
  agencyId: string;
  courseStatus: CourseStatus;
}

export async function findMaterial(db: Db, id: string): Promise<MaterialContext | undefined> {
  const [row] = await db.all<MaterialContext>(sql`select ${MATERIAL_COLUMNS},
      c.agency_id as agencyId, c.status as courseStatus
    from course_materials m join courses c on c.id = m.course_id
    where m.id = ${id}`);
  return row;
}

export const publicMaterial = materialAnswer(publicMaterialUrl);
export const workMaterial = materialAnswer(workMaterialUrl);
