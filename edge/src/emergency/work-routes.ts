import { createRoute } from '@hono/zod-openapi';
import { emergencyAlertAreas, emergencyAlerts } from '@tinh/db/schema';
import { and, eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requireOfficial, requirePermission } from '../access/guard';
import { can, scopesOf } from '../access/permissions';
import { auditStatement, changedFields, officialAuditEntry } from '../audit/log';
import { contentVersionBump } from '../content/cache';
import { searchRemoveStatements } from '../content/search-index';
import type { AppEnv, OfficialPrincipal } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import { alertMessage, cancelMessage, shouldRenotify } from './messages';
import {
  countFollowers,
  type FullAlertRow,
  findAlert,
  notifiedCount,
  notifyStatement,
  toWorkAlert,
  workList,
} from './repo';
import {
  AlertCreateBody,
  AlertIdParam,
  AlertUpdateBody,
  VersionBody,
  WorkAlertListSchema,
  WorkAlertResultSchema,
  WorkListQuery,
} from './schemas';
import {
  areaStatements,
  checkAgency,
  checkCommunes,
  columnsOf,
  guardedBatch,
  indexStatements,
  versionConflict,
  versionGuard,
} from './write';

// Emergency alerts: editors and the IOC draft, publish, update and cancel them (issue 8).
// A news editor works on their own agency's alerts; the IOC on every agency's (including the
// drafts generated from sensors and report hotspots, see sources/). Each published change is
// a CAP revision (1 = Alert, then Update, and Cancel), counted in `revision`.

const TAG = 'Cảnh báo khẩn cấp (cán bộ)';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];

const editorOnly = createMiddleware<AppEnv>(async (c, next) => {
  const me = requireOfficial(c);
  if (scopesOf(me, 'emergency.manage').size === 0) {
    throw new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', {
      action: 'emergency.manage',
    });
  }
  await next();
});

const alertNotFound = () =>
  new ApiError(404, 'alert_not_found', 'Không tìm thấy cảnh báo khẩn cấp.');
const wrongState = (message: string) => new ApiError(409, 'alert_state', message);

/** The alert if this official may manage it; another agency's alert answers 404. */
async function myAlert(c: Context<AppEnv>, me: OfficialPrincipal, id: string) {
  const found = await findAlert(c.var.db, id);
  if (!found || !can(me, 'emergency.manage', { agencyId: found.row.agencyId, communeId: null })) {
    throw alertNotFound();
  }
  return found;
}

async function resultOf(
  c: Context<AppEnv>,
  id: string,
  notified: number | null,
  notice: string | null,
) {
  const found = await findAlert(c.var.db, id);
  if (!found) throw alertNotFound();
  const followers = await countFollowers(c.var.db, id, Boolean(found.row.provinceWide));
  return {
    alert: toWorkAlert(found.row, found.areas, new Date()),
    followers,
    notified,
    notice,
  };
}

const denied = {
  401: error('Chưa đăng nhập (`official_session_required`)'),
  403: error('Không có quyền (`forbidden`) hoặc thiếu mã CSRF (`csrf_failed`)'),
};
const notFound = { 404: error('Không có cảnh báo này (`alert_not_found`)') };

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Cảnh báo của cơ quan (IOC: mọi cơ quan)',
  description:
    'Sửa gần nhất trước; lọc theo trạng thái và nguồn (biên tập, trạm quan trắc, điểm nóng).',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { query: WorkListQuery },
  responses: {
    200: json(WorkAlertListSchema, 'Cảnh báo'),
    400: error('Tham số không hợp lệ (`validation_failed`, `invalid_cursor`)'),
    ...denied,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: [TAG],
  summary: 'Một cảnh báo, với số người theo dõi vùng cảnh báo',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { params: AlertIdParam },
  responses: { 200: json(WorkAlertResultSchema, 'Cảnh báo'), ...denied, ...notFound },
});

const createAlertRoute = createRoute({
  method: 'post',
  path: '/',
  tags: [TAG],
  summary: 'Tạo cảnh báo (bản nháp)',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { body: body(AlertCreateBody) },
  responses: {
    200: json(WorkAlertResultSchema, 'Đã tạo từ trước (cùng `requestKey`)'),
    201: json(WorkAlertResultSchema, 'Đã tạo'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `unknown_commune`, `unknown_agency`)'),
    ...denied,
    409: error('`requestKey` đã dùng (`request_key_reused`)'),
  },
});

