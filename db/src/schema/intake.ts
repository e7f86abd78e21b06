import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { reportCategories } from './categories';
import { createdAt, updatedAt } from './columns';
import { reports } from './reports';

// Smart intake (issue 5): what the classifier said about each report on arrival, the IOC's
// corrections kept as labelled examples, and the early-warning clusters found by cron.
// The geographic index of reports is the R*Tree `reports_geo` (id, min_lat, max_lat,
// min_lng, max_lng), kept by triggers on `reports` (migration 0006): drizzle does not model
// virtual tables, so it is queried with raw SQL (edge/src/intake/geo-index.ts).

/**
 * What happened on arrival:
 *   routed_confident  the classifier's confidence reached the threshold: sent to its category's agency
 *   routed_agrees     the classifier's top category is the citizen's: sent to that category's agency
 *   queued_uncertain  neither: the report waits in the IOC queue with the suggestion
 *   queued_no_agency  routing found no agency (a commune without a committee): waits for the IOC
 */
export const INTAKE_OUTCOMES = [
  'routed_confident',
  'routed_agrees',
  'queued_uncertain',
  'queued_no_agency',
] as const;
export type IntakeOutcome = (typeof INTAKE_OUTCOMES)[number];

export const reportIntake = sqliteTable('report_intake', {
  reportId: integer('report_id')
    .primaryKey()
    .references(() => reports.id, { onDelete: 'cascade' }),
  /** The category the citizen picked (the report's category may later change). */
  citizenCategoryId: text('citizen_category_id')
    .notNull()
    .references(() => reportCategories.id),
  predictedCategoryId: text('predicted_category_id')
    .notNull()
    .references(() => reportCategories.id),
  confidence: real('confidence').notNull(),
  /** JSON: [{ category, confidence }] of the top 3 after the prediction. */
  alternatives: text('alternatives').notNull(),
  outcome: text('outcome', { enum: INTAKE_OUTCOMES }).notNull(),
  /** The auto-routing threshold in force when the report arrived. */
  threshold: real('threshold').notNull(),
  /** The classifier model that decided (model.json's version). */
  modelVersion: text('model_version').notNull(),
  createdAt: createdAt(),
});

// The IOC's category decisions on reports, as labelled examples for retraining. One row per
// report (the last decision wins); `corrected` says the IOC chose another category than the
// classifier's prediction. Exported as JSON Lines in the format of fixtures/classifier.
export const intakeLabels = sqliteTable(
  'intake_labels',
  {
    reportId: integer('report_id')
      .primaryKey()
      .references(() => reports.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    predictedCategoryId: text('predicted_category_id').references(() => reportCategories.id),
    labelCategoryId: text('label_category_id')
      .notNull()
      .references(() => reportCategories.id),
    corrected: integer('corrected', { mode: 'boolean' }).notNull(),
    officialId: text('official_id').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('intake_labels_updated_idx').on(t.updatedAt, t.reportId)],
);

// Early warning: at least `min_reports` reports of a category within `radius_metres` of each
// other during `window_hours` raise an alert. One rule per category; administrators tune them.
export const clusterRules = sqliteTable('cluster_rules', {
  categoryId: text('category_id')
    .primaryKey()
    .references(() => reportCategories.id),
  minReports: integer('min_reports').notNull(),
  radiusMetres: integer('radius_metres').notNull(),
  windowHours: integer('window_hours').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  updatedAt: text('updated_at'),
  updatedBy: text('updated_by'),
});

export const CLUSTER_ALERT_STATUSES = ['open', 'closed'] as const;
export const WARNING_DRAFT_STATUSES = ['draft', 'approved', 'discarded'] as const;

// One alert per cluster. The cron job adds new reports of a growing cluster to its open
// alert (a report belongs to one alert at most), so repeated runs raise nothing new.
export const clusterAlerts = sqliteTable(
  'cluster_alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    categoryId: text('category_id')
      .notNull()
      .references(() => reportCategories.id),
    status: text('status', { enum: CLUSTER_ALERT_STATUSES }).notNull().default('open'),
    centroidLat: real('centroid_lat').notNull(),
    centroidLng: real('centroid_lng').notNull(),
    /** Distance from the centroid to the farthest report, metres. */
    spreadMetres: integer('spread_metres').notNull(),
    /** The commune most of the reports lie in. */
    communeId: text('commune_id'),
    reportCount: integer('report_count').notNull(),
    firstReportAt: text('first_report_at').notNull(),
    lastReportAt: text('last_report_at').notNull(),
    /** Draft public warning for the news-and-alerts module, written by the job, edited by the IOC. */
    warningTitle: text('warning_title').notNull(),
    warningBody: text('warning_body').notNull(),
    warningStatus: text('warning_status', { enum: WARNING_DRAFT_STATUSES })
      .notNull()
      .default('draft'),
    closedAt: text('closed_at'),
    closedBy: text('closed_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('cluster_alerts_status_idx').on(t.status, t.categoryId, t.id)],
);

export const clusterAlertReports = sqliteTable(
  'cluster_alert_reports',
  {
    alertId: integer('alert_id')
      .notNull()
      .references(() => clusterAlerts.id, { onDelete: 'cascade' }),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.alertId, t.reportId] }),
    uniqueIndex('cluster_alert_reports_report_uq').on(t.reportId),
  ],
);

export type ReportIntake = typeof reportIntake.$inferSelect;
export type ClusterRule = typeof clusterRules.$inferSelect;
export type ClusterAlert = typeof clusterAlerts.$inferSelect;
