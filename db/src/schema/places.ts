import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { adminUnits } from './admin-units';
import { agencies } from './agencies';
import { createdAt, updatedAt } from './columns';
import { CONTENT_STATUSES } from './content';

// Digital map (bản đồ số, issue 8): points of interest in health, education and tourism,
// imported by officials from CSV or GeoJSON (one import is all or nothing) or edited one by one.
export const PLACE_DOMAINS = ['health', 'education', 'tourism'] as const;
export const PLACE_CATEGORIES = [
  'hospital',
  'clinic',
  'pharmacy',
  'kindergarten',
  'school',
  'university',
  'restaurant',
  'hotel',
  'sight',
  'market',
] as const;

export const places = sqliteTable(
  'places',
  {
    id: text('id').primaryKey(),
    /** The agency whose editors keep it (health places: Sở Y tế...). */
    agencyId: text('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** The id in the imported file: a re-import updates the same place instead of adding one. */
    externalId: text('external_id'),
    domain: text('domain', { enum: PLACE_DOMAINS }).notNull(),
    category: text('category', { enum: PLACE_CATEGORIES }).notNull(),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    communeId: text('commune_id').references(() => adminUnits.id),
    lat: real('lat').notNull(),
    lng: real('lng').notNull(),
    phone: text('phone'),
    website: text('website'),
    openingHours: text('opening_hours'),
    description: text('description').notNull().default(''),
    /** Optional English: { name, description, address }. */
    en: text('en'),
    importId: text('import_id'),
    status: text('status', { enum: CONTENT_STATUSES }).notNull().default('published'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('places_external_uq').on(t.agencyId, t.externalId),
    index('places_list_idx').on(t.status, t.domain, t.category),
    index('places_commune_idx').on(t.communeId),
    index('places_geo_idx').on(t.lat, t.lng),
  ],
);

export const placeImports = sqliteTable('place_imports', {
  id: text('id').primaryKey(),
  agencyId: text('agency_id')
    .notNull()
    .references(() => agencies.id),
  fileName: text('file_name').notNull(),
  format: text('format', { enum: ['csv', 'geojson'] }).notNull(),
  created: integer('created').notNull(),
  updated: integer('updated').notNull(),
  importedBy: text('imported_by').notNull(),
  createdAt: createdAt(),
});
