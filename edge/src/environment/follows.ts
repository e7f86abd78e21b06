import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Db } from '../platform/db';
import type { AppEnv } from '../platform/env';
import { ApiError } from '../platform/errors';
import { hashDeviceId } from '../reports/tokens';
import { communeLabel } from './repo';

// Citizens following a station or a commune for its alerts (the alert job notifies them
// in-app). Like "my reports", it works without an account: a device follows by its
// X-Device-Id (only its SHA-256 is stored); a signed-in citizen follows as themselves, on
// every device, and also sees what the device in hand followed before signing in.

/** Follows per follower: a device cannot grow the table (and every alert's fan-out) at will. */
export const MAX_FOLLOWS = 100;

export type Subject = 'station' | 'commune';
export interface Follower {
  type: 'user' | 'device';
  id: string;
}

/**
 * Who is asking: the signed-in citizen and/or the device; the first one is who a new
 * follow is written for. Neither: 400 `device_id_required`.
 */
export async function followersOf(
  c: Context<AppEnv>,
  deviceId: string | undefined,
): Promise<Follower[]> {
  const followers: Follower[] = [];
  if (c.var.userId) followers.push({ type: 'user', id: c.var.userId });
  if (deviceId) followers.push({ type: 'device', id: await hashDeviceId(deviceId) });
  if (followers.length === 0) {
    throw new ApiError(400, 'device_id_required', 'Thiếu mã thiết bị (tiêu đề X-Device-Id).');
  }
  return followers;
}

const anyOf = (followers: Follower[]) =>
  sql.join(
    followers.map((f) => sql`(f.follower_type = ${f.type} and f.follower_id = ${f.id})`),
    sql` or `,
  );

interface FollowRow {
  subjectType: Subject;
  subjectId: string;
  stationName: string | null;
  communeName: string | null;
  communeKind: Parameters<typeof communeLabel>[1];
}

// The subject's name, or null when it is not (or no longer) shown: a disabled or removed
// station, an unknown commune.
const SUBJECT_NAME = sql`left join stations s
    on f.subject_type = 'station' and s.id = f.subject_id and s.enabled = 1
  left join admin_units u
    on f.subject_type = 'commune' and u.id = f.subject_id and u.level = 'commune'`;

const nameOf = (r: FollowRow) =>
  r.subjectType === 'station' ? r.stationName : communeLabel(r.communeName, r.communeKind);

/** What these followers follow, stations first, each subject once. */
export async function listFollows(db: Db, followers: Follower[]) {
  const rows = await db.all<FollowRow>(sql`select distinct f.subject_type as subjectType,
      f.subject_id as subjectId, s.name as stationName, u.name as communeName,
      u.kind as communeKind
    from environment_follows f ${SUBJECT_NAME}
    where ${anyOf(followers)}
    order by f.subject_type desc, f.created_at`);
  const seen = new Set<string>();
  const items: { subjectType: Subject; subjectId: string; name: string }[] = [];
  for (const r of rows) {
    const name = nameOf(r);
    const key = `${r.subjectType}:${r.subjectId}`;
    if (!name || seen.has(key)) continue;
    seen.add(key);
    items.push({ subjectType: r.subjectType, subjectId: r.subjectId, name });
  }
  return items;
}

const subjectExists = (subject: Subject, id: string) =>
  subject === 'station'
    ? sql`exists (select 1 from stations where id = ${id} and enabled = 1)`
    : sql`exists (select 1 from admin_units where id = ${id} and level = 'commune')`;

const subjectNotFound = (subject: Subject, id: string) =>
  subject === 'station'
    ? new ApiError(404, 'station_not_found', 'Không tìm thấy trạm quan trắc.', { id })
    : new ApiError(404, 'commune_not_found', 'Không tìm thấy xã, phường.', { id });

/**
 * Follows a subject (idempotent): one round trip that checks the subject, whether it was
 * already followed and the per-follower cap, and inserts. `changed` is false on a repeat.
 */
export async function follow(
  db: Db,
  followers: Follower[],
  subject: Subject,
  subjectId: string,
): Promise<{ changed: boolean }> {
  const writer = followers[0] as Follower;
  const [exists, before, inserted] = await db.batch([
    db.all<{ ok: number }>(sql`select ${subjectExists(subject, subjectId)} as ok`),
    db.all<{ n: number }>(sql`select count(*) as n from environment_follows f
      where f.subject_type = ${subject} and f.subject_id = ${subjectId} and (${anyOf(followers)})`),
    db.all<{ ok: number }>(sql`insert into environment_follows
        (subject_type, subject_id, follower_type, follower_id)
      select ${subject}, ${subjectId}, ${writer.type}, ${writer.id}
      where ${subjectExists(subject, subjectId)}
        and (select count(*) from environment_follows
          where follower_type = ${writer.type} and follower_id = ${writer.id}) < ${MAX_FOLLOWS}
      on conflict do nothing
      returning 1 as ok`),
  ]);
  if (!(exists as { ok: number }[])[0]?.ok) throw subjectNotFound(subject, subjectId);
  // Already followed by this device or this citizen: nothing to do.
  if (Number((before as { n: number }[])[0]?.n ?? 0) > 0) return { changed: false };
  if ((inserted as unknown[]).length === 0) {
    throw new ApiError(
      409,
      'too_many_follows',
      `Bạn đã theo dõi ${MAX_FOLLOWS} trạm, xã/phường. Hãy bỏ theo dõi bớt rồi thử lại.`,
      { max: MAX_FOLLOWS },
    );
  }
  return { changed: true };
}

/** Stops following, for the citizen and the device alike (idempotent). */
export async function unfollow(
  db: Db,
  followers: Follower[],
  subject: Subject,
  subjectId: string,
): Promise<{ changed: boolean }> {
  const removed = await db.all(sql`delete from environment_follows as f
    where f.subject_type = ${subject} and f.subject_id = ${subjectId} and (${anyOf(followers)})
    returning 1`);
  return { changed: removed.length > 0 };
}
