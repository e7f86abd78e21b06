import { appointmentJobs } from '../appointments/jobs';
import { slaSweep } from '../deadlines/sweep';
import { emergencyDraftsJob } from '../emergency/sources';
import { forecastRefreshJob } from '../environment/forecast/service';
import { environmentPollJob, readingsRetentionJob } from '../environment/ingest/jobs';
import { dbHeartbeat } from '../health/jobs';
import { clusterDetectionJob } from '../intake/clusters/job';
import { marketExpiryJob } from '../market/jobs';
import { mediaOrphanSweep } from '../media/sweep';
import { outboxDispatchJob } from '../notifications/dispatch';
import { paymentReconcileJob } from '../payments/jobs';
import { trainingJobs } from '../training/jobs';
import type { CronRegistry } from './dispatcher';

export { type CronJob, type CronRegistry, dispatchScheduled, type JobContext } from './dispatcher';

/** Every five minutes. Keep these keys identical to wrangler.toml `[triggers] crons`. */
export const EVERY_5_MINUTES = '*/5 * * * *';
/** At minute 0 of every hour. */
export const HOURLY = '0 * * * *';

/** Which jobs run on which cron trigger. Later issues add sensor polling, rollups. */
export const CRON_JOBS: CronRegistry = {
  [EVERY_5_MINUTES]: [
    dbHeartbeat,
    outboxDispatchJob,
    slaSweep,
    environmentPollJob,
    clusterDetectionJob,
    emergencyDraftsJob,
    paymentReconcileJob,
  ],
  [HOURLY]: [
    mediaOrphanSweep,
    readingsRetentionJob,
    forecastRefreshJob,
    ...appointmentJobs,
    ...trainingJobs,
    marketExpiryJob,
  ],
};
