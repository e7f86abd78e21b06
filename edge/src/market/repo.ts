import { type SQL, sql } from 'drizzle-orm';
import type { AuditEntryInput } from '../audit/log';
import {
  searchIndexStatements,
  searchMatches,
  searchRemoveStatements,
} from '../content/search-index';
import { auditIfChanged } from '../management/repo';
import type { Db } from '../platform/db';
import { ApiError } from '../platform/errors';
import type { ListingValues } from './schemas';

// Reads and writes of the agricultural market. Who sees what is decided in the SQL: the
// public sees active listings not past their expiry (hidden and closed ones answer 404); the
// owner sees all of theirs with the moderator's note. Each write and what goes with it (the
// search entry, the audit entry, the owner's notification) is one batch: never half-written.

export const listingNotFound = () =>
  new ApiError(404, 'listing_not_found', 'Không tìm thấy tin mua bán này hoặc tin đã được gỡ.');

export const DEFAULT_LISTING_DAYS = 30;
/** The lifetime of a listing in days, from MARKET_LISTING_DAYS (1–365, default 30). */
export function listingDays(value: string | number | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 365 ? n : DEFAULT_LISTING_DAYS;
}
export const expiryFrom = (now: Date, days: number) =>
  new Date(now.getTime() + days * 86_400_000).toISOString();

export const photoUrl = (id: string) => `/api/v1/market/photos/${id}`;

export interface ListingRow {
  id: string;
  ownerId: string;
  kind: 'sell' | 'buy';
  productGroup: ListingValues['productGroup'];
  product: string;
  description: string;
  quantity: number;
  unit: string;
  priceVnd: number | null;
  communeId: string;
  communeName: string;
  address: string;
  lat: number | null;
  lng: number | null;
  ocopStars: number | null;
  contactName: string;
  contactPhone: string;
  zaloChat: number;
  zaloId: string | null;
  status: 'active' | 'expired' | 'closed' | 'hidden';
  expiresAt: string;
  renewedAt: string | null;
  moderationNote: string | null;
  requestKey: string;
  version: number;
  createdAt: string;
  firstPhotoId: string | null;
}

const LISTING_SELECT = sql`select l.id, l.owner_id as ownerId, l.kind,
    l.product_group as productGroup, l.product, l.description, l.quantity, l.unit,
    l.price_vnd as priceVnd, l.commune_id as communeId, u.name as communeName, l.address,
    l.lat, l.lng, l.ocop_stars as ocopStars, l.contact_name as contactName,
    l.contact_phone as contactPhone, l.zalo_chat as zaloChat, us.zalo_id as zaloId, l.status,
    l.expires_at as expiresAt, l.renewed_at as renewedAt, l.moderation_note as moderationNote,
    l.request_key as requestKey, l.version, l.created_at as createdAt,
    (select p.id from market_listing_photos p where p.listing_id = l.id
      order by p.sort_order, p.created_at limit 1) as firstPhotoId
  from market_listings l
  join admin_units u on u.id = l.commune_id
  join users us on us.id = l.owner_id`;

const num = (v: number | null) => (v === null ? null : Number(v));

export function listingSummary(r: ListingRow) {
  return {
    id: r.id,
    kind: r.kind,
    productGroup: r.productGroup,
    product: r.product,
    quantity: Number(r.quantity),
    unit: r.unit,
    priceVnd: num(r.priceVnd),
    communeId: r.communeId,
    communeName: r.communeName,
    ocopStars: num(r.ocopStars),
    photo: r.firstPhotoId ? { id: r.firstPhotoId, url: photoUrl(r.firstPhotoId) } : null,
    expiresAt: r.expiresAt,
    createdAt: r.createdAt,
  };
}

async function photosOf(db: Db, listingId: string) {
  const rows = await db.all<{ id: string }>(sql`select id from market_listing_photos
    where listing_id = ${listingId} order by sort_order, created_at`);
  return rows.map((p) => ({ id: p.id, url: photoUrl(p.id) }));
}

