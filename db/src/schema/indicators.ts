import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { agencies } from './agencies';
import { createdAt, updatedAt } from './columns';
import { CONTENT_STATUSES } from './content';

// Socio-economic indicators (báo cáo kinh tế - xã hội, issue 8): definitions kept by the
// statistics agency, and their values per period, imported from XLSX or CSV (all or nothing).
export const INDICATOR_FREQUENCIES = ['month', 'quarter', 'year'] as const;

export const indicators = sqliteTable(
  'indicators',
  {
    id: text('id').primaryKey(),
    /** Stable code used by import files ("GRDP", "THU_NGAN_SACH"). */
    code: text('code').notNull(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** Group heading: "Kinh tế", "Xã hội", "Môi trường"... */
    groupName: text('group_name').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    description: text('description').notNull().default(''),
    frequency: text('frequency', { enum: INDICATOR_FREQUENCIES }).notNull(),
    /** Whether a rise is good news (GRDP) or bad (poverty rate): colours the comparison. */
    higherIsBetter: integer('higher_is_better', { mode: 'boolean' }).notNull().default(true),
    /** Optional English: { name, unit, groupName, description }. */
    en: text('en'),
    sortOrder: integer('sort_order').notNull().default(0),
    status: text('status', { enum: CONTENT_STATUSES }).notNull().default('draft'),
    publishedAt: text('published_at'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('indicators_code_uq').on(t.code),
    index('indicators_list_idx').on(t.status, t.groupName, t.sortOrder),
  ],
);

/** One value per indicator and period: "2025" (year), "2025-Q3" (quarter), "2025-07" (month). */
export const indicatorValues = sqliteTable(
  'indicator_values',
  {
    indicatorId: text('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    value: real('value').notNull(),
    /** The plan's target for the period, when there is one. */
    target: real('target'),
    note: text('note'),
    importId: text('import_id'),
    updatedBy: text('updated_by').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.period] })],
);

export const indicatorImports = sqliteTable(
  'indicator_imports',
  {
    id: text('id').primaryKey(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['xlsx', 'csv'] }).notNull(),
    rows: integer('rows').notNull(),
    importedBy: text('imported_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('indicator_imports_agency_idx').on(t.agencyId, t.createdAt)],
);
