import type { OfficialRole, QA_STATUSES } from '@tinh/db/schema';
import { type SQL, sql } from 'drizzle-orm';
import { type Action, GRANTS } from '../access/permissions';
import type { AuditEntryInput } from '../audit/log';
import {
  searchIndexStatements,
  searchMatches,
  searchRemoveStatements,
} from '../content/search-index';
import { auditIfChanged } from '../management/repo';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import { base64url } from '../reports/tokens';

type QaStatus = (typeof QA_STATUSES)[number];

// Storage of the two-level interaction. Every write is one batch: the row, its audit entry
// (written only when the row changed, so a retry adds none), the notifications (deduplicated
// per message and recipient) and the thread's search index entry.

export interface ThreadRow {
  id: string;
  requestKey: string;
  topic: string;
  subject: string;
  body: string;
  status: QaStatus;
  inHandbook: boolean;
  askingAgencyId: string;
  askingAgencyName: string;
  targetAgencyId: string;
  targetAgencyName: string;
  askedBy: string;
  askedByName: string;
  messageCount: number;
  answeredAt: string | null;
  lastMessageAt: string;
  createdAt: string;
}

export interface MessageRow {
  id: string;
  threadId: string;
  authorId: string;
  authorName: string;
  authorAgencyId: string;
  authorAgencyName: string;
  isAnswer: boolean;
  body: string;
  requestKey: string;
  createdAt: string;
}

/** Whether the thread is in the handbook every official may read. */
export const inHandbookNow = (t: Pick<ThreadRow, 'status' | 'inHandbook' | 'answeredAt'>) =>
  t.inHandbook && t.answeredAt !== null && t.status !== 'open';

/** SQL twin of inHandbookNow, for lists. */
const HANDBOOK = sql`t.in_handbook = 1 and t.answered_at is not null and t.status <> 'open'`;

/** The roles that hold `action` somewhere: who is notified is decided by the grants table. */
function rolesHolding(action: Action): SQL {
  const roles = (Object.keys(GRANTS) as OfficialRole[]).filter((r) => GRANTS[r][action]);
  return sql.join(
    roles.map((r) => sql`${r}`),
    sql`, `,
  );
}

const THREAD_COLUMNS = sql`t.id as id, t.request_key as requestKey, t.topic as topic,
  t.subject as subject, t.body as body, t.status as status, t.in_handbook as inHandbook,
  t.asking_agency_id as askingAgencyId, aa.name as askingAgencyName,
  t.target_agency_id as targetAgencyId, ta.name as targetAgencyName,
  t.asked_by as askedBy, o.full_name as askedByName,
  (select count(*) from qa_messages m where m.thread_id = t.id) as messageCount,
  t.answered_at as answeredAt, t.last_message_at as lastMessageAt, t.created_at as createdAt`;

const THREAD_FROM = sql`from qa_threads t
  join agencies aa on aa.id = t.asking_agency_id
  join agencies ta on ta.id = t.target_agency_id
  join officials o on o.id = t.asked_by`;

const asThread = (r: ThreadRow): ThreadRow => ({ ...r, inHandbook: Boolean(r.inHandbook) });

export async function findThread(db: Db, id: string): Promise<ThreadRow | undefined> {
  const [row] = await db.all<ThreadRow>(sql`select ${THREAD_COLUMNS} ${THREAD_FROM}
    where t.id = ${id}`);
  return row && asThread(row);
}

export async function findThreadByKey(db: Db, key: string): Promise<ThreadRow | undefined> {
  const [row] = await db.all<ThreadRow>(sql`select ${THREAD_COLUMNS} ${THREAD_FROM}
    where t.request_key = ${key}`);
  return row && asThread(row);
}

