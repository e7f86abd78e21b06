import { reportMedia, reports } from '@tinh/db/schema';
import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../platform/db';

// Database access of uploads and media files (report_media). One round trip per function.

export type MediaRow = typeof reportMedia.$inferSelect;

export async function insertUpload(
  db: Db,
  row: Pick<
    MediaRow,
    'id' | 'deviceHash' | 'kind' | 'mime' | 'declaredBytes' | 'chunkBytes' | 'r2Key' | 'expiresAt'
  > & { createdAt: string },
): Promise<void> {
  await db.insert(reportMedia).values({ ...row, updatedAt: row.createdAt });
}

export async function findUpload(db: Db, id: string): Promise<MediaRow | undefined> {
  const rows = await db.select().from(reportMedia).where(eq(reportMedia.id, id)).limit(1);
  return rows[0];
}

/**
 * Moves an upload's offset from `from` to `to`, only if it still is at `from`: two copies of
 * the same chunk sent at once (a retry racing the original) advance it once. Returns whether
 * this call moved it.
 */
export async function advanceUpload(
  db: Db,
  id: string,
  from: number,
  to: number,
  now: string,
): Promise<boolean> {
  const res = await db
    .update(reportMedia)
    .set({ receivedBytes: to, updatedAt: now })
    .where(
      and(
        eq(reportMedia.id, id),
        eq(reportMedia.receivedBytes, from),
        eq(reportMedia.status, 'uploading'),
      ),
    );
  return res.rowsAffected === 1;
}

/** Sets the offset back (a chunk object went missing): the client resends from there. */
export async function rewindUpload(db: Db, id: string, to: number, now: string): Promise<void> {
  await db
    .update(reportMedia)
    .set({ receivedBytes: sql`min(${reportMedia.receivedBytes}, ${to})`, updatedAt: now })
    .where(and(eq(reportMedia.id, id), eq(reportMedia.status, 'uploading')));
}

export async function completeUpload(
  db: Db,
  id: string,
  done: Pick<MediaRow, 'mime' | 'sha256' | 'width' | 'height' | 'gpsLat' | 'gpsLng'> & {
    now: string;
  },
): Promise<void> {
  const { now, ...fields } = done;
  await db
    .update(reportMedia)
    .set({ ...fields, status: 'complete', updatedAt: now })
    .where(and(eq(reportMedia.id, id), eq(reportMedia.status, 'uploading')));
}

/** Removes an upload that belongs to no report (a refused file). */
export async function deleteUnattached(db: Db, id: string): Promise<void> {
  await db.delete(reportMedia).where(and(eq(reportMedia.id, id), isNull(reportMedia.reportId)));
}

/** A file the public may fetch: complete and attached to a report the IOC has not hidden. */
/**
 * A finished file attached to a report, with what decides who may see it: public unless the
 * report is hidden (spam), then only officials who may read that report.
 */
export async function findReportMedia(db: Db, id: string) {
  const rows = await db
    .select({
      r2Key: reportMedia.r2Key,
      mime: reportMedia.mime,
      sha256: reportMedia.sha256,
      hidden: reports.hidden,
      agencyId: reports.agencyId,
      communeId: reports.communeId,
    })
    .from(reportMedia)
    .innerJoin(reports, eq(reports.id, reportMedia.reportId))
    .where(and(eq(reportMedia.id, id), eq(reportMedia.status, 'complete')))
    .limit(1);
  return rows[0];
}

/** Uploads attached to no report whose time is up, oldest first. */
export async function listOrphans(db: Db, now: string, limit: number) {
  return db
    .select({
      id: reportMedia.id,
      r2Key: reportMedia.r2Key,
      declaredBytes: reportMedia.declaredBytes,
      chunkBytes: reportMedia.chunkBytes,
    })
    .from(reportMedia)
    .where(and(isNull(reportMedia.reportId), lt(reportMedia.expiresAt, now)))
    .orderBy(asc(reportMedia.expiresAt))
    .limit(limit);
}

/** Deletes orphan rows, re-checking that each is still unattached and expired. */
export async function deleteOrphans(db: Db, ids: string[], now: string): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await db.run(sql`
    delete from ${reportMedia}
    where ${reportMedia.reportId} is null and ${reportMedia.expiresAt} < ${now}
      and ${reportMedia.id} in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`);
  return res.rowsAffected;
}
