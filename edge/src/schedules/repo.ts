import { type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { type AuditEntryInput, auditStatement } from '../audit/log';
import { contentVersionBump } from '../content/cache';
import { type Lang, localize, parseEnglish } from '../content/lang';
import {
  searchIndexStatements,
  searchMatches,
  searchRemoveStatements,
} from '../content/search-index';
import type { Db } from '../platform/db';
import type { ScheduleEntry, WorkScheduleEntry } from './schemas';
import { vnLocal, type WeekRange } from './week';

// Work schedules in the database. Every write is one batch: the row, its search index entry,
// its audit entry and, when the public can see the result, the `schedules` content version.

type Status = ScheduleEntry['status'];

export interface EntryRow {
  id: string;
  agencyId: string;
  agencyName: string;
  leaderName: string | null;
  leaderTitle: string | null;
  startsAt: string;
  endsAt: string | null;
  allDay: number | boolean;
  location: string;
  content: string;
  host: string;
  participants: string;
  en: string | null;
  status: Status;
  publishedAt: string | null;
  revisedAt: string | null;
  revisionNote: string | null;
  version: number;
  createdBy: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = sql`e.id as id, e.agency_id as agencyId, a.name as agencyName,
  e.leader_name as leaderName, e.leader_title as leaderTitle, e.starts_at as startsAt,
  e.ends_at as endsAt, e.all_day as allDay, e.location as location, e.content as content,
  e.host as host, e.participants as participants, e.en as en, e.status as status,
  e.published_at as publishedAt, e.revised_at as revisedAt, e.revision_note as revisionNote,
  e.version as version, e.created_by as createdBy, e.updated_by as updatedBy,
  e.created_at as createdAt, e.updated_at as updatedAt`;

const ORDER = sql`order by e.starts_at, e.all_day desc, coalesce(e.leader_name, ''), e.id`;

const select = (db: Db, where: SQL, limit = 1000) =>
  db.all<EntryRow>(sql`select ${COLUMNS} from schedule_entries e
    join agencies a on a.id = e.agency_id where ${where} ${ORDER} limit ${limit}`);

const LOCALIZED = ['content', 'location', 'host', 'participants', 'leaderTitle'] as const;

export function publicEntry(row: EntryRow, lang: Lang): ScheduleEntry {
  const start = vnLocal(row.startsAt);
  const allDay = Boolean(row.allDay);
  const base: ScheduleEntry = {
    id: row.id,
    agencyId: row.agencyId,
    agencyName: row.agencyName,
    leaderName: row.leaderName,
    leaderTitle: row.leaderTitle,
    date: start.date,
    startTime: allDay ? null : start.time,
    endTime: allDay || !row.endsAt ? null : vnLocal(row.endsAt).time,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    allDay,
    location: row.location,
    content: row.content,
    host: row.host,
    participants: row.participants,
    status: row.status,
    publishedAt: row.publishedAt,
    revisedAt: row.revisedAt,
    revisionNote: row.revisionNote,
    version: Number(row.version),
  };
  return localize(base, row.en, lang, LOCALIZED);
}

export function workEntry(row: EntryRow): WorkScheduleEntry {
  const en = parseEnglish(row.en);
  return {
    ...publicEntry(row, 'vi'),
    en: Object.keys(en).length > 0 ? en : null,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt,
  };
}

export const PUBLIC_STATUSES: readonly Status[] = ['published', 'cancelled'];

/** Published and cancelled items of a week, filtered; `leader` '-' keeps the agencies' own. */
export function publicWeek(
  db: Db,
  range: WeekRange,
  f: { agency?: string; leader?: string; q?: string },
) {
  const where: SQL[] = [
    sql`e.status in ('published', 'cancelled')`,
    sql`e.starts_at >= ${range.startUtc}`,
    sql`e.starts_at < ${range.endUtc}`,
  ];
  if (f.agency) where.push(sql`e.agency_id = ${f.agency}`);
  if (f.leader === '-') where.push(sql`e.leader_name is null`);
  else if (f.leader) where.push(sql`e.leader_name = ${f.leader}`);
  if (f.q) {
    const match = searchMatches('schedule', sql`e.id`, f.q);
    if (match) where.push(match);
  }
  return select(db, sql.join(where, sql` and `));
}

/** All items of one agency in a week, whatever their status (the editors' view). */
export function agencyWeek(db: Db, agencyId: string, range: WeekRange) {
  return select(
    db,
    sql`e.agency_id = ${agencyId} and e.starts_at >= ${range.startUtc} and e.starts_at < ${range.endUtc}`,
  );
}

/** An agency's public items between two instants (the .ics feed). */
export function agencyFeed(db: Db, agencyId: string, fromUtc: string, toUtc: string) {
  return select(
    db,
    sql`e.agency_id = ${agencyId} and e.status in ('published', 'cancelled')
      and e.starts_at >= ${fromUtc} and e.starts_at < ${toUtc}`,
    2000,
  );
}

export async function findEntry(db: Db, id: string): Promise<EntryRow | null> {
  const [row] = await select(db, sql`e.id = ${id}`, 1);
  return row ?? null;
}

export async function agencyName(db: Db, id: string): Promise<string | null> {
  const [row] = await db.all<{ name: string }>(sql`select name from agencies where id = ${id}`);
  return row?.name ?? null;
}

/** Agencies with published items, each with the leaders named in them. */
export async function publicAgencies(db: Db) {
  const rows = await db.all<{
    id: string;
    name: string;
    leader: string | null;
    title: string | null;
  }>(
    sql`select a.id as id, a.name as name, e.leader_name as leader, max(e.leader_title) as title
      from schedule_entries e join agencies a on a.id = e.agency_id
      where e.status in ('published', 'cancelled')
      group by a.id, a.name, e.leader_name
      order by a.sort_order, a.name, e.leader_name`,
  );
  const byId = new Map<
    string,
    { id: string; name: string; leaders: { name: string; title: string | null }[] }
  >();
  for (const r of rows) {
    const agency = byId.get(r.id) ?? { id: r.id, name: r.name, leaders: [] };
    byId.set(r.id, agency);
    if (r.leader) agency.leaders.push({ name: r.leader, title: r.title });
  }
  return [...byId.values()];
}

export interface EntryValues {
  leaderName: string | null;
  leaderTitle: string | null;
  startsAt: string;
  endsAt: string | null;
  allDay: boolean;
  location: string;
  content: string;
  host: string;
  participants: string;
  en: string | null;
}

function indexStatements(db: Db, id: string, v: EntryValues, agency: string) {
  const en = parseEnglish(v.en);
  return searchIndexStatements(db, 'schedule', id, [
    v.content,
    v.location,
    v.host,
    v.participants,
    v.leaderName,
    v.leaderTitle,
    agency,
    ...LOCALIZED.map((k) => (typeof en[k] === 'string' ? (en[k] as string) : null)),
  ]);
}

/** Inserts a draft; false when the id (the client's requestKey) already exists. */
export async function insertEntry(
  db: Db,
  q: EntryValues & { id: string; agencyId: string; agencyName: string; by: string; now: string },
  audit: AuditEntryInput,
): Promise<boolean> {
  const [inserted] = await db.batch([
    db.all(sql`insert into schedule_entries (id, agency_id, leader_name, leader_title, starts_at,
        ends_at, all_day, location, content, host, participants, en, status, version,
        created_by, updated_by, created_at, updated_at)
      values (${q.id}, ${q.agencyId}, ${q.leaderName}, ${q.leaderTitle}, ${q.startsAt},
        ${q.endsAt}, ${q.allDay ? 1 : 0}, ${q.location}, ${q.content}, ${q.host},
        ${q.participants}, ${q.en}, 'draft', 1, ${q.by}, ${q.by}, ${q.now}, ${q.now})
      on conflict (id) do nothing returning id`),
    ...indexStatements(db, q.id, q, q.agencyName),
    auditStatement(db, audit),
  ]);
  return inserted.length > 0;
}

/**
 * Saves new values if the row is still at `version` and not cancelled. A published row gets
 * the revision mark. False: someone else wrote first (or it was cancelled meanwhile).
 */
export async function updateEntry(
  db: Db,
  q: EntryValues & {
    id: string;
    version: number;
    agencyName: string;
    published: boolean;
    revisionNote: string | null;
    by: string;
    now: string;
  },
  audit: AuditEntryInput,
): Promise<boolean> {
  const revision = q.published
    ? sql`, revised_at = ${q.now}, revision_note = ${q.revisionNote}`
    : sql``;
  const [updated] = await db.batch([
    db.all(sql`update schedule_entries set leader_name = ${q.leaderName},
        leader_title = ${q.leaderTitle}, starts_at = ${q.startsAt}, ends_at = ${q.endsAt},
        all_day = ${q.allDay ? 1 : 0}, location = ${q.location}, content = ${q.content},
        host = ${q.host}, participants = ${q.participants}, en = ${q.en},
        version = version + 1, updated_by = ${q.by}, updated_at = ${q.now} ${revision}
      where id = ${q.id} and version = ${q.version}
        and status = ${q.published ? 'published' : 'draft'} returning id`),
    ...indexStatements(db, q.id, q, q.agencyName),
    auditStatement(db, audit),
    ...(q.published ? [contentVersionBump(db, 'schedules')] : []),
  ]);
  return updated.length > 0;
}

/** Status change guarded by version and current status; false when either moved. */
export async function changeStatus(
  db: Db,
  q: {
    id: string;
    version: number;
    from: Status;
    to: Status;
    note: string | null;
    by: string;
    now: string;
  },
  audit: AuditEntryInput,
): Promise<boolean> {
  const extra =
    q.to === 'published'
      ? sql`, published_at = coalesce(published_at, ${q.now})`
      : sql`, revised_at = ${q.now}, revision_note = ${q.note}`;
  const [updated] = await db.batch([
    db.all(sql`update schedule_entries set status = ${q.to}, version = version + 1,
        updated_by = ${q.by}, updated_at = ${q.now} ${extra}
      where id = ${q.id} and version = ${q.version} and status = ${q.from} returning id`),
    auditStatement(db, audit),
    contentVersionBump(db, 'schedules'),
  ]);
  return updated.length > 0;
}

/** Publishes every draft of an agency's week; the number published. */
export async function publishWeek(
  db: Db,
  q: { agencyId: string; range: WeekRange; by: string; now: string },
  audit: AuditEntryInput,
): Promise<number> {
  const [updated] = await db.batch([
    db.all(sql`update schedule_entries set status = 'published', version = version + 1,
        published_at = coalesce(published_at, ${q.now}), updated_by = ${q.by}, updated_at = ${q.now}
      where agency_id = ${q.agencyId} and status = 'draft'
        and starts_at >= ${q.range.startUtc} and starts_at < ${q.range.endUtc} returning id`),
    auditStatement(db, audit),
    contentVersionBump(db, 'schedules'),
  ]);
  return updated.length;
}

export async function deleteDraft(db: Db, id: string, audit: AuditEntryInput): Promise<boolean> {
  const [deleted] = await db.batch([
    db.all(sql`delete from schedule_entries where id = ${id} and status = 'draft' returning id`),
    ...searchRemoveStatements(db, 'schedule', id),
    auditStatement(db, audit),
  ]);
  return deleted.length > 0;
}

/** Stable id of the copy of `sourceId` made for `week`: copying twice makes nothing new. */
export async function copyId(sourceId: string, week: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`schedule-copy:${sourceId}:${week}`),
  );
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const WEEK_MS = 7 * 86_400_000;
const plusWeek = (iso: string) => new Date(Date.parse(iso) + WEEK_MS).toISOString();

/**
 * Copies an agency's week (drafts and published items, not cancelled ones) into the next
 * week as drafts, one week later. The number of new drafts (0 when already copied).
 */
export async function copyWeek(
  db: Db,
  q: { agencyId: string; agencyName: string; range: WeekRange; by: string; now: string },
  audit: AuditEntryInput,
): Promise<number> {
  const rows = (await agencyWeek(db, q.agencyId, q.range)).filter(
    (r) => r.status === 'draft' || r.status === 'published',
  );
  const statements: BatchItem<'sqlite'>[] = [];
  const inserts: number[] = [];
  for (const r of rows) {
    const id = await copyId(r.id, q.range.nextWeek);
    const v: EntryValues = {
      leaderName: r.leaderName,
      leaderTitle: r.leaderTitle,
      startsAt: plusWeek(r.startsAt),
      endsAt: r.endsAt ? plusWeek(r.endsAt) : null,
      allDay: Boolean(r.allDay),
      location: r.location,
      content: r.content,
      host: r.host,
      participants: r.participants,
      en: r.en,
    };
    inserts.push(statements.length + 1);
    statements.push(
      db.all(sql`insert into schedule_entries (id, agency_id, leader_name, leader_title,
          starts_at, ends_at, all_day, location, content, host, participants, en, status,
          version, created_by, updated_by, created_at, updated_at)
        values (${id}, ${q.agencyId}, ${v.leaderName}, ${v.leaderTitle}, ${v.startsAt},
          ${v.endsAt}, ${v.allDay ? 1 : 0}, ${v.location}, ${v.content}, ${v.host},
          ${v.participants}, ${v.en}, 'draft', 1, ${q.by}, ${q.by}, ${q.now}, ${q.now})
        on conflict (id) do nothing returning id`),
      // Re-indexing an existing copy writes the same text: harmless.
      ...indexStatements(db, id, v, q.agencyName),
    );
  }
  if (statements.length === 0) return 0;
  const results: unknown[] = await db.batch([auditStatement(db, audit), ...statements]);
  return inserts.filter((i) => (results[i] as unknown[]).length > 0).length;
}
