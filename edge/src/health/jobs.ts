import type { CronJob } from '../cron/dispatcher';
import { pingDatabase } from './repo';

/** Proves every few minutes that the Worker reaches the database; the round trip lands in cron_runs.detail. */
export const dbHeartbeat: CronJob = {
  name: 'db-heartbeat',
  async run({ db }) {
    const ping = await pingDatabase(db);
    if (!ping.ok) throw ping.error;
    return { roundTripMs: ping.roundTripMs };
  },
};
