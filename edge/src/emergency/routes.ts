import { createRoute, z } from '@hono/zod-openapi';
import { adminUnits } from '@tinh/db/schema';
import { inArray } from 'drizzle-orm';
import { versionedCache } from '../content/cache';
import { ApiError } from '../platform/errors';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { capDocument, capFeed } from './cap';
import { liveAlertsQueries, toPublicAlert, toPublicAlerts } from './live';
import { feedAlerts, findAlert, recentlyEnded, revisionTimes, stateOf } from './repo';
import {
  AlertIdParam,
  PublicAlertDetailSchema,
  PublicAlertListSchema,
  PublicDetailQuery,
  PublicListQuery,
} from './schemas';

// Emergency alerts for everyone: live alerts by commune and the CAP 1.2 feed (issue 8).
// Live lists change with time alone (an alert starts or expires), hence the time bucket in
// the cache key; a publication bumps the `emergency` content version and shows at once.

const TAG = 'Cảnh báo khẩn cấp';
const RECENT_LIMIT = 10;

const alertNotFound = () =>
  new ApiError(404, 'alert_not_found', 'Không tìm thấy cảnh báo khẩn cấp.');

const liveCache = versionedCache(['emergency'], { maxAgeSeconds: 30, bucketSeconds: 60 });

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Cảnh báo đang hiệu lực',
  description:
    'Cảnh báo toàn tỉnh, và của xã/phường `commune` nếu có; nặng nhất rồi mới nhất trước. `recent`: cảnh báo đã hết hạn hoặc đã hủy trong 7 ngày qua.',
  middleware: [liveCache] as const,
  request: { query: PublicListQuery },
  responses: {
    200: json(PublicAlertListSchema, 'Cảnh báo'),
    400: error('Tham số không hợp lệ (`validation_failed`)'),
  },
});

const capFeedRoute = createRoute({
  method: 'get',
  path: '/cap',
  tags: [TAG],
  summary: 'Nguồn tin CAP 1.2 (Atom)',
  description:
    'Nguồn Atom liệt kê các cảnh báo đang hiệu lực và vừa kết thúc; mỗi mục trỏ tới văn bản CAP 1.2 của cảnh báo.',
  middleware: [liveCache] as const,
  responses: {
    200: {
      description: 'Atom feed',
      content: { 'application/atom+xml': { schema: z.string() } },
    },
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: [TAG],
  summary: 'Một cảnh báo',
  description: 'Cả cảnh báo đã hết hạn hoặc đã hủy (`state`). Bản nháp: 404.',
  middleware: [liveCache] as const,
  request: { params: AlertIdParam, query: PublicDetailQuery },
  responses: {
    200: json(PublicAlertDetailSchema, 'Cảnh báo'),
    400: error('Tham số không hợp lệ (`validation_failed`)'),
    404: error('Không có cảnh báo này (`alert_not_found`)'),
  },
});

const capRoute = createRoute({
  method: 'get',
  path: '/{id}/cap',
  tags: [TAG],
  summary: 'Văn bản CAP 1.2 của một cảnh báo',
  description:
    'Lần công bố hiện tại: msgType Alert (lần đầu), Update (có `references` tới lần trước) hoặc Cancel.',
  middleware: [liveCache] as const,
  request: { params: AlertIdParam },
  responses: {
    200: {
      description: 'CAP 1.2',
      content: { 'application/cap+xml': { schema: z.string() } },
    },
    404: error('Không có cảnh báo này (`alert_not_found`)'),
  },
});

export const emergencyRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { commune, lang } = c.req.valid('query');
    const db = c.var.db;
    const now = new Date();
    const [alerts, areas] = await db.batch(
      liveAlertsQueries(db, { communeId: commune ?? null, now }),
    );
    const ended = await recentlyEnded(db, { communeId: commune ?? null, now, limit: RECENT_LIMIT });
    return c.json(
      {
        items: toPublicAlerts([alerts, areas], lang),
        recent: ended.rows.map((r) => ({
          ...toPublicAlert(r, ended.areas, lang),
          state: stateOf(r, now) as 'expired' | 'cancelled',
          cancelledAt: r.cancelledAt,
        })),
      },
      200,
    );
  })
  .openapi(capFeedRoute, async (c) => {
    const rows = await feedAlerts(c.var.db, new Date());
    const xml = capFeed(rows, new URL(c.req.url).origin, new Date());
    return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
  })
  .openapi(detailRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { lang } = c.req.valid('query');
    const found = await findAlert(c.var.db, id);
    if (!found || found.row.status === 'draft') throw alertNotFound();
    const state = stateOf(found.row, new Date());
    return c.json(
      {
        ...toPublicAlert(found.row, found.areas, lang),
        state: state as 'live' | 'upcoming' | 'expired' | 'cancelled',
        cancelledAt: found.row.cancelledAt,
      },
      200,
    );
  })
  .openapi(capRoute, async (c) => {
    const { id } = c.req.valid('param');
    const db = c.var.db;
    const found = await findAlert(db, id);
    if (!found || found.row.status === 'draft') throw alertNotFound();
    const ids = found.areas.map((a) => a.id);
    const [points, times] = await Promise.all([
      ids.length > 0
        ? db
            .select({
              id: adminUnits.id,
              name: adminUnits.name,
              lat: adminUnits.lat,
              lng: adminUnits.lng,
            })
            .from(adminUnits)
            .where(inArray(adminUnits.id, ids))
        : Promise.resolve([]),
      revisionTimes(db, id),
    ]);
    const byId = new Map(points.map((p) => [p.id, p]));
    const communes = ids.flatMap((cid) => {
      const p = byId.get(cid);
      return p ? [p] : [];
    });
    const xml = capDocument(found.row, communes, {
      sender: c.env.CAP_SENDER,
      origin: new URL(c.req.url).origin,
      revisionTimes: times,
    });
    return c.body(xml, 200, { 'Content-Type': 'application/cap+xml; charset=utf-8' });
  });
