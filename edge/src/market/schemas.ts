import { z } from '@hono/zod-openapi';
import { ABUSE_REASONS, LISTING_KINDS, LISTING_STATUSES, PRODUCT_GROUPS } from '@tinh/db/schema';
import { SearchTextSchema } from '../feed/params';
import { Phone } from '../jobs/schemas';

// Request and answer shapes of the agricultural market (thị trường nông sản): public listings,
// the signed-in citizen's own listings, abuse reports and the moderators' queue.

const Id = z.string().min(1).max(64);
export const IdParam = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });

const Limit = z.coerce.number().int().min(1).max(50).default(20);
/** Position in the ordered list (OCOP first, then newest): an opaque number to the client. */
const Cursor = z
  .string()
  .regex(/^\d{1,6}$/, 'Con trỏ trang không hợp lệ.')
  .optional();

const RequestKey = z
  .string({ error: 'Thiếu mã yêu cầu (requestKey).' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'Mã yêu cầu (requestKey) cần 8–64 chữ, số, "-" hoặc "_".');

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `Vui lòng nhập ${label.toLowerCase()}.` })
    .trim()
    .min(
      min,
      min <= 1 ? `Vui lòng nhập ${label.toLowerCase()}.` : `${label} cần ít nhất ${min} ký tự.`,
    )
    .max(max, `${label} tối đa ${max} ký tự.`);

const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label} tối đa ${max} ký tự.`).default('');

export const ListingKindSchema = z
  .enum(LISTING_KINDS, { error: 'Chọn "Cần bán" hoặc "Cần mua".' })
  .openapi({ description: '`sell` cần bán, `buy` cần mua.' });
export const ProductGroupSchema = z.enum(PRODUCT_GROUPS, {
  error: 'Vui lòng chọn nhóm nông sản.',
});

const ListingFields = z.object({
  kind: ListingKindSchema,
  productGroup: ProductGroupSchema,
  product: text('Tên nông sản', 2, 120),
  description: optionalText('Mô tả', 2000),
  quantity: z
    .number({ error: 'Số lượng phải là số.' })
    .positive('Số lượng phải lớn hơn 0.')
    .max(1_000_000_000, 'Số lượng quá lớn.'),
  unit: text('Đơn vị tính', 1, 20),
  /** VND per unit; null: "thỏa thuận". Up to 1 billion đồng: a typo guard. */
  priceVnd: z
    .number({ error: 'Giá phải là số (đồng).' })
    .int('Giá phải là số nguyên (đồng).')
    .min(100, 'Giá tối thiểu 100 đồng.')
    .max(1_000_000_000, 'Giá quá lớn.')
    .nullable()
    .default(null),
  communeId: z
    .string({ error: 'Vui lòng chọn xã/phường.' })
    .min(1, 'Vui lòng chọn xã/phường.')
    .max(64),
  address: optionalText('Địa chỉ', 300),
  lat: z.number().min(-90).max(90).nullable().default(null),
  lng: z.number().min(-180).max(180).nullable().default(null),
  ocopStars: z
    .union([z.literal(3), z.literal(4), z.literal(5)], {
      error: 'Hạng OCOP là 3, 4 hoặc 5 sao (bỏ trống nếu sản phẩm chưa có).',
    })
    .nullable()
    .default(null),
  contactName: text('Tên người liên hệ', 2, 100),
  contactPhone: Phone,
  zaloChat: z.boolean().default(true),
});

export const ListingInput = ListingFields.extend({ requestKey: RequestKey }).openapi(
  'MarketListingInput',
);
export type ListingValues = z.infer<typeof ListingInput>;

const Photo = z.object({ id: z.string(), url: z.string() });

export const ListingSummarySchema = z
  .object({
    id: z.string(),
    kind: ListingKindSchema,
    productGroup: ProductGroupSchema,
    product: z.string(),
    quantity: z.number(),
    unit: z.string(),
    priceVnd: z.number().int().nullable(),
    communeId: z.string(),
    communeName: z.string(),
    ocopStars: z.number().int().nullable(),
    photo: Photo.nullable(),
    expiresAt: z.string(),
    createdAt: z.string(),
  })
  .openapi('MarketListingSummary');

export const ListingSchema = ListingSummarySchema.extend({
  description: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
  zaloChat: z.boolean(),
  /** The owner's Zalo id, for openChat; null when the owner turned Zalo chat off. */
  zaloUserId: z.string().nullable(),
  photos: z.array(Photo),
}).openapi('MarketListing');

export const MyListingSchema = ListingSchema.extend({
  status: z.enum(LISTING_STATUSES),
  moderationNote: z.string().nullable(),
  renewedAt: z.string().nullable(),
  version: z.number().int(),
}).openapi('MarketMyListing');

export const ListingListSchema = z.object({
  items: z.array(ListingSummarySchema),
  nextCursor: z.string().nullable(),
});
export const MyListingListSchema = z.object({ items: z.array(MyListingSchema) });

const BoolParam = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const ListingListQuery = z.object({
  q: SearchTextSchema.optional(),
  kind: ListingKindSchema.optional(),
  group: ProductGroupSchema.optional(),
  commune: z.string().min(1).max(64).optional(),
  ocop: BoolParam.openapi({ description: 'Chỉ sản phẩm OCOP' }),
  cursor: Cursor,
  limit: Limit,
});

export const ReportInput = z
  .object({
    reason: z.enum(ABUSE_REASONS, { error: 'Vui lòng chọn lý do báo cáo.' }),
    note: optionalText('Ghi chú', 1000),
  })
  .openapi('MarketAbuseReportInput');

export const ReportResultSchema = z.object({
  id: z.string(),
  listingId: z.string(),
  reason: z.enum(ABUSE_REASONS),
  status: z.string(),
  createdAt: z.string(),
});

// ---- moderation ----------------------------------------------------------------------------

export const ModerationNoteBody = z
  .object({ note: text('Lý do', 3, 500) })
  .openapi('MarketModerationNote');

export const WorkQueueQuery = z.object({
  status: z.enum(['open', 'upheld', 'dismissed']).default('open'),
  limit: Limit,
});

export const WorkListingSchema = MyListingSchema.extend({
  ownerId: z.string(),
  openReports: z.number().int(),
});

export const WorkReportSchema = z.object({
  id: z.string(),
  reason: z.enum(ABUSE_REASONS),
  note: z.string(),
  status: z.string(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
  listing: WorkListingSchema,
});
export const WorkQueueSchema = z.object({ items: z.array(WorkReportSchema) });
