import { createRoute } from '@hono/zod-openapi';
import { requirePermission } from '../access/guard';
import { auditStatement } from '../audit/log';
import { ApiError } from '../platform/errors';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { requireChatConfigured } from './keys';
import { onRoom } from './room-stub';
import { roomIdsPage } from './rooms-repo';
import { RotateQuery, RotateResultSchema, TAG } from './schemas';

// Administration of the chat (/api/v1/admin/chat): rewrapping every room's data key under the
// current master key after an operator put a new key first in CHAT_MASTER_KEYS. Rooms are
// walked a page per call (each room is one Durable Object call, and a request may make only so
// many), so the administrator repeats the call with `cursor` until `nextCursor` is null; then
// the old master key can be removed from the secret.

const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];
/** Rooms rewrapped at the same time. */
const PARALLEL = 10;

const rotateRoute = createRoute({
  method: 'post',
  path: '/rotate-keys',
  tags: [TAG],
  summary: 'Mã hóa lại khóa của các phòng bằng khóa chủ hiện hành',
  description:
    'Khóa dữ liệu của mỗi phòng được bọc lại bằng khóa chủ đứng đầu CHAT_MASTER_KEYS (tin nhắn cũ vẫn đọc được). ' +
    'Mỗi lần xử lý tối đa `limit` phòng; gọi lại với `cursor` = `nextCursor` cho đến khi `nextCursor` là null. ' +
    '`failed`: phòng có khóa bọc bằng khóa chủ không còn trong cấu hình. Cần quyền quản lý tài khoản cán bộ.',
  security: SECURITY,
  request: { query: RotateQuery },
  responses: {
    200: json(RotateResultSchema, 'Kết quả'),
    400: error('Tham số không hợp lệ'),
    401: error('Chưa đăng nhập'),
    403: error('Không có quyền (`forbidden`) hoặc `csrf_failed`'),
    503: error('Chưa cấu hình khóa mã hóa (`chat_not_configured`)'),
  },
});

export const chatAdminRoutes = createRouter().openapi(rotateRoute, async (c) => {
  const me = requirePermission(c, 'official.manage');
  const ring = requireChatConfigured(c.env);
  const { cursor, limit } = c.req.valid('query');
  const page = await roomIdsPage(c.var.db, { limit, ...(cursor ? { after: cursor } : {}) });
  let rewrapped = 0;
  let failed = 0;
  const failures: string[] = [];
  for (let i = 0; i < page.ids.length; i += PARALLEL) {
    const batch = page.ids.slice(i, i + PARALLEL);
    const results = await Promise.allSettled(
      batch.map((roomId) => onRoom(c.env, roomId, (room) => room.rotateKey(roomId))),
    );
    results.forEach((r, j) => {
      if (r.status === 'fulfilled') {
        if (r.value.rewrapped) rewrapped += 1;
      } else {
        failed += 1;
        failures.push(batch[j] as string);
        c.var.log.warn('chat.rotate_failed', {
          roomId: batch[j],
          error: r.reason instanceof ApiError ? r.reason.code : String(r.reason?.name ?? 'unknown'),
        });
      }
    });
  }
  const at = new Date().toISOString();
  await auditStatement(c.var.db, {
    at,
    actor: { kind: 'official', id: me.id },
    action: 'chat.rotate_keys',
    entityType: 'chat_master_key',
    entityId: ring.current.id,
    to: JSON.stringify({ rooms: page.ids.length, rewrapped, failed }),
    note: failures.length > 0 ? `failed rooms: ${failures.slice(0, 50).join(', ')}` : null,
    requestId: c.var.requestId ?? null,
  });
  c.header('Cache-Control', 'private, no-store');
  return c.json(
    {
      rooms: page.ids.length,
      rewrapped,
      failed,
      keyId: ring.current.id,
      nextCursor: page.nextCursor,
    },
    200,
  );
});
