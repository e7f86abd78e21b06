import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';

// Public holidays that do not count as working days for report deadlines (weekends never
// do). Seeded from fixtures/holidays.json (insert only), then kept by administrators.
export const holidays = sqliteTable('holidays', {
  // Local date in Asia/Ho_Chi_Minh, YYYY-MM-DD.
  date: text('date').primaryKey(),
  name: text('name').notNull(),
  provisional: integer('provisional', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
});

export type Holiday = typeof holidays.$inferSelect;