export async function listingOut(db: Db, r: ListingRow) {
  const zaloChat = Boolean(Number(r.zaloChat));
  return {
    ...listingSummary(r),
    description: r.description,
    address: r.address,
    lat: num(r.lat),
    lng: num(r.lng),
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    zaloChat,
    zaloUserId: zaloChat ? r.zaloId : null,
    photos: await photosOf(db, r.id),
  };
}

export async function myListingOut(db: Db, r: ListingRow) {
  return {
    ...(await listingOut(db, r)),
    status: r.status,
    moderationNote: r.moderationNote,
    renewedAt: r.renewedAt,
    version: Number(r.version),
  };
}

export async function findListing(db: Db, id: string): Promise<ListingRow | null> {
  const [row] = await db.all<ListingRow>(sql`${LISTING_SELECT} where l.id = ${id}`);
  return row ?? null;
}

const isPublic = (r: ListingRow, now: Date) =>
  r.status === 'active' && r.expiresAt > now.toISOString();

/** By link: only a listing the public list would show. */
export async function publicListing(db: Db, id: string, now = new Date()) {
  const row = await findListing(db, id);
  if (!row || !isPublic(row, now)) return null;
  return listingOut(db, row);
}

/** Public list: active, not expired; OCOP products first (more stars first), then newest. */
export async function listPublicListings(
  db: Db,
  q: {
    q?: string;
    kind?: string;
    group?: string;
    commune?: string;
    ocop?: boolean;
    cursor?: string;
    limit: number;
  },
  now = new Date(),
) {
  const where: SQL[] = [sql`l.status = 'active'`, sql`l.expires_at > ${now.toISOString()}`];
  if (q.kind) where.push(sql`l.kind = ${q.kind}`);
  if (q.group) where.push(sql`l.product_group = ${q.group}`);
  if (q.commune) where.push(sql`l.commune_id = ${q.commune}`);
  if (q.ocop) where.push(sql`l.ocop_stars is not null`);
  const match = q.q ? searchMatches('market_listing', sql`l.id`, q.q) : null;
  if (match) where.push(match);
  const offset = q.cursor ? Number(q.cursor) : 0;
  const rows = await db.all<ListingRow>(sql`${LISTING_SELECT}
    where ${sql.join(where, sql` and `)}
    order by coalesce(l.ocop_stars, 0) desc, l.created_at desc, l.id desc
    limit ${q.limit + 1} offset ${offset}`);
  const more = rows.length > q.limit;
  return {
    items: rows.slice(0, q.limit).map(listingSummary),
    nextCursor: more ? String(offset + q.limit) : null,
  };
}

export async function listMyListings(db: Db, ownerId: string) {
  const rows = await db.all<ListingRow>(sql`${LISTING_SELECT} where l.owner_id = ${ownerId}
    order by l.created_at desc, l.id desc limit 200`);
  return { items: await Promise.all(rows.map((r) => myListingOut(db, r))) };
}

// ---- writes --------------------------------------------------------------------------------

export async function checkCommune(db: Db, communeId: string) {
  const [row] = await db.all(
    sql`select 1 from admin_units where id = ${communeId} and level = 'commune'`,
  );
  if (!row) {
    throw new ApiError(400, 'unknown_commune', 'Xã/phường không có trong danh mục.', {
      communeId,
    });
  }
}

export async function listingIdByKey(db: Db, requestKey: string) {
  const [row] = await db.all<{ id: string; ownerId: string }>(
    sql`select id, owner_id as ownerId from market_listings where request_key = ${requestKey}`,
  );
  return row ?? null;
}

const groupNames: Record<string, string> = {
  rice: 'lúa gạo',
  fruit: 'trái cây',
  vegetables: 'rau củ',
  aquaculture: 'thủy sản',
  livestock: 'chăn nuôi',
  processed: 'chế biến',
  seedlings: 'cây giống con giống',
  other: 'khác',
};

function listingIndex(db: Db, id: string, v: ListingValues, communeName: string) {
  return searchIndexStatements(db, 'market_listing', id, [
    v.product,
    groupNames[v.productGroup],
    v.ocopStars ? `OCOP ${v.ocopStars} sao` : null,
    communeName,
    v.address,
    v.description,
  ]);
}