export async function threadMessages(db: Db, threadId: string): Promise<MessageRow[]> {
  const rows = await db.all<MessageRow>(sql`select m.id as id, m.thread_id as threadId,
      m.author_id as authorId, o.full_name as authorName, m.author_agency_id as authorAgencyId,
      a.name as authorAgencyName, m.is_answer as isAnswer, m.body as body,
      m.request_key as requestKey, m.created_at as createdAt
    from qa_messages m join officials o on o.id = m.author_id
      join agencies a on a.id = m.author_agency_id
    where m.thread_id = ${threadId} order by m.created_at, m.id`);
  return rows.map((r) => ({ ...r, isAnswer: Boolean(r.isAnswer) }));
}

export async function findMessageByKey(
  db: Db,
  key: string,
): Promise<{ id: string; threadId: string; authorId: string } | undefined> {
  const [row] = await db.all<{ id: string; threadId: string; authorId: string }>(sql`select
    id, thread_id as threadId, author_id as authorId from qa_messages where request_key = ${key}`);
  return row;
}

export interface AgencyInfo {
  id: string;
  name: string;
  scope: 'province' | 'commune';
}

export async function findAgency(db: Db, id: string): Promise<AgencyInfo | undefined> {
  const [row] = await db.all<AgencyInfo>(
    sql`select id, name, scope from agencies where id = ${id}`,
  );
  return row;
}

/** The provincial agencies a commune may ask, in the directory's order. */
export async function provinceAgencies(db: Db): Promise<{ id: string; name: string }[]> {
  return db.all<{ id: string; name: string }>(sql`select id, name from agencies
    where scope = 'province' order by sort_order, name`);
}

// ---- paging ------------------------------------------------------------------------------

type Cursor = [rank: number, at: string, id: string];

function encodeCursor(c: Cursor): string {
  return base64url(new TextEncoder().encode(JSON.stringify(c)));
}

function decodeCursor(text: string): Cursor {
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const value: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0))),
    );
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      Number.isInteger(value[0]) &&
      typeof value[1] === 'string' &&
      typeof value[2] === 'string'
    ) {
      return value as Cursor;
    }
  } catch {
    // answered below
  }
  throw new ApiError(400, 'invalid_cursor', 'Con trỏ trang không hợp lệ.');
}

/** Rows ordered by (rank asc, at desc, id desc): the condition for those after `cursor`. */
function after(rank: SQL, at: SQL, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const [r, a, id] = decodeCursor(cursor);
  return sql`(${rank} > ${r} or (${rank} = ${r} and (${at} < ${a} or (${at} = ${a} and t.id < ${id}))))`;
}

async function pageOf(
  db: Db,
  where: (SQL | null | undefined)[],
  rank: SQL,
  at: SQL,
  q: { cursor?: string; limit: number },
) {
  const conditions = [...where, after(rank, at, q.cursor)].filter((w): w is SQL => !!w);
  const rows = await db.all<ThreadRow & { rank: number; sortAt: string }>(sql`select
      ${THREAD_COLUMNS}, ${rank} as rank, ${at} as sortAt
    ${THREAD_FROM}
    where ${sql.join(conditions, sql` and `)}
    order by rank, sortAt desc, t.id desc limit ${q.limit + 1}`);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ rank: _r, sortAt: _s, ...r }) => asThread(r)),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor([last.rank, last.sortAt, last.id]) : null,
  };
}

/**
 * My agency's questions (asked) or the questions to it (received: the unanswered first,
 * as the agency's to-do list), the latest activity first.
 */
export function listThreads(
  db: Db,
  q: {
    agencyId: string;
    box: 'asked' | 'received';
    status?: QaStatus;
    topic?: string;
    q?: string;
    cursor?: string;
    limit: number;
  },
) {
  const rank =
    q.box === 'received'
      ? sql`(case t.status when 'open' then 0 when 'answered' then 1 else 2 end)`
      : sql`0`;
  return pageOf(
    db,
    [
      q.box === 'asked'
        ? sql`t.asking_agency_id = ${q.agencyId}`
        : sql`t.target_agency_id = ${q.agencyId}`,
      q.status ? sql`t.status = ${q.status}` : null,
      q.topic ? sql`t.topic = ${q.topic}` : null,
      q.q ? searchMatches('qa_thread', sql`t.id`, q.q) : null,
    ],
    rank,
    sql`t.last_message_at`,
    q,
  );
}

