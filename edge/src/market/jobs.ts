import type { CronJob } from '../cron/dispatcher';
import { expireListings } from './repo';

// Hourly: active listings past their expiry become `expired` (the public list already leaves
// them out by time; this makes "Tin của tôi" say so and offer renewal).
export const marketExpiryJob: CronJob = {
  name: 'market_listing_expiry',
  run: async ({ db }) => ({ expired: await expireListings(db, new Date()) }),
};