const updateRoute = createRoute({
  method: 'put',
  path: '/{id}',
  tags: [TAG],
  summary: 'Sửa cảnh báo',
  description:
    'Bản nháp: chỉ lưu. Đã công bố: thành lần công bố mới (`revision` + 1, CAP Update); người theo dõi được báo lại chỉ khi mức độ tăng hoặc vùng cảnh báo rộng ra.',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { params: AlertIdParam, body: body(AlertUpdateBody) },
  responses: {
    200: json(WorkAlertResultSchema, 'Đã lưu'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `unknown_commune`)'),
    ...denied,
    ...notFound,
    409: error('Đã hủy (`alert_state`) hoặc vừa được người khác sửa (`version_conflict`)'),
  },
});

const publishRoute = createRoute({
  method: 'post',
  path: '/{id}/publish',
  tags: [TAG],
  summary: 'Công bố cảnh báo',
  description:
    'Lần công bố 1 (CAP Alert); báo cho người theo dõi xã/phường trong vùng (mỗi người một lần).',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { params: AlertIdParam, body: body(VersionBody) },
  responses: {
    200: json(WorkAlertResultSchema, 'Đã công bố'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    ...notFound,
    409: error('Không phải bản nháp hoặc đã hết hạn (`alert_state`), `version_conflict`'),
  },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/{id}/cancel',
  tags: [TAG],
  summary: 'Hủy cảnh báo đã công bố',
  description: 'CAP Cancel; báo cho người theo dõi vùng cảnh báo rằng cảnh báo đã được gỡ bỏ.',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { params: AlertIdParam, body: body(VersionBody) },
  responses: {
    200: json(WorkAlertResultSchema, 'Đã hủy'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    ...notFound,
    409: error('Chưa công bố hoặc đã hủy (`alert_state`), `version_conflict`'),
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: [TAG],
  summary: 'Xóa bản nháp',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { params: AlertIdParam },
  responses: {
    204: { description: 'Đã xóa' },
    ...denied,
    ...notFound,
    409: error('Chỉ xóa được bản nháp (`alert_state`)'),
  },
});

/** The row's editable values, for the audit diff. */
const snapshot = (r: {
  hazard: string;
  severity: string;
  urgency: string;
  certainty: string;
  headline: string;
  description: string;
  instruction: string;
  en: string | null;
  provinceWide: boolean;
  onsetAt: string;
  expiresAt: string;
  areas: string;
}) => r;

function snapshotOf(row: FullAlertRow, communeIds: readonly string[]) {
  return snapshot({
    hazard: row.hazard,
    severity: row.severity,
    urgency: row.urgency,
    certainty: row.certainty,
    headline: row.headline,
    description: row.description,
    instruction: row.instruction,
    en: row.en,
    provinceWide: Boolean(row.provinceWide),
    onsetAt: row.onsetAt,
    expiresAt: row.expiresAt,
    areas: [...communeIds].sort().join(','),
  });
}

export const emergencyWorkRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const me = requireOfficial(c);
    const q = c.req.valid('query');
    const all = scopesOf(me, 'emergency.manage').has('any');
    const { page, areas, nextCursor } = await workList(c.var.db, {
      ...q,
      agencyId: all ? null : me.agencyId,
    });
    const now = new Date();
    return c.json({ items: page.map((r) => toWorkAlert(r, areas, now)), nextCursor }, 200);
  })
  .openapi(getRoute, async (c) => {
    const me = requireOfficial(c);
    const { id } = c.req.valid('param');
    await myAlert(c, me, id);
    return c.json(await resultOf(c, id, null, null), 200);
  })
  .openapi(createAlertRoute, async (c) => {
    const input = c.req.valid('json');
    const agencyId = input.agencyId ?? requireOfficial(c).agencyId;
    const me = requirePermission(c, 'emergency.manage', { agencyId, communeId: null });
    const db = c.var.db;
    const id = `ea-${input.requestKey}`;
    const existing = await findAlert(db, id);
    if (existing) {
      if (existing.row.agencyId !== agencyId) {
        throw new ApiError(409, 'request_key_reused', 'Mã yêu cầu đã được dùng cho việc khác.');
      }
      return c.json(await resultOf(c, id, null, null), 200);
    }
    await checkAgency(db, agencyId);
    const communeIds = input.provinceWide ? [] : await checkCommunes(db, input.communeIds);
    const now = new Date().toISOString();
    const values = columnsOf(input);
    await db.batch([
      db
        .insert(emergencyAlerts)
        .values({
          id,
          agencyId,
          source: 'editor',
          sourceRef: null,
          ...values,
          status: 'draft',
          createdBy: me.id,
          updatedBy: me.id,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing(),
      ...areaStatements(db, id, input.provinceWide, communeIds),
      ...indexStatements(db, id, input),
      auditStatement(
        db,
        officialAuditEntry(c, me, now, {
          action: 'emergency_alert.create',
          entityType: 'emergency_alert',
          entityId: id,
          to: JSON.stringify({ ...values, areas: communeIds.join(',') }),
        }),
      ),
    ]);
    return c.json(await resultOf(c, id, null, null), 201);
  })
  .openapi(updateRoute, async (c) => {
    const me = requireOfficial(c);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const db = c.var.db;
    const { row, areas } = await myAlert(c, me, id);
    if (row.status === 'cancelled') throw wrongState('Cảnh báo đã hủy, không sửa được nữa.');
    if (row.version !== input.version) throw versionConflict();
    const communeIds = input.provinceWide ? [] : await checkCommunes(db, input.communeIds);
    const values = columnsOf(input);
    const before = snapshotOf(
      row,
      areas.map((a) => a.id),
    );
    const after = snapshot({ ...values, areas: [...communeIds].sort().join(',') });
    const diff = changedFields(before, after);
    if (!diff.changed) return c.json(await resultOf(c, id, null, 'Không có thay đổi.'), 200);

    const now = new Date().toISOString();
    const published = row.status === 'published';
    const revision = published ? row.revision + 1 : row.revision;
    if (published && values.expiresAt <= now) {
      throw new ApiError(400, 'alert_expired', 'Thời điểm hết hiệu lực phải ở tương lai.');
    }
    const renotify =
      published &&
      shouldRenotify(
        row,
        areas.map((a) => a.id),
        input,
        communeIds,
      );
    const statements: BatchItem<'sqlite'>[] = [
      db
        .update(emergencyAlerts)
        .set({ ...values, revision, version: row.version + 1, updatedBy: me.id, updatedAt: now })
        .where(and(eq(emergencyAlerts.id, id), eq(emergencyAlerts.version, input.version))),
      versionGuard(db, id, row.version + 1, now),
      ...areaStatements(db, id, input.provinceWide, communeIds),
      ...indexStatements(db, id, input),
      auditStatement(
        db,
        officialAuditEntry(c, me, now, {
          action: published ? 'emergency_alert.revise' : 'emergency_alert.update',
          entityType: 'emergency_alert',
          entityId: id,
          from: diff.from,
          to: diff.to,
          note: published ? `revision ${revision}` : null,
        }),
      ),
    ];
    if (published) statements.push(contentVersionBump(db, 'emergency'));
    if (renotify) {
      const message = alertMessage({ ...row, ...values }, communeIds.length, true);
      statements.push(
        notifyStatement(db, { id, revision, provinceWide: input.provinceWide }, message, now),
      );
    }
    await guardedBatch(db, statements);
    if (!published) return c.json(await resultOf(c, id, null, null), 200);
    const notified = renotify ? await notifiedCount(db, id, revision) : null;
    return c.json(
      await resultOf(
        c,
        id,
        notified,
        renotify
          ? 'Mức độ tăng hoặc vùng cảnh báo rộng ra: đã báo lại cho người theo dõi.'
          : 'Mức độ không tăng và vùng không rộng ra: không báo lại cho người theo dõi.',
      ),
      200,
    );
  })
  .openapi(publishRoute, async (c) => {
    const me = requireOfficial(c);
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('json');
    const db = c.var.db;
    const { row, areas } = await myAlert(c, me, id);
    // A retried click carries the draft's version: the publication it made answers it.
    if (row.status === 'published' && row.revision === 1 && row.version === version + 1) {
      return c.json(await resultOf(c, id, null, 'Cảnh báo đã được công bố trước đó.'), 200);
    }
    if (row.status !== 'draft') throw wrongState('Chỉ công bố được bản nháp.');
    if (row.version !== version) throw versionConflict();
    const now = new Date().toISOString();
    if (row.expiresAt <= now) {
      throw wrongState('Cảnh báo đã quá thời điểm hết hiệu lực: sửa thời gian trước khi công bố.');
    }
    if (!row.provinceWide && areas.length === 0) {
      throw wrongState('Cảnh báo chưa có xã/phường nào.');
    }
    const provinceWide = Boolean(row.provinceWide);
    await guardedBatch(db, [
      db
        .update(emergencyAlerts)
        .set({
          status: 'published',
          publishedAt: now,
          revision: 1,
          version: version + 1,
          updatedBy: me.id,
          updatedAt: now,
        })
        .where(and(eq(emergencyAlerts.id, id), eq(emergencyAlerts.version, version))),
      versionGuard(db, id, version + 1, now),
      auditStatement(
        db,
        officialAuditEntry(c, me, now, {
          action: 'emergency_alert.publish',
          entityType: 'emergency_alert',
          entityId: id,
          from: 'draft',
          to: 'published',
          note: 'revision 1',
        }),
      ),
      contentVersionBump(db, 'emergency'),
      notifyStatement(
        db,
        { id, revision: 1, provinceWide },
        alertMessage(row, areas.length, false),
        now,
      ),
    ]);
    const notified = await notifiedCount(db, id, 1);
    return c.json(
      await resultOf(c, id, notified, `Đã gửi thông báo tới ${notified} người theo dõi.`),
      200,
    );
  })
  .openapi(cancelRoute, async (c) => {
    const me = requireOfficial(c);
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('json');
    const db = c.var.db;
    const { row } = await myAlert(c, me, id);
    if (row.status === 'cancelled' && row.version === version + 1) {
      return c.json(await resultOf(c, id, null, 'Cảnh báo đã được hủy trước đó.'), 200);
    }
    if (row.status !== 'published') throw wrongState('Chỉ hủy được cảnh báo đã công bố.');
    if (row.version !== version) throw versionConflict();
    const now = new Date().toISOString();
    const revision = row.revision + 1;
    await guardedBatch(db, [
      db
        .update(emergencyAlerts)
        .set({
          status: 'cancelled',
          cancelledAt: now,
          revision,
          version: version + 1,
          updatedBy: me.id,
          updatedAt: now,
        })
        .where(and(eq(emergencyAlerts.id, id), eq(emergencyAlerts.version, version))),
      versionGuard(db, id, version + 1, now),
      auditStatement(
        db,
        officialAuditEntry(c, me, now, {
          action: 'emergency_alert.cancel',
          entityType: 'emergency_alert',
          entityId: id,
          from: 'published',
          to: 'cancelled',
          note: `revision ${revision}`,
        }),
      ),
      contentVersionBump(db, 'emergency'),
      notifyStatement(
        db,
        { id, revision, provinceWide: Boolean(row.provinceWide) },
        cancelMessage(row, now),
        now,
      ),
    ]);
    const notified = await notifiedCount(db, id, revision);
    return c.json(
      await resultOf(c, id, notified, `Đã báo gỡ cảnh báo tới ${notified} người theo dõi.`),
      200,
    );
  })
  .openapi(deleteRoute, async (c) => {
    const me = requireOfficial(c);
    const { id } = c.req.valid('param');
    const db = c.var.db;
    const { row, areas } = await myAlert(c, me, id);
    if (row.status !== 'draft')
      throw wrongState('Chỉ xóa được bản nháp; cảnh báo đã công bố thì hủy.');
    const now = new Date().toISOString();
    await db.batch([
      db.delete(emergencyAlertAreas).where(eq(emergencyAlertAreas.alertId, id)),
      db
        .delete(emergencyAlerts)
        .where(and(eq(emergencyAlerts.id, id), eq(emergencyAlerts.status, 'draft'))),
      ...searchRemoveStatements(db, 'emergency_alert', id),
      auditStatement(
        db,
        officialAuditEntry(c, me, now, {
          action: 'emergency_alert.delete',
          entityType: 'emergency_alert',
          entityId: id,
          from: JSON.stringify(
            snapshotOf(
              row,
              areas.map((a) => a.id),
            ),
          ),
        }),
      ),
    ]);
    return c.body(null, 204);
  });
