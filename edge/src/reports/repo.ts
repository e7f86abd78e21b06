import {
  type ADMIN_KINDS,
  adminUnits,
  agencies,
  type IntakeOutcome,
  type LOCATION_SOURCES,
  notifications,
  officialRoles,
  officials,
  outbox,
  type RATINGS,
  type ReportStatus,
  reportCategories,
  reportContacts,
  reportEvents,
  reportIntake,
  reportMedia,
  reportRatings,
  reportSupporters,
  reports,
} from '@tinh/db/schema';
import {
  and,
  asc,
  between,
  desc,
  eq,
  gt,
  inArray,
  isNull,
  lt,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { alias } from 'drizzle-orm/sqlite-core';
import { auditStatement } from '../audit/log';
import { holidaySet, holidaysQuery } from '../deadlines/holidays';
import type { Db } from '../platform/db';
import { AGENCY_ROLES } from '../work/recipients';
import type { AgencyRef } from '../work/routing';
import { OPEN_STATUSES } from './labels';

// Database access of field reports (citizen side). Every exported function is one round
// trip to libSQL (one query or one db.batch, which is also one transaction), so a handler's
// round trips can be counted from here. No function selects report_contacts except the
// insert: contact details never reach a citizen-facing query.

// ---- submission ---------------------------------------------------------------------------

export interface SubmissionCategory {
  id: string;
  name: string;
  nameEn: string;
  slaHours: number;
  defaultAgencyId: string;
}

export interface SubmissionContext {
  /** The category the citizen picked. */
  category: SubmissionCategory | undefined;
  /** The citizen's category and the classifier's, by id: what auto-routing may choose from. */
  categories: ReadonlyMap<string, SubmissionCategory>;
  /** Every agency (a few dozen: departments and one committee per commune), for routing. */
  agencies: AgencyRef[];
  existing: { id: number; code: string } | undefined;
  communes: {
    id: string;
    name: string;
    kind: (typeof ADMIN_KINDS)[number];
    lat: number | null;
    lng: number | null;
  }[];
  media: {
    id: string;
    reportId: number | null;
    deviceHash: string | null;
    kind: 'photo' | 'video';
    mime: string;
    status: 'uploading' | 'complete';
    width: number | null;
    height: number | null;
    gpsLat: number | null;
    gpsLng: number | null;
    expiresAt: string;
  }[];
  /** Public holidays around `now` (local dates), for the due date. */
  holidays: ReadonlySet<string>;
}

/** Round trip 1 of a submission: everything it needs to decide, in one read batch. */
export async function loadSubmissionContext(
  db: Db,
  q: {
    submissionId: string;
    categoryId: string;
    /** The classifier's category (classified before this read): routing may need it. */
    predictedCategoryId?: string | null;
    mediaIds: string[];
    now: Date;
  },
): Promise<SubmissionContext> {
  const categoryIds = [q.categoryId, ...(q.predictedCategoryId ? [q.predictedCategoryId] : [])];
  const [categoryRows, agencyRows, existing, communes, media, holidayRows] = await db.batch([
    db
      .select({
        id: reportCategories.id,
        name: reportCategories.name,
        nameEn: reportCategories.nameEn,
        slaHours: reportCategories.slaHours,
        defaultAgencyId: reportCategories.defaultAgencyId,
      })
      .from(reportCategories)
      .where(inArray(reportCategories.id, categoryIds)),
    db
      .select({
        id: agencies.id,
        name: agencies.name,
        scope: agencies.scope,
        communeId: agencies.communeId,
      })
      .from(agencies),
    db
      .select({ id: reports.id, code: reports.code })
      .from(reports)
      .where(eq(reports.submissionId, q.submissionId))
      .limit(1),
    db
      .select({
        id: adminUnits.id,
        name: adminUnits.name,
        kind: adminUnits.kind,
        lat: adminUnits.lat,
        lng: adminUnits.lng,
      })
      .from(adminUnits)
      .where(eq(adminUnits.level, 'commune')),
    db
      .select({
        id: reportMedia.id,
        reportId: reportMedia.reportId,
        deviceHash: reportMedia.deviceHash,
        kind: reportMedia.kind,
        mime: reportMedia.mime,
        status: reportMedia.status,
        width: reportMedia.width,
        height: reportMedia.height,
        gpsLat: reportMedia.gpsLat,
        gpsLng: reportMedia.gpsLng,
        expiresAt: reportMedia.expiresAt,
      })
      .from(reportMedia)
      .where(inArray(reportMedia.id, q.mediaIds)),
    holidaysQuery(db, q.now),
  ]);
  const categories = new Map(categoryRows.map((c) => [c.id, c]));
  return {
    category: categories.get(q.categoryId),
    categories,
    agencies: agencyRows,
    existing: existing[0],
    communes,
    media,
    holidays: holidaySet(holidayRows),
  };
}

export interface NewReport {
  code: string;
  submissionId: string;
  followTokenHash: string;
  deviceHash: string | null;
  userId: string | null;
  categoryId: string;
  description: string;
  lat: number;
  lng: number;
  locationSource: (typeof LOCATION_SOURCES)[number];
  communeId: string | null;
  address: string | null;
  dueAt: string;
  createdAt: string;
  /** The classifier's category (the IOC queue and the report page show it as the suggestion). */
  suggestedCategoryId: string | null;
}

/** What the smart intake decided on arrival, written with the report (intake/auto-route.ts). */
export interface NewIntake {
  /** The report_intake row; null when the classifier had nothing usable to say. */
  record: {
    citizenCategoryId: string;
    predictedCategoryId: string;
    confidence: number;
    /** JSON, see alternativesJson. */
    alternatives: string;
    outcome: IntakeOutcome;
    threshold: number;
    modelVersion: string;
  } | null;
  /** Routed on arrival: the report is written as assigned to this agency. */
  route: {
    agency: { id: string; name: string };
    /** Public message of the `assigned` event, and the reporter's notice. */
    message: string;
    /** The category the citizen picked, when routing changed it (confident prediction). */
    categoryChangedFrom: string | null;
    /** Audit note: why the system routed it. */
    auditNote: string;
    /** The agency's in-app notification. */
    officials: { title: string; body: string };
  } | null;
}

export interface NewContact {
  name: string | null;
  phone: string | null;
  agencyMayContact: boolean;
  /** Status updates by Zalo ZNS message to `phone` (false without a phone). */
  znsConsent: boolean;
}

/** Raised (inside the batch) when a media file could not be attached: the batch rolls back. */
export const MEDIA_GUARD_COLUMN = 'report_events.actor_kind';

/**
 * Round trip 2 of a submission: the report, its contact row, the media attachments, the
 * first public event, the search row and the smart intake's record, in one batch (one
 * transaction: all or nothing). A report routed on arrival is written as `assigned` to its
 * agency (first_assigned_at = created_at, routed_by 'auto'), with its `assigned` event, the
 * audit entries of the system's decision, and the notices to the agency and the reporter.
 *
 * The rows after the report find it by its submission id (a unique index), so no id has to
 * travel back between statements. The `received` event doubles as a guard: its actor_kind
 * is NULL (violating NOT NULL, which rolls everything back) unless exactly the expected
 * number of media rows ended up attached, so a file claimed concurrently by another
 * submission, or swept as an orphan meanwhile, never leaves a report with a missing photo.
 */
export async function insertReport(
  db: Db,
  r: NewReport,
  contact: NewContact | null,
  mediaIds: string[],
  ftsBody: string,
  receivedMessage: string,
  intake: NewIntake = { record: null, route: null },
): Promise<void> {
  const reportId = sql`(select ${reports.id} from ${reports} where ${reports.submissionId} = ${r.submissionId})`;
  const route = intake.route;
  const statements = [
    db.insert(reports).values({
      ...r,
      updatedAt: r.createdAt,
      ...(route
        ? {
            status: 'assigned' as const,
            agencyId: route.agency.id,
            assignedAt: r.createdAt,
            firstAssignedAt: r.createdAt,
            routedBy: 'auto' as const,
          }
        : { status: 'received' as const }),
    }),
    ...(contact
      ? [
          db.insert(reportContacts).values({
            reportId: sql`${reportId}`,
            name: contact.name,
            phone: contact.phone,
            agencyMayContact: contact.agencyMayContact,
            znsConsent: contact.znsConsent,
            consentedAt: r.createdAt,
          }),
        ]
      : []),
    ...mediaIds.map((id, i) =>
      db
        .update(reportMedia)
        .set({
          reportId: sql`${reportId}`,
          sortOrder: i,
          gpsLat: null,
          gpsLng: null,
          updatedAt: r.createdAt,
        })
        .where(
          and(
            eq(reportMedia.id, id),
            isNull(reportMedia.reportId),
            eq(reportMedia.status, 'complete'),
            r.deviceHash === null ? sql`0` : eq(reportMedia.deviceHash, r.deviceHash),
            gt(reportMedia.expiresAt, r.createdAt),
          ),
        ),
    ),
    db.run(sql`
      insert into ${reportEvents} (report_id, type, to_status, is_public, public_message, actor_kind, created_at)
      select r.id, 'received', 'received', 1, ${receivedMessage},
        case when (select count(*) from ${reportMedia} m where m.report_id = r.id) = ${mediaIds.length}
          then 'citizen' end,
        ${r.createdAt}
      from ${reports} r where r.submission_id = ${r.submissionId}`),
    db.run(sql`
      insert into reports_fts (rowid, body)
      select ${reports.id}, ${ftsBody} from ${reports} where ${reports.submissionId} = ${r.submissionId}`),
    ...(intake.record
      ? [
          db.insert(reportIntake).values({
            reportId: sql`${reportId}`,
            ...intake.record,
            createdAt: r.createdAt,
          }),
        ]
      : []),
    ...(route ? autoRouteStatements(db, r, route) : []),
  ];
  await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
}

/**
 * What an assignment by the IOC writes besides the report's row (work/actions.ts), done by
 * the system at submission: the public `assigned` event, audit entries with a system actor,
 * and the notices. The notices are written here rather than by notifications/notify.ts
 * because the report's id is not known until the batch runs: every row finds the report by
 * its submission id. Same shapes and dedupe keys as noticeStatements (a reporter row by user
 * or device plus one `citizen_status` outbox row; one row per active official of the agency
 * with an agency role), so the lists, the dispatcher and a retry treat them alike. A new
 * report has no supporters or merged reports yet, so there is no one else to tell.
 */
function autoRouteStatements(
  db: Db,
  r: NewReport,
  route: NonNullable<NewIntake['route']>,
): BatchItem<'sqlite'>[] {
  const at = r.createdAt;
  const bySubmission = sql`from ${reports} r where r.submission_id = ${r.submissionId}`;
  const key = `${r.code}:assigned:${at}`;
  const recipient = r.userId
    ? { type: 'user' as const, id: r.userId }
    : r.deviceHash
      ? { type: 'device' as const, id: r.deviceHash }
      : null;
  const roles = sql.join(
    AGENCY_ROLES.map((role) => sql`${role}`),
    sql`, `,
  );
  const system = { kind: 'system' as const };
  return [
    db.run(sql`
      insert into ${reportEvents} (report_id, type, from_status, to_status, is_public,
        public_message, actor_kind, agency_id, created_at)
      select r.id, 'assigned', 'received', 'assigned', 1, ${route.message}, 'system',
        ${route.agency.id}, ${at}
      ${bySubmission}`),
    ...(route.categoryChangedFrom
      ? [
          auditStatement(db, {
            at,
            actor: system,
            action: 'report.category',
            entityType: 'report',
            entityId: r.code,
            from: route.categoryChangedFrom,
            to: r.categoryId,
            note: route.auditNote,
          }),
        ]
      : []),
    auditStatement(db, {
      at,
      actor: system,
      action: 'report.assign',
      entityType: 'report',
      entityId: r.code,
      from: 'received',
      to: `assigned @ ${route.agency.id}`,
      note: route.auditNote,
    }),
    db.run(sql`
      insert into ${notifications}
        (recipient_type, recipient_id, report_id, kind, title, body, dedupe_key, created_at)
      select 'official', o.id, r.id, 'report.assigned', ${route.officials.title},
        ${route.officials.body}, ${key} || ':official:' || o.id, ${at}
      from ${reports} r
      join ${officials} o on o.agency_id = ${route.agency.id} and o.status = 'active'
      where r.submission_id = ${r.submissionId}
        and exists (select 1 from ${officialRoles} x
          where x.official_id = o.id and x.role in (${roles}))
      on conflict (dedupe_key) do nothing`),
    db.run(sql`
      insert into ${outbox} (channel, dedupe_key, payload, next_attempt_at, created_at)
      select 'citizen_status', ${`${key}:citizen`},
        json_object('reportId', r.id, 'code', r.code, 'status', 'assigned',
          'message', ${route.message}),
        ${at}, ${at}
      ${bySubmission}
      on conflict (dedupe_key) do nothing`),
    ...(recipient
      ? [
          db.run(sql`
            insert into ${notifications}
              (recipient_type, recipient_id, report_id, kind, title, body, dedupe_key, created_at)
            select ${recipient.type}, ${recipient.id}, r.id, 'report.status',
              ${`Phản ánh ${r.code}`}, ${route.message},
              ${`${key}:${recipient.type}:${recipient.id}`}, ${at}
            ${bySubmission}
            on conflict (dedupe_key) do nothing`),
        ]
      : []),
  ];
}

/** The constraint that failed inside a write, from a libSQL error or any error in its cause chain. */
export function constraintFailure(err: unknown): string | null {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const m = /(UNIQUE|NOT NULL|FOREIGN KEY|CHECK) constraint failed:? ?([\w.,\s]*)/.exec(
      e.message,
    );
    if (m) return `${m[1]} ${m[2]?.trim() ?? ''}`.trim();
  }
  return null;
}

