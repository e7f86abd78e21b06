import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { withTimeout } from '../platform/timing';

export type DbPing =
  | { ok: true; roundTripMs: number }
  | { ok: false; roundTripMs: number; error: unknown };

/** One `select 1` round trip to libSQL, bounded by `timeoutMs`. Never throws. */
export async function pingDatabase(db: Db, timeoutMs = 5000): Promise<DbPing> {
  const started = Date.now();
  try {
    await withTimeout(db.run(sql`select 1`), timeoutMs, 'database ping');
    return { ok: true, roundTripMs: Date.now() - started };
  } catch (error) {
    return { ok: false, roundTripMs: Date.now() - started, error };
  }
}
