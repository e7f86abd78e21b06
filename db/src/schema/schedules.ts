import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { agencies } from './agencies';
import { createdAt, updatedAt } from './columns';
import { CONTENT_STATUSES } from './content';

// Work schedules (lịch công tác, issue 8): an agency's weekly programme, one row per item,
// either the agency's own or one of its leaders' (leader_name set). A published item that is
// edited again is marked: revised_at and revision_note say what changed and when, so people
// who read the earlier version can see it moved. `cancelled` keeps a published item visible,
// struck through, rather than letting it vanish.
export const SCHEDULE_STATUSES = [...CONTENT_STATUSES, 'cancelled'] as const;

export const scheduleEntries = sqliteTable(
  'schedule_entries',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** Null: the agency's own item; else the leader whose schedule it is. */
    leaderName: text('leader_name'),
    leaderTitle: text('leader_title'),
    /** UTC ISO instants; the week is computed in Vietnam time. */
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at'),
    allDay: integer('all_day', { mode: 'boolean' }).notNull().default(false),
    location: text('location').notNull(),
    content: text('content').notNull(),
    host: text('host').notNull(),
    participants: text('participants').notNull().default(''),
    /** Optional English: { content, location, host, participants, leaderTitle }. */
    en: text('en'),
    status: text('status', { enum: SCHEDULE_STATUSES }).notNull().default('draft'),
    publishedAt: text('published_at'),
    revisedAt: text('revised_at'),
    revisionNote: text('revision_note'),
    /** Bumped on every write; an edit names the version it read (optimistic concurrency). */
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('schedule_entries_agency_idx').on(t.agencyId, t.startsAt),
    index('schedule_entries_status_idx').on(t.status, t.startsAt),
  ],
);