// ---- public view --------------------------------------------------------------------------

const duplicateOf = alias(reports, 'main_report');

export interface ReportRow {
  id: number;
  code: string;
  status: ReportStatus;
  description: string;
  address: string | null;
  lat: number;
  lng: number;
  locationSource: (typeof LOCATION_SOURCES)[number];
  dueAt: string | null;
  resolvedAt: string | null;
  supporterCount: number;
  createdAt: string;
  updatedAt: string;
  hidden: boolean;
  followTokenHash: string;
  deviceHash: string | null;
  userId: string | null;
  agencyId: string | null;
  category: { id: string; name: string; nameEn: string; slaHours: number };
  agencyName: string | null;
  communeId: string | null;
  communeName: string | null;
  communeKind: string | null;
  duplicateOfCode: string | null;
}

export interface ReportBundle {
  report: ReportRow;
  media: {
    id: string;
    kind: 'photo' | 'video';
    phase: 'report' | 'result';
    mime: string;
    width: number | null;
    height: number | null;
  }[];
  events: {
    type: (typeof reportEvents.$inferSelect)['type'];
    toStatus: ReportStatus | null;
    publicMessage: string | null;
    agencyId: string | null;
    agencyName: string | null;
    createdAt: string;
  }[];
  ratings: {
    rating: (typeof RATINGS)[number];
    comment: string | null;
    resolvedAt: string;
    createdAt: string;
  }[];
}

