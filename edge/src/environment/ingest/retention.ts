import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db';
import type { Env } from '../../platform/env';
import { retentionDays } from './poll';

// Raw readings are kept READINGS_RETENTION_DAYS (35) days; hourly and daily rollups for good.
// The hourly job deletes what aged out in bounded rounds: each round picks at most ROUND rows
// through the primary key (stream, time), one seek per stream, so no round scans the table;
// a backlog (the job stopped for a week) is worked off over a few runs.

const ROUND = 5000;
const MAX_ROUNDS = 20;

export async function deleteOldReadings(
  db: Db,
  env: Pick<Env, 'READINGS_RETENTION_DAYS'>,
  now: Date,
  opts: { round?: number; maxRounds?: number } = {},
): Promise<{ deleted: number; cutoff: string; more: boolean }> {
  const round = opts.round ?? ROUND;
  const maxRounds = opts.maxRounds ?? MAX_ROUNDS;
  const cutoff = Math.floor(now.getTime() / 1000) - retentionDays(env) * 86_400;
  let deleted = 0;
  for (let i = 0; i < maxRounds; i++) {
    const res = await db.run(sql`
      delete from readings where (stream_id, observed_at) in (
        select r.stream_id, r.observed_at
        -- CROSS JOIN keeps streams as the outer loop: one primary-key range per stream,
        -- never a scan of readings (there is no index on the time alone).
        from station_streams s cross join readings r
        where r.stream_id = s.id and r.observed_at < ${cutoff}
        limit ${round})`);
    deleted += res.rowsAffected;
    if (res.rowsAffected < round) {
      return { deleted, cutoff: new Date(cutoff * 1000).toISOString(), more: false };
    }
  }
  return { deleted, cutoff: new Date(cutoff * 1000).toISOString(), more: true };
}
