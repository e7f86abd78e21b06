import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { adminUnits } from './admin-units';
import { agencies } from './agencies';
import { createdAt, updatedAt } from './columns';
import { CONTENT_STATUSES } from './content';

// Government news and emergency alerts (thông tin chính quyền, issue 8).

export const newsCategories = sqliteTable('news_categories', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: createdAt(),
});

export const newsArticles = sqliteTable(
  'news_articles',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    categoryId: text('category_id')
      .notNull()
      .references(() => newsCategories.id),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** Sanitised HTML (edge/src/content/rich-text.ts), never raw editor input. */
    bodyHtml: text('body_html').notNull(),
    /** A media key of an uploaded image (the reports' upload pipeline), optional. */
    coverKey: text('cover_key'),
    /** Optional English: { title, summary, bodyHtml } (sanitised too). */
    en: text('en'),
    status: text('status', { enum: CONTENT_STATUSES }).notNull().default('draft'),
    publishedAt: text('published_at'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('news_articles_published_idx').on(t.status, t.publishedAt),
    index('news_articles_agency_idx').on(t.agencyId, t.updatedAt),
  ],
);

/** Where an alert came from: an editor, a sensor threshold (station_alerts), a report hotspot (cluster_alerts). */
export const ALERT_SOURCES = ['editor', 'station', 'cluster'] as const;
/** CAP 1.2 <severity>, <urgency>, <certainty> values (no "Unknown": an editor always decides). */
export const ALERT_SEVERITIES = ['extreme', 'severe', 'moderate', 'minor'] as const;
export const ALERT_URGENCIES = ['immediate', 'expected', 'future', 'past'] as const;
export const ALERT_CERTAINTIES = ['observed', 'likely', 'possible', 'unlikely'] as const;
/** The hazard, mapped to a CAP <category> when published (storm → Met, epidemic → Health...). */
export const ALERT_HAZARDS = [
  'storm',
  'flood',
  'salinity',
  'drought',
  'landslide',
  'epidemic',
  'fire',
  'pollution',
  'infrastructure',
  'other',
] as const;
/** `cancelled`: withdrawn while valid (CAP msgType Cancel); expiry needs no status change. */
export const ALERT_STATUSES = ['draft', 'published', 'cancelled'] as const;

export const emergencyAlerts = sqliteTable(
  'emergency_alerts',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    source: text('source', { enum: ALERT_SOURCES }).notNull().default('editor'),
    /** station_alerts.id or cluster_alerts.id for generated drafts: one draft per source event. */
    sourceRef: text('source_ref'),
    hazard: text('hazard', { enum: ALERT_HAZARDS }).notNull(),
    severity: text('severity', { enum: ALERT_SEVERITIES }).notNull(),
    urgency: text('urgency', { enum: ALERT_URGENCIES }).notNull().default('expected'),
    certainty: text('certainty', { enum: ALERT_CERTAINTIES }).notNull().default('likely'),
    headline: text('headline').notNull(),
    description: text('description').notNull(),
    instruction: text('instruction').notNull(),
    /** Optional English: { headline, description, instruction }. */
    en: text('en'),
    /** True: the whole province; else the communes in emergency_alert_areas. */
    provinceWide: integer('province_wide', { mode: 'boolean' }).notNull().default(false),
    /** Validity window, UTC ISO instants. */
    onsetAt: text('onset_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    status: text('status', { enum: ALERT_STATUSES }).notNull().default('draft'),
    publishedAt: text('published_at'),
    cancelledAt: text('cancelled_at'),
    /** Published revisions: 1 at the first publication, +1 for each change after it (CAP Update). */
    revision: integer('revision').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('emergency_alerts_live_idx').on(t.status, t.expiresAt),
    uniqueIndex('emergency_alerts_source_uq').on(t.source, t.sourceRef),
  ],
);

export const emergencyAlertAreas = sqliteTable(
  'emergency_alert_areas',
  {
    alertId: text('alert_id')
      .notNull()
      .references(() => emergencyAlerts.id, { onDelete: 'cascade' }),
    communeId: text('commune_id')
      .notNull()
      .references(() => adminUnits.id),
  },
  (t) => [
    primaryKey({ columns: [t.alertId, t.communeId] }),
    index('emergency_alert_areas_commune_idx').on(t.communeId),
  ],
);