const reportColumns = {
  id: reports.id,
  code: reports.code,
  status: reports.status,
  description: reports.description,
  address: reports.address,
  lat: reports.lat,
  lng: reports.lng,
  locationSource: reports.locationSource,
  dueAt: reports.dueAt,
  resolvedAt: reports.resolvedAt,
  supporterCount: reports.supporterCount,
  createdAt: reports.createdAt,
  updatedAt: reports.updatedAt,
  hidden: reports.hidden,
  followTokenHash: reports.followTokenHash,
  deviceHash: reports.deviceHash,
  userId: reports.userId,
  agencyId: reports.agencyId,
  category: {
    id: reportCategories.id,
    name: reportCategories.name,
    nameEn: reportCategories.nameEn,
    slaHours: reportCategories.slaHours,
  },
  agencyName: agencies.name,
  communeId: reports.communeId,
  communeName: adminUnits.name,
  communeKind: adminUnits.kind,
  duplicateOfCode: duplicateOf.code,
};

/** A report with its media, public timeline and ratings, by code or submission id: one round trip. */
export async function loadReportBundle(
  db: Db,
  by: { code: string } | { submissionId: string },
): Promise<ReportBundle | undefined> {
  const match =
    'code' in by ? eq(reports.code, by.code) : eq(reports.submissionId, by.submissionId);
  const [rows, media, events, ratings] = await db.batch([
    db
      .select(reportColumns)
      .from(reports)
      .innerJoin(reportCategories, eq(reportCategories.id, reports.categoryId))
      .leftJoin(agencies, eq(agencies.id, reports.agencyId))
      .leftJoin(adminUnits, eq(adminUnits.id, reports.communeId))
      .leftJoin(duplicateOf, eq(duplicateOf.id, reports.duplicateOfId))
      .where(match)
      .limit(1),
    db
      .select({
        id: reportMedia.id,
        kind: reportMedia.kind,
        phase: reportMedia.phase,
        mime: reportMedia.mime,
        width: reportMedia.width,
        height: reportMedia.height,
      })
      .from(reportMedia)
      .innerJoin(reports, eq(reports.id, reportMedia.reportId))
      .where(and(match, eq(reportMedia.status, 'complete')))
      .orderBy(asc(reportMedia.phase), asc(reportMedia.sortOrder), asc(reportMedia.createdAt)),
    db
      .select({
        type: reportEvents.type,
        toStatus: reportEvents.toStatus,
        publicMessage: reportEvents.publicMessage,
        agencyId: reportEvents.agencyId,
        agencyName: agencies.name,
        createdAt: reportEvents.createdAt,
      })
      .from(reportEvents)
      .innerJoin(reports, eq(reports.id, reportEvents.reportId))
      .leftJoin(agencies, eq(agencies.id, reportEvents.agencyId))
      .where(and(match, eq(reportEvents.isPublic, true)))
      .orderBy(asc(reportEvents.id)),
    db
      .select({
        rating: reportRatings.rating,
        comment: reportRatings.comment,
        resolvedAt: reportRatings.resolvedAt,
        createdAt: reportRatings.createdAt,
      })
      .from(reportRatings)
      .innerJoin(reports, eq(reports.id, reportRatings.reportId))
      .where(match)
      .orderBy(asc(reportRatings.id)),
  ]);
  const report = rows[0];
  if (!report) return undefined;
  return { report, media, events, ratings };
}

