import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { citizenOnly, requireUserId } from '../auth/session';
import { sniff } from '../media/sniff';
import { MalformedImageError, stripPhoto } from '../media/strip';
import type { AppEnv } from '../platform/env';
import { ApiError } from '../platform/errors';
import { readBodyCapped } from '../platform/files';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { enforceRateLimits } from '../platform/rate-limit';
import { createRouter } from '../platform/router';
import {
  checkCommune,
  closeListing,
  createListing,
  findListing,
  type ListingRow,
  listingDays,
  listingIdByKey,
  listingNotFound,
  listMyListings,
  myListingOut,
  renewListing,
} from './repo';
import { IdParam, ListingInput, MyListingListSchema, MyListingSchema } from './schemas';

// The signed-in citizen's own listings (/api/v1/market/mine): post (a retried post with the
// same requestKey answers the stored listing), add photos, renew, close. Another citizen's
// listing answers 404 as if it did not exist.

const TAG = 'Thị trường nông sản — tin của tôi';
const SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }];
const LIMIT_PERIOD_SECONDS = 60;
export const MAX_PHOTOS = 6;
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;

const denied = { 401: error('Cần đăng nhập Zalo (`session_required`)') };
const notMine = error('Không có tin này trong tin của bạn (`listing_not_found`)');

const listRoute = createRoute({
  method: 'get',
  path: '/listings',
  tags: [TAG],
  security: SECURITY,
  summary: 'Tin của tôi',
  description: 'Mọi trạng thái, kèm lý do nếu kiểm duyệt viên đã ẩn tin.',
  middleware: [citizenOnly] as const,
  responses: { 200: json(MyListingListSchema, 'Tin của tôi'), ...denied },
});

const postRoute = createRoute({
  method: 'post',
  path: '/listings',
  tags: [TAG],
  security: SECURITY,
  summary: 'Đăng tin mua bán',
  description:
    'Số điện thoại liên hệ được hiện công khai trong tin. `priceVnd` null: "Thỏa thuận". Gửi lại cùng `requestKey`: 200 với tin đã có.',
  middleware: [citizenOnly, requireJsonBody] as const,
  request: { body: body(ListingInput) },
  responses: {
    200: json(MyListingSchema, 'Đã đăng từ trước (cùng `requestKey`)'),
    201: json(MyListingSchema, 'Đã đăng'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `unknown_commune`)'),
    ...denied,
    409: error('`requestKey` đã dùng cho tin khác (`request_key_used`)'),
    429: error('Đăng quá nhanh (`rate_limited`)'),
  },
});

const actionRoute = (action: 'renew' | 'close', summary: string, description: string) =>
  createRoute({
    method: 'post',
    path: `/listings/{id}/${action}`,
    tags: [TAG],
    security: SECURITY,
    summary,
    description,
    middleware: [citizenOnly] as const,
    request: { params: IdParam },
    responses: {
      200: json(MyListingSchema, 'Tin'),
      ...denied,
      404: notMine,
      409: error('Tin đã bị ẩn (`listing_hidden`) hoặc đã đóng (`listing_closed`)'),
    },
  });

const renewRoute = actionRoute(
  'renew',
  'Gia hạn tin',
  'Tin còn hạn hoặc đã hết hạn: hạn mới tính từ bây giờ (MARKET_LISTING_DAYS ngày).',
);
const closeRoute = actionRoute(
  'close',
  'Đóng tin (đã bán, đã mua)',
  'Đóng tin đã đóng: không đổi gì.',
);

const photoRoute = createRoute({
  method: 'post',
  path: '/listings/{id}/photos',
  tags: [TAG],
  security: SECURITY,
  summary: 'Thêm ảnh cho tin',
  description: `Thân yêu cầu là ảnh JPEG, PNG, WebP hoặc HEIC (tối đa 8 MB, ${MAX_PHOTOS} ảnh mỗi tin). Thông tin vị trí trong ảnh được xóa trước khi lưu.`,
  middleware: [citizenOnly] as const,
  request: {
    params: IdParam,
    body: {
      content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } },
    },
  },
  responses: {
    201: json(MyListingSchema, 'Đã thêm ảnh'),
    400: error('Không phải ảnh (`photo_invalid`)'),
    ...denied,
    404: notMine,
    409: error('Đủ số ảnh (`too_many_photos`) hoặc tin đã bị ẩn (`listing_hidden`)'),
    413: error('Ảnh quá lớn (`photo_too_large`)'),
    429: error('Gửi quá nhanh (`rate_limited`)'),
  },
});

async function mine(c: Context<AppEnv>, id: string): Promise<ListingRow> {
  const row = await findListing(c.var.db, id);
  if (!row || row.ownerId !== requireUserId(c)) throw listingNotFound();
  return row;
}

