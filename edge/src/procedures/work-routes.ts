import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requireOfficial } from '../access/guard';
import { can, scopesOf } from '../access/permissions';
import { changedFields, officialAuditEntry } from '../audit/log';
import { englishColumn } from '../content/lang';
import { sanitizeRichText } from '../content/rich-text';
import type { AppEnv, OfficialPrincipal } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import {
  agencyName,
  codeTaken,
  deleteDraft,
  findProcedure,
  insertProcedure,
  isCodeConflict,
  type ProcedureRow,
  updateProcedure,
  workList,
  workProcedure,
} from './repo';
import {
  ProcedureCreateBody,
  ProcedureIdParam,
  ProcedurePatchBody,
  VersionBody,
  WorkProcedureListQuery,
  WorkProcedureListSchema,
  WorkProcedureResultSchema,
} from './schemas';

// Public services catalogue for its editors (/api/v1/work/public-services, permission
// `procedures.manage` for the procedure's agency). A procedure of another agency answers 404,
// as if it did not exist. Every write is one batch with its search index entry, the
// catalogue's content version bump and the audit entry.

const TAG = 'Dịch vụ công (cán bộ)';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];

function editor(c: Context<AppEnv>): OfficialPrincipal {
  const me = requireOfficial(c);
  if (scopesOf(me, 'procedures.manage').size === 0) {
    throw new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', {
      action: 'procedures.manage',
    });
  }
  c.header('Cache-Control', 'private, no-store');
  return me;
}

// Before validation, so a citizen or another official hears 401/403, not what was wrong.
const editorOnly = createMiddleware<AppEnv>(async (c, next) => {
  editor(c);
  await next();
});

const mayManage = (me: OfficialPrincipal, agencyId: string) =>
  can(me, 'procedures.manage', { agencyId, communeId: null });

const notFound = () => new ApiError(404, 'procedure_not_found', 'Không tìm thấy thủ tục.');
const versionConflict = () =>
  new ApiError(
    409,
    'version_conflict',
    'Nội dung đã được người khác sửa. Vui lòng tải lại để xem bản mới nhất rồi sửa tiếp.',
  );
const duplicateCode = (code: string) =>
  new ApiError(409, 'duplicate_code', `Mã thủ tục ${code} đã có trong danh mục.`, { code });

async function myProcedure(c: Context<AppEnv>, me: OfficialPrincipal, id: string) {
  const row = await findProcedure(c.var.db, id);
  if (!row || !mayManage(me, row.agencyId)) throw notFound();
  return row;
}