// ---- lists --------------------------------------------------------------------------------

const firstPhoto = sql<string | null>`(
  select m.id from ${reportMedia} m
  where m.report_id = ${reports.id} and m.phase = 'report' and m.kind = 'photo' and m.status = 'complete'
  order by m.sort_order limit 1)`;

const summaryColumns = {
  id: reports.id,
  code: reports.code,
  status: reports.status,
  description: reports.description,
  lat: reports.lat,
  lng: reports.lng,
  address: reports.address,
  supporterCount: reports.supporterCount,
  dueAt: reports.dueAt,
  createdAt: reports.createdAt,
  updatedAt: reports.updatedAt,
  hidden: reports.hidden,
  categoryId: reports.categoryId,
  categoryName: reportCategories.name,
  categoryNameEn: reportCategories.nameEn,
  communeName: adminUnits.name,
  photoId: firstPhoto,
};

export type ReportSummaryRow = Awaited<ReturnType<typeof listMine>>[number];

/** The reports of a device, or of a signed-in citizen on any device, newest first. */
export async function listMine(
  db: Db,
  who: { deviceHash: string | null; userId: string | null },
  page: { beforeId?: number | undefined; limit: number },
) {
  const owners: SQL[] = [];
  if (who.deviceHash) owners.push(eq(reports.deviceHash, who.deviceHash));
  if (who.userId) owners.push(eq(reports.userId, who.userId));
  if (owners.length === 0) return [];
  return db
    .select(summaryColumns)
    .from(reports)
    .innerJoin(reportCategories, eq(reportCategories.id, reports.categoryId))
    .leftJoin(adminUnits, eq(adminUnits.id, reports.communeId))
    .where(and(or(...owners), page.beforeId ? lt(reports.id, page.beforeId) : undefined))
    .orderBy(desc(reports.id))
    .limit(page.limit);
}

