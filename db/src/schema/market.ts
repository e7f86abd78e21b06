import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { adminUnits } from './admin-units';
import { createdAt, updatedAt } from './columns';
import { officials, users } from './people';

// Agricultural market (thị trường nông sản, issue 10): citizens signed in with Zalo post what
// they sell or want to buy; everyone searches; anyone may report abuse, and the market's
// moderators (role market_moderator) review the reports and hide or restore listings.
// Listings expire (a stale price misleads) and their owner renews them.

export const LISTING_KINDS = ['sell', 'buy'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

/** Product groups of the province's farm economy, for the filters. */
export const PRODUCT_GROUPS = [
  'rice',
  'fruit',
  'vegetables',
  'aquaculture',
  'livestock',
  'processed',
  'seedlings',
  'other',
] as const;
export type ProductGroup = (typeof PRODUCT_GROUPS)[number];

/**
 * active: public until expires_at; expired: past expires_at (the owner may renew);
 * closed: the owner took it down (sold, bought); hidden: a moderator took it down.
 */
export const LISTING_STATUSES = ['active', 'expired', 'closed', 'hidden'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const marketListings = sqliteTable(
  'market_listings',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: LISTING_KINDS }).notNull(),
    productGroup: text('product_group', { enum: PRODUCT_GROUPS }).notNull(),
    product: text('product').notNull(),
    description: text('description').notNull().default(''),
    quantity: real('quantity').notNull(),
    /** kg, tấn, trái, con, hộp...: free text from a suggested list. */
    unit: text('unit').notNull(),
    /** Integer VND per unit; null: "thỏa thuận" (to be agreed). */
    priceVnd: integer('price_vnd'),
    communeId: text('commune_id')
      .notNull()
      .references(() => adminUnits.id),
    /** Hamlet, road, market stall: what a buyer needs to find the place. */
    address: text('address').notNull().default(''),
    lat: real('lat'),
    lng: real('lng'),
    /** OCOP rating (3, 4 or 5 stars) of a certified product; null when it has none. */
    ocopStars: integer('ocop_stars'),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    /** Whether buyers may open a Zalo chat with the owner (zmp-sdk openChat). */
    zaloChat: integer('zalo_chat', { mode: 'boolean' }).notNull().default(true),
    status: text('status', { enum: LISTING_STATUSES }).notNull().default('active'),
    expiresAt: text('expires_at').notNull(),
    renewedAt: text('renewed_at'),
    /** Why a moderator hid it, shown to the owner. */
    moderationNote: text('moderation_note'),
    /** Client-chosen key: a retried post creates one listing. */
    requestKey: text('request_key').notNull().unique(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('market_listings_public_idx').on(t.status, t.kind, t.productGroup, t.createdAt),
    index('market_listings_commune_idx').on(t.communeId, t.status, t.createdAt),
    index('market_listings_ocop_idx').on(t.status, t.ocopStars),
    index('market_listings_owner_idx').on(t.ownerId, t.createdAt),
    index('market_listings_expiry_idx').on(t.status, t.expiresAt),
  ],
);

export const marketListingPhotos = sqliteTable(
  'market_listing_photos',
  {
    id: text('id').primaryKey(),
    listingId: text('listing_id')
      .notNull()
      .references(() => marketListings.id, { onDelete: 'cascade' }),
    /** R2 key in MEDIA, under market/. */
    r2Key: text('r2_key').notNull(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width'),
    height: integer('height'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('market_listing_photos_listing_idx').on(t.listingId, t.sortOrder)],
);

export const ABUSE_REASONS = ['scam', 'wrong_info', 'prohibited', 'spam', 'other'] as const;
export type AbuseReason = (typeof ABUSE_REASONS)[number];
export const ABUSE_STATUSES = ['open', 'upheld', 'dismissed'] as const;

export const marketAbuseReports = sqliteTable(
  'market_abuse_reports',
  {
    id: text('id').primaryKey(),
    listingId: text('listing_id')
      .notNull()
      .references(() => marketListings.id, { onDelete: 'cascade' }),
    /** A signed-in reporter, or else the hash of the device id (never the id itself). */
    reporterUserId: text('reporter_user_id').references(() => users.id),
    reporterDeviceHash: text('reporter_device_hash'),
    /** One report per listing and reporter: `user:<id>` or `device:<hash>`. */
    reporterKey: text('reporter_key').notNull(),
    reason: text('reason', { enum: ABUSE_REASONS }).notNull(),
    note: text('note').notNull().default(''),
    status: text('status', { enum: ABUSE_STATUSES }).notNull().default('open'),
    reviewedBy: text('reviewed_by').references(() => officials.id),
    reviewedAt: text('reviewed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('market_abuse_reports_reporter_uq').on(t.listingId, t.reporterKey),
    index('market_abuse_reports_queue_idx').on(t.status, t.createdAt),
  ],
);
