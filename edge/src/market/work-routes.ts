import { createRoute } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { requirePermission } from '../access/guard';
import { officialAuditEntry } from '../audit/log';
import type { AppEnv } from '../platform/env';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import {
  dismissReport,
  findListing,
  findReport,
  hideListing,
  listingNotFound,
  reportNotFound,
  restoreListing,
  workListing,
  workQueue,
} from './repo';
import {
  IdParam,
  ModerationNoteBody,
  WorkListingSchema,
  WorkQueueQuery,
  WorkQueueSchema,
} from './schemas';

// Moderation of the agricultural market (/api/v1/work/market, permission `market.moderate`):
// the queue of abuse reports, hiding a listing with a note its owner reads (and is notified
// of), restoring it, dismissing a report. Every action is audited.

const TAG = 'Thị trường nông sản (kiểm duyệt)';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];

/** 401/403 before validation. */
const moderatorOnly = createMiddleware<AppEnv>(async (c, next) => {
  requirePermission(c, 'market.moderate');
  c.header('Cache-Control', 'private, no-store');
  await next();
});

const denied = {
  401: error('Cần đăng nhập tài khoản cán bộ (`official_session_required`)'),
  403: error('Không có quyền `market.moderate` (`forbidden`)'),
};

const queueRoute = createRoute({
  method: 'get',
  path: '/reports',
  tags: [TAG],
  security: SECURITY,
  summary: 'Báo cáo vi phạm',
  description: '`status=open` (mặc định, cũ trước), `upheld` hoặc `dismissed` (mới trước).',
  middleware: [moderatorOnly] as const,
  request: { query: WorkQueueQuery },
  responses: {
    200: json(WorkQueueSchema, 'Báo cáo'),
    400: error('Tham số không hợp lệ (`validation_failed`)'),
    ...denied,
  },
});

const hideRoute = createRoute({
  method: 'post',
  path: '/listings/{id}/hide',
  tags: [TAG],
  security: SECURITY,
  summary: 'Ẩn tin vi phạm',
  description:
    'Người đăng thấy lý do (`note`) và nhận thông báo; các báo cáo đang chờ được ghi là đúng. Ghi nhật ký. Ẩn tin đã ẩn: không đổi gì.',
  middleware: [moderatorOnly, requireJsonBody] as const,
  request: { params: IdParam, body: body(ModerationNoteBody) },
  responses: {
    200: json(WorkListingSchema, 'Đã ẩn'),
    400: error('Thiếu lý do (`validation_failed`)'),
    ...denied,
    404: error('Không có tin này (`listing_not_found`)'),
  },
});

const restoreRoute = createRoute({
  method: 'post',
  path: '/listings/{id}/restore',
  tags: [TAG],
  security: SECURITY,
  summary: 'Hiện lại tin đã ẩn',
  description: 'Tin đã quá hạn thì thành "hết hạn" để người đăng gia hạn. Ghi nhật ký.',
  middleware: [moderatorOnly] as const,
  request: { params: IdParam },
  responses: {
    200: json(WorkListingSchema, 'Đã hiện lại'),
    ...denied,
    404: error('Không có tin này (`listing_not_found`)'),
  },
});

const dismissRoute = createRoute({
  method: 'post',
  path: '/reports/{id}/dismiss',
  tags: [TAG],
  security: SECURITY,
  summary: 'Bỏ qua báo cáo',
  description: 'Báo cáo không đúng: tin giữ nguyên. Ghi nhật ký.',
  middleware: [moderatorOnly] as const,
  request: { params: IdParam },
  responses: {
    200: json(WorkListingSchema, 'Tin của báo cáo'),
    ...denied,
    404: error('Không có báo cáo này (`report_not_found`)'),
  },
});

export const marketWorkRoutes = createRouter()
  .openapi(queueRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json(await workQueue(c.var.db, q.status, q.limit), 200);
  })
  .openapi(hideRoute, async (c) => {
    const me = requirePermission(c, 'market.moderate');
    const { id } = c.req.valid('param');
    const { note } = c.req.valid('json');
    const row = await findListing(c.var.db, id);
    if (!row) throw listingNotFound();
    const now = new Date().toISOString();
    await hideListing(
      c.var.db,
      row,
      note,
      me.id,
      now,
      officialAuditEntry(c, me, now, {
        action: 'market_listing.hide',
        entityType: 'market_listing',
        entityId: id,
        from: row.status,
        to: 'hidden',
        note,
      }),
    );
    const after = await findListing(c.var.db, id);
    if (!after) throw listingNotFound();
    return c.json(await workListing(c.var.db, after), 200);
  })
  .openapi(restoreRoute, async (c) => {
    const me = requirePermission(c, 'market.moderate');
    const { id } = c.req.valid('param');
    const row = await findListing(c.var.db, id);
    if (!row) throw listingNotFound();
    const now = new Date().toISOString();
    await restoreListing(
      c.var.db,
      row,
      now,
      officialAuditEntry(c, me, now, {
        action: 'market_listing.restore',
        entityType: 'market_listing',
        entityId: id,
        from: row.status,
        to: row.expiresAt > now ? 'active' : 'expired',
      }),
    );
    const after = await findListing(c.var.db, id);
    if (!after) throw listingNotFound();
    return c.json(await workListing(c.var.db, after), 200);
  })
  .openapi(dismissRoute, async (c) => {
    const me = requirePermission(c, 'market.moderate');
    const report = await findReport(c.var.db, c.req.valid('param').id);
    if (!report) throw reportNotFound();
    const now = new Date().toISOString();
    await dismissReport(
      c.var.db,
      report,
      me.id,
      now,
      officialAuditEntry(c, me, now, {
        action: 'market_report.dismiss',
        entityType: 'market_abuse_report',
        entityId: report.id,
        from: report.status,
        to: 'dismissed',
      }),
    );
    const listing = await findListing(c.var.db, report.listingId);
    if (!listing) throw reportNotFound();
    return c.json(await workListing(c.var.db, listing), 200);
  });
