import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { adminUnits } from './admin-units';
import { createdAt } from './columns';

// `commune` agencies are the People's Committees of communes and wards. The one without a
// commune (`ubnd_xa_phuong`, from categories.json) is the placeholder a category maps to:
// routing resolves it to the committee of the commune where the report lies, one agency
// row per commune (`ubnd_<commune id>`, seeded from the admin units).
export const AGENCY_SCOPES = ['province', 'commune'] as const;

export const agencies = sqliteTable('agencies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  scope: text('scope', { enum: AGENCY_SCOPES }).notNull().default('province'),
  communeId: text('commune_id').references(() => adminUnits.id),
  phone: text('phone'),
  email: text('email'),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: createdAt(),
});

export type Agency = typeof agencies.$inferSelect;
