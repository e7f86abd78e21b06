import type { CronJob } from '../cron/dispatcher';
import type { Env } from '../platform/env';
import { deleteOrphans, listOrphans } from './repo';
import { chunkKey } from './uploads';

// "Never keep a file that belongs to no report": uploads never attached to a report are
// deleted once past expires_at (UPLOAD_TTL_HOURS after they started), R2 objects first,
// then the rows. Idempotent: deleting a missing R2 key is a no-op, and a row is deleted
// only while still unattached and expired (an expired upload can no longer be attached:
// submission checks expires_at in the same statement that attaches it).

const BATCH = 200;
const MAX_BATCHES = 10;

export async function sweepOrphanMedia(
  db: Parameters<typeof listOrphans>[0],
  env: Pick<Env, 'MEDIA'>,
  now: Date,
): Promise<{ deleted: number; objects: number }> {
  const at = now.toISOString();
  let deleted = 0;
  let objects = 0;
  for (let round = 0; round < MAX_BATCHES; round++) {
    const orphans = await listOrphans(db, at, BATCH);
    if (orphans.length === 0) break;
    const keys: string[] = [];
    for (const o of orphans) {
      keys.push(o.r2Key);
      const chunks = Math.ceil(o.declaredBytes / o.chunkBytes);
      for (let i = 0; i < chunks; i++) keys.push(chunkKey(o.id, i));
    }
    for (let i = 0; i < keys.length; i += 1000) await env.MEDIA.delete(keys.slice(i, i + 1000));
    objects += keys.length;
    deleted += await deleteOrphans(
      db,
      orphans.map((o) => o.id),
      at,
    );
    if (orphans.length < BATCH) break;
  }
  return { deleted, objects };
}

export const mediaOrphanSweep: CronJob = {
  name: 'media-orphan-sweep',
  async run({ db, env, scheduledAt }) {
    return sweepOrphanMedia(db, env, scheduledAt);
  },
};
