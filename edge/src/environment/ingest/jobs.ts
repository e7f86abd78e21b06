import type { CronJob } from '../../cron/dispatcher';
import { runPollTick } from './poll';
import { deleteOldReadings } from './retention';

/** Every 5 minutes: poll the sensor gateways due (each at its own interval, or backing off). */
export const environmentPollJob: CronJob = {
  name: 'environment-poll',
  // Due-ness and backoff are judged on the clock, not the tick's nominal time (a tick
  // delivered late or retried must not skip or double a poll); the tick only aligns the next
  // poll times.
  async run({ db, env, log, scheduledAt }) {
    return { ...(await runPollTick(db, env, { tickAt: scheduledAt, log })) };
  },
};

/** Hourly: delete raw readings older than READINGS_RETENTION_DAYS. */
export const readingsRetentionJob: CronJob = {
  name: 'readings-retention',
  async run({ db, env }) {
    return deleteOldReadings(db, env, new Date());
  },
};
