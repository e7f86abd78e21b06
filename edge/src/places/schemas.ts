import { z } from '@hono/zod-openapi';
import { PLACE_CATEGORIES, PLACE_DOMAINS } from '@tinh/db/schema';
import { LangQuery } from '../content/lang';
import { BboxSchema, SearchTextSchema } from '../feed/params';
import { base64url } from '../reports/tokens';

// Request and answer shapes of the digital map (public and editors).

export const DomainSchema = z.enum(PLACE_DOMAINS);
export const CategorySchema = z.enum(PLACE_CATEGORIES);

const CommuneIdSchema = z
  .string()
  .regex(/^[a-z0-9_-]{1,60}$/, 'Mã xã/phường không hợp lệ.')
  .openapi({ description: 'Mã xã/phường, ví dụ `vi-thanh`' });

/** Opaque page cursor: the offset of the next page (places change rarely; a page is small). */
export function encodeOffset(offset: number): string {
  return base64url(new TextEncoder().encode(`o${offset}`));
}

export const OffsetCursorSchema = z.string().transform((value, ctx) => {
  let text = '';
  try {
    text = /^[A-Za-z0-9_-]{1,24}$/.test(value)
      ? atob(value.replace(/-/g, '+').replace(/_/g, '/'))
      : '';
  } catch {
    text = '';
  }
  const m = /^o(\d{1,7})$/.exec(text);
  if (!m) {
    ctx.addIssue({
      code: 'custom',
      message: 'Con trỏ trang (cursor) không hợp lệ. Hãy tải lại danh sách từ đầu.',
    });
    return z.NEVER;
  }
  return Number(m[1]);
});

const LimitSchema = z.coerce
  .number()
  .int('Số mục mỗi trang phải là số nguyên.')
  .min(1, 'Số mục mỗi trang tối thiểu là 1.')
  .max(50, 'Số mục mỗi trang tối đa là 50.')
  .default(20);

export const NearSchema = z
  .string()
  .transform((value, ctx) => {
    const parts = value.split(',').map((p) => Number(p.trim()));
    const [lat, lng] = parts as [number, number];
    if (
      parts.length !== 2 ||
      !parts.every(Number.isFinite) ||
      Math.abs(lat) > 90 ||
      Math.abs(lng) > 180
    ) {
      ctx.addIssue({ code: 'custom', message: 'Vị trí (near) phải có dạng "vĩ độ,kinh độ".' });
      return z.NEVER;
    }
    return { lat, lng };
  })
  .openapi({ type: 'string', example: '9.7845,105.4701' });

export const PlaceListQuery = z.object({
  domain: DomainSchema.optional(),
  category: CategorySchema.optional(),
  commune: CommuneIdSchema.optional(),
  q: SearchTextSchema.optional().openapi({ description: 'Tìm có dấu hoặc không dấu' }),
  near: NearSchema.optional().openapi({
    description: '"vĩ độ,kinh độ": sắp theo khoảng cách (trong 50 km), mỗi mục có `distanceMetres`',
  }),
  cursor: OffsetCursorSchema.optional().openapi({ type: 'string' }),
  limit: LimitSchema,
  lang: LangQuery,
});

export const PlacePointsQuery = z.object({
  bbox: BboxSchema.openapi({ type: 'string', example: '9.6,105.3,9.9,105.9' }),
  domain: DomainSchema.optional(),
  category: CategorySchema.optional(),
  commune: CommuneIdSchema.optional(),
  q: SearchTextSchema.optional(),
  lang: LangQuery,
});

