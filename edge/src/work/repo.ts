import {
  agencies,
  type ReportEventType,
  type ReportStatus,
  reportCategories,
  reportEvents,
  reportExtensionRequests,
  reportMedia,
  reports,
} from '@tinh/db/schema';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { holidaySet, holidaysQuery } from '../deadlines/holidays';
import type { Db } from '../platform/db';
import { constraintFailure } from '../reports/repo';
import type { AgencyRef } from './routing';

// Database access of the officials' workflow. An action costs two round trips: one read
// batch (`loadActionContext`: the reports, and whatever the decision needs) and one write
// batch (`writeAction`: one transaction). The write starts with a guarded UPDATE (WHERE the
// state is still the one read); the event row after it fails its NOT NULL actor_kind when
// that UPDATE changed nothing, which rolls the whole batch back (audit entry and
// notifications included). So a race or a retried request cannot apply an action twice.

export interface WorkReportRow {
  id: number;
  code: string;
  status: ReportStatus;
  agencyId: string | null;
  communeId: string | null;
  categoryId: string;
  verifiedAt: string | null;
  acceptedAt: string | null;
  dueAt: string | null;
  createdAt: string;
  resolvedAt: string | null;
  hidden: boolean;
  userId: string | null;
  deviceHash: string | null;
  pendingExtension: boolean;
}

const workReportColumns = {
  id: reports.id,
  code: reports.code,
  status: reports.status,
  agencyId: reports.agencyId,
  communeId: reports.communeId,
  categoryId: reports.categoryId,
  verifiedAt: reports.verifiedAt,
  acceptedAt: reports.acceptedAt,
  dueAt: reports.dueAt,
  createdAt: reports.createdAt,
  resolvedAt: reports.resolvedAt,
  hidden: reports.hidden,
  userId: reports.userId,
  deviceHash: reports.deviceHash,
  // Spelled out: drizzle writes a column of a one-table select unqualified ("id"), which
  // inside this subquery would mean the request's own id.
  pendingExtension: sql<number>`exists (select 1 from report_extension_requests x
    where x.report_id = "reports"."id" and x.status = 'pending')`.mapWith(Boolean),
};

export interface CategoryRef {
  id: string;
  name: string;
  defaultAgencyId: string;
  slaHours: number;
}

export interface ActionContext {
  reports: WorkReportRow[];
  agencies: AgencyRef[];
  categories: CategoryRef[];
  holidays: ReadonlySet<string>;
  /** The event already written under `clientKey`, if any. */
  clientKeyEvent:
    | { id: number; reportId: number; type: ReportEventType; createdAt: string }
    | undefined;
  media: {
    id: string;
    reportId: number | null;
    deviceHash: string | null;
    kind: 'photo' | 'video';
    status: 'uploading' | 'complete';
    expiresAt: string;
  }[];
}

/** Round trip 1 of an action: the reports by code and what the decision needs, one batch. */
export async function loadActionContext(
  db: Db,
  q: {
    codes: readonly string[];
    now: Date;
    clientKey?: string | undefined;
    mediaIds?: readonly string[] | undefined;
  },
): Promise<ActionContext> {
  const [rows, agencyRows, categoryRows, holidayRows, keyed, media] = await db.batch([
    db
      .select(workReportColumns)
      .from(reports)
      .where(inArray(reports.code, [...q.codes])),
    db
      .select({
        id: agencies.id,
        name: agencies.name,
        scope: agencies.scope,
        communeId: agencies.communeId,
      })
      .from(agencies),
    db
      .select({
        id: reportCategories.id,
        name: reportCategories.name,
        defaultAgencyId: reportCategories.defaultAgencyId,
        slaHours: reportCategories.slaHours,
      })
      .from(reportCategories),
    holidaysQuery(db, q.now),
    db
      .select({
        id: reportEvents.id,
        reportId: reportEvents.reportId,
        type: reportEvents.type,
        createdAt: reportEvents.createdAt,
      })
      .from(reportEvents)
      .where(eq(reportEvents.clientKey, q.clientKey ?? ''))
      .limit(q.clientKey ? 1 : 0),
    db
      .select({
        id: reportMedia.id,
        reportId: reportMedia.reportId,
        deviceHash: reportMedia.deviceHash,
        kind: reportMedia.kind,
        status: reportMedia.status,
        expiresAt: reportMedia.expiresAt,
      })
      .from(reportMedia)
      .where(inArray(reportMedia.id, [...(q.mediaIds ?? [])])),
  ]);
  return {
    reports: rows,
    agencies: agencyRows,
    categories: categoryRows,
    holidays: holidaySet(holidayRows),
    clientKeyEvent: keyed[0],
    media,
  };
}

