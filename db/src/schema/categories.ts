import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { agencies } from './agencies';
import { createdAt } from './columns';

// Ids are stable API values (shared/domain/categories.json). Names come from the fixture;
// default_agency_id and sla_hours are seeded once and then belong to the administrators
// (the seed never overwrites them).
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
  // Last change by an administrator (null: as seeded).
  updatedAt: text('updated_at'),
});

export type ReportCategory = typeof reportCategories.$inferSelect;
