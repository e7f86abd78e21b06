import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requireOfficial } from '../access/guard';
import { can, scopesOf } from '../access/permissions';
import { changedFields, officialAuditEntry } from '../audit/log';
import { englishColumn } from '../content/lang';
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
  communeExists,
  deleteDraft,
  type EntryRow,
  findEntry,
  hasChildren,
  insertEntry,
  nextSortOrder,
  PARENT_KINDS,
  reorderEntries,
  updateEntry,
  workEntries,
  workEntry,
} from './repo';
import {
  EntryCreateBody,
  EntryIdParam,
  EntryPatchBody,
  ReorderBody,
  VersionBody,
  WorkEntryListSchema,
  WorkEntryResultSchema,
  WorkListQuery,
} from './schemas';

// Phone directory for its editors (/api/v1/work/directory, permission `directory.manage`):
// a directory editor keeps their own agency's entries, an administrator any agency's. An entry
// of another agency answers 404, as if it did not exist. Every write is one batch with its
// search index entry, the directory's content version bump and the audit entry.

const TAG = 'Danh bạ (cán bộ)';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];

function editor(c: Context<AppEnv>): OfficialPrincipal {
  const me = requireOfficial(c);
  if (scopesOf(me, 'directory.manage').size === 0) {
    throw new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', {
      action: 'directory.manage',
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
  can(me, 'directory.manage', { agencyId, communeId: null });

const notFound = () => new ApiError(404, 'entry_not_found', 'Không tìm thấy mục danh bạ.');
const versionConflict = () =>
  new ApiError(
    409,
    'version_conflict',
    'Nội dung đã được người khác sửa. Vui lòng tải lại để xem bản mới nhất rồi sửa tiếp.',
  );

async function myEntry(c: Context<AppEnv>, me: OfficialPrincipal, id: string) {
  const found = await findEntry(c.var.db, id);
  if (!found || !mayManage(me, found.entry.agencyId)) throw notFound();
  return found;
}

/** Where an entry may hang: its parent must be the same agency's and of a fitting kind. */
async function checkPlacement(
  c: Context<AppEnv>,
  e: { id?: string; agencyId: string; kind: EntryRow['kind']; parentId: string | null },
) {
  const allowed = PARENT_KINDS[e.kind];
  if (e.parentId === null) {
    if (e.kind === 'department') {
      throw new ApiError(400, 'parent_required', 'Phòng ban phải thuộc một cơ quan trong danh bạ.');
    }
    return;
  }
  if (allowed.length === 0) {
    throw new ApiError(
      400,
      'parent_not_allowed',
      'Số khẩn cấp, đường dây nóng và cơ quan không nằm trong mục khác.',
    );
  }
  if (e.parentId === e.id) {
    throw new ApiError(400, 'invalid_parent', 'Một mục không thể nằm trong chính nó.');
  }
  const parent = await findEntry(c.var.db, e.parentId);
  if (!parent || parent.entry.agencyId !== e.agencyId) {
    throw new ApiError(
      400,
      'parent_not_found',
      'Không tìm thấy mục cha trong danh bạ của cơ quan này.',
    );
  }
  if (!allowed.includes(parent.entry.kind)) {
    throw new ApiError(
      400,
      'invalid_parent',
      e.kind === 'department'
        ? 'Phòng ban chỉ nằm trong một cơ quan.'
        : 'Cán bộ chỉ nằm trong một cơ quan hoặc phòng ban.',
    );
  }
}

async function checkCommune(c: Context<AppEnv>, communeId: string | null) {
  if (communeId && !(await communeExists(c.var.db, communeId))) {
    throw new ApiError(400, 'unknown_commune', 'Không có xã/phường này.');
  }
}

/** A stable id for a create retried with the same key by the same official. */
async function idFor(officialId: string, requestKey: string | undefined): Promise<string> {
  if (!requestKey) return `dir_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`directory:${officialId}:${requestKey}`),
  );
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `dir_${hex.slice(0, 24)}`;
}

const denied = {
  401: error('Chưa đăng nhập (`official_session_required`)'),
  403: error('Không có quyền (`forbidden`) hoặc thiếu mã CSRF (`csrf_failed`)'),
};

const listRoute = createRoute({
  method: 'get',
  path: '/entries',
  tags: [TAG],
  summary: 'Các mục danh bạ của cơ quan',
  description: 'Mọi trạng thái, theo thứ tự hiển thị. Người có quyền toàn tỉnh thấy mọi cơ quan.',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { query: WorkListQuery },
  responses: {
    200: json(WorkEntryListSchema, 'Các mục'),
    400: error('Tham số không hợp lệ'),
    ...denied,
  },
});

const createEntryRoute = createRoute({
  method: 'post',
  path: '/entries',
  tags: [TAG],
  summary: 'Thêm một mục (bản nháp)',
  description:
    'Số điện thoại được chuẩn hóa (bỏ dấu cách, dấu chấm; +84 → 0). Phòng ban nằm trong một cơ quan; cán bộ trong cơ quan hoặc phòng ban, cùng cơ quan quản lý.',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { body: body(EntryCreateBody) },
  responses: {
    200: json(WorkEntryResultSchema, 'Đã tạo từ trước (cùng `requestKey`)'),
    201: json(WorkEntryResultSchema, 'Đã tạo'),
    400: error(
      'Dữ liệu không hợp lệ (`validation_failed`, `unknown_agency`, `unknown_commune`, `parent_not_found`, `invalid_parent`, `parent_required`, `parent_not_allowed`)',
    ),
    ...denied,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/entries/{id}',
  tags: [TAG],
  summary: 'Một mục danh bạ',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { params: EntryIdParam },
  responses: {
    200: json(WorkEntryResultSchema, 'Mục danh bạ'),
    ...denied,
    404: error('Không có mục này (`entry_not_found`)'),
  },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/entries/{id}',
  tags: [TAG],
  summary: 'Sửa một mục',
  description: 'Gửi kèm `version` đã đọc; nếu người khác đã sửa trước: 409 `version_conflict`.',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { params: EntryIdParam, body: body(EntryPatchBody) },
  responses: {
    200: json(WorkEntryResultSchema, 'Đã sửa'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có mục này (`entry_not_found`)'),
    409: error('Người khác đã sửa (`version_conflict`)'),
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
    request: { params: EntryIdParam, body: body(VersionBody) },
    responses: {
      200: json(WorkEntryResultSchema, 'Đã đổi trạng thái'),
      400: error('Dữ liệu không hợp lệ'),
      ...denied,
      404: error('Không có mục này (`entry_not_found`)'),
      409: error('Người khác đã sửa (`version_conflict`)'),
    },
  });

const publishRoute = statusRoute('/entries/{id}/publish', 'Công bố');
const archiveRoute = statusRoute('/entries/{id}/archive', 'Lưu trữ (gỡ khỏi danh bạ công khai)');

const reorderRoute = createRoute({
  method: 'post',
  path: '/reorder',
  tags: [TAG],
  summary: 'Sắp xếp lại các mục cùng cấp',
  description:
    'Các mục cùng cơ quan, cùng loại và cùng mục cha, theo thứ tự mới (mục đầu hiển thị trước).',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { body: body(ReorderBody) },
  responses: {
    200: json(WorkEntryListSchema, 'Các mục theo thứ tự mới'),
    400: error('Các mục không cùng cấp (`not_siblings`) hoặc dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có mục này (`entry_not_found`)'),
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/entries/{id}',
  tags: [TAG],
  summary: 'Xóa một bản nháp',
  description: 'Chỉ bản nháp chưa có mục con; mục đã công bố thì lưu trữ.',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { params: EntryIdParam },
  responses: {
    200: json(z.object({ deleted: z.literal(true) }), 'Đã xóa'),
    ...denied,
    404: error('Không có mục này (`entry_not_found`)'),
    409: error('Không phải bản nháp (`not_draft`) hoặc còn mục con (`has_children`)'),
  },
});

export const directoryWorkRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const me = editor(c);
    const query = c.req.valid('query');
    const everyAgency = scopesOf(me, 'directory.manage').has('any');
    const agencyIds = everyAgency ? (query.agencyId ? [query.agencyId] : null) : [me.agencyId];
    const items = await workEntries(c.var.db, { ...query, agencyIds });
    return c.json({ items }, 200);
  })
  .openapi(createEntryRoute, async (c) => {
    const me = editor(c);
    const input = c.req.valid('json');
    const agencyId = input.agencyId ?? me.agencyId;
    if (!mayManage(me, agencyId)) {
      throw new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', {
        action: 'directory.manage',
      });
    }
    const id = await idFor(me.id, input.requestKey);
    const existing = await findEntry(c.var.db, id);
    if (existing) return c.json({ entry: workEntry(existing.entry, existing.agencyName) }, 200);

    const name = await agencyName(c.var.db, agencyId);
    if (name === null) throw new ApiError(400, 'unknown_agency', 'Không có cơ quan này.');
    await checkPlacement(c, { agencyId, kind: input.kind, parentId: input.parentId });
    await checkCommune(c, input.communeId);
    const now = new Date().toISOString();
    const row = {
      id,
      agencyId,
      parentId: input.parentId,
      kind: input.kind,
      name: input.name,
      role: input.role,
      phone: input.phone,
      phoneAlt: input.phoneAlt,
      email: input.email,
      address: input.address,
      communeId: input.communeId,
      hours: input.hours,
      en: englishColumn(input.en),
      sortOrder:
        input.sortOrder ??
        (await nextSortOrder(c.var.db, { agencyId, kind: input.kind, parentId: input.parentId })),
      status: 'draft' as const,
      publishedAt: null,
      version: 1,
      createdBy: me.id,
      updatedBy: me.id,
      createdAt: now,
      updatedAt: now,
    };
    await insertEntry(
      c.var.db,
      row,
      name,
      officialAuditEntry(c, me, now, {
        action: 'directory.create',
        entityType: 'directory_entry',
        entityId: id,
        to: JSON.stringify({ kind: row.kind, name: row.name, phone: row.phone, agencyId }),
      }),
    );
    return c.json({ entry: workEntry(row, name) }, 201);
  })
  .openapi(getRoute, async (c) => {
    const me = editor(c);
    const found = await myEntry(c, me, c.req.valid('param').id);
    return c.json({ entry: workEntry(found.entry, found.agencyName) }, 200);
  })
  .openapi(patchRoute, async (c) => {
    const me = editor(c);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const { entry: before, agencyName: name } = await myEntry(c, me, id);
    if (before.version !== input.version) throw versionConflict();
    const now = new Date().toISOString();
    const next: EntryRow = {
      ...before,
      kind: input.kind ?? before.kind,
      parentId: input.parentId !== undefined ? input.parentId : before.parentId,
      name: input.name ?? before.name,
      role: input.role !== undefined ? input.role : before.role,
      phone: input.phone ?? before.phone,
      phoneAlt: input.phoneAlt !== undefined ? input.phoneAlt : before.phoneAlt,
      email: input.email !== undefined ? input.email : before.email,
      address: input.address !== undefined ? input.address : before.address,
      communeId: input.communeId !== undefined ? input.communeId : before.communeId,
      hours: input.hours !== undefined ? input.hours : before.hours,
      en: input.en !== undefined ? englishColumn(input.en) : before.en,
      sortOrder: input.sortOrder ?? before.sortOrder,
    };
    if (next.kind !== before.kind || next.parentId !== before.parentId) {
      await checkPlacement(c, {
        id,
        agencyId: before.agencyId,
        kind: next.kind,
        parentId: next.parentId,
      });
      if (next.kind !== before.kind && (await hasChildren(c.var.db, id))) {
        const keeps = PARENT_KINDS.person.includes(next.kind);
        if (!keeps) {
          throw new ApiError(
            409,
            'has_children',
            'Mục này đang có mục con; chuyển các mục con đi trước khi đổi loại.',
          );
        }
      }
    }
    if (next.communeId !== before.communeId) await checkCommune(c, next.communeId);
    const diff = changedFields(before, next);
    if (!diff.changed) return c.json({ entry: workEntry(before, name) }, 200);
    const written = { ...next, version: before.version + 1, updatedAt: now, updatedBy: me.id };
    const ok = await updateEntry(
      c.var.db,
      written,
      before.version,
      name,
      officialAuditEntry(c, me, now, {
        action: 'directory.update',
        entityType: 'directory_entry',
        entityId: id,
        from: diff.from,
        to: diff.to,
      }),
    );
    if (!ok) throw versionConflict();
    return c.json({ entry: workEntry(written, name) }, 200);
  })
  .openapi(publishRoute, async (c) => {
    const entry = await setStatus(
      c,
      c.req.valid('param').id,
      c.req.valid('json').version,
      'published',
    );
    return c.json({ entry }, 200);
  })
  .openapi(archiveRoute, async (c) => {
    const entry = await setStatus(
      c,
      c.req.valid('param').id,
      c.req.valid('json').version,
      'archived',
    );
    return c.json({ entry }, 200);
  })
  .openapi(reorderRoute, async (c) => {
    const me = editor(c);
    const { ids } = c.req.valid('json');
    if (new Set(ids).size !== ids.length) {
      throw new ApiError(400, 'validation_failed', 'Danh sách có mục trùng nhau.');
    }
    const rows = [];
    for (const id of ids) rows.push((await myEntry(c, me, id)).entry);
    const first = rows[0];
    const siblings = rows.every(
      (r) =>
        first &&
        r.agencyId === first.agencyId &&
        r.kind === first.kind &&
        r.parentId === first.parentId,
    );
    if (!first || !siblings) {
      throw new ApiError(
        400,
        'not_siblings',
        'Chỉ sắp xếp các mục cùng cơ quan, cùng loại và cùng mục cha.',
      );
    }
    const now = new Date().toISOString();
    await reorderEntries(
      c.var.db,
      ids,
      now,
      me.id,
      officialAuditEntry(c, me, now, {
        action: 'directory.reorder',
        entityType: 'directory_entry',
        entityId: first.id,
        from: JSON.stringify([...rows].sort((a, b) => a.sortOrder - b.sortOrder).map((r) => r.id)),
        to: JSON.stringify(ids),
      }),
    );
    const items = await workEntries(c.var.db, { agencyIds: [first.agencyId], kind: first.kind });
    return c.json({ items: items.filter((i) => ids.includes(i.id)) }, 200);
  })
  .openapi(deleteRoute, async (c) => {
    const me = editor(c);
    const { id } = c.req.valid('param');
    const { entry } = await myEntry(c, me, id);
    if (entry.status !== 'draft') {
      throw new ApiError(409, 'not_draft', 'Chỉ xóa được bản nháp; mục đã công bố thì lưu trữ.');
    }
    if (await hasChildren(c.var.db, id)) {
      throw new ApiError(409, 'has_children', 'Mục này đang có mục con.');
    }
    const now = new Date().toISOString();
    const ok = await deleteDraft(
      c.var.db,
      id,
      officialAuditEntry(c, me, now, {
        action: 'directory.delete',
        entityType: 'directory_entry',
        entityId: id,
        from: JSON.stringify({ kind: entry.kind, name: entry.name, phone: entry.phone }),
      }),
    );
    if (!ok)
      throw new ApiError(409, 'not_draft', 'Chỉ xóa được bản nháp; mục đã công bố thì lưu trữ.');
    return c.json({ deleted: true as const }, 200);
  });

async function setStatus(
  c: Context<AppEnv>,
  id: string,
  version: number,
  status: 'published' | 'archived',
) {
  const me = editor(c);
  const { entry: before, agencyName: name } = await myEntry(c, me, id);
  if (before.version !== version) throw versionConflict();
  if (before.status === status) return workEntry(before, name);
  const now = new Date().toISOString();
  const written: EntryRow = {
    ...before,
    status,
    publishedAt: status === 'published' ? (before.publishedAt ?? now) : before.publishedAt,
    version: before.version + 1,
    updatedAt: now,
    updatedBy: me.id,
  };
  const ok = await updateEntry(
    c.var.db,
    written,
    before.version,
    name,
    officialAuditEntry(c, me, now, {
      action: status === 'published' ? 'directory.publish' : 'directory.archive',
      entityType: 'directory_entry',
      entityId: id,
      from: before.status,
      to: status,
    }),
  );
  if (!ok) throw versionConflict();
  return workEntry(written, name);
}
