import { open311Clients, type ReportStatus } from '@tinh/db/schema';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../platform/db';

// Database access of the Open311 GeoReport v2 server. Each function is one statement (one
// round trip). Like the feed, nothing here reads report_contacts or the internal columns of
// a report: an Open311 answer can only carry what these statements select.

/** The client owning an API key (by its SHA-256), unless revoked. */
export async function findClientByKeyHash(db: Db, apiKeyHash: string) {
  const rows = await db
    .select({ id: open311Clients.id, name: open311Clients.name })
    .from(open311Clients)
    .where(and(eq(open311Clients.apiKeyHash, apiKeyHash), isNull(open311Clients.revokedAt)))
    .limit(1);
  return rows[0];
}

export interface RequestFilter {
  /** Tracking codes (service_request_id): when given, the other filters are ignored. */
  codes?: string[] | undefined;
  categoryIds?: string[] | undefined;
  statuses?: readonly ReportStatus[] | undefined;
  /** Inclusive bounds on created_at (UTC ISO). */
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  limit: number;
}

export interface RequestRow {
  id: number;
  code: string;
  status: ReportStatus;
  categoryId: string;
  categoryName: string;
  description: string;
  agencyName: string | null;
  agencyScope: string | null;
  communeId: string | null;
  communeName: string | null;
  communeKind: string | null;
  address: string | null;
  lat: number;
  lng: number;
  createdAt: string;
  updatedAt: string;
  dueAt: string | null;
  photoId: string | null;
  statusNotes: string | null;
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * Visible reports as Open311 service requests, newest first (by requested_datetime, then
 * id, so that paging by `end_date` never skips a request). `status_notes` is the message of
 * the latest public timeline event.
 */
export async function listRequests(db: Db, f: RequestFilter): Promise<RequestRow[]> {
  const where: SQL[] = [sql`r.hidden = 0`];
  if (f.codes) {
    where.push(sql`r.code in (${list(f.codes)})`);
  } else {
    if (f.categoryIds?.length) where.push(sql`r.category_id in (${list(f.categoryIds)})`);
    if (f.statuses?.length) where.push(sql`r.status in (${list(f.statuses)})`);
    if (f.createdFrom) where.push(sql`r.created_at >= ${f.createdFrom}`);
    if (f.createdTo) where.push(sql`r.created_at <= ${f.createdTo}`);
  }
  return db.all<RequestRow>(sql`
    select r.id as id, r.code as code, r.status as status,
      r.category_id as categoryId, c.name as categoryName, r.description as description,
      a.name as agencyName, a.scope as agencyScope,
      r.commune_id as communeId, u.name as communeName, u.kind as communeKind,
      r.address as address, r.lat as lat, r.lng as lng,
      r.created_at as createdAt, r.updated_at as updatedAt, r.due_at as dueAt,
      (select m.id from report_media m
        where m.report_id = r.id and m.phase = 'report' and m.kind = 'photo' and m.status = 'complete'
        order by m.sort_order limit 1) as photoId,
      (select e.public_message from report_events e
        where e.report_id = r.id and e.is_public = 1 and e.public_message is not null
        order by e.id desc limit 1) as statusNotes
    from reports r
    join report_categories c on c.id = r.category_id
    left join agencies a on a.id = r.agency_id
    left join admin_units u on u.id = r.commune_id
    where ${sql.join(where, sql` and `)}
    order by r.created_at desc, r.id desc
    limit ${f.limit}`);
}
