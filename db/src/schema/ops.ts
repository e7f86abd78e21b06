import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// One row per cron job run, so operators can see that scheduled work is alive and
// a job can tell when it last ran.
export const CRON_STATUSES = ['running', 'ok', 'error'] as const;

export const cronRuns = sqliteTable(
  'cron_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    cron: text('cron').notNull(),
    scheduledAt: text('scheduled_at').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    status: text('status', { enum: CRON_STATUSES }).notNull(),
    detail: text('detail'),
  },
  (t) => [index('cron_runs_job_started_idx').on(t.job, t.startedAt)],
);

export type CronRun = typeof cronRuns.$inferSelect;
