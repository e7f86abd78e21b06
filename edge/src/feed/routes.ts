import { createRoute, z } from '@hono/zod-openapi';
import { RATINGS, REPORT_STATUSES } from '@tinh/db/schema';
import { mediaUrl } from '../media/config';
import { ErrorSchema } from '../platform/errors';
import { jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { approximate } from '../reports/geo';
import { RATING_LABELS, STATUS_LABELS } from '../reports/labels';
import { communeRef } from '../reports/view';
import { publicCache } from './cache';
import {
  BboxSchema,
  CursorSchema,
  encodeCursor,
  periodRange,
  SearchTextSchema,
  StatusListSchema,
  toFtsQuery,
  VnDaySchema,
} from './params';
import {
  DESCRIPTION_PREVIEW,
  type FeedFilter,
  type FeedRow,
  listFeed,
  listMapPoints,
} from './repo';

// The public feed of field reports (list and map). Anonymous, read-only, cacheable for a
// short while. Hidden reports never appear; contact details are never read.

/** Points sent for one map view at most. */
export const MAP_MAX_POINTS = 2000;

// ---- schemas -------------------------------------------------------------------------

const LabelSchema = z.object({ vi: z.string(), en: z.string() });

export const FeedItemSchema = z
  .object({
    code: z.string().openapi({ example: 'PA-7K3F9Q', description: 'Mã theo dõi' }),
    status: z.enum(REPORT_STATUSES),
    statusLabel: LabelSchema.openapi({ example: { vi: 'Đã tiếp nhận', en: 'Received' } }),
    category: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }),
    description: z.string().openapi({
      description: `Nội dung, rút gọn còn khoảng ${DESCRIPTION_PREVIEW} ký tự (xem \`descriptionTruncated\`)`,
    }),
    descriptionTruncated: z.boolean(),
    commune: z.object({ id: z.string(), name: z.string(), fullName: z.string() }).nullable(),
    agency: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .openapi({ description: 'Cơ quan xử lý, khi đã chuyển' }),
    location: z
      .object({ lat: z.number(), lng: z.number() })
      .openapi({ description: 'Vị trí gần đúng (làm tròn khoảng 11 m)' }),
    photoUrl: z.string().nullable().openapi({
      description: 'Ảnh đầu tiên người dân gửi (ảnh "trước")',
      example: '/api/v1/media/…',
    }),
    resultPhotoUrl: z
      .string()
      .nullable()
      .openapi({ description: 'Ảnh kết quả đầu tiên của cơ quan (ảnh "sau"), khi đã xử lý' }),
    supporterCount: z.number().int().openapi({ description: 'Số người "Tôi cũng gặp"' }),
    duplicateOf: z.string().nullable().openapi({ description: 'Mã phản ánh chính, khi trùng' }),
    rating: z
      .object({ rating: z.enum(RATINGS), label: LabelSchema })
      .nullable()
      .openapi({ description: 'Đánh giá của người phản ánh cho lần xử lý hiện tại' }),
    createdAt: z.string().openapi({ example: '2025-07-01T02:15:00.000Z' }),
    resolvedAt: z.string().nullable(),
    dueAt: z.string().nullable().openapi({ description: 'Hạn xử lý' }),
  })
  .openapi('FeedItem');

const FeedPageSchema = z
  .object({
    items: z.array(FeedItemSchema),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Gửi lại trong `cursor` để lấy trang sau; `null` khi đã hết' }),
  })
  .openapi('FeedPage');

const MapPointSchema = z
  .object({
    code: z.string(),
    lat: z.number(),
    lng: z.number(),
    status: z.enum(REPORT_STATUSES),
    categoryId: z.string(),
  })
  .openapi('MapPoint');

const MapPointsSchema = z
  .object({
    items: z.array(MapPointSchema),
    truncated: z.boolean().openapi({
      description: `true khi khung có nhiều hơn ${MAP_MAX_POINTS} phản ánh: chỉ trả về các phản ánh mới nhất; phóng to để xem thêm`,
    }),
  })
  .openapi('MapPoints');

