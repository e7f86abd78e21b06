import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import { DeviceIdSchema } from '../reports/schemas';
import { hashDeviceId } from '../reports/tokens';
import { answerList, answerMarkRead, answerUnreadCount } from './inbox';
import type { Recipient } from './repo';
import {
  ListQuery,
  NotificationListSchema,
  ReadBodySchema,
  ReadResultSchema,
  UnreadCountSchema,
} from './schemas';

// A citizen's in-app notifications: "your report changed status". They work without Zalo:
// a reporter who never signed in gets them on the device that sent the report (the same
// X-Device-Id as "my reports"); a signed-in citizen gets theirs on every device, plus those
// of the device in hand.

const TAG = 'Thông báo';

const DeviceHeaders = z.object({
  'x-device-id': DeviceIdSchema.optional().openapi({
    param: { name: 'x-device-id', in: 'header' },
  }),
});

async function citizenRecipients(
  c: Context<AppEnv>,
  deviceId: string | undefined,
): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  if (c.var.userId) recipients.push({ type: 'user', id: c.var.userId });
  if (deviceId) recipients.push({ type: 'device', id: await hashDeviceId(deviceId) });
  if (recipients.length === 0) {
    throw new ApiError(400, 'device_id_required', 'Thiếu mã thiết bị (tiêu đề X-Device-Id).');
  }
  return recipients;
}

const who =
  'Của công dân đã đăng nhập (`Authorization: Bearer`) và/hoặc của thiết bị (tiêu đề `X-Device-Id`, như "Phản ánh của tôi").';

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Thông báo của tôi',
  description: `Mới nhất trước. ${who}`,
  request: { headers: DeviceHeaders, query: ListQuery },
  responses: {
    200: json(NotificationListSchema, 'Danh sách'),
    400: error('Tham số không hợp lệ, hoặc thiếu `X-Device-Id` (`device_id_required`)'),
  },
});

const unreadRoute = createRoute({
  method: 'get',
  path: '/unread-count',
  tags: [TAG],
  summary: 'Số thông báo chưa đọc',
  description: who,
  request: { headers: DeviceHeaders },
  responses: {
    200: json(UnreadCountSchema, 'Số chưa đọc'),
    400: error('Thiếu `X-Device-Id` (`device_id_required`)'),
  },
});

const readRoute = createRoute({
  method: 'post',
  path: '/read',
  tags: [TAG],
  summary: 'Đánh dấu đã đọc',
  description: `Chỉ thông báo của chính mình; mã của người khác bị bỏ qua. ${who}`,
  middleware: [requireJsonBody] as const,
  request: { headers: DeviceHeaders, body: body(ReadBodySchema) },
  responses: {
    200: json(ReadResultSchema, 'Đã đánh dấu'),
    400: error('Dữ liệu không hợp lệ, hoặc thiếu `X-Device-Id` (`device_id_required`)'),
    415: error('Không phải JSON (`unsupported_media_type`)'),
  },
});

export const citizenNotificationRoutes = createRouter()
  .openapi(listRoute, async (c) =>
    answerList(
      c,
      await citizenRecipients(c, c.req.valid('header')['x-device-id']),
      c.req.valid('query'),
    ),
  )
  .openapi(unreadRoute, async (c) =>
    answerUnreadCount(c, await citizenRecipients(c, c.req.valid('header')['x-device-id'])),
  )
  .openapi(readRoute, async (c) =>
    answerMarkRead(
      c,
      await citizenRecipients(c, c.req.valid('header')['x-device-id']),
      c.req.valid('json'),
    ),
  );
