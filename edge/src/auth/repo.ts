import { reports, users } from '@tinh/db/schema';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../platform/db';

// Database access of citizen accounts. Each function is one round trip to libSQL. Only the
// Zalo user id and the display name are kept: never a Zalo access token, never the picture.

export interface CitizenUser {
  id: string;
  displayName: string | null;
}

/**
 * The account of a Zalo user, created on first sign-in (one statement: insert, or update
 * on the unique zalo_id). The display name follows Zalo's; a sign-in without the name (the
 * citizen did not grant scope.userInfo) keeps the one already known.
 */
export async function upsertZaloUser(
  db: Db,
  profile: { zaloId: string; displayName: string | null },
  now: string,
): Promise<CitizenUser & { created: boolean }> {
  const [row] = await db
    .insert(users)
    .values({
      id: crypto.randomUUID(),
      zaloId: profile.zaloId,
      displayName: profile.displayName,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: users.zaloId,
      set: {
        displayName: sql`coalesce(excluded.display_name, ${users.displayName})`,
        updatedAt: now,
      },
    })
    .returning({ id: users.id, displayName: users.displayName, createdAt: users.createdAt });
  if (!row) throw new Error('users upsert returned no row');
  return { id: row.id, displayName: row.displayName, created: row.createdAt === now };
}

/**
 * Attaches a device's anonymous reports (same device hash, no account yet) to a citizen's
 * account. Reports already in an account, this one or another, are never moved, so running
 * it again changes nothing. `user` is undefined when the account does not exist (then
 * nothing is attached).
 */
export async function claimDeviceReports(
  db: Db,
  q: { userId: string; deviceHash: string },
): Promise<{ user: CitizenUser | undefined; claimed: number }> {
  const [found, updated] = await db.batch([
    db
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(eq(users.id, q.userId))
      .limit(1),
    db
      .update(reports)
      .set({ userId: q.userId })
      .where(
        and(
          eq(reports.deviceHash, q.deviceHash),
          isNull(reports.userId),
          sql`exists (select 1 from ${users} where ${users.id} = ${q.userId})`,
        ),
      ),
  ]);
  return { user: found[0], claimed: updated.rowsAffected };
}