export const PlaceSchema = z
  .object({
    id: z.string(),
    domain: DomainSchema,
    category: CategorySchema,
    name: z.string(),
    address: z.string(),
    communeId: z.string().nullable(),
    communeName: z.string().nullable(),
    lat: z.number(),
    lng: z.number(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    openingHours: z.string().nullable(),
    description: z.string(),
    distanceMetres: z.number().int().optional(),
  })
  .openapi('Place');

export const PlaceListSchema = z.object({
  items: z.array(PlaceSchema),
  nextCursor: z.string().nullable(),
});

export const PlacePointsSchema = z.object({
  points: z.array(
    z.object({
      id: z.string(),
      lat: z.number(),
      lng: z.number(),
      category: CategorySchema,
      name: z.string(),
    }),
  ),
  capped: z.boolean().openapi({ description: 'Có nhiều điểm hơn giới hạn: hãy phóng to bản đồ' }),
  cap: z.number().int(),
});

const FacetSchema = z.object({ key: z.string(), count: z.number().int() });
export const PlaceFacetsSchema = z.object({
  domains: z.array(FacetSchema),
  categories: z.array(FacetSchema),
  communes: z.array(FacetSchema.extend({ name: z.string() })),
});

export const PlaceIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const PlaceResultSchema = z.object({ place: PlaceSchema });

// ---- editors --------------------------------------------------------------------------------

export const WorkPlaceSchema = PlaceSchema.omit({ distanceMetres: true })
  .extend({
    agencyId: z.string(),
    externalId: z.string().nullable(),
    status: z.enum(['draft', 'published', 'archived']),
    version: z.number().int(),
    updatedAt: z.string(),
    nameEn: z.string().nullable(),
    descriptionEn: z.string().nullable(),
  })
  .openapi('WorkPlace');

export const WorkPlaceListQuery = z.object({
  domain: DomainSchema.optional(),
  category: CategorySchema.optional(),
  commune: CommuneIdSchema.optional(),
  status: z.enum(['draft', 'published', 'archived']).optional(),
  q: SearchTextSchema.optional(),
  cursor: OffsetCursorSchema.optional().openapi({ type: 'string' }),
  limit: LimitSchema,
});

export const WorkPlaceListSchema = z.object({
  items: z.array(WorkPlaceSchema),
  nextCursor: z.string().nullable(),
});

export const WorkPlaceResultSchema = z.object({ place: WorkPlaceSchema });

const text = (max: number, message: string) => z.string().trim().max(max, message);

// Without defaults, so a patch leaves out what it does not change (a default inside
// `.partial()` would still fill in, and blank the field).
const placeFields = {
  name: text(200, 'Tên tối đa 200 ký tự.').min(1, 'Tên địa điểm không được để trống.'),
  category: CategorySchema,
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  address: text(300, 'Địa chỉ tối đa 300 ký tự.'),
  communeId: CommuneIdSchema.nullable(),
  phone: text(40, 'Số điện thoại quá dài.').nullable(),
  website: text(300, 'Trang web tối đa 300 ký tự.').nullable(),
  openingHours: text(200, 'Giờ mở cửa tối đa 200 ký tự.').nullable(),
  description: text(2000, 'Mô tả tối đa 2000 ký tự.'),
  nameEn: text(200, 'Tên tiếng Anh tối đa 200 ký tự.').nullable(),
  descriptionEn: text(2000, 'Mô tả tiếng Anh tối đa 2000 ký tự.').nullable(),
};

export const PlaceCreateBody = z.object({
  ...placeFields,
  address: placeFields.address.default(''),
  communeId: placeFields.communeId.default(null),
  phone: placeFields.phone.default(null),
  website: placeFields.website.default(null),
  openingHours: placeFields.openingHours.default(null),
  description: placeFields.description.default(''),
  nameEn: placeFields.nameEn.default(null),
  descriptionEn: placeFields.descriptionEn.default(null),
  requestKey: z.uuid('requestKey phải là UUID.').optional(),
});

export const PlacePatchBody = z
  .object(placeFields)
  .partial()
  .extend({
    version: z.number().int().min(1),
    status: z.enum(['published', 'archived']).optional(),
  });

export const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  fileName: z.string().max(200).optional(),
  agencyId: z.string().max(100).optional(),
});

export const ImportResultSchema = z.object({
  dryRun: z.boolean(),
  format: z.enum(['csv', 'geojson']),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  importId: z.string().nullable(),
});

export const ImportListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      agencyId: z.string(),
      fileName: z.string(),
      format: z.enum(['csv', 'geojson']),
      created: z.number().int(),
      updated: z.number().int(),
      importedBy: z.string(),
      importedByName: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
