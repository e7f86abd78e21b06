import { createRoute, z } from '@hono/zod-openapi';
import { ADMIN_KINDS, ADMIN_LEVELS, AGENCY_SCOPES } from '@tinh/db/schema';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../platform/env';
import { ErrorSchema } from '../platform/errors';
import { jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { fullName, searchUnits } from './admin-units';
import { listAdminUnits, listAgencies, listCategories } from './repo';

// ---- schemas -------------------------------------------------------------------------

const AgencyRefSchema = z.object({ id: z.string(), name: z.string() });

const CategorySchema = z
  .object({
    id: z.string().openapi({ example: 'giao_thong', description: 'Mã lĩnh vực (ổn định)' }),
    name: z.string().openapi({ example: 'Giao thông' }),
    nameEn: z.string().openapi({ example: 'Roads and traffic' }),
    examples: z.array(z.string()).openapi({ description: 'Ví dụ các vấn đề thuộc lĩnh vực' }),
    slaHours: z.number().int().openapi({ description: 'Thời hạn xử lý mặc định (giờ)' }),
    defaultAgency: AgencyRefSchema.openapi({ description: 'Cơ quan xử lý mặc định' }),
  })
  .openapi('Category');

const AgencySchema = z
  .object({
    id: z.string().openapi({ example: 'so_xay_dung' }),
    name: z.string().openapi({ example: 'Sở Xây dựng' }),
    scope: z.enum(AGENCY_SCOPES).openapi({
      description:
        '`commune`: UBND xã/phường. Không có `communeId`: cơ quan đại diện, được xác định theo xã/phường nơi xảy ra sự việc',
    }),
    communeId: z.string().nullable().openapi({
      description: 'Xã/phường của UBND xã/phường; null với cơ quan cấp tỉnh',
      example: null,
    }),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  })
  .openapi('Agency');

const AdminUnitSchema = z
  .object({
    id: z.string().openapi({ example: 'vi-thanh' }),
    name: z.string().openapi({ example: 'Vị Thanh' }),
    fullName: z.string().openapi({ example: 'Phường Vị Thanh' }),
    level: z.enum(ADMIN_LEVELS).openapi({ description: 'Cấp hành chính: tỉnh hoặc xã/phường' }),
    kind: z.enum(ADMIN_KINDS),
    parentId: z.string().nullable(),
    formerDistrict: z
      .string()
      .nullable()
      .openapi({ description: 'Huyện/thành phố cũ (trước 1/7/2025), chỉ để tham khảo' }),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
  })
  .openapi('AdminUnit');

const AdminUnitsQuerySchema = z.object({
  level: z
    .enum(ADMIN_LEVELS)
    .optional()
    .openapi({
      param: { name: 'level', in: 'query' },
      description: 'Lọc theo cấp',
      example: 'commune',
    }),
  parentId: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .openapi({
      param: { name: 'parentId', in: 'query' },
      description: 'Lọc theo đơn vị cha',
      example: 'hau-giang',
    }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .openapi({
      param: { name: 'q', in: 'query' },
      description:
        'Tìm theo tên, không phân biệt hoa thường và dấu ("vi thanh" tìm được "Vị Thanh")',
      example: 'vi thanh',
    }),
});

const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

const notModified = { description: 'Không thay đổi so với bản đã lưu (theo `If-None-Match`)' };
const failed = json(ErrorSchema, 'Lỗi hệ thống');

// ---- routes --------------------------------------------------------------------------

const categoriesRoute = createRoute({
  method: 'get',
  path: '/categories',
  tags: ['Danh mục'],
  summary: 'Lĩnh vực phản ánh',
  description:
    'Danh sách lĩnh vực phản ánh hiện trường, kèm cơ quan xử lý mặc định và thời hạn xử lý.',
  responses: {
    200: json(list(CategorySchema), 'Danh sách lĩnh vực'),
    304: notModified,
    500: failed,
  },
});

const agenciesRoute = createRoute({
  method: 'get',
  path: '/agencies',
  tags: ['Danh mục'],
  summary: 'Cơ quan xử lý',
  description: 'Các sở, ngành và đơn vị tiếp nhận, xử lý phản ánh.',
  responses: {
    200: json(list(AgencySchema), 'Danh sách cơ quan'),
    304: notModified,
    500: failed,
  },
});

const adminUnitsRoute = createRoute({
  method: 'get',
  path: '/admin-units',
  tags: ['Danh mục'],
  summary: 'Đơn vị hành chính',
  description:
    'Tỉnh và các xã, phường (chính quyền địa phương hai cấp từ 1/7/2025). Lọc theo cấp, đơn vị cha và tên.',
  request: { query: AdminUnitsQuerySchema },
  responses: {
    200: json(list(AdminUnitSchema), 'Danh sách đơn vị hành chính'),
    304: notModified,
    400: json(ErrorSchema, 'Tham số không hợp lệ (`validation_failed`)'),
    500: failed,
  },
});

// ---- app -----------------------------------------------------------------------------

/** Public reference data: cacheable for a few minutes, revalidated by ETag. */
const CACHE_CONTROL = 'public, max-age=300';

const cacheControl = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.res.status === 200) c.res.headers.set('Cache-Control', CACHE_CONTROL);
});

const catalog = createRouter();
catalog.use(
  '*',
  // Headers set before the handler (CORS, request id) must survive a 304 too.
  etag({
    retainedHeaders: [
      ...RETAINED_304_HEADERS,
      'access-control-allow-origin',
      'access-control-expose-headers',
      'x-request-id',
    ],
  }),
  cacheControl,
);

export const catalogRoutes = catalog
  .openapi(categoriesRoute, async (c) => {
    const items = await listCategories(c.var.db);
    return c.json({ items }, 200);
  })
  .openapi(agenciesRoute, async (c) => {
    const items = await listAgencies(c.var.db);
    return c.json({ items }, 200);
  })
  .openapi(adminUnitsRoute, async (c) => {
    const { level, parentId, q } = c.req.valid('query');
    const units = await listAdminUnits(c.var.db, { level, parentId });
    const items = searchUnits(units, q).map((u) => ({ ...u, fullName: fullName(u) }));
    return c.json({ items }, 200);
  });