/**
 * Open, visible reports of a category inside a lat/lng rectangle (the caller measures the
 * real distance). The range on `lat` uses reports_geo_idx (lat, lng).
 */
export async function listOpenInBox(
  db: Db,
  q: { categoryId: string; south: number; north: number; west: number; east: number },
) {
  return db
    .select(summaryColumns)
    .from(reports)
    .innerJoin(reportCategories, eq(reportCategories.id, reports.categoryId))
    .leftJoin(adminUnits, eq(adminUnits.id, reports.communeId))
    .where(
      and(
        between(reports.lat, q.south, q.north),
        between(reports.lng, q.west, q.east),
        eq(reports.categoryId, q.categoryId),
        eq(reports.hidden, false),
        inArray(reports.status, [...OPEN_STATUSES]),
      ),
    )
    .limit(200);
}

// ---- citizen actions on a report -----------------------------------------------------------

/**
 * Records a rating of the report's current resolution, and its public event. The insert
 * re-checks the state it was decided on (resolved, same resolution), so a report reopened or
 * re-resolved meanwhile gets no rating; the unique index (report, resolved_at) refuses a
 * second rating of one resolution. Returns false when the state had changed.
 */
export async function insertRating(
  db: Db,
  q: {
    reportId: number;
    resolvedAt: string;
    rating: (typeof RATINGS)[number];
    comment: string | null;
    eventMessage: string;
    now: string;
  },
): Promise<boolean> {
  const [inserted] = await db.batch([
    db.run(sql`
      insert into ${reportRatings} (report_id, resolved_at, rating, comment, created_at)
      select id, resolved_at, ${q.rating}, ${q.comment}, ${q.now} from ${reports}
      where id = ${q.reportId} and status = 'resolved' and resolved_at = ${q.resolvedAt}`),
    db.run(sql`
      insert into ${reportEvents} (report_id, type, from_status, to_status, is_public, public_message, actor_kind, created_at)
      select ${q.reportId}, 'rated', 'resolved', 'resolved', 1, ${q.eventMessage}, 'citizen', ${q.now}
      where changes() = 1`),
  ]);
  return inserted.rowsAffected === 1;
}

