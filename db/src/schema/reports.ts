import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { adminUnits } from './admin-units';
import { agencies } from './agencies';
import { reportCategories } from './categories';
import { createdAt, updatedAt } from './columns';
import { users } from './people';

// Field reports (phản ánh hiện trường). The public face of a report is `code`
// (e.g. PA-7K3F9Q); the integer id is internal, gives FTS5 its rowid and makes
// cursor paging a simple `id < ?`.

/** Citizen-visible states; the officials' workflow moves a report between them. */
export const REPORT_STATUSES = [
  'received',
  'assigned',
  'in_progress',
  'resolved',
  'rejected',
  'duplicate',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Why the IOC closed a report without handling it (status `rejected`). */
export const REJECTION_KINDS = ['spam', 'out_of_scope'] as const;
export type RejectionKind = (typeof REJECTION_KINDS)[number];

/** How a report reached its first agency: by the smart intake on arrival, or by the IOC. */
export const ROUTED_BY = ['auto', 'manual'] as const;

export const LOCATION_SOURCES = ['gps', 'zalo', 'pin', 'address', 'exif'] as const;

export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    // Client-generated id of the submission: a retried or double-tapped send
    // finds the report it already created instead of making a second one.
    submissionId: text('submission_id').notNull().unique(),
    // SHA-256 of the secret follow token kept on the reporter's device.
    followTokenHash: text('follow_token_hash').notNull(),
    // SHA-256 of the device id, for "my reports" and rate limiting; never shown.
    deviceHash: text('device_hash'),
    userId: text('user_id').references(() => users.id),
    categoryId: text('category_id')
      .notNull()
      .references(() => reportCategories.id),
    description: text('description').notNull(),
    lat: real('lat').notNull(),
    lng: real('lng').notNull(),
    locationSource: text('location_source', { enum: LOCATION_SOURCES }).notNull(),
    communeId: text('commune_id').references(() => adminUnits.id),
    address: text('address'),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('received'),
    agencyId: text('agency_id').references(() => agencies.id),
    duplicateOfId: integer('duplicate_of_id'),
    // Set by the IOC for spam or abusive content: hidden from every public view.
    hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
    supporterCount: integer('supporter_count').notNull().default(0),
    dueAt: text('due_at'),
    resolvedAt: text('resolved_at'),
    // Why a rejected report was closed by the IOC: spam is also hidden from public views.
    rejectionKind: text('rejection_kind', { enum: REJECTION_KINDS }),
    // The category the smart intake suggested, when it differs from or precedes the IOC's choice.
    suggestedCategoryId: text('suggested_category_id').references(() => reportCategories.id),
    // Workflow milestones. `first_assigned_at` - `created_at` is the intake-to-agency time.
    verifiedAt: text('verified_at'),
    firstAssignedAt: text('first_assigned_at'),
    assignedAt: text('assigned_at'),
    acceptedAt: text('accepted_at'),
    // Set once by the SLA sweep when `due_at` passes unresolved; cleared by a new deadline.
    overdueAt: text('overdue_at'),
    escalatedAt: text('escalated_at'),
    // Set with `first_assigned_at`: the statistics split intake-to-agency time by it.
    routedBy: text('routed_by', { enum: ROUTED_BY }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('reports_feed_idx').on(t.hidden, t.id),
    // Period queries (statistics, Open311's date window) range over created_at.
    index('reports_created_idx').on(t.hidden, t.createdAt),
    index('reports_category_idx').on(t.categoryId, t.id),
    index('reports_commune_idx').on(t.communeId, t.id),
    index('reports_status_idx').on(t.status, t.id),
    index('reports_agency_idx').on(t.agencyId, t.id),
    index('reports_device_idx').on(t.deviceHash),
    index('reports_user_idx').on(t.userId),
    index('reports_geo_idx').on(t.lat, t.lng),
    // Reports merged into a main one: its notices reach their reporters too (notify.ts).
    index('reports_duplicate_of_idx').on(t.duplicateOfId).where(sql`duplicate_of_id is not null`),
    // The SLA sweep: open reports by deadline. Partial, so the index holds only the open
    // reports; a query uses it when it repeats this predicate literally (no parameters).
    index('reports_open_due_idx')
      .on(t.dueAt)
      .where(sql`status in ('received', 'assigned', 'in_progress')`),
  ],
);

// Contact details live apart from the report so that no public query can select
// them by accident: only the IOC and, with consent, the handling agency read this.
export const reportContacts = sqliteTable('report_contacts', {
  reportId: integer('report_id')
    .primaryKey()
    .references(() => reports.id, { onDelete: 'cascade' }),
  name: text('name'),
  phone: text('phone'),
  agencyMayContact: integer('agency_may_contact', { mode: 'boolean' }).notNull().default(false),
  // The reporter agreed to status updates by Zalo ZNS message to `phone`.
  znsConsent: integer('zns_consent', { mode: 'boolean' }).notNull().default(false),
  consentedAt: text('consented_at').notNull(),
});

export const MEDIA_KINDS = ['photo', 'video'] as const;
/** `report`: sent by the citizen; `result`: the agency's after photos. */
export const MEDIA_PHASES = ['report', 'result'] as const;
export const UPLOAD_STATUSES = ['uploading', 'complete'] as const;

