import { createRoute, z } from '@hono/zod-openapi';
import { ErrorSchema, errorBody, MESSAGES } from '../platform/errors';
import { describeError } from '../platform/logger';
import { createRouter } from '../platform/router';
import { pingDatabase } from './repo';

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    db: z.object({
      ok: z.literal(true),
      roundTripMs: z
        .number()
        .int()
        .nonnegative()
        .openapi({ description: 'Thời gian một lượt truy vấn `select 1` (ms)' }),
    }),
  })
  .openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['Hệ thống'],
  summary: 'Tình trạng dịch vụ',
  description:
    'Kiểm tra dịch vụ và cơ sở dữ liệu (một truy vấn `select 1`). Trả về 503 khi không kết nối được cơ sở dữ liệu; khi đó `error.details.db.ok` là `false`.',
  responses: {
    200: {
      description: 'Dịch vụ và cơ sở dữ liệu hoạt động bình thường',
      content: { 'application/json': { schema: HealthSchema } },
    },
    503: {
      description: 'Không kết nối được cơ sở dữ liệu',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

export const health = createRouter().openapi(healthRoute, async (c) => {
  const ping = await pingDatabase(c.var.db);
  c.header('Cache-Control', 'no-store');
  if (!ping.ok) {
    c.var.logFields.dbError = describeError(ping.error);
    return c.json(
      errorBody('db_unavailable', MESSAGES.db_unavailable, {
        db: { ok: false, roundTripMs: ping.roundTripMs },
      }),
      503,
    );
  }
  return c.json(
    { status: 'ok' as const, db: { ok: true as const, roundTripMs: ping.roundTripMs } },
    200,
  );
});