/** Answered threads left in the handbook, the latest answered first. */
export function listHandbook(
  db: Db,
  q: { topic?: string; q?: string; cursor?: string; limit: number },
) {
  return pageOf(
    db,
    [
      HANDBOOK,
      q.topic ? sql`t.topic = ${q.topic}` : null,
      q.q ? searchMatches('qa_thread', sql`t.id`, q.q) : null,
    ],
    sql`0`,
    sql`t.answered_at`,
    q,
  );
}

export async function handbookTopics(db: Db): Promise<{ topic: string; count: number }[]> {
  return db.all<{ topic: string; count: number }>(sql`select t.topic as topic,
      count(*) as count from qa_threads t where ${HANDBOOK}
    group by t.topic order by count(*) desc, t.topic`);
}

// ---- writes ------------------------------------------------------------------------------

const link = (threadId: string) => `/tuong-tac/${threadId}`;

function clip(text: string, max = 140): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * In-app notices to the active officials of `agency` (or the named `alsoOfficial`) holding
 * `action`, when the row `when` exists: once per `event` and recipient.
 */
function noticeStatement(
  db: Db,
  n: {
    agencyId: string;
    action: Action;
    alsoOfficial?: string;
    exceptOfficial: string;
    kind: string;
    title: string;
    body: string;
    threadId: string;
    event: string;
    when: SQL;
    now: string;
  },
) {
  const who = n.alsoOfficial
    ? sql`(o.id = ${n.alsoOfficial} or (o.agency_id = ${n.agencyId} and exists (select 1 from official_roles r where r.official_id = o.id and r.role in (${rolesHolding(n.action)}))))`
    : sql`(o.agency_id = ${n.agencyId} and exists (select 1 from official_roles r where r.official_id = o.id and r.role in (${rolesHolding(n.action)})))`;
  return db.run(sql`insert into notifications
      (recipient_type, recipient_id, kind, title, body, link, dedupe_key, created_at)
    select 'official', o.id, ${n.kind}, ${n.title}, ${n.body}, ${link(n.threadId)},
      ${n.event} || ':' || o.id, ${n.now}
    from officials o
    where o.status = 'active' and o.id <> ${n.exceptOfficial} and ${who} and ${n.when}
    on conflict (dedupe_key) do nothing`);
}

export interface NewThread {
  id: string;
  requestKey: string;
  askingAgencyId: string;
  askingAgencyName: string;
  targetAgencyId: string;
  askedBy: string;
  topic: string;
  subject: string;
  body: string;
  now: string;
}

/** A new question; false when its requestKey was already used (nothing written then). */
export async function createThread(db: Db, t: NewThread, audit: AuditEntryInput) {
  const [inserted] = await db.batch([
    db.all(sql`insert into qa_threads (id, asking_agency_id, target_agency_id, asked_by,
        request_key, topic, subject, body, status, in_handbook, last_message_at, created_at,
        updated_at)
      values (${t.id}, ${t.askingAgencyId}, ${t.targetAgencyId}, ${t.askedBy}, ${t.requestKey},
        ${t.topic}, ${t.subject}, ${t.body}, 'open', 1, ${t.now}, ${t.now}, ${t.now})
      on conflict (request_key) do nothing returning id`),
    auditIfChanged(db, audit),
    noticeStatement(db, {
      agencyId: t.targetAgencyId,
      action: 'qa.answer',
      exceptOfficial: t.askedBy,
      kind: 'qa.asked',
      title: `Câu hỏi mới từ ${t.askingAgencyName}`,
      body: clip(t.subject),
      threadId: t.id,
      event: `qa.asked:${t.id}`,
      when: sql`exists (select 1 from qa_threads where id = ${t.id})`,
      now: t.now,
    }),
    ...searchIndexStatements(db, 'qa_thread', t.id, [t.topic, t.subject, t.body]),
  ]);
  if (inserted.length > 0) return true;
  // A parallel retry won the request key: drop the index entry written for the unused id.
  const [first, second] = searchRemoveStatements(db, 'qa_thread', t.id);
  await db.batch([first, second]);
  return false;
}