// One row per file. It starts as an upload (resumable, `received_bytes` grows)
// with no report; submission attaches it. Unattached rows past `expires_at` are
// orphans, swept by cron together with their R2 objects.
export const reportMedia = sqliteTable(
  'report_media',
  {
    id: text('id').primaryKey(),
    reportId: integer('report_id').references(() => reports.id, { onDelete: 'cascade' }),
    deviceHash: text('device_hash'),
    kind: text('kind', { enum: MEDIA_KINDS }).notNull(),
    phase: text('phase', { enum: MEDIA_PHASES }).notNull().default('report'),
    mime: text('mime').notNull(),
    declaredBytes: integer('declared_bytes').notNull(),
    receivedBytes: integer('received_bytes').notNull().default(0),
    // Size of every chunk but the last, fixed when the upload starts (a later change of
    // UPLOAD_CHUNK_BYTES does not break uploads in progress).
    chunkBytes: integer('chunk_bytes').notNull().default(524288),
    status: text('status', { enum: UPLOAD_STATUSES }).notNull().default('uploading'),
    r2Key: text('r2_key').notNull(),
    sha256: text('sha256'),
    width: integer('width'),
    height: integer('height'),
    // GPS position read from the photo's EXIF before the metadata was stripped: fills a
    // report's missing location. Cleared when the file is attached to a report.
    gpsLat: real('gps_lat'),
    gpsLng: real('gps_lng'),
    sortOrder: integer('sort_order').notNull().default(0),
    expiresAt: text('expires_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('report_media_report_idx').on(t.reportId, t.sortOrder),
    index('report_media_orphan_idx').on(t.reportId, t.expiresAt),
  ],
);

export const REPORT_EVENT_TYPES = [
  'received',
  'verified',
  'assigned',
  'accepted',
  'returned',
  'in_progress',
  'update',
  'note',
  'extension_requested',
  'extension_decided',
  'overdue',
  'escalated',
  'resolved',
  'rejected',
  'duplicate',
  'rated',
  'reopened',
  'comment',
] as const;
export type ReportEventType = (typeof REPORT_EVENT_TYPES)[number];
export const ACTOR_KINDS = ['citizen', 'official', 'system'] as const;

// The report's history, where the citizen side and the officials' workflow meet.
// `public_message` is what citizens see on the timeline; `note` is internal.
export const reportEvents = sqliteTable(
  'report_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    type: text('type', { enum: REPORT_EVENT_TYPES }).notNull(),
    fromStatus: text('from_status', { enum: REPORT_STATUSES }),
    toStatus: text('to_status', { enum: REPORT_STATUSES }),
    isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(true),
    publicMessage: text('public_message'),
    note: text('note'),
    actorKind: text('actor_kind', { enum: ACTOR_KINDS }).notNull(),
    actorId: text('actor_id'),
    agencyId: text('agency_id').references(() => agencies.id),
    // Client-generated id of an official's update or note: a retried post finds the event
    // it already wrote instead of writing it twice.
    clientKey: text('client_key').unique(),
    createdAt: createdAt(),
  },
  (t) => [index('report_events_report_idx').on(t.reportId, t.id)],
);

export const EXTENSION_STATUSES = ['pending', 'approved', 'denied'] as const;

// An agency asks the IOC for more time on one report; the IOC approves (the deadline moves)
// or denies, with a reason either way.
export const reportExtensionRequests = sqliteTable(
  'report_extension_requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    requestedBy: text('requested_by').notNull(),
    reason: text('reason').notNull(),
    // The deadline the agency asks for.
    requestedDueAt: text('requested_due_at').notNull(),
    status: text('status', { enum: EXTENSION_STATUSES }).notNull().default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    decisionNote: text('decision_note'),
    createdAt: createdAt(),
  },
  (t) => [
    index('report_extension_requests_report_idx').on(t.reportId, t.id),
    index('report_extension_requests_status_idx').on(t.status, t.id),
  ],
);

export const RATINGS = ['satisfied', 'acceptable', 'unsatisfied'] as const;

// One rating per resolution: a reopened and re-resolved report is rated again,
// so the key is the report plus the resolution it rates.
export const reportRatings = sqliteTable(
  'report_ratings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    resolvedAt: text('resolved_at').notNull(),
    rating: text('rating', { enum: RATINGS }).notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('report_ratings_resolution_uq').on(t.reportId, t.resolvedAt)],
);

// "Tôi cũng gặp": a citizen follows an existing report instead of filing again.
export const reportSupporters = sqliteTable(
  'report_supporters',
  {
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    supporterHash: text('supporter_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.supporterHash] })],
);

// Third-party Open311 GeoReport v2 clients allowed to POST requests.
export const open311Clients = sqliteTable('open311_clients', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  apiKeyHash: text('api_key_hash').notNull().unique(),
  createdAt: createdAt(),
  revokedAt: text('revoked_at'),
});

export type Report = typeof reports.$inferSelect;
export type ReportEvent = typeof reportEvents.$inferSelect;
export type ReportMedia = typeof reportMedia.$inferSelect;
