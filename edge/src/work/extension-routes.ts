import { createRoute } from '@hono/zod-openapi';
import { requireOfficial } from '../access/guard';
import { reportScope } from '../access/permissions';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import { decideExtension } from './actions';
import { listPendingExtensions } from './queue';
import { actCtx } from './routes';
import {
  DecisionBody,
  DecisionResultSchema,
  IdParams,
  PendingExtensionsSchema,
  TAG,
} from './schemas';

// Deadline extension requests, /api/v1/work/extension-requests: agencies ask (POST
// /work/reports/:code/extension-requests), the IOC decides here.

const MAX_PENDING = 200;

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Đề nghị gia hạn đang chờ',
  description: `Các đề nghị chưa được xem xét trong phạm vi của cán bộ, cũ nhất trước (tối đa ${MAX_PENDING}).`,
  responses: {
    200: json(PendingExtensionsSchema, 'Danh sách'),
    401: error('Chưa đăng nhập tài khoản cán bộ'),
    403: error('Không có quyền'),
  },
});

const decideRoute = createRoute({
  method: 'post',
  path: '/{id}/decision',
  tags: [TAG],
  summary: 'IOC quyết định gia hạn',
  description:
    'Đồng ý: hạn xử lý đổi thành hạn đề nghị (trạng thái quá hạn được xoá); không đồng ý: giữ hạn cũ. Cơ quan được thông báo.',
  middleware: [requireJsonBody] as const,
  request: { params: IdParams, body: body(DecisionBody) },
  responses: {
    200: json(DecisionResultSchema, 'Đã quyết định'),
    400: error('Dữ liệu không hợp lệ'),
    401: error('Chưa đăng nhập tài khoản cán bộ'),
    403: error('Không có quyền (`forbidden`)'),
    404: error('Không có đề nghị này (`extension_request_not_found`)'),
    409: error('Đề nghị đã được xem xét, hoặc phản ánh đã đóng (`illegal_transition`)'),
  },
});

const router = createRouter();
router.use('*', async (c, next) => {
  requireOfficial(c);
  await next();
});

export const extensionRoutes = router
  .openapi(listRoute, async (c) => {
    const official = requireOfficial(c);
    const scope = reportScope(official, 'report.read');
    if (!scope) throw new ApiError(403, 'forbidden', 'Bạn không có quyền xem phản ánh.');
    const rows = await listPendingExtensions(c.var.db, scope, MAX_PENDING);
    c.header('Cache-Control', 'private, no-store');
    return c.json(
      {
        items: rows.map((r) => ({
          id: r.id,
          code: r.code,
          status: r.status,
          categoryName: r.categoryName,
          agency: { id: r.agencyId, name: r.agencyName },
          requestedBy: { id: r.requestedBy, name: r.requestedByName },
          reason: r.reason,
          requestedDueAt: r.requestedDueAt,
          dueAt: r.dueAt,
          createdAt: r.createdAt,
        })),
      },
      200,
    );
  })
  .openapi(decideRoute, async (c) => {
    const { id } = c.req.valid('param');
    const result = await decideExtension(actCtx(c), id, c.req.valid('json'));
    return c.json(result, 200);
  });
