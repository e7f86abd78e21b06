import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { agencies } from './agencies';
import { createdAt, updatedAt } from './columns';
import { officials } from './people';

// Two-level interaction (tương tác 2 cấp, issue 8): a commune's officials ask a provincial
// agency; the agency answers in the thread. An answered thread the agency leaves in the
// handbook (in_handbook) becomes searchable by every commune's officials.
export const QA_STATUSES = ['open', 'answered', 'closed'] as const;

export const qaThreads = sqliteTable(
  'qa_threads',
  {
    id: text('id').primaryKey(),
    /** The commune People's Committee asking (the asker's agency). */
    askingAgencyId: text('asking_agency_id')
      .notNull()
      .references(() => agencies.id),
    /** The provincial agency asked. */
    targetAgencyId: text('target_agency_id')
      .notNull()
      .references(() => agencies.id),
    askedBy: text('asked_by')
      .notNull()
      .references(() => officials.id),
    /** Client-chosen key: a retried question is not asked twice. */
    requestKey: text('request_key').notNull().unique(),
    /** Lĩnh vực: "Đất đai", "Hộ tịch"... free text, for the handbook's grouping. */
    topic: text('topic').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: QA_STATUSES }).notNull().default('open'),
    inHandbook: integer('in_handbook', { mode: 'boolean' }).notNull().default(true),
    answeredAt: text('answered_at'),
    lastMessageAt: text('last_message_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('qa_threads_target_idx').on(t.targetAgencyId, t.status, t.lastMessageAt),
    index('qa_threads_asking_idx').on(t.askingAgencyId, t.lastMessageAt),
    index('qa_threads_handbook_idx').on(t.inHandbook, t.status, t.answeredAt),
  ],
);

export const qaMessages = sqliteTable(
  'qa_messages',
  {
    id: text('id').primaryKey(),
    threadId: text('thread_id')
      .notNull()
      .references(() => qaThreads.id, { onDelete: 'cascade' }),
    authorId: text('author_id')
      .notNull()
      .references(() => officials.id),
    authorAgencyId: text('author_agency_id')
      .notNull()
      .references(() => agencies.id),
    /** True when written by the asked agency (an answer), false for the commune's follow-ups. */
    isAnswer: integer('is_answer', { mode: 'boolean' }).notNull(),
    body: text('body').notNull(),
    requestKey: text('request_key').notNull().unique(),
    createdAt: createdAt(),
  },
  (t) => [index('qa_messages_thread_idx').on(t.threadId, t.createdAt)],
);
