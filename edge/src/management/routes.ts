import { createRoute, z } from '@hono/zod-openapi';
import { AGENCY_SCOPES } from '@tinh/db/schema';
import type { Context } from 'hono';
import { requireOfficial, requirePermission } from '../access/guard';
import { can, scopesOf } from '../access/permissions';
import { officialAuditEntry } from '../audit/log';
import type { AppEnv, OfficialPrincipal } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import { foldVietnamese } from '../platform/text';
import { isWorkingDay, slaWorkingDays } from '../platform/working-days';
import { constraintFailure } from '../reports/repo';
import {
  type AgencyRow,
  type CategoryRow,
  deleteHoliday,
  findAgency,
  insertAgency,
  insertHoliday,
  listHolidays,
  loadAgencyCreation,
  loadCategoryForUpdate,
  selectAgencies,
  selectCategories,
  updateAgency,
  updateCategory,
} from './repo';

// Reference data administrators keep (permission `catalog.manage`), under /api/v1/admin:
// the categories' default agency and SLA, the agencies, and the public holidays deadlines
// skip. Officials who read reports may read the lists too (the admin shows them in filters).
// Every change is one batch with its audit entry (from/to as JSON). The public catalog
// (/api/v1/catalog) reads the same rows and tags its answers by their content (ETag), so a
// change shows there at the next revalidation.
//
// A change of SLA or holidays applies to deadlines computed from then on (new reports,
// reopened reports); deadlines already given are not moved.

const TAG = 'Quản trị danh mục';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];

// ---- schemas ------------------------------------------------------------------------------

const CategoryAdminSchema = z
  .object({
    id: z.string().openapi({ example: 'giao_thong' }),
    name: z.string().openapi({ example: 'Giao thông' }),
    nameEn: z.string(),
    slaHours: z
      .number()
      .int()
      .openapi({ description: 'Thời hạn xử lý (giờ, mỗi 24 giờ = 1 ngày làm việc)' }),
    slaWorkingDays: z
      .number()
      .int()
      .openapi({ description: 'Thời hạn xử lý quy ra ngày làm việc' }),
    defaultAgency: z.object({
      id: z.string(),
      name: z.string(),
      scope: z.enum(AGENCY_SCOPES).openapi({
        description: '`commune`: UBND xã/phường nơi xảy ra sự việc',
      }),
    }),
    updatedAt: z
      .string()
      .nullable()
      .openapi({ description: 'Lần sửa gần nhất (null: như ban đầu)' }),
  })
  .openapi('AdminCategory');

const CategoryPatchSchema = z
  .object({
    defaultAgencyId: z
      .string({ error: 'Mã cơ quan phải là chuỗi ký tự.' })
      .trim()
      .min(1, 'Vui lòng chọn cơ quan xử lý mặc định.')
      .max(100, 'Cơ quan không tồn tại.')
      .optional(),
    slaHours: z
      .number({ error: 'Thời hạn xử lý phải là số giờ.' })
      .int('Thời hạn xử lý phải là số giờ nguyên.')
      .min(1, 'Thời hạn xử lý ít nhất 1 giờ.')
      .max(8760, 'Thời hạn xử lý tối đa 8760 giờ (365 ngày).')
      .optional(),
  })
  .refine((b) => b.defaultAgencyId !== undefined || b.slaHours !== undefined, {
    message: 'Cần ít nhất một thay đổi: cơ quan xử lý mặc định hoặc thời hạn xử lý.',
  })
  .openapi('UpdateCategory');

const AgencyAdminSchema = z
  .object({
    id: z.string().openapi({ example: 'so_xay_dung' }),
    name: z.string().openapi({ example: 'Sở Xây dựng' }),
    scope: z.enum(AGENCY_SCOPES),
    communeId: z.string().nullable().openapi({ description: 'Xã/phường của UBND xã/phường' }),
    communeName: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    categoryCount: z
      .number()
      .int()
      .openapi({ description: 'Số lĩnh vực nhận cơ quan này làm cơ quan xử lý mặc định' }),
  })
  .openapi('AdminAgency');