/** A stable id for a create retried with the same key by the same official. */
async function idFor(officialId: string, requestKey: string | undefined): Promise<string> {
  if (!requestKey) return `tt_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`procedure:${officialId}:${requestKey}`),
  );
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `tt_${hex.slice(0, 24)}`;
}

/** The English overlay with its steps sanitised like the Vietnamese ones. */
function english(en: Record<string, unknown> | null | undefined) {
  if (!en) return null;
  const html = typeof en.bodyHtml === 'string' ? sanitizeRichText(en.bodyHtml) : undefined;
  return englishColumn({ ...en, bodyHtml: html });
}

const denied = {
  401: error('Chưa đăng nhập (`official_session_required`)'),
  403: error('Không có quyền (`forbidden`) hoặc thiếu mã CSRF (`csrf_failed`)'),
};

const listRoute = createRoute({
  method: 'get',
  path: '/procedures',
  tags: [TAG],
  summary: 'Thủ tục của cơ quan',
  description: 'Mọi trạng thái, sửa gần nhất trước; lọc theo trạng thái, lĩnh vực; tìm không dấu.',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { query: WorkProcedureListQuery },
  responses: {
    200: json(WorkProcedureListSchema, 'Thủ tục'),
    400: error('Tham số không hợp lệ'),
    ...denied,
  },
});

const createProcedureRoute = createRoute({
  method: 'post',
  path: '/procedures',
  tags: [TAG],
  summary: 'Thêm thủ tục (bản nháp)',
  description:
    'Mã thủ tục (nếu có) dạng 1.001234, không trùng. Đường dẫn Cổng dịch vụ công phải là https. Các bước (HTML) được lọc trước khi lưu.',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { body: body(ProcedureCreateBody) },
  responses: {
    200: json(WorkProcedureResultSchema, 'Đã tạo từ trước (cùng `requestKey`)'),
    201: json(WorkProcedureResultSchema, 'Đã tạo'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `unknown_agency`)'),
    ...denied,
    409: error('Mã thủ tục đã có (`duplicate_code`)'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/procedures/{id}',
  tags: [TAG],
  summary: 'Một thủ tục',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { params: ProcedureIdParam },
  responses: {
    200: json(WorkProcedureResultSchema, 'Thủ tục'),
    ...denied,
    404: error('Không có thủ tục này (`procedure_not_found`)'),
  },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/procedures/{id}',
  tags: [TAG],
  summary: 'Sửa thủ tục',
  description: 'Gửi kèm `version` đã đọc; nếu người khác đã sửa trước: 409 `version_conflict`.',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { params: ProcedureIdParam, body: body(ProcedurePatchBody) },
  responses: {
    200: json(WorkProcedureResultSchema, 'Đã sửa'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có thủ tục này (`procedure_not_found`)'),
    409: error('Người khác đã sửa (`version_conflict`) hoặc mã đã có (`duplicate_code`)'),
  },
});

const statusRoute = (path: string, summary: string) =>
  createRoute({
    method: 'post',
    path,
    tags: [TAG],
    summary,
    security: SECURITY,
    middleware: [editorOnly, requireJsonBody] as const,
    request: { params: ProcedureIdParam, body: body(VersionBody) },
    responses: {
      200: json(WorkProcedureResultSchema, 'Đã đổi trạng thái'),
      400: error('Dữ liệu không hợp lệ'),
      ...denied,
      404: error('Không có thủ tục này (`procedure_not_found`)'),
      409: error('Người khác đã sửa (`version_conflict`)'),
    },
  });

const publishRoute = statusRoute('/procedures/{id}/publish', 'Công bố');
const archiveRoute = statusRoute('/procedures/{id}/archive', 'Lưu trữ (gỡ khỏi danh mục)');

const deleteRoute = createRoute({
  method: 'delete',
  path: '/procedures/{id}',
  tags: [TAG],
  summary: 'Xóa một bản nháp',
  description: 'Chỉ bản nháp; thủ tục đã công bố thì lưu trữ.',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { params: ProcedureIdParam },
  responses: {
    200: json(z.object({ deleted: z.literal(true) }), 'Đã xóa'),
    ...denied,
    404: error('Không có thủ tục này (`procedure_not_found`)'),
    409: error('Không phải bản nháp (`not_draft`)'),
  },
});

export const procedureWorkRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const me = editor(c);
    const everyAgency = scopesOf(me, 'procedures.manage').has('any');
    const page = await workList(c.var.db, {
      ...c.req.valid('query'),
      agencyIds: everyAgency ? null : [me.agencyId],
    });
    return c.json(page, 200);
  })
  .openapi(createProcedureRoute, async (c) => {
    const me = editor(c);
    const input = c.req.valid('json');
    const agencyId = input.agencyId ?? me.agencyId;
    if (!mayManage(me, agencyId)) {
      throw new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', {
        action: 'procedures.manage',
      });
    }
    const id = await idFor(me.id, input.requestKey);
    const existing = await findProcedure(c.var.db, id);
    if (existing) return c.json({ procedure: workProcedure(existing) }, 200);
    const name = await agencyName(c.var.db, agencyId);
    if (name === null) throw new ApiError(400, 'unknown_agency', 'Không có cơ quan này.');
    if (input.code && (await codeTaken(c.var.db, input.code, null)))
      throw duplicateCode(input.code);
    const now = new Date().toISOString();
    const row: ProcedureRow = {
      id,
      code: input.code,
      agencyId,
      field: input.field,
      name: input.name,
      level: input.level,
      feeText: input.feeText,
      feeVnd: input.feeVnd ?? null,
      processingTime: input.processingTime,
      processingDays: input.processingDays ?? null,
      documents: JSON.stringify(input.documents),
      bodyHtml: sanitizeRichText(input.bodyHtml),
      portalUrl: input.portalUrl,
      en: english(input.en),
      status: 'draft',
      publishedAt: null,
      version: 1,
      createdBy: me.id,
      updatedBy: me.id,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await insertProcedure(
        c.var.db,
        row,
        name,
        officialAuditEntry(c, me, now, {
          action: 'procedure.create',
          entityType: 'procedure',
          entityId: id,
          to: JSON.stringify({ code: row.code, name: row.name, agencyId }),
        }),
      );
    } catch (e) {
      // Two editors saving the same code at once: the unique index decides.
      if (row.code && isCodeConflict(e)) throw duplicateCode(row.code);
      throw e;
    }
    return c.json({ procedure: workProcedure({ ...row, agencyName: name }) }, 201);
  })
  .openapi(getRoute, async (c) => {
    const me = editor(c);
    const row = await myProcedure(c, me, c.req.valid('param').id);
    return c.json({ procedure: workProcedure(row) }, 200);
  })
  .openapi(patchRoute, async (c) => {
    const me = editor(c);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const { agencyName: name, ...before } = await myProcedure(c, me, id);
    if (before.version !== input.version) throw versionConflict();
    const next: ProcedureRow = {
      ...before,
      code: input.code !== undefined ? input.code : before.code,
      field: input.field ?? before.field,
      name: input.name ?? before.name,
      level: input.level ?? before.level,
      feeText: input.feeText ?? before.feeText,
      feeVnd: input.feeVnd !== undefined ? input.feeVnd : before.feeVnd,
      processingTime: input.processingTime ?? before.processingTime,
      processingDays:
        input.processingDays !== undefined ? input.processingDays : before.processingDays,
      documents: input.documents ? JSON.stringify(input.documents) : before.documents,
      bodyHtml: input.bodyHtml !== undefined ? sanitizeRichText(input.bodyHtml) : before.bodyHtml,
      portalUrl: input.portalUrl ?? before.portalUrl,
      en: input.en !== undefined ? english(input.en) : before.en,
    };
    if (next.code && next.code !== before.code && (await codeTaken(c.var.db, next.code, id))) {
      throw duplicateCode(next.code);
    }
    const diff = changedFields(before, next);
    if (!diff.changed)
      return c.json({ procedure: workProcedure({ ...before, agencyName: name }) }, 200);
    const now = new Date().toISOString();
    const written = { ...next, version: before.version + 1, updatedAt: now, updatedBy: me.id };
    let ok: boolean;
    try {
      ok = await updateProcedure(
        c.var.db,
        written,
        before.version,
        name,
        officialAuditEntry(c, me, now, {
          action: 'procedure.update',
          entityType: 'procedure',
          entityId: id,
          // Long fields are named, not copied: the row keeps them and the log stays small.
          from: diff.keys.some((k) => k === 'bodyHtml' || k === 'en')
            ? JSON.stringify({ changed: diff.keys })
            : diff.from,
          to: diff.keys.some((k) => k === 'bodyHtml' || k === 'en')
            ? JSON.stringify({ changed: diff.keys })
            : diff.to,
        }),
      );
    } catch (e) {
      if (next.code && isCodeConflict(e)) throw duplicateCode(next.code);
      throw e;
    }
    if (!ok) throw versionConflict();
    return c.json({ procedure: workProcedure({ ...written, agencyName: name }) }, 200);
  })
  .openapi(publishRoute, async (c) => {
    const { id } = c.req.valid('param');
    const procedure = await setStatus(c, id, c.req.valid('json').version, 'published');
    return c.json({ procedure }, 200);
  })
  .openapi(archiveRoute, async (c) => {
    const { id } = c.req.valid('param');
    const procedure = await setStatus(c, id, c.req.valid('json').version, 'archived');
    return c.json({ procedure }, 200);
  })
  .openapi(deleteRoute, async (c) => {
    const me = editor(c);
    const { id } = c.req.valid('param');
    const row = await myProcedure(c, me, id);
    const notDraft = () =>
      new ApiError(409, 'not_draft', 'Chỉ xóa được bản nháp; thủ tục đã công bố thì lưu trữ.');
    if (row.status !== 'draft') throw notDraft();
    const now = new Date().toISOString();
    const ok = await deleteDraft(
      c.var.db,
      id,
      officialAuditEntry(c, me, now, {
        action: 'procedure.delete',
        entityType: 'procedure',
        entityId: id,
        from: JSON.stringify({ code: row.code, name: row.name }),
      }),
    );
    if (!ok) throw notDraft();
    return c.json({ deleted: true as const }, 200);
  });

async function setStatus(
  c: Context<AppEnv>,
  id: string,
  version: number,
  status: 'published' | 'archived',
) {
  const me = editor(c);
  const { agencyName: name, ...before } = await myProcedure(c, me, id);
  if (before.version !== version) throw versionConflict();
  if (before.status === status) return workProcedure({ ...before, agencyName: name });
  const now = new Date().toISOString();
  const written: ProcedureRow = {
    ...before,
    status,
    publishedAt: status === 'published' ? (before.publishedAt ?? now) : before.publishedAt,
    version: before.version + 1,
    updatedAt: now,
    updatedBy: me.id,
  };
  const ok = await updateProcedure(
    c.var.db,
    written,
    before.version,
    name,
    officialAuditEntry(c, me, now, {
      action: status === 'published' ? 'procedure.publish' : 'procedure.archive',
      entityType: 'procedure',
      entityId: id,
      from: before.status,
      to: status,
    }),
  );
  if (!ok) throw versionConflict();
  return workProcedure({ ...written, agencyName: name });
}
