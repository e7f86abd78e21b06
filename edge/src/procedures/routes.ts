import { createRoute } from '@hono/zod-openapi';
import { versionedCache } from '../content/cache';
import { ApiError } from '../platform/errors';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { findProcedure, publicFields, publicList, publicProcedure } from './repo';
import {
  FieldListSchema,
  LangOnlyQuery,
  PortalConfigSchema,
  ProcedureIdParam,
  ProcedureListQuery,
  ProcedureListSchema,
  ProcedureSchema,
} from './schemas';

// Public services catalogue for everyone (/api/v1/public-services, issue 8): what a procedure
// needs (documents, fee, time, steps) and the link to the province's public-service portal,
// where the dossier is actually filed and followed.

const TAG = 'Dịch vụ công';
const cached = versionedCache(['procedures'], { maxAgeSeconds: 300 });
const notModified = { 304: { description: 'Không đổi (theo `If-None-Match`)' } };

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Danh mục thủ tục hành chính',
  description:
    'Thủ tục đã công bố, theo tên. Tìm `q` có dấu hoặc không dấu; lọc theo lĩnh vực, cơ quan, mức độ trực tuyến. Trang tiếp theo: `cursor` = `nextCursor`.',
  middleware: [cached] as const,
  request: { query: ProcedureListQuery },
  responses: {
    200: json(ProcedureListSchema, 'Các thủ tục'),
    ...notModified,
    400: error('Tham số không hợp lệ (`validation_failed`, `invalid_cursor`)'),
  },
});

const fieldsRoute = createRoute({
  method: 'get',
  path: '/fields',
  tags: [TAG],
  summary: 'Các lĩnh vực và số thủ tục',
  middleware: [cached] as const,
  request: { query: LangOnlyQuery },
  responses: { 200: json(FieldListSchema, 'Lĩnh vực'), ...notModified },
});

const configRoute = createRoute({
  method: 'get',
  path: '/config',
  tags: [TAG],
  summary: 'Địa chỉ Cổng dịch vụ công và trang tra cứu hồ sơ',
  responses: { 200: json(PortalConfigSchema, 'Cấu hình') },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: [TAG],
  summary: 'Một thủ tục',
  description:
    'Giấy tờ cần có, lệ phí, thời hạn giải quyết, các bước (HTML đã lọc), đường dẫn nộp hồ sơ trên Cổng dịch vụ công và trang tra cứu hồ sơ.',
  middleware: [cached] as const,
  request: { params: ProcedureIdParam, query: LangOnlyQuery },
  responses: {
    200: json(ProcedureSchema, 'Thủ tục'),
    ...notModified,
    404: error('Không có thủ tục này (`procedure_not_found`)'),
  },
});

export const procedureRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    return c.json(await publicList(c.var.db, c.req.valid('query')), 200);
  })
  .openapi(fieldsRoute, async (c) => {
    const fields = await publicFields(c.var.db, c.req.valid('query').lang);
    return c.json({ fields }, 200);
  })
  .openapi(configRoute, (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(
      {
        portalUrl: c.env.PUBLIC_SERVICE_PORTAL_URL ?? null,
        dossierLookupUrl: c.env.DOSSIER_LOOKUP_URL ?? null,
      },
      200,
    );
  })
  .openapi(detailRoute, async (c) => {
    const row = await findProcedure(c.var.db, c.req.valid('param').id);
    if (row?.status !== 'published') {
      throw new ApiError(404, 'procedure_not_found', 'Không tìm thấy thủ tục.');
    }
    const lookup = c.env.DOSSIER_LOOKUP_URL ?? null;
    return c.json(publicProcedure(row, c.req.valid('query').lang, lookup), 200);
  });
