import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requirePermission } from '../../access/guard';
import { can } from '../../access/permissions';
import type { AuditEntryInput } from '../../audit/log';
import type { AppEnv, OfficialPrincipal } from '../../platform/env';
import { ApiError } from '../../platform/errors';
import { requireJsonBody } from '../../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../../platform/openapi';
import { createRouter } from '../../platform/router';
import { STATUS_LABELS } from '../../reports/labels';
import { communeRef } from '../../reports/view';
import {
  type AlertRow,
  alertState,
  closeAlert,
  listAlerts,
  loadAlert,
  type RuleRow,
  updateWarning,
  WARNING_EDIT_ACTION,
} from './repo';
import {
  ALERTS_TAG,
  AlertCloseBody,
  type AlertDetail,
  AlertDetailSchema,
  AlertIdParams,
  AlertListQuery,
  AlertPageSchema,
  AlertPatchBody,
  type AlertSummary,
  type Rule,
} from './schemas';

// Early-warning alerts for the IOC, /api/v1/work/alerts: the clusters the cron job found
// (intake/clusters/job.ts), each with its reports for the map and a draft public warning the
// IOC edits, approves or discards before closing the alert. Reading needs `alerts.read` (the
// IOC, the province's leaders); changing needs `alerts.manage` (the IOC). Every change is
// audited in the same batch.

const denied = {
  401: error('Chưa đăng nhập tài khoản cán bộ (`official_session_required`)'),
  403: error('Không có quyền (`forbidden`) hoặc thiếu mã CSRF (`csrf_failed`)'),
};
const notFound = { 404: error('Không có cảnh báo này (`alert_not_found`)') };

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [ALERTS_TAG],
  summary: 'Cảnh báo sớm: các cụm phản ánh',
  description:
    'Các cụm phản ánh cùng lĩnh vực, gần nhau, trong thời gian ngắn (quy tắc N, R, T của từng lĩnh vực), mới nhất trước.',
  request: { query: AlertListQuery },
  responses: {
    200: json(AlertPageSchema, 'Một trang cảnh báo'),
    400: error('Tham số không hợp lệ'),
    ...denied,
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: [ALERTS_TAG],
  summary: 'Một cảnh báo: bản đồ, các phản ánh, bản nháp cảnh báo',
  request: { params: AlertIdParams },
  responses: {
    200: json(AlertDetailSchema, 'Cảnh báo'),
    400: error('Mã cảnh báo không hợp lệ'),
    ...denied,
    ...notFound,
  },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: [ALERTS_TAG],
  summary: 'Sửa, duyệt hoặc bỏ bản nháp cảnh báo công khai',
  description:
    'Khi IOC đã sửa tiêu đề hoặc nội dung, hệ thống không tự cập nhật bản nháp theo cụm nữa. ' +
    'Chỉ sửa được nội dung của bản nháp: cảnh báo đã duyệt hoặc đã bỏ cần chuyển về `draft` (có thể trong cùng yêu cầu).',
  middleware: [requireJsonBody] as const,
  request: { params: AlertIdParams, body: body(AlertPatchBody) },
  responses: {
    200: json(AlertDetailSchema, 'Cảnh báo sau khi sửa'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    ...notFound,
    409: error(
      'Cảnh báo đã đóng (`alert_closed`), không còn là bản nháp (`warning_not_draft`), hoặc vừa được người khác sửa (`conflict`)',
    ),
  },
});