/**
 * Reopens a resolved report: back to `in_progress` with the agency that handled it (or to
 * `received` when none was recorded), a new deadline (the SLA sweep judges it afresh), and a
 * public `reopened` event, in one transaction with `after` (the audit entry and the
 * notifications of the agency). Guarded by the state it was decided on: the event's
 * actor_kind is NULL, which rolls everything back, unless the UPDATE changed the report.
 * Returns false when the state had changed.
 */
export async function reopenReport(
  db: Db,
  q: {
    reportId: number;
    resolvedAt: string;
    dueAt: string;
    message: string;
    now: string;
  },
  after: BatchItem<'sqlite'>[] = [],
): Promise<boolean> {
  try {
    await db.batch([
      db.run(sql`
        update ${reports}
        set status = case when agency_id is null then 'received' else 'in_progress' end,
            resolved_at = null, due_at = ${q.dueAt}, overdue_at = null, escalated_at = null,
            updated_at = ${q.now}
        where id = ${q.reportId} and status = 'resolved' and resolved_at = ${q.resolvedAt}`),
      db.run(sql`
        insert into ${reportEvents} (report_id, type, from_status, to_status, is_public, public_message, actor_kind, agency_id, created_at)
        select id, 'reopened', 'resolved', status, 1, ${q.message},
          case when changes() = 1 then 'citizen' end, agency_id, ${q.now}
        from ${reports} where id = ${q.reportId}`),
      ...after,
    ]);
    return true;
  } catch (err) {
    if (constraintFailure(err) === 'NOT NULL report_events.actor_kind') return false;
    throw err;
  }
}

/**
 * "Tôi cũng gặp": one supporter row per device and report, and the count recomputed from
 * the rows (so it can never drift, whatever retries happen). Returns whether this device
 * was new and the count.
 */
export async function addSupporter(
  db: Db,
  q: { reportId: number; supporterHash: string; now: string },
): Promise<{ added: boolean; supporterCount: number }> {
  const [inserted, updated] = await db.batch([
    db
      .insert(reportSupporters)
      .values({ reportId: q.reportId, supporterHash: q.supporterHash, createdAt: q.now })
      .onConflictDoNothing(),
    db
      .update(reports)
      .set({
        supporterCount: sql`(select count(*) from ${reportSupporters} where ${reportSupporters.reportId} = ${q.reportId})`,
      })
      .where(eq(reports.id, q.reportId))
      .returning({ supporterCount: reports.supporterCount }),
  ]);
  return {
    added: inserted.rowsAffected === 1,
    supporterCount: updated[0]?.supporterCount ?? 0,
  };
}