const NameSchema = z
  .string({ error: 'Vui lòng nhập tên cơ quan.' })
  .trim()
  .min(2, 'Tên cơ quan quá ngắn.')
  .max(200, 'Tên cơ quan tối đa 200 ký tự.');

const PhoneSchema = z
  .string({ error: 'Số điện thoại phải là chuỗi ký tự.' })
  .trim()
  .regex(/^\+?[0-9][0-9 .()-]{5,19}$/, 'Số điện thoại không hợp lệ (ví dụ 0293 3878 123).')
  .nullable();

const AgencyEmailSchema = z
  .string({ error: 'Email phải là chuỗi ký tự.' })
  .trim()
  .toLowerCase()
  .max(254, 'Email quá dài.')
  .pipe(z.email('Email không hợp lệ.'))
  .nullable();

const AgencyIdSchema = z
  .string({ error: 'Mã cơ quan phải là chuỗi ký tự.' })
  .trim()
  .regex(
    /^[a-z0-9_-]{2,64}$/,
    'Mã cơ quan chỉ gồm chữ thường không dấu, số, "_" hoặc "-" (2–64 ký tự).',
  );

const AgencyCreateSchema = z
  .object({
    id: AgencyIdSchema.optional().openapi({
      description:
        'Không bắt buộc. Mặc định: `ubnd_<mã xã/phường>` với UBND xã/phường, hoặc tạo từ tên cơ quan',
      example: 'so_tai_chinh',
    }),
    name: NameSchema,
    scope: z
      .enum(AGENCY_SCOPES, {
        error: 'Cấp cơ quan phải là "province" (tỉnh) hoặc "commune" (xã/phường).',
      })
      .default('province'),
    communeId: z
      .string({ error: 'Mã xã/phường phải là chuỗi ký tự.' })
      .trim()
      .min(1)
      .max(64)
      .nullable()
      .optional()
      .openapi({ description: 'Bắt buộc với UBND xã/phường (`scope` = `commune`)' }),
    phone: PhoneSchema.optional(),
    email: AgencyEmailSchema.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.scope === 'commune' && !b.communeId) {
      ctx.addIssue({
        code: 'custom',
        path: ['communeId'],
        message: 'Vui lòng chọn xã/phường của UBND xã/phường.',
      });
    }
    if (b.scope === 'province' && b.communeId) {
      ctx.addIssue({
        code: 'custom',
        path: ['communeId'],
        message: 'Cơ quan cấp tỉnh không gắn với một xã/phường.',
      });
    }
  })
  .openapi('CreateAgency');

const AgencyPatchSchema = z
  .object({
    name: NameSchema.optional(),
    phone: PhoneSchema.optional(),
    email: AgencyEmailSchema.optional(),
  })
  .refine((b) => b.name !== undefined || b.phone !== undefined || b.email !== undefined, {
    message: 'Cần ít nhất một thay đổi: tên, số điện thoại hoặc email.',
  })
  .openapi('UpdateAgency');

const HolidaySchema = z
  .object({
    date: z.string().openapi({ example: '2026-09-02', description: 'Ngày (giờ Việt Nam)' }),
    name: z.string().openapi({ example: 'Quốc khánh' }),
    provisional: z.boolean().openapi({ description: 'Dự kiến, chờ thông báo chính thức' }),
    createdAt: z.string(),
  })
  .openapi('Holiday');

const DATE = /^(\d{4})-\d{2}-\d{2}$/;
const isCalendarDate = (d: string) => {
  const m = DATE.exec(d);
  if (!m) return false;
  const year = Number(m[1]);
  const parsed = new Date(`${d}T00:00:00Z`);
  return (
    year >= 2000 &&
    year <= 2100 &&
    !Number.isNaN(parsed.getTime()) &&
    parsed.toISOString().startsWith(d)
  );
};

