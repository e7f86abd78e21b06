import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { agencies } from './agencies';
import { createdAt } from './columns';

// Ids are stable API values (shared/domain/categories.json); a deployment may
// re-map default_agency_id without touching the ids.
export const reportCategories = sqliteTable('report_categories', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  examples: text('examples').notNull().default(''),
  defaultAgencyId: text('default_agency_id')
    .notNull()
    .references(() => agencies.id),
  slaHours: integer('sla_hours').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: createdAt(),
});

export type ReportCategory = typeof reportCategories.$inferSelect;
