import { type AnySQLiteColumn, index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';

// Since 1 July 2025 local government has two levels: province → commune/ward.
// The pre-2025 district survives only as an optional label for people who still
// think in those terms.
export const ADMIN_LEVELS = ['province', 'commune'] as const;
export const ADMIN_KINDS = ['tinh', 'thanh_pho', 'xa', 'phuong', 'dac_khu'] as const;

export const adminUnits = sqliteTable(
  'admin_units',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ADMIN_LEVELS }).notNull(),
    kind: text('kind', { enum: ADMIN_KINDS }).notNull(),
    parentId: text('parent_id').references((): AnySQLiteColumn => adminUnits.id),
    formerDistrict: text('former_district'),
    lat: real('lat'),
    lng: real('lng'),
    createdAt: createdAt(),
  },
  (t) => [index('admin_units_parent_idx').on(t.parentId)],
);

export type AdminUnit = typeof adminUnits.$inferSelect;
