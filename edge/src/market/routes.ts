import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { citizenOnly, requireUserId } from '../auth/session';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { enforceRateLimits } from '../platform/rate-limit';
import { createRouter } from '../platform/router';
import {
  createReport,
  findListing,
  listingNotFound,
  listPublicListings,
  publicListing,
} from './repo';
import {
  IdParam,
  ListingListQuery,
  ListingListSchema,
  ListingSchema,
  ReportInput,
  ReportResultSchema,
} from './schemas';

// The agricultural market for everyone (/api/v1/market, no account to read): active listings,
// OCOP products first, searched with or without diacritics; one listing with its contact; its
// photos; and the abuse report a signed-in citizen sends once per listing.

const TAG = 'Thị trường nông sản';
/** Periods of wrangler.toml's MARKET_POST_LIMITER. */
const LIMIT_PERIOD_SECONDS = 60;
const LIST_CACHE = 'public, max-age=30';

const listRoute = createRoute({
  method: 'get',
  path: '/listings',
  tags: [TAG],
  summary: 'Tin mua bán nông sản đang còn hạn',
  description:
    'Sản phẩm OCOP (nhiều sao trước) lên đầu, rồi tin mới. Lọc `kind` (sell/buy), `group`, `commune`, `ocop=true`; tìm `q` có dấu hoặc không dấu. Trang sau: `cursor`.',
  request: { query: ListingListQuery },
  responses: {
    200: json(ListingListSchema, 'Tin mua bán'),
    400: error('Tham số không hợp lệ (`validation_failed`)'),
  },
});

const listingRoute = createRoute({
  method: 'get',
  path: '/listings/{id}',
  tags: [TAG],
  summary: 'Một tin mua bán và cách liên hệ',
  description: 'Tin hết hạn, đã đóng hoặc bị ẩn: 404.',
  request: { params: IdParam },
  responses: {
    200: json(ListingSchema, 'Tin mua bán'),
    404: error('Không có tin này (`listing_not_found`)'),
  },
});

const photoRoute = createRoute({
  method: 'get',
  path: '/photos/{id}',
  tags: [TAG],
  summary: 'Ảnh của tin mua bán',
  request: { params: IdParam },
  responses: {
    200: {
      description: 'Ảnh',
      content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    404: error('Không có ảnh này (`photo_not_found`)'),
  },
});

const reportRoute = createRoute({
  method: 'post',
  path: '/listings/{id}/reports',
  tags: [TAG],
  security: [{ bearerAuth: [] }],
  summary: 'Báo cáo tin vi phạm',
  description:
    'Mỗi người một lần cho mỗi tin. Lý do: `scam` lừa đảo, `wrong_info` sai thông tin, `prohibited` hàng cấm, `spam`, `other`.',
  middleware: [citizenOnly, requireJsonBody] as const,
  request: { params: IdParam, body: body(ReportInput) },
  responses: {
    201: json(ReportResultSchema, 'Đã ghi nhận'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`)'),
    401: error('Cần đăng nhập Zalo (`session_required`)'),
    404: error('Không có tin này (`listing_not_found`)'),
    409: error('Đã báo cáo tin này (`already_reported`)'),
    429: error('Gửi quá nhanh (`rate_limited`)'),
  },
});

const photoNotFound = () => new ApiError(404, 'photo_not_found', 'Không tìm thấy ảnh.');

export const marketRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    c.header('Cache-Control', LIST_CACHE);
    return c.json(await listPublicListings(c.var.db, c.req.valid('query')), 200);
  })
  .openapi(listingRoute, async (c) => {
    const listing = await publicListing(c.var.db, c.req.valid('param').id);
    if (!listing) throw listingNotFound();
    c.header('Cache-Control', 'no-cache');
    return c.json(listing, 200);
  })
  .openapi(photoRoute, async (c) => {
    const { id } = c.req.valid('param');
    // A hidden listing's photos go with it; an owner still sees those of an expired one.
    const [photo] = await c.var.db.all<{ r2Key: string; mime: string; status: string }>(
      sqlPhoto(id),
    );
    if (!photo || photo.status === 'hidden') throw photoNotFound();
    const object = await c.env.MEDIA.get(photo.r2Key);
    if (!object) throw photoNotFound();
    return c.body(object.body as unknown as ReadableStream, 200, {
      'Content-Type': photo.mime,
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    });
  })
  .openapi(reportRoute, async (c) => {
    const userId = requireUserId(c);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const row = await findListing(c.var.db, id);
    if (!row || row.status === 'hidden') throw listingNotFound();
    await enforceRateLimits([
      {
        limiter: c.env.MARKET_POST_LIMITER,
        key: `market-report:${userId}`,
        periodSeconds: LIMIT_PERIOD_SECONDS,
      },
    ]);
    return c.json(await createReport(c.var.db, id, userId, input, new Date()), 201);
  });

function sqlPhoto(id: string) {
  return sql`select p.r2_key as r2Key, p.mime, l.status from market_listing_photos p
    join market_listings l on l.id = p.listing_id where p.id = ${id}`;
}