const HolidayDateSchema = z
  .string({ error: 'Vui lòng nhập ngày nghỉ (YYYY-MM-DD).' })
  .trim()
  .refine(isCalendarDate, 'Ngày không hợp lệ: nhập theo dạng YYYY-MM-DD, từ năm 2000 đến 2100.');

const HolidayCreateSchema = z
  .object({
    date: HolidayDateSchema.openapi({ example: '2026-09-01' }),
    name: z
      .string({ error: 'Vui lòng nhập tên ngày nghỉ.' })
      .trim()
      .min(2, 'Tên ngày nghỉ quá ngắn.')
      .max(200, 'Tên ngày nghỉ tối đa 200 ký tự.')
      .openapi({ example: 'Quốc khánh (ngày liền kề)' }),
    provisional: z
      .boolean({ error: 'provisional phải là true hoặc false.' })
      .default(false)
      .openapi({ description: 'Dự kiến, chờ thông báo chính thức' }),
  })
  .openapi('CreateHoliday');

const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'giao_thong' }),
});

const DateParam = z.object({
  date: z
    .string()
    .max(20)
    .openapi({ param: { name: 'date', in: 'path' }, example: '2026-09-01' }),
});

const YearQuery = z.object({
  year: z.coerce
    .number({ error: 'Năm không hợp lệ.' })
    .int('Năm không hợp lệ.')
    .min(2000, 'Năm từ 2000 đến 2100.')
    .max(2100, 'Năm từ 2000 đến 2100.')
    .optional()
    .openapi({ param: { name: 'year', in: 'query' }, example: 2026 }),
});

const denied = {
  401: error('Chưa đăng nhập (`official_session_required`)'),
  403: error('Không có quyền (`forbidden`) hoặc thiếu mã CSRF (`csrf_failed`)'),
};

// ---- routes -------------------------------------------------------------------------------

const listCategoriesRoute = createRoute({
  method: 'get',
  path: '/categories',
  tags: [TAG],
  summary: 'Lĩnh vực: cơ quan xử lý mặc định và thời hạn',
  security: SECURITY,
  responses: {
    200: json(z.object({ items: z.array(CategoryAdminSchema) }), 'Danh sách lĩnh vực'),
    ...denied,
  },
});

const patchCategoryRoute = createRoute({
  method: 'patch',
  path: '/categories/{id}',
  tags: [TAG],
  summary: 'Đổi cơ quan xử lý mặc định hoặc thời hạn xử lý của một lĩnh vực',
  description:
    'Áp dụng cho phản ánh gửi từ nay; hạn xử lý của phản ánh đã nhận không đổi. Ghi nhật ký.',
  security: SECURITY,
  middleware: [requireJsonBody] as const,
  request: { params: IdParam, body: body(CategoryPatchSchema) },
  responses: {
    200: json(z.object({ category: CategoryAdminSchema }), 'Đã lưu'),
    400: error('Dữ liệu không hợp lệ, hoặc cơ quan không tồn tại (`unknown_agency`)'),
    ...denied,
    404: error('Không có lĩnh vực này (`category_not_found`)'),
    409: error('Lĩnh vực vừa được người khác sửa (`conflict`)'),
  },
});

const listAgenciesRoute = createRoute({
  method: 'get',
  path: '/agencies',
  tags: [TAG],
  summary: 'Cơ quan xử lý',
  security: SECURITY,
  responses: {
    200: json(z.object({ items: z.array(AgencyAdminSchema) }), 'Danh sách cơ quan'),
    ...denied,
  },
});

const createAgencyRoute = createRoute({
  method: 'post',
  path: '/agencies',
  tags: [TAG],
  summary: 'Thêm cơ quan xử lý',
  description: 'Cơ quan cấp tỉnh, hoặc UBND của một xã/phường chưa có (`scope` = `commune`).',
  security: SECURITY,
  middleware: [requireJsonBody] as const,
  request: { body: body(AgencyCreateSchema) },
  responses: {
    201: json(z.object({ agency: AgencyAdminSchema }), 'Đã thêm'),
    400: error('Dữ liệu không hợp lệ, hoặc xã/phường không tồn tại (`unknown_commune`)'),
    ...denied,
    409: error(
      'Mã cơ quan đã có (`agency_exists`), hoặc xã/phường đã có UBND (`commune_committee_exists`)',
    ),
  },
});

