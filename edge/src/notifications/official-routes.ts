import { createRoute } from '@hono/zod-openapi';
import { requireOfficial } from '../access/guard';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import { answerList, answerMarkRead, answerUnreadCount } from './inbox';
import type { Recipient } from './repo';
import {
  ListQuery,
  NotificationListSchema,
  ReadBodySchema,
  ReadResultSchema,
  UnreadCountSchema,
} from './schemas';

// An official's in-app notifications: new assignments, returns, overdue and escalated
// reports, extension requests. Every signed-in official has a list (no permission beyond
// being signed in): each reads only the rows addressed to them.

const TAG = 'Thông báo cán bộ';

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Thông báo của cán bộ',
  description: 'Mới nhất trước.',
  request: { query: ListQuery },
  responses: {
    200: json(NotificationListSchema, 'Danh sách'),
    400: error('Tham số không hợp lệ'),
    401: error('Chưa đăng nhập (`official_session_required`)'),
  },
});

const unreadRoute = createRoute({
  method: 'get',
  path: '/unread-count',
  tags: [TAG],
  summary: 'Số thông báo chưa đọc',
  responses: {
    200: json(UnreadCountSchema, 'Số chưa đọc'),
    401: error('Chưa đăng nhập (`official_session_required`)'),
  },
});

const readRoute = createRoute({
  method: 'post',
  path: '/read',
  tags: [TAG],
  summary: 'Đánh dấu đã đọc',
  description: 'Chỉ thông báo của chính mình; mã của người khác bị bỏ qua.',
  middleware: [requireJsonBody] as const,
  request: { body: body(ReadBodySchema) },
  responses: {
    200: json(ReadResultSchema, 'Đã đánh dấu'),
    400: error('Dữ liệu không hợp lệ'),
    401: error('Chưa đăng nhập (`official_session_required`)'),
    403: error('Thiếu mã chống giả mạo (`csrf_failed`)'),
    415: error('Không phải JSON (`unsupported_media_type`)'),
  },
});

const self = (id: string): Recipient[] => [{ type: 'official', id }];

export const officialNotificationRoutes = createRouter()
  .openapi(listRoute, async (c) => answerList(c, self(requireOfficial(c).id), c.req.valid('query')))
  .openapi(unreadRoute, async (c) => answerUnreadCount(c, self(requireOfficial(c).id)))
  .openapi(readRoute, async (c) =>
    answerMarkRead(c, self(requireOfficial(c).id), c.req.valid('json')),
  );