/** Inserts the listing and its search entry; a retry with the same key answers the stored id. */
export async function createListing(
  db: Db,
  ownerId: string,
  v: ListingValues,
  now: Date,
  days: number,
): Promise<{ id: string; created: boolean }> {
  const id = crypto.randomUUID();
  const at = now.toISOString();
  const [commune] = await db.all<{ name: string }>(
    sql`select name from admin_units where id = ${v.communeId}`,
  );
  // The index entry is written only when the row was: a lost race leaves nothing behind.
  const [inserted] = await db.batch([
    db.all(sql`insert into market_listings (id, owner_id, kind, product_group, product,
        description, quantity, unit, price_vnd, commune_id, address, lat, lng, ocop_stars,
        contact_name, contact_phone, zalo_chat, status, expires_at, request_key, version,
        created_at, updated_at)
      values (${id}, ${ownerId}, ${v.kind}, ${v.productGroup}, ${v.product}, ${v.description},
        ${v.quantity}, ${v.unit}, ${v.priceVnd}, ${v.communeId}, ${v.address}, ${v.lat},
        ${v.lng}, ${v.ocopStars}, ${v.contactName}, ${v.contactPhone}, ${v.zaloChat ? 1 : 0},
        'active', ${expiryFrom(now, days)}, ${v.requestKey}, 1, ${at}, ${at})
      on conflict (request_key) do nothing returning id`),
    ...listingIndex(db, id, v, commune?.name ?? ''),
  ]);
  if (inserted.length === 0) {
    await db.batch([...searchRemoveStatements(db, 'market_listing', id)]);
    const stored = await listingIdByKey(db, v.requestKey);
    if (!stored) throw new Error('listing missing after insert');
    return { id: stored.id, created: false };
  }
  return { id, created: true };
}

export const listingHidden = () =>
  new ApiError(
    409,
    'listing_hidden',
    'Tin này đã bị kiểm duyệt viên ẩn vì vi phạm quy định, không thể gia hạn.',
  );
export const listingClosed = () =>
  new ApiError(409, 'listing_closed', 'Tin này đã đóng, vui lòng đăng tin mới.');

/** Extends an active or expired listing by the lifetime from now. */
export async function renewListing(db: Db, row: ListingRow, now: Date, days: number) {
  if (row.status === 'hidden') throw listingHidden();
  if (row.status === 'closed') throw listingClosed();
  const at = now.toISOString();
  await db.run(sql`update market_listings set status = 'active',
      expires_at = ${expiryFrom(now, days)}, renewed_at = ${at}, version = version + 1,
      updated_at = ${at}
    where id = ${row.id} and owner_id = ${row.ownerId} and status in ('active', 'expired')`);
}

/** Sold or bought: the owner takes it down. Closing a closed listing changes nothing. */
export async function closeListing(db: Db, row: ListingRow, now: Date) {
  if (row.status === 'hidden') throw listingHidden();
  const at = now.toISOString();
  await db.run(sql`update market_listings set status = 'closed', version = version + 1,
      updated_at = ${at}
    where id = ${row.id} and owner_id = ${row.ownerId} and status in ('active', 'expired')`);
}

/** The cron job's work: active listings past their expiry become `expired`. */
export async function expireListings(db: Db, now: Date): Promise<number> {
  const at = now.toISOString();
  const rows = await db.all(sql`update market_listings set status = 'expired',
      version = version + 1, updated_at = ${at}
    where status = 'active' and expires_at <= ${at} returning id`);
  return rows.length;
}

// ---- abuse reports and moderation -------------------------------------------------------------

export const alreadyReported = () =>
  new ApiError(409, 'already_reported', 'Bạn đã báo cáo tin này rồi. Cảm ơn bạn đã góp ý.');

