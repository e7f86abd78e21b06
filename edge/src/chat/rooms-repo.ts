import { type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { AuditEntryInput } from '../audit/log';
import { auditIfChanged } from '../management/repo';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import { compareVietnamese } from '../platform/text';
import { base64url } from '../reports/tokens';

// libSQL side of the chat: who may talk where (chat_rooms, chat_members) and call metadata
// (chat_calls). Messages never pass through here: they live, encrypted, in each room's Durable
// Object. Every write is one batch (one transaction) with its audit entry; every read used by
// a route is one round trip.

export type RoomKind = 'direct' | 'agency' | 'group';
export type MemberRole = 'owner' | 'member';

/** A room as one of its members sees it. */
export interface RoomRow {
  id: string;
  kind: RoomKind;
  /** Group and agency rooms: their title; direct rooms: the other official's name. */
  title: string;
  agencyId: string | null;
  createdBy: string | null;
  createdAt: string;
  lastMessageAt: string | null;
  myRole: MemberRole;
  /** Direct rooms: the other official. */
  peerId: string | null;
  members: number;
  /** Sort key of the room list: the last message, or the creation of a silent room. */
  activity: string;
}

export interface MemberRow {
  id: string;
  fullName: string;
  agencyName: string;
  role: MemberRole;
}

const DIRECT_FALLBACK_TITLE = 'Cuộc trò chuyện';

/** The members an agency room takes from its agency carry this marker in `added_by`. */
export const agencyMarker = (agencyId: string) => `agency:${agencyId}`;

/** Two officials' direct room key: the ids sorted, so either side finds the same room. */
export const directKeyOf = (a: string, b: string) => [a, b].sort().join(':');

// The room columns as `me` sees them. The subqueries run per room of one page only.
const roomColumns = (me: string) => sql`r.id as id, r.kind as kind,
  case when r.kind = 'direct'
    then coalesce((select o.full_name from chat_members p join officials o on o.id = p.official_id
                   where p.room_id = r.id and p.official_id <> ${me} limit 1), ${DIRECT_FALLBACK_TITLE})
    else coalesce(r.title, ${DIRECT_FALLBACK_TITLE}) end as title,
  r.agency_id as agencyId, r.created_by as createdBy, r.created_at as createdAt,
  r.last_message_at as lastMessageAt, m.role as myRole,
  case when r.kind = 'direct'
    then (select p.official_id from chat_members p where p.room_id = r.id and p.official_id <> ${me} limit 1)
    end as peerId,
  (select count(*) from chat_members c where c.room_id = r.id) as members,
  coalesce(r.last_message_at, r.created_at) as activity`;

const roomOf = (me: string, where: SQL) =>
  sql`select ${roomColumns(me)} from chat_rooms r
    join chat_members m on m.room_id = r.id and m.official_id = ${me}
    where ${where}`;

/** The room if `me` is a member of it; null otherwise (whether or not it exists). */
export async function findRoomFor(db: Db, roomId: string, me: string): Promise<RoomRow | null> {
  const [row] = await db.all<RoomRow>(roomOf(me, sql`r.id = ${roomId}`));
  return row ?? null;
}

// ---- room list ----------------------------------------------------------------------------

type RoomCursor = [activity: string, id: string];

function encodeCursor(c: RoomCursor): string {
  return base64url(new TextEncoder().encode(JSON.stringify(c)));
}

function decodeCursor(text: string): RoomCursor {
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const value: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0))),
    );
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string'
    ) {
      return value as RoomCursor;
    }
  } catch {
    // answered below
  }
  throw new ApiError(400, 'invalid_cursor', 'Con trỏ trang không hợp lệ.');
}

/**
 * One page of `me`'s rooms, most recently active first (last message, or creation for a room
 * nobody wrote in yet), in one query. Keyset paging: a room that becomes active while paging
 * moves to the top and is not repeated further down.
 */
export async function listRoomsFor(
  db: Db,
  me: string,
  q: { cursor?: string; limit: number },
): Promise<{ rooms: RoomRow[]; nextCursor: string | null }> {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const activity = sql`coalesce(r.last_message_at, r.created_at)`;
  const rows = await db.all<RoomRow>(sql`${roomOf(
    me,
    after ? sql`(${activity}, r.id) < (${after[0]}, ${after[1]})` : sql`1 = 1`,
  )}
    order by ${activity} desc, r.id desc
    limit ${q.limit + 1}`);
  const rooms = rows.slice(0, q.limit);
  const last = rooms[rooms.length - 1];
  return {
    rooms,
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.activity, last.id]) : null,
  };
}

