import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../platform/errors';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { follow, followersOf, listFollows, unfollow } from './follows';
import { listAlerts } from './repo';
import { contentDisposition, findReport, listReports } from './reports';
import {
  AlertListQuery,
  AlertListSchema,
  DeviceHeaders,
  FollowListSchema,
  FollowParams,
  FollowResultSchema,
  ReportIdParam,
  ReportListQuery,
  ReportListSchema,
} from './schemas';

// Public environment endpoints (/api/v1/environment): following stations and communes for
// alerts, the recent alerts, and the agencies' published reports (list and PDF download).

const TAG = 'Quan trắc môi trường';

const who =
  'Của công dân đã đăng nhập (`Authorization: Bearer`), nếu không thì của thiết bị (tiêu đề `X-Device-Id`).';

const listFollowsRoute = createRoute({
  method: 'get',
  path: '/follows',
  tags: [TAG],
  summary: 'Trạm, xã/phường tôi theo dõi',
  description: `Nhận cảnh báo khi trạm hoặc xã/phường có cảnh báo mới. ${who}`,
  request: { headers: DeviceHeaders },
  responses: {
    200: json(FollowListSchema, 'Danh sách theo dõi'),
    400: error('Thiếu `X-Device-Id` (`device_id_required`)'),
  },
});

const putFollowRoute = createRoute({
  method: 'put',
  path: '/follows/{subjectType}/{subjectId}',
  tags: [TAG],
  summary: 'Theo dõi một trạm hoặc một xã/phường',
  description: `Gọi lại không thay đổi gì (\`changed: false\`). ${who}`,
  request: { headers: DeviceHeaders, params: FollowParams },
  responses: {
    200: json(FollowResultSchema, 'Đang theo dõi'),
    400: error('Tham số không hợp lệ, hoặc thiếu `X-Device-Id` (`device_id_required`)'),
    404: error('Không có trạm (`station_not_found`) hoặc xã/phường (`commune_not_found`) này'),
    409: error('Đã theo dõi quá nhiều (`too_many_follows`)'),
  },
});

const deleteFollowRoute = createRoute({
  method: 'delete',
  path: '/follows/{subjectType}/{subjectId}',
  tags: [TAG],
  summary: 'Bỏ theo dõi',
  description: `Gọi lại không thay đổi gì (\`changed: false\`). ${who}`,
  request: { headers: DeviceHeaders, params: FollowParams },
  responses: {
    200: json(FollowResultSchema, 'Không còn theo dõi'),
    400: error('Tham số không hợp lệ, hoặc thiếu `X-Device-Id` (`device_id_required`)'),
  },
});

const alertsRoute = createRoute({
  method: 'get',
  path: '/alerts',
  tags: [TAG],
  summary: 'Cảnh báo của các trạm',
  description:
    'Cảnh báo đang có và của 30 ngày qua (hoặc chỉ đang có: `active=true`), mới nhất trước; lọc theo trạm hoặc xã/phường.',
  request: { query: AlertListQuery },
  responses: {
    200: json(AlertListSchema, 'Danh sách cảnh báo'),
    400: error('Tham số không hợp lệ'),
  },
});

const reportsRoute = createRoute({
  method: 'get',
  path: '/reports',
  tags: [TAG],
  summary: 'Báo cáo môi trường của các cơ quan',
  description:
    'Báo cáo quý và năm (PDF), kỳ mới nhất trước. Trang tiếp theo: gửi `cursor` = `nextCursor`.',
  request: { query: ReportListQuery },
  responses: {
    200: json(ReportListSchema, 'Danh sách báo cáo'),
    400: error('Tham số không hợp lệ (`validation_failed`, `invalid_cursor`)'),
  },
});

const reportFileRoute = createRoute({
  method: 'get',
  path: '/reports/{id}/file',
  tags: [TAG],
  summary: 'Tải báo cáo (PDF)',
  request: { params: ReportIdParam },
  responses: {
    200: {
      description: 'Tệp PDF (Content-Disposition có tên báo cáo)',
      content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    304: { description: 'Không đổi (theo `If-None-Match`)' },
    400: error('Mã không hợp lệ'),
    404: error('Không có báo cáo này (`report_not_found`)'),
  },
});

const reportNotFound = () =>
  new ApiError(404, 'report_not_found', 'Không tìm thấy báo cáo môi trường.');

export const environmentRoutes = createRouter()
  .openapi(listFollowsRoute, async (c) => {
    const followers = await followersOf(c, c.req.valid('header')['x-device-id']);
    c.header('Cache-Control', 'private, no-store');
    return c.json({ items: await listFollows(c.var.db, followers) }, 200);
  })
  .openapi(putFollowRoute, async (c) => {
    const { subjectType, subjectId } = c.req.valid('param');
    const followers = await followersOf(c, c.req.valid('header')['x-device-id']);
    const { changed } = await follow(c.var.db, followers, subjectType, subjectId);
    c.header('Cache-Control', 'no-store');
    return c.json({ following: true, changed, subjectType, subjectId }, 200);
  })
  .openapi(deleteFollowRoute, async (c) => {
    const { subjectType, subjectId } = c.req.valid('param');
    const followers = await followersOf(c, c.req.valid('header')['x-device-id']);
    const { changed } = await unfollow(c.var.db, followers, subjectType, subjectId);
    c.header('Cache-Control', 'no-store');
    return c.json({ following: false, changed, subjectType, subjectId }, 200);
  })
  .openapi(alertsRoute, async (c) => {
    const items = await listAlerts(c.var.db, c.req.valid('query'));
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ items }, 200);
  })
  .openapi(reportsRoute, async (c) => {
    const page = await listReports(c.var.db, c.req.valid('query'));
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(page, 200);
  })
  .openapi(reportFileRoute, async (c) => {
    const { id } = c.req.valid('param');
    const report = await findReport(c.var.db, id);
    if (!report) throw reportNotFound();
    // A report's file never changes (a correction is a new upload); a deleted one may linger
    // in caches for an hour.
    const etag = `"${report.sha256}"`;
    const headers = {
      'Cache-Control': 'public, max-age=3600',
      ETag: etag,
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    const object = await c.env.DOCUMENTS.get(report.r2Key);
    if (!object) throw reportNotFound();
    return c.body(object.body as unknown as ReadableStream, 200, {
      ...headers,
      'Content-Type': 'application/pdf',
      'Content-Length': String(object.size),
      'Content-Disposition': contentDisposition(report.title),
    });
  });
