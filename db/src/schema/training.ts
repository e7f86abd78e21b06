import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { agencies } from './agencies';
import { createdAt, updatedAt } from './columns';
import { users } from './people';

// Online training (issue 9): an agency's courses, their live sessions (a time and a meeting
// link) and materials (files in the DOCUMENTS bucket under training/), registrations with
// reminders and attendance, and questions answered by the trainer.

export const COURSE_STATUSES = ['draft', 'published', 'cancelled'] as const;

export const courses = sqliteTable(
  'courses',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Who the course is for ("Nông dân trồng lúa", "Cán bộ xã"). */
    audience: text('audience'),
    status: text('status', { enum: COURSE_STATUSES }).notNull().default('draft'),
    createdBy: text('created_by').notNull(),
    publishedAt: text('published_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('courses_status_idx').on(t.status, t.agencyId)],
);

export const courseSessions = sqliteTable(
  'course_sessions',
  {
    id: text('id').primaryKey(),
    courseId: text('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** UTC ISO instants. */
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    /** The live meeting (Zoom, Google Meet, Zalo group call…); shown to registered people. */
    meetingUrl: text('meeting_url').notNull(),
    trainerName: text('trainer_name'),
    /** Null: no limit. */
    capacity: integer('capacity'),
    registered: integer('registered').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('course_sessions_course_idx').on(t.courseId, t.startsAt)],
);

export const courseMaterials = sqliteTable(
  'course_materials',
  {
    id: text('id').primaryKey(),
    courseId: text('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    objectKey: text('object_key').notNull().unique(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('course_materials_course_idx').on(t.courseId)],
);

export const courseRegistrations = sqliteTable(
  'course_registrations',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => courseSessions.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    phone: text('phone'),
    cancelledAt: text('cancelled_at'),
    attendedAt: text('attended_at'),
    reminderSentAt: text('reminder_sent_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('course_registrations_session_user_uq').on(t.sessionId, t.userId)],
);

export const courseQuestions = sqliteTable(
  'course_questions',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => courseSessions.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    askerName: text('asker_name').notNull(),
    body: text('body').notNull(),
    answer: text('answer'),
    answeredBy: text('answered_by'),
    answeredAt: text('answered_at'),
    createdAt: createdAt(),
  },
  (t) => [index('course_questions_session_idx').on(t.sessionId, t.createdAt)],
);