/** The members of a room: owners first, then by name (Vietnamese order). */
export async function roomMembers(db: Db, roomId: string): Promise<MemberRow[]> {
  const rows = await db.all<MemberRow>(sql`select o.id as id, o.full_name as fullName,
      a.name as agencyName, m.role as role
    from chat_members m
    join officials o on o.id = m.official_id
    join agencies a on a.id = o.agency_id
    where m.room_id = ${roomId}`);
  return rows.sort(
    (x, y) =>
      Number(y.role === 'owner') - Number(x.role === 'owner') ||
      compareVietnamese(x.fullName, y.fullName) ||
      (x.id < y.id ? -1 : 1),
  );
}

// ---- officials ----------------------------------------------------------------------------

/**
 * The given ids that are not active officials (unknown or disabled): a room never gains a
 * member who cannot sign in.
 */
export async function inactiveOfficials(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.all<{ id: string }>(
    sql`select id from officials where status = 'active' and id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  const active = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !active.has(id));
}

export async function findAgency(db: Db, id: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db.all<{ id: string; name: string }>(
    sql`select id, name from agencies where id = ${id}`,
  );
  return row ?? null;
}

// ---- creating rooms -----------------------------------------------------------------------

interface CreateCommon {
  id: string;
  me: string;
  now: string;
  audit: AuditEntryInput;
}

// A member row written only if this very request created the room (its creation time is
// this request's `now`): a retried or concurrent request that met an existing room adds
// nobody to it.
const insertMembersIfCreated = (db: Db, roomId: string, now: string, select: SQL) =>
  db.run(sql`insert into chat_members (room_id, official_id, role, added_by, created_at)
    ${select}
    and exists (select 1 from chat_rooms where id = ${roomId} and created_at = ${now})
    on conflict (room_id, official_id) do nothing`);

/**
 * The direct room of `me` and `peer`, created if the pair has none. Concurrent calls create one
 * room: the unique direct_key makes the losing insert a no-op, and the same transaction reads
 * the room back.
 */
export async function createDirectRoom(
  db: Db,
  q: CreateCommon & { peer: string },
): Promise<{ room: RoomRow | null; created: boolean }> {
  const key = directKeyOf(q.me, q.peer);
  const [inserted, , , room] = await db.batch([
    db.run(sql`insert into chat_rooms (id, kind, title, direct_key, created_by, created_at, updated_at)
      values (${q.id}, 'direct', null, ${key}, ${q.me}, ${q.now}, ${q.now})
      on conflict (direct_key) do nothing`),
    auditIfChanged(db, q.audit),
    insertMembersIfCreated(
      db,
      q.id,
      q.now,
      sql`select ${q.id}, o.id, 'member', ${q.me}, ${q.now} from officials o
        where o.id in (${q.me}, ${q.peer})`,
    ),
    db.all<RoomRow>(roomOf(q.me, sql`r.direct_key = ${key}`)),
  ]);
  return { room: room[0] ?? null, created: inserted.rowsAffected > 0 };
}

/**
 * An ad hoc group: `me` its owner, the others members. With a client id the room id is
 * derived from it, so a retried creation answers the group made the first time.
 */
export async function createGroupRoom(
  db: Db,
  q: CreateCommon & { title: string; memberIds: readonly string[] },
): Promise<{ room: RoomRow | null; created: boolean }> {
  const others = q.memberIds.filter((id) => id !== q.me);
  const [inserted, , , , room] = await db.batch([
    db.run(sql`insert into chat_rooms (id, kind, title, created_by, created_at, updated_at)
      values (${q.id}, 'group', ${q.title}, ${q.me}, ${q.now}, ${q.now})
      on conflict (id) do nothing`),
    auditIfChanged(db, q.audit),
    insertMembersIfCreated(
      db,
      q.id,
      q.now,
      sql`select ${q.id}, o.id, 'owner', ${q.me}, ${q.now} from officials o where o.id = ${q.me}`,
    ),
    insertMembersIfCreated(
      db,
      q.id,
      q.now,
      sql`select ${q.id}, o.id, 'member', ${q.me}, ${q.now} from officials o
        where o.status = 'active' and o.id in (${sql.join(
          others.map((id) => sql`${id}`),
          sql`, `,
        )})`,
    ),
    db.all<RoomRow>(roomOf(q.me, sql`r.id = ${q.id}`)),
  ]);
  return { room: room[0] ?? null, created: inserted.rowsAffected > 0 };
}

/**
 * The room of an agency, one per agency (unique agency_id): every active official of the
 * agency, `me` its owner. `room` is null when the agency already has a room `me` is not in.
 */
export async function createAgencyRoom(
  db: Db,
  q: CreateCommon & { agencyId: string; title: string },
): Promise<{ room: RoomRow | null; created: boolean; existingId: string | null }> {
  const [inserted, , , , room, existing] = await db.batch([
    db.run(sql`insert into chat_rooms (id, kind, title, agency_id, created_by, created_at, updated_at)
      values (${q.id}, 'agency', ${q.title}, ${q.agencyId}, ${q.me}, ${q.now}, ${q.now})
      on conflict (agency_id) do nothing`),
    auditIfChanged(db, q.audit),
    insertMembersIfCreated(
      db,
      q.id,
      q.now,
      sql`select ${q.id}, o.id, 'owner', ${q.me}, ${q.now} from officials o where o.id = ${q.me}`,
    ),
    insertMembersIfCreated(
      db,
      q.id,
      q.now,
      sql`select ${q.id}, o.id, 'member', ${agencyMarker(q.agencyId)}, ${q.now} from officials o
        where o.agency_id = ${q.agencyId} and o.status = 'active'`,
    ),
    db.all<RoomRow>(roomOf(q.me, sql`r.agency_id = ${q.agencyId}`)),
    db.all<{ id: string }>(sql`select id from chat_rooms where agency_id = ${q.agencyId}`),
  ]);
  return {
    room: room[0] ?? null,
    created: inserted.rowsAffected > 0,
    existingId: existing[0]?.id ?? null,
  };
}

// ---- members ------------------------------------------------------------------------------

/**
 * Adds active officials to a room (already-members are left as they are), and with role
 * `owner` also makes existing members owners. One transaction with one audit entry per kind
 * of change actually made.
 */
export async function addMembers(
  db: Db,
  q: {
    roomId: string;
    ids: readonly string[];
    role: MemberRole;
    by: string;
    now: string;
    audit: (action: 'chat_room.member_add' | 'chat_room.owner_add') => AuditEntryInput;
  },
): Promise<{ added: number; promoted: number }> {
  const list = sql.join(
    q.ids.map((id) => sql`${id}`),
    sql`, `,
  );
  // Each audit entry follows its statement directly: it is written only if that statement
  // changed rows (SQLite's changes() of the statement just before).
  const statements: BatchItem<'sqlite'>[] = [
    db.run(sql`insert into chat_members (room_id, official_id, role, added_by, created_at)
      select ${q.roomId}, o.id, ${q.role}, ${q.by}, ${q.now} from officials o
      where o.status = 'active' and o.id in (${list})
      on conflict (room_id, official_id) do nothing`),
    auditIfChanged(db, q.audit('chat_room.member_add')),
  ];
  if (q.role === 'owner') {
    statements.push(
      db.run(sql`update chat_members set role = 'owner'
        where room_id = ${q.roomId} and role = 'member' and official_id in (${list})`),
      auditIfChanged(db, q.audit('chat_room.owner_add')),
    );
  }
  const results = (await db.batch(
    statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]],
  )) as unknown as { rowsAffected: number }[];
  return { added: results[0]?.rowsAffected ?? 0, promoted: results[2]?.rowsAffected ?? 0 };
}

export type RemoveOutcome = 'removed' | 'last_owner' | 'not_member';

/**
 * Removes one member, unless they are the room's last owner while others remain: checked in
 * the delete itself, so two owners removing each other at once cannot leave a room without
 * an owner.
 */
export async function removeMember(
  db: Db,
  q: { roomId: string; officialId: string; audit: AuditEntryInput },
): Promise<RemoveOutcome> {
  const [deleted, , still] = await db.batch([
    db.run(sql`delete from chat_members where room_id = ${q.roomId} and official_id = ${q.officialId}
      and not (role = 'owner'
        and (select count(*) from chat_members where room_id = ${q.roomId} and role = 'owner') = 1
        and (select count(*) from chat_members where room_id = ${q.roomId}) > 1)`),
    auditIfChanged(db, q.audit),
    db.all<{ role: string }>(
      sql`select role from chat_members where room_id = ${q.roomId} and official_id = ${q.officialId}`,
    ),
  ]);
  if (deleted.rowsAffected > 0) return 'removed';
  return still.length > 0 ? 'last_owner' : 'not_member';
}

/**
 * Brings an agency room in line with its agency: active officials of the agency who are not
 * members join; members who joined through the agency and are no longer active in it leave.
 * People owners added by hand, and owners, are never removed by this.
 */
export async function syncAgencyMembers(
  db: Db,
  q: {
    roomId: string;
    agencyId: string;
    now: string;
    audit: (action: 'chat_room.agency_join' | 'chat_room.agency_leave') => AuditEntryInput;
  },
): Promise<{ added: number; removed: number }> {
  const marker = agencyMarker(q.agencyId);
  const [added, , removed] = await db.batch([
    db.run(sql`insert into chat_members (room_id, official_id, role, added_by, created_at)
      select ${q.roomId}, o.id, 'member', ${marker}, ${q.now} from officials o
      where o.agency_id = ${q.agencyId} and o.status = 'active'
      on conflict (room_id, official_id) do nothing`),
    auditIfChanged(db, q.audit('chat_room.agency_join')),
    db.run(sql`delete from chat_members
      where room_id = ${q.roomId} and added_by = ${marker} and role = 'member'
        and official_id not in (select id from officials
                                where agency_id = ${q.agencyId} and status = 'active')`),
    auditIfChanged(db, q.audit('chat_room.agency_leave')),
  ]);
  return { added: added.rowsAffected, removed: removed.rowsAffected };
}

// ---- calls --------------------------------------------------------------------------------

interface CallRow {
  id: string;
  kind: 'audio' | 'video';
  startedBy: string;
  participantIds: string;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
}

/** A room's calls, newest first, with the names of who started and who joined. */
export async function listCalls(db: Db, roomId: string, q: { cursor?: string; limit: number }) {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await db.all<CallRow>(sql`select id, kind, started_by as startedBy,
      participant_ids as participantIds, started_at as startedAt, ended_at as endedAt,
      duration_seconds as durationSeconds
    from chat_calls
    where room_id = ${roomId}
      ${after ? sql`and (started_at, id) < (${after[0]}, ${after[1]})` : sql``}
    order by started_at desc, id desc
    limit ${q.limit + 1}`);
  const page = rows.slice(0, q.limit);
  const participants = page.map((r) => parseIds(r.participantIds));
  const ids = [...new Set([...page.map((r) => r.startedBy), ...participants.flat()])];
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const found = await db.all<{ id: string; fullName: string }>(
      sql`select id, full_name as fullName from officials where id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
    for (const o of found) names.set(o.id, o.fullName);
  }
  const person = (id: string) => ({ id, fullName: names.get(id) ?? 'Cán bộ' });
  const last = page[page.length - 1];
  return {
    calls: page.map((r, i) => ({
      id: r.id,
      kind: r.kind,
      startedBy: person(r.startedBy),
      participants: (participants[i] ?? []).map(person),
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      durationSeconds: r.durationSeconds,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.startedAt, last.id]) : null,
  };
}

function parseIds(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

// ---- key rotation -------------------------------------------------------------------------

/** A page of every room id, in id order (rotation walks all rooms a page per call). */
export async function roomIdsPage(
  db: Db,
  q: { after?: string; limit: number },
): Promise<{ ids: string[]; nextCursor: string | null }> {
  const rows = await db.all<{ id: string }>(sql`select id from chat_rooms
    ${q.after ? sql`where id > ${q.after}` : sql``}
    order by id limit ${q.limit + 1}`);
  const ids = rows.slice(0, q.limit).map((r) => r.id);
  return { ids, nextCursor: rows.length > q.limit ? (ids[ids.length - 1] ?? null) : null };
}