const patchAgencyRoute = createRoute({
  method: 'patch',
  path: '/agencies/{id}',
  tags: [TAG],
  summary: 'Sửa tên, số điện thoại, email của cơ quan',
  security: SECURITY,
  middleware: [requireJsonBody] as const,
  request: {
    params: IdParam.extend({ id: IdParam.shape.id.openapi({ example: 'so_xay_dung' }) }),
    body: body(AgencyPatchSchema),
  },
  responses: {
    200: json(z.object({ agency: AgencyAdminSchema }), 'Đã lưu'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có cơ quan này (`agency_not_found`)'),
    409: error('Cơ quan vừa được người khác sửa (`conflict`)'),
  },
});

const listHolidaysRoute = createRoute({
  method: 'get',
  path: '/holidays',
  tags: [TAG],
  summary: 'Ngày nghỉ lễ, Tết',
  description: 'Không tính vào thời hạn xử lý (thứ Bảy, Chủ nhật không bao giờ tính).',
  security: SECURITY,
  request: { query: YearQuery },
  responses: {
    200: json(z.object({ items: z.array(HolidaySchema) }), 'Danh sách ngày nghỉ, theo ngày'),
    400: error('Năm không hợp lệ'),
    ...denied,
  },
});

const createHolidayRoute = createRoute({
  method: 'post',
  path: '/holidays',
  tags: [TAG],
  summary: 'Thêm ngày nghỉ',
  description:
    'Áp dụng cho hạn xử lý tính từ nay. Ngày lễ rơi vào thứ Bảy, Chủ nhật: nhập ngày nghỉ bù.',
  security: SECURITY,
  middleware: [requireJsonBody] as const,
  request: { body: body(HolidayCreateSchema) },
  responses: {
    201: json(z.object({ holiday: HolidaySchema }), 'Đã thêm'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    409: error('Ngày này đã có trong danh sách (`holiday_exists`)'),
    422: error('Ngày là thứ Bảy hoặc Chủ nhật (`weekend_date`)'),
  },
});

const deleteHolidayRoute = createRoute({
  method: 'delete',
  path: '/holidays/{date}',
  tags: [TAG],
  summary: 'Bỏ một ngày nghỉ',
  security: SECURITY,
  request: { params: DateParam },
  responses: {
    200: json(z.object({ holiday: HolidaySchema }), 'Đã bỏ'),
    ...denied,
    404: error('Không có ngày nghỉ này (`holiday_not_found`)'),
  },
});

// ---- helpers ------------------------------------------------------------------------------

/** Managers, and every official who reads reports (the lists feed the admin's filters). */
function requireReader(c: Context<AppEnv>): OfficialPrincipal {
  const me = requireOfficial(c);
  if (!can(me, 'catalog.manage') && scopesOf(me, 'report.read').size === 0) {
    throw new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', {
      action: 'catalog.manage',
    });
  }
  c.header('Cache-Control', 'private, no-store');
  return me;
}

const toCategory = (row: CategoryRow) => ({
  id: row.id,
  name: row.name,
  nameEn: row.nameEn,
  slaHours: row.slaHours,
  slaWorkingDays: slaWorkingDays(row.slaHours),
  defaultAgency: row.defaultAgency,
  updatedAt: row.updatedAt,
});

const toAgency = (row: AgencyRow) => ({
  id: row.id,
  name: row.name,
  scope: row.scope,
  communeId: row.communeId,
  communeName: row.communeName,
  phone: row.phone,
  email: row.email,
  categoryCount: Number(row.categoryCount),
});

const conflict = (what: string) =>
  new ApiError(409, 'conflict', `${what} vừa được người khác sửa. Vui lòng tải lại và thử lại.`);

