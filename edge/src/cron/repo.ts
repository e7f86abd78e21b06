import { cronRuns } from '@tinh/db/schema';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../platform/db';

export interface RunKey {
  job: string;
  cron: string;
  /** ISO time of the cron tick (the controller's scheduledTime). */
  scheduledAt: string;
}

/**
 * Records a run as `running`, unless this job already has a run for the same tick that
 * is running or finished ok (a duplicate delivery of the same cron event). One statement,
 * so two concurrent deliveries cannot both start. Returns the run id, or null to skip.
 */
export async function startRun(db: Db, key: RunKey, startedAt: string): Promise<number | null> {
  const rows = await db.all<{ id: number }>(sql`
    insert into ${cronRuns} (job, cron, scheduled_at, started_at, status)
    select ${key.job}, ${key.cron}, ${key.scheduledAt}, ${startedAt}, 'running'
    where not exists (
      select 1 from ${cronRuns}
      where ${cronRuns.job} = ${key.job}
        and ${cronRuns.scheduledAt} = ${key.scheduledAt}
        and ${cronRuns.status} in ('running', 'ok')
    )
    returning id`);
  return rows[0]?.id ?? null;
}

export async function finishRun(
  db: Db,
  id: number,
  outcome: { status: 'ok' | 'error'; detail: string | null; finishedAt: string },
): Promise<void> {
  await db
    .update(cronRuns)
    .set({ status: outcome.status, detail: outcome.detail, finishedAt: outcome.finishedAt })
    .where(eq(cronRuns.id, id));
}
