import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { adminUnits } from './admin-units';
import { agencies } from './agencies';
import { createdAt, updatedAt } from './columns';

// Citizens are anonymous by default; a `users` row exists only once someone signs
// in with Zalo or verifies a phone number.
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  zaloId: text('zalo_id').unique(),
  phone: text('phone'),
  displayName: text('display_name'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const OFFICIAL_ROLES = [
  'admin',
  'ioc_operator',
  'agency_handler',
  'agency_leader',
  'commune_officer',
  'province_leader',
  'schedule_editor',
  'news_editor',
  'investment_editor',
  'directory_editor',
  'survey_editor',
  'training_editor',
  'hospital_staff',
  'market_moderator',
] as const;
export type OfficialRole = (typeof OFFICIAL_ROLES)[number];

export const OFFICIAL_STATUSES = ['active', 'disabled'] as const;

export const officials = sqliteTable(
  'officials',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull().unique(),
    fullName: text('full_name').notNull(),
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    // Set for commune officers: the commune/ward their work is scoped to.
    communeId: text('commune_id').references(() => adminUnits.id),
    // Filled once the official links their Zalo identity in the mini app.
    userId: text('user_id')
      .unique()
      .references(() => users.id),
    passwordHash: text('password_hash'),
    status: text('status', { enum: OFFICIAL_STATUSES }).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('officials_agency_idx').on(t.agencyId)],
);

export const officialRoles = sqliteTable(
  'official_roles',
  {
    officialId: text('official_id')
      .notNull()
      .references(() => officials.id, { onDelete: 'cascade' }),
    role: text('role', { enum: OFFICIAL_ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.officialId, t.role] })],
);

export type User = typeof users.$inferSelect;
export type Official = typeof officials.$inferSelect;
