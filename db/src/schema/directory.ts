import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { adminUnits } from './admin-units';
import { agencies } from './agencies';
import { createdAt, updatedAt } from './columns';
import { CONTENT_STATUSES } from './content';

// Phone directory (danh bạ, issue 8). Emergency numbers are listed first, then hotlines,
// then agencies with their departments and people. `parent_id` nests a department under its
// agency entry and a person under a department.
export const DIRECTORY_KINDS = ['emergency', 'hotline', 'agency', 'department', 'person'] as const;

export const directoryEntries = sqliteTable(
  'directory_entries',
  {
    id: text('id').primaryKey(),
    /** The agency whose editors keep the entry (emergency numbers: the province's office). */
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    parentId: text('parent_id'),
    kind: text('kind', { enum: DIRECTORY_KINDS }).notNull(),
    name: text('name').notNull(),
    /** A person's position, or what a hotline is for. */
    role: text('role'),
    /** Dialable numbers: short codes (113) or Vietnamese numbers, stored as typed digits. */
    phone: text('phone').notNull(),
    phoneAlt: text('phone_alt'),
    email: text('email'),
    address: text('address'),
    communeId: text('commune_id').references(() => adminUnits.id),
    /** "24/7", "Giờ hành chính"... */
    hours: text('hours'),
    /** Optional English: { name, role, hours, address }. */
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
    index('directory_entries_list_idx').on(t.status, t.kind, t.sortOrder),
    index('directory_entries_parent_idx').on(t.parentId),
  ],
);