async function mineOut(c: Context<AppEnv>, id: string) {
  return myListingOut(c.var.db, await mine(c, id));
}

const photoInvalid = () =>
  new ApiError(400, 'photo_invalid', 'Tệp không phải ảnh JPEG, PNG, WebP hoặc HEIC.');
const photoTooLarge = () =>
  new ApiError(413, 'photo_too_large', 'Ảnh quá lớn (tối đa 8 MB). Vui lòng chọn ảnh nhỏ hơn.');

export const marketMineRoutes = createRouter()
  .openapi(listRoute, async (c) => c.json(await listMyListings(c.var.db, requireUserId(c)), 200))
  .openapi(postRoute, async (c) => {
    const userId = requireUserId(c);
    const input = c.req.valid('json');
    // A retry (lost answer, double tap) is answered before the limiter: it writes nothing.
    const stored = await listingIdByKey(c.var.db, input.requestKey);
    if (stored) {
      if (stored.ownerId !== userId) {
        throw new ApiError(
          409,
          'request_key_used',
          'Mã yêu cầu (requestKey) đã được dùng cho một tin khác.',
        );
      }
      return c.json(await mineOut(c, stored.id), 200);
    }
    await enforceRateLimits([
      {
        limiter: c.env.MARKET_POST_LIMITER,
        key: `market-post:${userId}`,
        periodSeconds: LIMIT_PERIOD_SECONDS,
      },
    ]);
    await checkCommune(c.var.db, input.communeId);
    const { id, created } = await createListing(
      c.var.db,
      userId,
      input,
      new Date(),
      listingDays(c.env.MARKET_LISTING_DAYS),
    );
    return c.json(await mineOut(c, id), created ? 201 : 200);
  })
  .openapi(renewRoute, async (c) => {
    const row = await mine(c, c.req.valid('param').id);
    await renewListing(c.var.db, row, new Date(), listingDays(c.env.MARKET_LISTING_DAYS));
    return c.json(await mineOut(c, row.id), 200);
  })
  .openapi(closeRoute, async (c) => {
    const row = await mine(c, c.req.valid('param').id);
    await closeListing(c.var.db, row, new Date());
    return c.json(await mineOut(c, row.id), 200);
  })
  .openapi(photoRoute, async (c) => {
    const userId = requireUserId(c);
    const row = await mine(c, c.req.valid('param').id);
    if (row.status === 'hidden') {
      throw new ApiError(409, 'listing_hidden', 'Tin này đã bị ẩn, không thể thêm ảnh.');
    }
    const [count] = await c.var.db.all<{ n: number }>(
      sql`select count(*) as n from market_listing_photos where listing_id = ${row.id}`,
    );
    if (Number(count?.n ?? 0) >= MAX_PHOTOS) {
      throw new ApiError(409, 'too_many_photos', `Mỗi tin tối đa ${MAX_PHOTOS} ảnh.`);
    }
    await enforceRateLimits([
      {
        limiter: c.env.UPLOADS_LIMITER,
        key: `market-photo:${userId}`,
        periodSeconds: LIMIT_PERIOD_SECONDS,
      },
    ]);
    const bytes = await readBodyCapped(c.req.raw, PHOTO_MAX_BYTES, photoTooLarge);
    const type = sniff(bytes);
    if (type?.kind !== 'photo') throw photoInvalid();
    let stored: Uint8Array = bytes;
    let width: number | null = null;
    let height: number | null = null;
    try {
      const stripped = stripPhoto(type.format, bytes);
      if (stripped) {
        stored = stripped.bytes;
        width = stripped.width;
        height = stripped.height;
      }
    } catch (e) {
      if (e instanceof MalformedImageError) throw photoInvalid();
      throw e;
    }
    const id = crypto.randomUUID();
    const r2Key = `market/${row.id}/${id}`;
    await c.env.MEDIA.put(r2Key, stored, { httpMetadata: { contentType: type.mime } });
    const now = new Date().toISOString();
    // The row follows the object: a failed put leaves no row pointing at nothing (an orphan
    // object is swept). The count is checked again in the insert.
    const inserted = await c.var.db.all(sql`insert into market_listing_photos (id, listing_id,
        r2_key, mime, bytes, width, height, sort_order, created_at)
      select ${id}, ${row.id}, ${r2Key}, ${type.mime}, ${stored.byteLength}, ${width},
        ${height}, (select count(*) from market_listing_photos where listing_id = ${row.id}),
        ${now}
      where (select count(*) from market_listing_photos where listing_id = ${row.id})
        < ${MAX_PHOTOS}
      returning id`);
    if (inserted.length === 0) {
      await c.env.MEDIA.delete(r2Key);
      throw new ApiError(409, 'too_many_photos', `Mỗi tin tối đa ${MAX_PHOTOS} ảnh.`);
    }
    return c.json(await mineOut(c, row.id), 201);
  });
