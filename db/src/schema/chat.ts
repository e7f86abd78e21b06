import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { agencies } from './agencies';
import { createdAt, updatedAt } from './columns';
import { officials } from './people';

// Officials' work chat (issue 7). libSQL holds who may talk where (rooms and members: the
// room list, permissions and agency rooms are queries across rooms); the messages themselves,
// encrypted, live in each room's Durable Object (edge/src/chat/room), never here.

/** `direct`: two officials; `agency`: every official of one agency; `group`: an ad hoc group. */
export const CHAT_ROOM_KINDS = ['direct', 'agency', 'group'] as const;
export type ChatRoomKind = (typeof CHAT_ROOM_KINDS)[number];

export const chatRooms = sqliteTable(
  'chat_rooms',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: CHAT_ROOM_KINDS }).notNull(),
    /** Null for direct rooms (each side sees the other's name). */
    title: text('title'),
    /** Set for agency rooms only: one per agency. */
    agencyId: text('agency_id')
      .unique()
      .references(() => agencies.id),
    /** Direct rooms: the two official ids sorted and joined by ":", so a pair has one room. */
    directKey: text('direct_key').unique(),
    createdBy: text('created_by').references(() => officials.id),
    /** Written by the room's Durable Object when a message is stored: orders the room list. */
    lastMessageAt: text('last_message_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('chat_rooms_last_message_idx').on(t.lastMessageAt)],
);

export const CHAT_MEMBER_ROLES = ['owner', 'member'] as const;
export type ChatMemberRole = (typeof CHAT_MEMBER_ROLES)[number];

export const chatMembers = sqliteTable(
  'chat_members',
  {
    roomId: text('room_id')
      .notNull()
      .references(() => chatRooms.id, { onDelete: 'cascade' }),
    officialId: text('official_id')
      .notNull()
      .references(() => officials.id, { onDelete: 'cascade' }),
    role: text('role', { enum: CHAT_MEMBER_ROLES }).notNull().default('member'),
    addedBy: text('added_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.roomId, t.officialId] }),
    index('chat_members_official_idx').on(t.officialId),
  ],
);

export const CHAT_CALL_KINDS = ['audio', 'video'] as const;

// Call metadata only (who, when, how long): never media, never anything of the call's content.
export const chatCalls = sqliteTable(
  'chat_calls',
  {
    id: text('id').primaryKey(),
    roomId: text('room_id')
      .notNull()
      .references(() => chatRooms.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: CHAT_CALL_KINDS }).notNull(),
    startedBy: text('started_by').notNull(),
    /** JSON array of the official ids who joined. */
    participantIds: text('participant_ids').notNull().default('[]'),
    startedAt: text('started_at').notNull(),
    endedAt: text('ended_at'),
    durationSeconds: integer('duration_seconds'),
  },
  (t) => [index('chat_calls_room_idx').on(t.roomId, t.startedAt)],
);

export type ChatRoom = typeof chatRooms.$inferSelect;
export type ChatMember = typeof chatMembers.$inferSelect;
