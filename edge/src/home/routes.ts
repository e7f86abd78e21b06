import { createRoute, z } from '@hono/zod-openapi';
import { adminUnits } from '@tinh/db/schema';
import { and, eq } from 'drizzle-orm';
import { versionedCache } from '../content/cache';
import { LangQuery } from '../content/lang';
import {
  type AlertRow,
  type AreaRow,
  liveAlertsQueries,
  PublicAlertSchema,
  toPublicAlerts,
} from '../emergency/live';
import { latestSummariesQuery, publicSummary } from '../news/repo';
import { ArticleSummarySchema } from '../news/schemas';
import { ApiError } from '../platform/errors';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';

// The mini app's home screen data in one round trip: pinned alerts and latest news (issue 8).
// The app asks once when it opens, often on a weak network, so everything it needs comes in
// one answer, and inside, the commune check, the live alerts with their communes and the
// latest news are read in one batch (one database round trip). Alerts expire with time alone,
// so the cache key carries a one-minute bucket as well as the content versions.

const TAG = 'Màn hình chính';
const LATEST_NEWS = 5;

const HomeQuery = z.object({
  commune: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Mã xã/phường không hợp lệ.')
    .optional()
    .openapi({
      param: { name: 'commune', in: 'query' },
      description: 'Xã/phường của người dùng; bỏ trống: chỉ cảnh báo toàn tỉnh',
      example: 'vi-thanh',
    }),
  lang: LangQuery,
});

const HomeSchema = z
  .object({
    alerts: z
      .array(PublicAlertSchema)
      .openapi({ description: 'Cảnh báo đang hiệu lực, nặng nhất trước' }),
    news: z.array(ArticleSummarySchema).openapi({ description: `${LATEST_NEWS} tin mới nhất` }),
    generatedAt: z.string(),
  })
  .openapi('HomeData');

const homeRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Dữ liệu màn hình chính: cảnh báo ghim và tin mới',
  description:
    'Cảnh báo khẩn cấp đang hiệu lực ở xã/phường `commune` (và toàn tỉnh), cùng các tin mới nhất, trong một lần gọi.',
  middleware: [
    versionedCache(['news', 'emergency'], { maxAgeSeconds: 30, bucketSeconds: 60 }),
  ] as const,
  request: { query: HomeQuery },
  responses: {
    200: json(HomeSchema, 'Dữ liệu màn hình chính'),
    304: { description: 'Không đổi (theo `If-None-Match`)' },
    400: error('Tham số không hợp lệ (`validation_failed`, `unknown_commune`)'),
  },
});

export const homeRoutes = createRouter().openapi(homeRoute, async (c) => {
  const { commune, lang } = c.req.valid('query');
  const db = c.var.db;
  const now = new Date();
  const [alertQuery, areaQuery] = liveAlertsQueries(db, { communeId: commune ?? null, now });
  const [units, alerts, areas, news] = await db.batch([
    db
      .select({ id: adminUnits.id })
      .from(adminUnits)
      .where(and(eq(adminUnits.id, commune ?? ''), eq(adminUnits.level, 'commune'))),
    alertQuery,
    areaQuery,
    latestSummariesQuery(db, LATEST_NEWS),
  ]);
  if (commune && units.length === 0) {
    throw new ApiError(400, 'unknown_commune', 'Không có xã/phường này.', { commune });
  }
  return c.json(
    {
      alerts: toPublicAlerts([alerts as AlertRow[], areas as AreaRow[]], lang),
      news: news.map((r) => publicSummary(r, lang)),
      generatedAt: now.toISOString(),
    },
    200,
  );
});
