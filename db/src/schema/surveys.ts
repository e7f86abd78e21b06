import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { agencies } from './agencies';
import { createdAt, updatedAt } from './columns';

// Opinion surveys (issue 9). The questionnaire (sections, questions, options, skip logic) is
// one validated JSON document (edge/src/surveys/definition.ts), edited as a whole while the
// survey is a draft and frozen once published, so every answer refers to stable ids. Answers
// are rows, one per question and chosen option, so results are GROUP BY queries.

export const SURVEY_STATUSES = ['draft', 'published', 'closed'] as const;
/** `anyone`: one answer per device; `verified`: one per citizen account with a verified Zalo identity. */
export const SURVEY_AUDIENCES = ['anyone', 'verified'] as const;

export const surveys = sqliteTable(
  'surveys',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: SURVEY_STATUSES }).notNull().default('draft'),
    audience: text('audience', { enum: SURVEY_AUDIENCES }).notNull().default('verified'),
    /** UTC ISO instants: answers are accepted only in between. */
    opensAt: text('opens_at').notNull(),
    closesAt: text('closes_at').notNull(),
    /** The questionnaire, JSON (see edge/src/surveys/definition.ts). */
    definition: text('definition').notNull(),
    /** Optimistic concurrency of the builder: each save sends the version it edited. */
    version: integer('version').notNull().default(1),
    responseCount: integer('response_count').notNull().default(0),
    createdBy: text('created_by').notNull(),
    publishedAt: text('published_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('surveys_status_idx').on(t.status, t.closesAt)],
);

export const surveyResponses = sqliteTable(
  'survey_responses',
  {
    id: text('id').primaryKey(),
    surveyId: text('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    /** `user:<users.id>` or `device:<sha-256 of the device id>`: unique per survey. */
    respondentKey: text('respondent_key').notNull(),
    userId: text('user_id'),
    submittedAt: createdAt(),
  },
  (t) => [uniqueIndex('survey_responses_respondent_uq').on(t.surveyId, t.respondentKey)],
);

export const surveyAnswers = sqliteTable(
  'survey_answers',
  {
    responseId: text('response_id')
      .notNull()
      .references(() => surveyResponses.id, { onDelete: 'cascade' }),
    surveyId: text('survey_id').notNull(),
    questionId: text('question_id').notNull(),
    /** Choice questions: one row per chosen option; '' otherwise. */
    optionId: text('option_id').notNull().default(''),
    /** Scale: the number; free text: the text. */
    value: text('value'),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.questionId, t.optionId] }),
    index('survey_answers_question_idx').on(t.surveyId, t.questionId, t.optionId),
  ],
);

export const SURVEY_REJECTION_REASONS = [
  'duplicate',
  'rate_limited',
  'closed',
  'unverified',
] as const;

// Answers refused, counted per survey, reason and local day: the integrity figures the
// survey's results show (how many second answers were turned away).
export const surveyRejections = sqliteTable(
  'survey_rejections',
  {
    surveyId: text('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    reason: text('reason', { enum: SURVEY_REJECTION_REASONS }).notNull(),
    day: text('day').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.reason, t.day] })],
);