/** An id for a new province-level agency made from its name: "Sở Tài chính" → so_tai_chinh. */
function idFromName(name: string): string {
  return foldVietnamese(name)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64)
    .replace(/_+$/, '');
}

// ---- app ----------------------------------------------------------------------------------

export const managementRoutes = createRouter()
  .openapi(listCategoriesRoute, async (c) => {
    requireReader(c);
    const rows = await selectCategories(c.var.db);
    return c.json({ items: rows.map(toCategory) }, 200);
  })
  .openapi(patchCategoryRoute, async (c) => {
    const me = requirePermission(c, 'catalog.manage');
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const db = c.var.db;
    const { category, agency } = await loadCategoryForUpdate(db, id, input.defaultAgencyId);
    if (!category) {
      throw new ApiError(404, 'category_not_found', 'Không tìm thấy lĩnh vực phản ánh.', { id });
    }
    if (input.defaultAgencyId !== undefined && !agency) {
      throw new ApiError(400, 'unknown_agency', 'Cơ quan xử lý không tồn tại.', {
        agencyId: input.defaultAgencyId,
      });
    }
    const before = { defaultAgencyId: category.defaultAgency.id, slaHours: category.slaHours };
    const after = {
      defaultAgencyId: input.defaultAgencyId ?? before.defaultAgencyId,
      slaHours: input.slaHours ?? before.slaHours,
    };
    // Nothing changes: nothing to write or record.
    if (after.defaultAgencyId === before.defaultAgencyId && after.slaHours === before.slaHours) {
      return c.json({ category: toCategory(category) }, 200);
    }
    const now = new Date().toISOString();
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
      (k) => after[k] !== before[k],
    );
    const pick = (o: typeof after) => Object.fromEntries(changed.map((k) => [k, o[k]]));
    const result = await updateCategory(db, {
      id,
      before,
      after,
      now,
      audit: officialAuditEntry(c, me, now, {
        action: 'category.update',
        entityType: 'category',
        entityId: id,
        from: JSON.stringify(pick(before)),
        to: JSON.stringify(pick(after)),
      }),
    });
    if (!result.changed || !result.category) throw conflict('Lĩnh vực');
    return c.json({ category: toCategory(result.category) }, 200);
  })
  .openapi(listAgenciesRoute, async (c) => {
    requireReader(c);
    const rows = await selectAgencies(c.var.db);
    return c.json({ items: rows.map(toAgency) }, 200);
  })
  .openapi(createAgencyRoute, async (c) => {
    const me = requirePermission(c, 'catalog.manage');
    const input = c.req.valid('json');
    const communeId = input.scope === 'commune' ? (input.communeId ?? null) : null;
    const id = input.id ?? (communeId ? `ubnd_${communeId}` : idFromName(input.name));
    if (id.length < 2) {
      throw new ApiError(
        400,
        'agency_id_required',
        'Không tạo được mã cơ quan từ tên: vui lòng nhập mã (chữ thường không dấu, số, "_").',
      );
    }
    const db = c.var.db;
    const check = await loadAgencyCreation(db, { id, communeId });
    if (communeId && !check.commune) {
      throw new ApiError(400, 'unknown_commune', 'Xã, phường không tồn tại.', { communeId });
    }
    if (communeId && check.committee) {
      throw new ApiError(
        409,
        'commune_committee_exists',
        'Xã/phường này đã có UBND trong danh sách cơ quan.',
        { communeId, agencyId: check.committee.id },
      );
    }
    if (check.taken) {
      throw new ApiError(409, 'agency_exists', `Mã cơ quan "${id}" đã được dùng.`, { id });
    }
    const now = new Date().toISOString();
    const row = {
      id,
      name: input.name,
      scope: input.scope,
      communeId,
      phone: input.phone ?? null,
      email: input.email ?? null,
      sortOrder: check.nextSortOrder,
      createdAt: now,
    };
    try {
      const created = await insertAgency(
        db,
        row,
        officialAuditEntry(c, me, now, {
          action: 'agency.create',
          entityType: 'agency',
          entityId: id,
          to: JSON.stringify({
            name: row.name,
            scope: row.scope,
            communeId: row.communeId,
            phone: row.phone,
            email: row.email,
          }),
        }),
      );
      if (!created) throw new Error('created agency not found');
      return c.json({ agency: toAgency(created) }, 201);
    } catch (err) {
      // Another administrator created the same id a moment earlier.
      if (constraintFailure(err)?.includes('agencies.id')) {
        throw new ApiError(409, 'agency_exists', `Mã cơ quan "${id}" đã được dùng.`, { id });
      }
      throw err;
    }
  })
  .openapi(patchAgencyRoute, async (c) => {
    const me = requirePermission(c, 'catalog.manage');
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const db = c.var.db;
    const agency = await findAgency(db, id);
    if (!agency) throw new ApiError(404, 'agency_not_found', 'Không tìm thấy cơ quan.', { id });
    const before = { name: agency.name, phone: agency.phone, email: agency.email };
    const after = {
      name: input.name ?? before.name,
      phone: input.phone === undefined ? before.phone : input.phone || null,
      email: input.email === undefined ? before.email : input.email || null,
    };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
      (k) => after[k] !== before[k],
    );
    if (changed.length === 0) return c.json({ agency: toAgency(agency) }, 200);
    const pick = (o: typeof after) => Object.fromEntries(changed.map((k) => [k, o[k]]));
    const now = new Date().toISOString();
    const result = await updateAgency(db, {
      id,
      before,
      after,
      audit: officialAuditEntry(c, me, now, {
        action: 'agency.update',
        entityType: 'agency',
        entityId: id,
        from: JSON.stringify(pick(before)),
        to: JSON.stringify(pick(after)),
      }),
    });
    if (!result.changed || !result.agency) throw conflict('Cơ quan');
    return c.json({ agency: toAgency(result.agency) }, 200);
  })
  .openapi(listHolidaysRoute, async (c) => {
    requireReader(c);
    const { year } = c.req.valid('query');
    const items = await listHolidays(c.var.db, year);
    return c.json({ items }, 200);
  })
  .openapi(createHolidayRoute, async (c) => {
    const me = requirePermission(c, 'catalog.manage');
    const input = c.req.valid('json');
    if (!isWorkingDay(input.date, new Set())) {
      throw new ApiError(
        422,
        'weekend_date',
        'Ngày này là thứ Bảy hoặc Chủ nhật, vốn không tính vào thời hạn xử lý. Nếu ngày lễ rơi vào cuối tuần, hãy nhập ngày nghỉ bù.',
        { date: input.date },
      );
    }
    const now = new Date().toISOString();
    const holiday = await insertHoliday(
      c.var.db,
      { date: input.date, name: input.name, provisional: input.provisional, createdAt: now },
      officialAuditEntry(c, me, now, {
        action: 'holiday.create',
        entityType: 'holiday',
        entityId: input.date,
        to: JSON.stringify({
          date: input.date,
          name: input.name,
          provisional: input.provisional,
        }),
      }),
    );
    if (!holiday) {
      throw new ApiError(409, 'holiday_exists', 'Ngày này đã có trong danh sách ngày nghỉ.', {
        date: input.date,
      });
    }
    return c.json({ holiday }, 201);
  })
  .openapi(deleteHolidayRoute, async (c) => {
    const me = requirePermission(c, 'catalog.manage');
    const { date } = c.req.valid('param');
    const now = new Date().toISOString();
    const removed = isCalendarDate(date)
      ? await deleteHoliday(c.var.db, date, (from) =>
          officialAuditEntry(c, me, now, {
            action: 'holiday.delete',
            entityType: 'holiday',
            entityId: date,
            from,
          }),
        )
      : undefined;
    if (!removed) {
      throw new ApiError(404, 'holiday_not_found', 'Không có ngày nghỉ này trong danh sách.', {
        date,
      });
    }
    return c.json({ holiday: removed }, 200);
  });
