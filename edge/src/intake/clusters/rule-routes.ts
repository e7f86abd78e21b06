import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireOfficial, requirePermission } from '../../access/guard';
import { can } from '../../access/permissions';
import type { AppEnv } from '../../platform/env';
import { ApiError } from '../../platform/errors';
import { requireJsonBody } from '../../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../../platform/openapi';
import { createRouter } from '../../platform/router';
import { toRule } from './alert-routes';
import { listRules, loadRulesFor, saveRules } from './repo';
import { RULE_LIMITS, RULES_TAG, RuleListSchema, RulesPutBody } from './schemas';

// The early-warning rules, /api/v1/admin/cluster-rules: per category, at least N reports
// within R metres of each other during T hours raise an alert (intake/clusters/detect.ts).
// They are configuration: administrators change them (`catalog.manage`); whoever reads alerts
// may read them too (the alert page shows its category's rule). A change applies from the
// job's next run; alerts already open keep their reports.

const denied = {
  401: error('Chưa đăng nhập tài khoản cán bộ (`official_session_required`)'),
  403: error('Không có quyền (`forbidden`) hoặc thiếu mã CSRF (`csrf_failed`)'),
};

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [RULES_TAG],
  summary: 'Quy tắc cảnh báo sớm theo lĩnh vực',
  responses: { 200: json(RuleListSchema, 'Quy tắc của mọi lĩnh vực'), ...denied },
});

const putRoute = createRoute({
  method: 'put',
  path: '/',
  tags: [RULES_TAG],
  summary: 'Lưu quy tắc cảnh báo sớm',
  description:
    `Mỗi quy tắc ghi đủ N (${RULE_LIMITS.minReports.min}–${RULE_LIMITS.minReports.max} phản ánh), ` +
    `R (${RULE_LIMITS.radiusMetres.min}–${RULE_LIMITS.radiusMetres.max} m), ` +
    `T (${RULE_LIMITS.windowHours.min}–${RULE_LIMITS.windowHours.max} giờ) và bật/tắt; ` +
    'lĩnh vực không có trong danh sách giữ nguyên. Áp dụng từ lần quét kế tiếp (5 phút). Ghi nhật ký.',
  middleware: [requireJsonBody] as const,
  request: { body: body(RulesPutBody) },
  responses: {
    200: json(RuleListSchema, 'Quy tắc sau khi lưu'),
    400: error('Dữ liệu không hợp lệ, hoặc lĩnh vực không tồn tại (`unknown_category`)'),
    ...denied,
    409: error('Quy tắc vừa được người khác sửa (`conflict`)'),
  },
});

function requireReader(c: Context<AppEnv>) {
  const me = requireOfficial(c);
  if (!can(me, 'catalog.manage') && !can(me, 'alerts.read')) {
    throw new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', {
      action: 'catalog.manage',
    });
  }
  c.header('Cache-Control', 'private, no-store');
  return me;
}

export const clusterRuleRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    requireReader(c);
    const rows = await listRules(c.var.db);
    return c.json({ items: rows.map(toRule) }, 200);
  })
  .openapi(putRoute, async (c) => {
    const me = requirePermission(c, 'catalog.manage');
    const input = c.req.valid('json');
    const db = c.var.db;
    const { rules, known } = await loadRulesFor(
      db,
      input.rules.map((r) => r.categoryId),
    );
    const unknown = input.rules.filter((r) => !known.has(r.categoryId)).map((r) => r.categoryId);
    if (unknown.length > 0) {
      throw new ApiError(
        400,
        'unknown_category',
        `Lĩnh vực không tồn tại: ${unknown.join(', ')}.`,
        { categoryIds: unknown },
      );
    }
    const current = new Map(rules.map((r) => [r.categoryId, r]));
    const changes = input.rules.flatMap(({ categoryId, ...after }) => {
      const row = current.get(categoryId);
      const before = row
        ? {
            minReports: row.minReports,
            radiusMetres: row.radiusMetres,
            windowHours: row.windowHours,
            enabled: row.enabled,
          }
        : null;
      const same =
        before !== null &&
        before.minReports === after.minReports &&
        before.radiusMetres === after.radiusMetres &&
        before.windowHours === after.windowHours &&
        before.enabled === after.enabled;
      return same ? [] : [{ categoryId, before, after }];
    });
    // Nothing changes: nothing to write or record.
    if (changes.length === 0) return c.json({ items: rules.map(toRule) }, 200);
    const now = new Date().toISOString();
    const saved = await saveRules(db, changes, {
      officialId: me.id,
      now,
      audit: (change) => ({
        at: now,
        actor: { kind: 'official', id: me.id },
        action: 'cluster_rule.update',
        entityType: 'cluster_rule',
        entityId: change.categoryId,
        from: change.before ? JSON.stringify(change.before) : null,
        to: JSON.stringify(change.after),
        requestId: c.var.requestId ?? null,
      }),
    });
    if (saved.conflicts.length > 0) {
      throw new ApiError(
        409,
        'conflict',
        'Quy tắc vừa được người khác sửa. Vui lòng tải lại và thử lại.',
        { categoryIds: saved.conflicts },
      );
    }
    return c.json({ items: saved.rules.map(toRule) }, 200);
  });
