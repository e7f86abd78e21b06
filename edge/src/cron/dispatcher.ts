import type { ScheduledController } from '@cloudflare/workers-types';
import { createDb, type Db } from '../platform/db';
import type { Env } from '../platform/env';
import { createLogger, describeError, type Logger } from '../platform/logger';
import { finishRun, startRun } from './repo';

export interface JobContext {
  env: Env;
  db: Db;
  log: Logger;
  cron: string;
  /** When the cron tick was due (not when the job started). */
  scheduledAt: Date;
}

/**
 * A scheduled job. It must be idempotent: running it twice for the same tick changes
 * nothing more than running it once. What it returns is stored as the run's detail (JSON).
 */
export interface CronJob {
  name: string;
  // biome-ignore lint/suspicious/noConfusingVoidType: a job may return nothing at all
  run(ctx: JobContext): Promise<Record<string, unknown> | void>;
}

/** Cron expression (exactly as in wrangler.toml `[triggers] crons`) → jobs run on that tick. */
export type CronRegistry = Readonly<Record<string, readonly CronJob[]>>;

export type JobOutcome =
  | { job: string; status: 'ok' | 'error'; detail: string | null; recorded: boolean }
  | { job: string; status: 'skipped'; detail: string; recorded: false };

const MAX_DETAIL = 2000;

/**
 * Runs every job registered for `controller.cron`, each recorded in `cron_runs`
 * (running → ok | error). Jobs run concurrently and independently: one throwing does not
 * stop the others. Never rejects.
 */
export async function dispatchScheduled(
  controller: Pick<ScheduledController, 'cron' | 'scheduledTime'>,
  env: Env,
  registry: CronRegistry,
): Promise<JobOutcome[]> {
  const log = createLogger(env.LOG_LEVEL, { cron: controller.cron });
  const jobs = registry[controller.cron] ?? [];
  if (jobs.length === 0) {
    log.warn('cron_without_jobs');
    return [];
  }
  const db = createDb(env);
  const scheduledAt = new Date(controller.scheduledTime);
  const outcomes = await Promise.all(
    jobs.map((job) =>
      runJob(job, {
        env,
        db,
        cron: controller.cron,
        scheduledAt,
        log: log.child({ job: job.name }),
      }),
    ),
  );
  return outcomes;
}

async function runJob(job: CronJob, ctx: JobContext): Promise<JobOutcome> {
  const started = Date.now();
  const key = { job: job.name, cron: ctx.cron, scheduledAt: ctx.scheduledAt.toISOString() };
  let runId: number | null | undefined;
  try {
    runId = await startRun(ctx.db, key, new Date(started).toISOString());
  } catch (err) {
    // Cannot record (database down?): still run the job, which is idempotent anyway.
    ctx.log.error('cron_record_failed', { phase: 'start', error: describeError(err) });
  }
  if (runId === null) {
    ctx.log.info('cron_job_skipped', { reason: 'already_ran', scheduledAt: key.scheduledAt });
    return { job: job.name, status: 'skipped', detail: 'already_ran', recorded: false };
  }

  let status: 'ok' | 'error';
  let detail: string | null;
  try {
    const result = await job.run(ctx);
    status = 'ok';
    detail = result ? JSON.stringify(result).slice(0, MAX_DETAIL) : null;
  } catch (err) {
    status = 'error';
    const { name, message } = describeError(err);
    detail = `${name}: ${message}`.slice(0, MAX_DETAIL);
  }
  const durationMs = Date.now() - started;
  const fields = { status, durationMs, ...(status === 'error' ? { detail } : {}) };
  if (status === 'error') ctx.log.error('cron_job', fields);
  else ctx.log.info('cron_job', fields);

  let recorded = false;
  if (runId !== undefined) {
    try {
      await finishRun(ctx.db, runId, { status, detail, finishedAt: new Date().toISOString() });
      recorded = true;
    } catch (err) {
      ctx.log.error('cron_record_failed', { phase: 'finish', error: describeError(err) });
    }
  }
  return { job: job.name, status, detail, recorded };
}