const queryParam = (name: string) => ({ param: { name, in: 'query' as const } });

const filterFields = {
  categoryId: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .openapi({ ...queryParam('categoryId'), description: 'Mã lĩnh vực', example: 'giao_thong' }),
  communeId: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .openapi({ ...queryParam('communeId'), description: 'Mã xã/phường', example: 'vi-thanh' }),
  status: StatusListSchema.optional().openapi({
    ...queryParam('status'),
    type: 'string',
    description: `Một hoặc nhiều trạng thái, cách nhau bởi dấu phẩy hoặc lặp lại tham số: ${REPORT_STATUSES.join(', ')}`,
    example: 'received,assigned,in_progress',
  }),
  from: VnDaySchema.optional().openapi({
    ...queryParam('from'),
    description: 'Từ ngày (giờ Việt Nam), gồm cả ngày này',
    example: '2025-07-01',
  }),
  to: VnDaySchema.optional().openapi({
    ...queryParam('to'),
    description: 'Đến ngày (giờ Việt Nam), gồm cả ngày này',
    example: '2025-07-31',
  }),
  q: SearchTextSchema.optional().openapi({
    ...queryParam('q'),
    description:
      'Tìm theo nội dung, mã, lĩnh vực, địa chỉ; không phân biệt hoa thường và dấu ("duong bi ngap" tìm được "Đường bị ngập")',
    example: 'duong bi ngap',
  }),
};

const bboxDescription =
  'Khung bản đồ: nam,tây,bắc,đông (south,west,north,east), độ WGS 84. ' +
  'Với Leaflet: `[b.getSouth(), b.getWest(), b.getNorth(), b.getEast()].join(",")` (khác thứ tự của `toBBoxString()`)';

const FeedQuerySchema = z
  .object({
    ...filterFields,
    bbox: BboxSchema.optional().openapi({
      ...queryParam('bbox'),
      type: 'string',
      description: bboxDescription,
      example: '9.70,105.40,9.85,105.55',
    }),
    cursor: CursorSchema.optional().openapi({
      ...queryParam('cursor'),
      type: 'string',
      description: 'Con trỏ trang từ `nextCursor` của trang trước',
    }),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'limit phải là số nguyên từ 1 đến 50.')
      .transform(Number)
      .pipe(z.number().int().min(1, 'limit tối thiểu là 1.').max(50, 'limit tối đa là 50.'))
      .optional()
      .openapi({
        ...queryParam('limit'),
        type: 'integer',
        description: 'Số phản ánh mỗi trang (mặc định 20, tối đa 50)',
        example: 20,
      }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to).',
    path: ['from'],
  });

const MapQuerySchema = z
  .object({
    ...filterFields,
    bbox: BboxSchema.openapi({
      ...queryParam('bbox'),
      type: 'string',
      description: bboxDescription,
      example: '9.50,105.20,10.08,105.95',
    }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to).',
    path: ['from'],
  });

const commonResponses = {
  304: { description: 'Không thay đổi so với bản đã lưu (theo `If-None-Match`)' },
  400: json(ErrorSchema, 'Tham số không hợp lệ (`validation_failed`)'),
  500: json(ErrorSchema, 'Lỗi hệ thống'),
};

const feedRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['Phản ánh công khai'],
  summary: 'Bảng tin phản ánh',
  description:
    'Các phản ánh công khai (không gồm phản ánh bị ẩn), mới nhất trước, lọc theo lĩnh vực, xã/phường, trạng thái, ' +
    'khoảng ngày, từ khoá và khung bản đồ; phân trang bằng con trỏ. Không bao giờ có thông tin liên hệ của người phản ánh.',
  request: { query: FeedQuerySchema },
  responses: { 200: json(FeedPageSchema, 'Một trang phản ánh'), ...commonResponses },
});

