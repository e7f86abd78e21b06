import type { CronJob } from '../../cron/dispatcher';
import { draftsFromClusterAlerts } from './cluster';
import { draftsFromStationAlerts } from './station';

// Where emergency alerts come from besides editors: one function per source, each turning
// its events into draft alerts that a person reviews before anyone is notified. A new source
// (a national CAP feed, a dam operator...) is one more file here with a `draftsFrom…(db, now)`
// and a line in the job below; `emergency_alerts.source` gains a value in the schema.

export const emergencyDraftsJob: CronJob = {
  name: 'emergency-drafts',
  async run({ db, scheduledAt }) {
    const station = await draftsFromStationAlerts(db, scheduledAt);
    const cluster = await draftsFromClusterAlerts(db, scheduledAt);
    return { station, cluster };
  },
};

export { draftsFromClusterAlerts, draftsFromStationAlerts };