const closeRoute = createRoute({
  method: 'post',
  path: '/{id}/close',
  tags: [ALERTS_TAG],
  summary: 'Đóng cảnh báo',
  description:
    'Cụm đã được xử lý. Phản ánh mới ở khu vực này chỉ mở cảnh báo mới khi tự chúng đủ thành một cụm. Gửi lại khi đã đóng: trả về cảnh báo như hiện tại.',
  middleware: [requireJsonBody] as const,
  request: { params: AlertIdParams, body: body(AlertCloseBody) },
  responses: {
    200: json(AlertDetailSchema, 'Cảnh báo đã đóng'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    ...notFound,
  },
});

// ---- views --------------------------------------------------------------------------------

const toSummary = (a: AlertRow): AlertSummary => ({
  id: a.id,
  category: { id: a.categoryId, name: a.categoryName },
  status: a.status,
  centroid: { lat: a.centroidLat, lng: a.centroidLng },
  spreadMetres: a.spreadMetres,
  commune: communeRef(a.communeId, a.communeName, a.communeKind),
  reportCount: a.reportCount,
  firstReportAt: a.firstReportAt,
  lastReportAt: a.lastReportAt,
  warning: { title: a.warningTitle, status: a.warningStatus },
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
  closedAt: a.closedAt,
});

export const toRule = (r: RuleRow): Rule => ({
  categoryId: r.categoryId,
  categoryName: r.categoryName,
  minReports: r.minReports,
  radiusMetres: r.radiusMetres,
  windowHours: r.windowHours,
  enabled: r.enabled,
  updatedAt: r.updatedAt,
  updatedBy:
    r.updatedById === null ? null : { id: r.updatedById, name: r.updatedByName ?? r.updatedById },
});

async function detail(c: Context<AppEnv>, me: OfficialPrincipal, id: number): Promise<AlertDetail> {
  c.header('Cache-Control', 'private, no-store');
  const found = await loadAlert(c.var.db, id);
  if (!found) throw new ApiError(404, 'alert_not_found', 'Không tìm thấy cảnh báo này.', { id });
  const summary = toSummary(found.alert);
  return {
    ...summary,
    warning: {
      ...summary.warning,
      body: found.warningBody,
      editedByIoc: found.editedByIoc,
    },
    closedBy: found.closedBy,
    rule: found.rule ? toRule(found.rule) : null,
    reports: found.reports.map((r) => ({
      code: r.code,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      description: r.description,
      address: r.address,
      commune: communeRef(r.communeId, r.communeName, r.communeKind),
      agency: r.agencyId && r.agencyName ? { id: r.agencyId, name: r.agencyName } : null,
      location: { lat: r.lat, lng: r.lng },
      supporterCount: r.supporterCount,
      hidden: r.hidden,
      createdAt: r.createdAt,
    })),
    canManage: can(me, 'alerts.manage'),
  };
}

function audit(
  c: Context<AppEnv>,
  me: OfficialPrincipal,
  at: string,
  e: Pick<AuditEntryInput, 'action' | 'entityId' | 'from' | 'to' | 'note'>,
): AuditEntryInput {
  return {
    at,
    actor: { kind: 'official', id: me.id },
    entityType: 'cluster_alert',
    requestId: c.var.requestId ?? null,
    ...e,
  };
}

const alertNotFound = (id: number) =>
  new ApiError(404, 'alert_not_found', 'Không tìm thấy cảnh báo này.', { id });
const alertClosed = (id: number) =>
  new ApiError(409, 'alert_closed', 'Cảnh báo đã đóng, không sửa được nữa.', { id });

// ---- app ----------------------------------------------------------------------------------

export const clusterAlertRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    requirePermission(c, 'alerts.read');
    const q = c.req.valid('query');
    const { rows, total } = await listAlerts(
      c.var.db,
      { status: q.status, categoryId: q.categoryId },
      { page: q.page, limit: q.limit },
    );
    c.header('Cache-Control', 'private, no-store');
    return c.json({ items: rows.map(toSummary), total, page: q.page, limit: q.limit }, 200);
  })
  .openapi(detailRoute, async (c) => {
    const me = requirePermission(c, 'alerts.read');
    const { id } = c.req.valid('param');
    return c.json(await detail(c, me, id), 200);
  })
  .openapi(patchRoute, async (c) => {
    const me = requirePermission(c, 'alerts.manage');
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const db = c.var.db;
    const state = await alertState(db, id);
    if (!state) throw alertNotFound(id);
    if (state.status === 'closed') throw alertClosed(id);
    const before = {
      warningTitle: state.warningTitle,
      warningBody: state.warningBody,
      warningStatus: state.warningStatus,
    };
    const after = {
      warningTitle: input.warningTitle ?? before.warningTitle,
      warningBody: input.warningBody ?? before.warningBody,
      warningStatus: input.warningStatus ?? before.warningStatus,
    };
    const textChanged =
      after.warningTitle !== before.warningTitle || after.warningBody !== before.warningBody;
    if (textChanged && before.warningStatus !== 'draft' && after.warningStatus !== 'draft') {
      throw new ApiError(
        409,
        'warning_not_draft',
        before.warningStatus === 'approved'
          ? 'Cảnh báo đã được duyệt: chuyển về bản nháp trước khi sửa nội dung.'
          : 'Bản nháp cảnh báo đã bị bỏ: chuyển về bản nháp trước khi sửa nội dung.',
        { warningStatus: before.warningStatus },
      );
    }
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
      (k) => after[k] !== before[k],
    );
    if (changed.length > 0) {
      const pick = (o: typeof after) => Object.fromEntries(changed.map((k) => [k, o[k]]));
      const now = new Date().toISOString();
      const ok = await updateWarning(db, {
        id,
        beforeStatus: before.warningStatus,
        set: after,
        now,
        // A text edit makes the draft the IOC's: the job never rewrites it again (repo.ts).
        audit: audit(c, me, now, {
          action: textChanged ? WARNING_EDIT_ACTION : 'cluster_alert.warning_status',
          entityId: String(id),
          from: JSON.stringify(pick(before)),
          to: JSON.stringify(pick(after)),
        }),
      });
      if (!ok) {
        const now2 = await alertState(db, id);
        if (now2?.status === 'closed') throw alertClosed(id);
        throw new ApiError(
          409,
          'conflict',
          'Cảnh báo vừa được người khác cập nhật. Vui lòng tải lại và thử lại.',
          { id },
        );
      }
    }
    return c.json(await detail(c, me, id), 200);
  })
  .openapi(closeRoute, async (c) => {
    const me = requirePermission(c, 'alerts.manage');
    const { id } = c.req.valid('param');
    const { note } = c.req.valid('json');
    const db = c.var.db;
    const state = await alertState(db, id);
    if (!state) throw alertNotFound(id);
    if (state.status === 'open') {
      const now = new Date().toISOString();
      // Already closed meanwhile (a double click, another operator): answered as it is now.
      await closeAlert(db, {
        id,
        officialId: me.id,
        now,
        audit: audit(c, me, now, {
          action: 'cluster_alert.close',
          entityId: String(id),
          from: JSON.stringify({ status: 'open' }),
          to: JSON.stringify({ status: 'closed' }),
          note: note || null,
        }),
      });
    }
    return c.json(await detail(c, me, id), 200);
  });
