import { chatCalls, chatMembers, chatRooms, notifications, officials } from '@tinh/db/schema';
import { and, eq, isNull } from 'drizzle-orm';
import { createDb } from '../../platform/db';
import type { Env } from '../../platform/env';
import type { ChatMemberRole } from '../types';

// What the room's Durable Object reads from and writes to libSQL: who the members are (the
// source of truth, edited by the REST routes), offline notifications, the room list's order,
// and call metadata. Never message content.

type DbEnv = Pick<Env, 'LIBSQL_URL' | 'LIBSQL_AUTH_TOKEN'>;

export interface RoomDirectory {
  exists: boolean;
  kind: string | null;
  title: string | null;
  members: { officialId: string; name: string; role: ChatMemberRole }[];
}

/** The room and its members who are active officials (a disabled account is not a member). */
export async function loadRoom(env: DbEnv, roomId: string): Promise<RoomDirectory> {
  const db = createDb(env);
  const [rooms, members] = await db.batch([
    db
      .select({ kind: chatRooms.kind, title: chatRooms.title })
      .from(chatRooms)
      .where(eq(chatRooms.id, roomId)),
    db
      .select({
        officialId: chatMembers.officialId,
        role: chatMembers.role,
        name: officials.fullName,
      })
      .from(chatMembers)
      .innerJoin(officials, eq(officials.id, chatMembers.officialId))
      .where(and(eq(chatMembers.roomId, roomId), eq(officials.status, 'active'))),
  ]);
  const room = rooms[0];
  if (!room) return { exists: false, kind: null, title: null, members: [] };
  return {
    exists: true,
    kind: room.kind,
    title: room.title,
    members: members.map((m) => ({
      officialId: m.officialId,
      name: m.name,
      role: m.role === 'owner' ? 'owner' : 'member',
    })),
  };
}

/** One official's membership, straight from libSQL (checked at every connection). */
export async function isMemberInDirectory(
  env: DbEnv,
  roomId: string,
  officialId: string,
): Promise<boolean> {
  const db = createDb(env);
  const rows = await db
    .select({ id: chatMembers.officialId })
    .from(chatMembers)
    .innerJoin(officials, eq(officials.id, chatMembers.officialId))
    .where(
      and(
        eq(chatMembers.roomId, roomId),
        eq(chatMembers.officialId, officialId),
        eq(officials.status, 'active'),
      ),
    );
  return rows.length > 0;
}

export interface ChatNotice {
  officialId: string;
  seq: number;
}

export const CHAT_NOTICE_TITLE = 'Tin nhắn mới';

export function chatNoticeKey(roomId: string, officialId: string, seq: number): string {
  return `chat:${roomId}:${officialId}:${seq}`;
}

/** In-app notifications of a new message: who sent it and where, never what. */
export async function writeNotices(
  env: DbEnv,
  roomId: string,
  senderName: string,
  roomTitle: string | null,
  notices: ChatNotice[],
  now: string,
): Promise<void> {
  if (notices.length === 0) return;
  const db = createDb(env);
  const body = `${senderName} đã gửi tin nhắn trong ${roomTitle?.trim() ? roomTitle : 'cuộc trò chuyện'}`;
  await db
    .insert(notifications)
    .values(
      notices.map((n) => ({
        recipientType: 'official' as const,
        recipientId: n.officialId,
        kind: 'chat.message',
        title: CHAT_NOTICE_TITLE,
        body,
        link: `/chat/${roomId}`,
        dedupeKey: chatNoticeKey(roomId, n.officialId, n.seq),
        createdAt: now,
      })),
    )
    .onConflictDoNothing();
}

/** Marks the room's pending notification read once its reader caught up in the chat. */
export async function markNoticeRead(
  env: DbEnv,
  roomId: string,
  notice: ChatNotice,
  now: string,
): Promise<void> {
  const db = createDb(env);
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.dedupeKey, chatNoticeKey(roomId, notice.officialId, notice.seq)),
        isNull(notifications.readAt),
      ),
    );
}

export async function touchRoom(env: DbEnv, roomId: string, lastMessageAt: string | null) {
  const db = createDb(env);
  await db.update(chatRooms).set({ lastMessageAt }).where(eq(chatRooms.id, roomId));
}

export interface CallRecord {
  id: string;
  roomId: string;
  kind: 'audio' | 'video';
  startedBy: string;
  participantIds: string[];
  startedAt: string;
  endedAt: string;
  durationSeconds: number;
}

/** The call's metadata row (who, when, how long); a retried write keeps the first. */
export async function writeCall(env: DbEnv, call: CallRecord): Promise<void> {
  const db = createDb(env);
  await db
    .insert(chatCalls)
    .values({
      id: call.id,
      roomId: call.roomId,
      kind: call.kind,
      startedBy: call.startedBy,
      participantIds: JSON.stringify(call.participantIds),
      startedAt: call.startedAt,
      endedAt: call.endedAt,
      durationSeconds: call.durationSeconds,
    })
    .onConflictDoNothing();
}
