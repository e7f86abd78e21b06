import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';

// `commune` agencies are placeholders resolved at routing time to the People's
// Committee of the commune/ward where a report is located (categories.json).
export const AGENCY_SCOPES = ['province', 'commune'] as const;

export const agencies = sqliteTable('agencies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  scope: text('scope', { enum: AGENCY_SCOPES }).notNull().default('province'),
  phone: text('phone'),
  email: text('email'),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: createdAt(),
});

export type Agency = typeof agencies.$inferSelect;