export interface NewEvent {
  reportId: number;
  type: ReportEventType;
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus | null;
  isPublic: boolean;
  publicMessage: string | null;
  note: string | null;
  actorId: string;
  agencyId: string | null;
  clientKey?: string | null;
  at: string;
}

/**
 * An official's event row. With `guard`, its actor_kind is NULL (refused by NOT NULL, so
 * the batch rolls back) unless the guard holds when it runs, e.g. `changes() = 1`: the
 * guarded UPDATE just before it changed its row.
 */
export function eventStatement(db: Db, e: NewEvent, guard?: SQL) {
  const actor = guard ? sql`case when ${guard} then 'official' end` : sql`'official'`;
  return db.run(sql`
    insert into ${reportEvents} (report_id, type, from_status, to_status, is_public,
      public_message, note, actor_kind, actor_id, agency_id, client_key, created_at)
    values (${e.reportId}, ${e.type}, ${e.fromStatus}, ${e.toStatus}, ${e.isPublic ? 1 : 0},
      ${e.publicMessage}, ${e.note}, ${actor}, ${e.actorId}, ${e.agencyId},
      ${e.clientKey ?? null}, ${e.at})`);
}

/** The guard of the event right after a guarded UPDATE of one row. */
export const CHANGED_ONE = sql`changes() = 1`;

export type Statement = BatchItem<'sqlite'>;

export type WriteOutcome =
  | { outcome: 'done'; results: unknown[] }
  | { outcome: 'stale' }
  | { outcome: 'client_key_taken' };

/**
 * Round trip 2: the action's statements in one transaction. `stale` when a guard failed
 * (the report moved on since it was read: nothing was written); `client_key_taken` when
 * another request wrote an event with the same client key first.
 */
export async function writeAction(db: Db, statements: Statement[]): Promise<WriteOutcome> {
  try {
    const results = await db.batch(statements as [Statement, ...Statement[]]);
    return { outcome: 'done', results };
  } catch (err) {
    const failure = constraintFailure(err);
    if (failure === 'NOT NULL report_events.actor_kind') return { outcome: 'stale' };
    if (failure?.startsWith('UNIQUE report_events.client_key')) {
      return { outcome: 'client_key_taken' };
    }
    throw err;
  }
}

/** An event by client key (after a concurrent retry won the race). */
export async function findEventByClientKey(db: Db, clientKey: string) {
  const rows = await db
    .select({
      id: reportEvents.id,
      reportId: reportEvents.reportId,
      type: reportEvents.type,
      createdAt: reportEvents.createdAt,
    })
    .from(reportEvents)
    .where(eq(reportEvents.clientKey, clientKey))
    .limit(1);
  return rows[0];
}

/** The pending extension request of a report the official may decide on, by request id. */
export async function loadExtensionRequest(db: Db, id: number) {
  const rows = await db
    .select({
      id: reportExtensionRequests.id,
      status: reportExtensionRequests.status,
      agencyId: reportExtensionRequests.agencyId,
      requestedDueAt: reportExtensionRequests.requestedDueAt,
      reason: reportExtensionRequests.reason,
      requestedBy: reportExtensionRequests.requestedBy,
      report: workReportColumns,
    })
    .from(reportExtensionRequests)
    .innerJoin(reports, eq(reports.id, reportExtensionRequests.reportId))
    .where(and(eq(reportExtensionRequests.id, id)))
    .limit(1);
  return rows[0];
}