export interface NewMessage {
  id: string;
  requestKey: string;
  thread: ThreadRow;
  authorId: string;
  authorAgencyId: string;
  isAnswer: boolean;
  body: string;
  /** The answers already in the thread, for the search index. */
  answers: string[];
  now: string;
}

/**
 * Adds an answer (→ answered) or a follow-up (→ open) to a thread that is not closed, with
 * the notices to the other side. False: nothing written (request key used, or closed).
 */
export async function addMessage(db: Db, m: NewMessage, audit: AuditEntryInput) {
  const t = m.thread;
  const written = sql`exists (select 1 from qa_messages where id = ${m.id})`;
  const answers = m.isAnswer ? [...m.answers, m.body] : m.answers;
  const [inserted] = await db.batch([
    db.all(sql`insert into qa_messages (id, thread_id, author_id, author_agency_id, is_answer,
        body, request_key, created_at)
      select ${m.id}, ${t.id}, ${m.authorId}, ${m.authorAgencyId}, ${m.isAnswer ? 1 : 0},
        ${m.body}, ${m.requestKey}, ${m.now}
      where exists (select 1 from qa_threads where id = ${t.id} and status <> 'closed')
      on conflict (request_key) do nothing returning id`),
    auditIfChanged(db, audit),
    db.run(sql`update qa_threads set status = ${m.isAnswer ? 'answered' : 'open'},
        answered_at = ${m.isAnswer ? sql`coalesce(answered_at, ${m.now})` : sql`answered_at`},
        last_message_at = ${m.now}, updated_at = ${m.now}
      where id = ${t.id} and ${written}`),
    m.isAnswer
      ? noticeStatement(db, {
          agencyId: t.askingAgencyId,
          action: 'qa.ask',
          alsoOfficial: t.askedBy,
          exceptOfficial: m.authorId,
          kind: 'qa.answered',
          title: `${t.targetAgencyName} đã trả lời câu hỏi`,
          body: clip(t.subject),
          threadId: t.id,
          event: `qa.answered:${m.id}`,
          when: written,
          now: m.now,
        })
      : noticeStatement(db, {
          agencyId: t.targetAgencyId,
          action: 'qa.answer',
          exceptOfficial: m.authorId,
          kind: 'qa.follow_up',
          title: `${t.askingAgencyName} hỏi thêm`,
          body: clip(t.subject),
          threadId: t.id,
          event: `qa.follow_up:${m.id}`,
          when: written,
          now: m.now,
        }),
    ...searchIndexStatements(db, 'qa_thread', t.id, [t.topic, t.subject, t.body, ...answers]),
  ]);
  return inserted.length > 0;
}

/** Closes the thread and/or moves it in or out of the handbook; audited when it changed. */
export async function patchThread(
  db: Db,
  q: { id: string; close: boolean; inHandbook?: boolean; now: string },
  audits: { close: AuditEntryInput; handbook: AuditEntryInput },
) {
  const statements = [];
  if (q.close) {
    statements.push(
      db.run(sql`update qa_threads set status = 'closed', updated_at = ${q.now}
        where id = ${q.id} and status <> 'closed'`),
      auditIfChanged(db, audits.close),
    );
  }
  if (q.inHandbook !== undefined) {
    const value = q.inHandbook ? 1 : 0;
    statements.push(
      db.run(sql`update qa_threads set in_handbook = ${value}, updated_at = ${q.now}
        where id = ${q.id} and in_handbook <> ${value}`),
      auditIfChanged(db, audits.handbook),
    );
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}