const mapRoute = createRoute({
  method: 'get',
  path: '/map',
  tags: ['Phản ánh công khai'],
  summary: 'Điểm phản ánh trên bản đồ',
  description: `Vị trí, trạng thái và lĩnh vực của tối đa ${MAP_MAX_POINTS} phản ánh mới nhất trong khung bản đồ (để gom cụm ở ứng dụng). Cùng bộ lọc với bảng tin.`,
  request: { query: MapQuerySchema },
  responses: { 200: json(MapPointsSchema, 'Các điểm'), ...commonResponses },
});

// ---- mapping ---------------------------------------------------------------------------

function preview(text: string, length: number): { text: string; truncated: boolean } {
  if (length <= DESCRIPTION_PREVIEW) return { text, truncated: false };
  const cut = text.slice(0, DESCRIPTION_PREVIEW);
  const space = cut.lastIndexOf(' ');
  // Cut at a word boundary when one is close to the end.
  const kept = space > DESCRIPTION_PREVIEW - 40 ? cut.slice(0, space) : cut;
  return { text: `${kept.trimEnd()}…`, truncated: true };
}

export function toFeedItem(row: FeedRow): z.infer<typeof FeedItemSchema> {
  const description = preview(row.description, row.descriptionLength);
  return {
    code: row.code,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    category: { id: row.categoryId, name: row.categoryName, nameEn: row.categoryNameEn },
    description: description.text,
    descriptionTruncated: description.truncated,
    commune: communeRef(row.communeId, row.communeName, row.communeKind),
    agency: row.agencyId && row.agencyName ? { id: row.agencyId, name: row.agencyName } : null,
    location: { lat: approximate(row.lat), lng: approximate(row.lng) },
    photoUrl: row.photoId ? mediaUrl(row.photoId) : null,
    resultPhotoUrl: row.resultPhotoId ? mediaUrl(row.resultPhotoId) : null,
    supporterCount: row.supporterCount,
    duplicateOf: row.duplicateOfCode,
    rating: row.rating ? { rating: row.rating, label: RATING_LABELS[row.rating] } : null,
    createdAt: row.createdAt,
    resolvedAt: row.resolvedAt,
    dueAt: row.dueAt,
  };
}

type FilterQuery = {
  categoryId?: string | undefined;
  communeId?: string | undefined;
  status?: FeedFilter['statuses'];
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
};

function toFilter(query: FilterQuery): FeedFilter {
  const period = periodRange(query.from, query.to);
  return {
    categoryId: query.categoryId,
    communeId: query.communeId,
    statuses: query.status,
    createdFrom: period.start,
    createdBefore: period.end,
    match: query.q ? toFtsQuery(query.q) : null,
  };
}

// ---- app -----------------------------------------------------------------------------

/** The feed changes all the time; a short shared cache absorbs bursts (after a storm). */
const FEED_MAX_AGE = 30;

const feed = createRouter();
feed.use('*', ...publicCache(FEED_MAX_AGE));

export const feedRoutes = feed
  .openapi(feedRoute, async (c) => {
    const query = c.req.valid('query');
    const limit = query.limit ?? 20;
    // One more row than the page tells whether another page exists.
    const rows = await listFeed(
      c.var.db,
      { ...toFilter(query), bbox: query.bbox },
      { before: query.cursor, take: limit + 1 },
    );
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor(last.id) : null;
    return c.json({ items: items.map(toFeedItem), nextCursor }, 200);
  })
  .openapi(mapRoute, async (c) => {
    const query = c.req.valid('query');
    const rows = await listMapPoints(
      c.var.db,
      { ...toFilter(query), bbox: query.bbox },
      MAP_MAX_POINTS + 1,
    );
    const items = rows.slice(0, MAP_MAX_POINTS).map((r) => ({
      code: r.code,
      lat: approximate(r.lat),
      lng: approximate(r.lng),
      status: r.status,
      categoryId: r.categoryId,
    }));
    return c.json({ items, truncated: rows.length > MAP_MAX_POINTS }, 200);
  });