export async function createReport(
  db: Db,
  listingId: string,
  userId: string,
  v: { reason: string; note: string },
  now: Date,
) {
  const id = crypto.randomUUID();
  const rows = await db.all<{ id: string }>(sql`insert into market_abuse_reports (id,
      listing_id, reporter_user_id, reporter_key, reason, note, status, created_at)
    values (${id}, ${listingId}, ${userId}, ${`user:${userId}`}, ${v.reason}, ${v.note},
      'open', ${now.toISOString()})
    on conflict (listing_id, reporter_key) do nothing returning id`);
  if (rows.length === 0) throw alreadyReported();
  return {
    id,
    listingId,
    reason: v.reason as 'scam',
    status: 'open',
    createdAt: now.toISOString(),
  };
}

/** Hides a listing with the note shown to its owner; upholds its open reports; audited. */
export async function hideListing(
  db: Db,
  row: ListingRow,
  note: string,
  officialId: string,
  now: string,
  audit: AuditEntryInput,
) {
  await db.batch([
    db.run(sql`update market_listings set status = 'hidden', moderation_note = ${note},
        version = version + 1, updated_at = ${now}
      where id = ${row.id} and status <> 'hidden'`),
    auditIfChanged(db, audit),
    db.run(sql`insert into notifications (recipient_type, recipient_id, kind, title, body, link,
        dedupe_key, created_at)
      select 'user', ${row.ownerId}, 'market.listing.hidden', 'Tin mua bán đã bị ẩn',
        ${`Tin "${row.product}" đã bị ẩn vì: ${note}`.slice(0, 300)},
        '/agri-market?tab=mine', ${`market.listing.hidden:${row.id}:${now}`}, ${now}
      where changes() > 0
      on conflict (dedupe_key) do nothing`),
    db.run(sql`update market_abuse_reports set status = 'upheld', reviewed_by = ${officialId},
        reviewed_at = ${now}
      where listing_id = ${row.id} and status = 'open'`),
  ]);
}

/** Back to active (or expired, if its time ran out meanwhile); audited. */
export async function restoreListing(db: Db, row: ListingRow, now: string, audit: AuditEntryInput) {
  await db.batch([
    db.run(sql`update market_listings set
        status = case when expires_at > ${now} then 'active' else 'expired' end,
        moderation_note = null, version = version + 1, updated_at = ${now}
      where id = ${row.id} and status = 'hidden'`),
    auditIfChanged(db, audit),
  ]);
}

export interface ReportRow {
  id: string;
  listingId: string;
  reason: 'scam';
  note: string;
  status: string;
  createdAt: string;
  reviewedAt: string | null;
}

export const reportNotFound = () =>
  new ApiError(404, 'report_not_found', 'Không tìm thấy báo cáo này.');

export async function findReport(db: Db, id: string): Promise<ReportRow | null> {
  const [row] = await db.all<ReportRow>(sql`select id, listing_id as listingId, reason, note,
    status, created_at as createdAt, reviewed_at as reviewedAt
    from market_abuse_reports where id = ${id}`);
  return row ?? null;
}

export async function dismissReport(
  db: Db,
  report: ReportRow,
  officialId: string,
  now: string,
  audit: AuditEntryInput,
) {
  await db.batch([
    db.run(sql`update market_abuse_reports set status = 'dismissed',
        reviewed_by = ${officialId}, reviewed_at = ${now}
      where id = ${report.id} and status = 'open'`),
    auditIfChanged(db, audit),
  ]);
}

export async function workListing(db: Db, row: ListingRow) {
  const [count] = await db.all<{ n: number }>(sql`select count(*) as n
    from market_abuse_reports where listing_id = ${row.id} and status = 'open'`);
  return {
    ...(await myListingOut(db, row)),
    ownerId: row.ownerId,
    openReports: Number(count?.n ?? 0),
  };
}

export async function workQueue(db: Db, status: string, limit: number) {
  const reports = await db.all<ReportRow>(sql`select id, listing_id as listingId, reason, note,
      status, created_at as createdAt, reviewed_at as reviewedAt
    from market_abuse_reports where status = ${status}
    order by created_at ${status === 'open' ? sql`asc` : sql`desc`}, id limit ${limit}`);
  const items = [];
  for (const r of reports) {
    const listing = await findListing(db, r.listingId);
    if (listing) items.push({ ...r, listing: await workListing(db, listing) });
  }
  return { items };
}
