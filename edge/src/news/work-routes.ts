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
  type ArticleRow,
  autoSummary,
  deleteDraft,
  findArticle,
  insertArticle,
  namesOf,
  updateArticle,
  workArticle,
  workList,
} from './repo';
import {
  ArticleCreateBody,
  ArticleIdParam,
  ArticlePatchBody,
  VersionBody,
  WorkArticleListQuery,
  WorkArticleListSchema,
  WorkArticleResultSchema,
} from './schemas';

// Government news for its editors (/api/v1/work/news, permission `news.manage` for the
// article's agency). An article of another agency answers 404, as if it did not exist. Every
// write is one batch with its search index entry, the audit entry and, when the public may
// see the change, the news content version bump.

const TAG = 'Tin tức chính quyền (cán bộ)';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];

const forbidden = () =>
  new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', {
    action: 'news.manage',
  });

function editor(c: Context<AppEnv>): OfficialPrincipal {
  const me = requireOfficial(c);
  if (scopesOf(me, 'news.manage').size === 0) throw forbidden();
  c.header('Cache-Control', 'private, no-store');
  return me;
}

// Before validation, so a citizen or another official hears 401/403, not what was wrong.
const editorOnly = createMiddleware<AppEnv>(async (c, next) => {
  editor(c);
  await next();
});

const mayManage = (me: OfficialPrincipal, agencyId: string) =>
  can(me, 'news.manage', { agencyId, communeId: null });

const notFound = () => new ApiError(404, 'article_not_found', 'Không tìm thấy bài viết.');
const unknownCategory = () =>
  new ApiError(400, 'unknown_category', 'Không có chuyên mục này.', { field: 'categoryId' });
const versionConflict = () =>
  new ApiError(
    409,
    'version_conflict',
    'Nội dung đã được người khác sửa. Vui lòng tải lại để xem bản mới nhất rồi sửa tiếp.',
  );

async function myArticle(c: Context<AppEnv>, me: OfficialPrincipal, id: string) {
  const row = await findArticle(c.var.db, id);
  if (!row || !mayManage(me, row.agencyId)) throw notFound();
  return row;
}

/** A stable id for a create retried with the same key by the same official. */
async function idFor(officialId: string, requestKey: string | undefined): Promise<string> {
  if (!requestKey) return `tin_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`article:${officialId}:${requestKey}`),
  );
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `tin_${hex.slice(0, 24)}`;
}

/** The English overlay, its body sanitised like the Vietnamese one. */
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
  path: '/articles',
  tags: [TAG],
  summary: 'Bài viết của cơ quan',
  description:
    'Mọi trạng thái, sửa gần nhất trước; lọc theo trạng thái, chuyên mục; tìm không dấu.',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { query: WorkArticleListQuery },
  responses: {
    200: json(WorkArticleListSchema, 'Bài viết'),
    400: error('Tham số không hợp lệ'),
    ...denied,
  },
});

const createArticleRoute = createRoute({
  method: 'post',
  path: '/articles',
  tags: [TAG],
  summary: 'Viết bài (bản nháp)',
  description:
    'Nội dung (HTML) được lọc trước khi lưu. Tóm tắt để trống: lấy từ đầu nội dung. Gửi lại cùng `requestKey`: không tạo thêm bài.',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { body: body(ArticleCreateBody) },
  responses: {
    200: json(WorkArticleResultSchema, 'Đã tạo từ trước (cùng `requestKey`)'),
    201: json(WorkArticleResultSchema, 'Đã tạo'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `unknown_category`, `unknown_agency`)'),
    ...denied,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/articles/{id}',
  tags: [TAG],
  summary: 'Một bài viết',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { params: ArticleIdParam },
  responses: {
    200: json(WorkArticleResultSchema, 'Bài viết'),
    ...denied,
    404: error('Không có bài này (`article_not_found`)'),
  },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/articles/{id}',
  tags: [TAG],
  summary: 'Sửa bài viết',
  description: 'Gửi kèm `version` đã đọc; nếu người khác đã sửa trước: 409 `version_conflict`.',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { params: ArticleIdParam, body: body(ArticlePatchBody) },
  responses: {
    200: json(WorkArticleResultSchema, 'Đã sửa'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `unknown_category`)'),
    ...denied,
    404: error('Không có bài này (`article_not_found`)'),
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
    request: { params: ArticleIdParam, body: body(VersionBody) },
    responses: {
      200: json(WorkArticleResultSchema, 'Đã đổi trạng thái'),
      400: error('Dữ liệu không hợp lệ'),
      ...denied,
      404: error('Không có bài này (`article_not_found`)'),
      409: error('Người khác đã sửa (`version_conflict`)'),
    },
  });

const publishRoute = statusRoute('/articles/{id}/publish', 'Đăng bài');
const archiveRoute = statusRoute('/articles/{id}/archive', 'Gỡ bài (lưu trữ)');

const deleteRoute = createRoute({
  method: 'delete',
  path: '/articles/{id}',
  tags: [TAG],
  summary: 'Xóa một bản nháp',
  description: 'Chỉ bản nháp; bài đã đăng thì gỡ (lưu trữ).',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { params: ArticleIdParam },
  responses: {
    200: json(z.object({ deleted: z.literal(true) }), 'Đã xóa'),
    ...denied,
    404: error('Không có bài này (`article_not_found`)'),
    409: error('Không phải bản nháp (`not_draft`)'),
  },
});

/** Long fields are named in the audit log, not copied: the row keeps them. */
function auditValues(diff: { keys: string[]; from: string; to: string }) {
  const long = diff.keys.some((k) => k === 'bodyHtml' || k === 'en' || k === 'summary');
  return long
    ? { from: JSON.stringify({ changed: diff.keys }), to: JSON.stringify({ changed: diff.keys }) }
    : { from: diff.from, to: diff.to };
}

export const newsWorkRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const me = editor(c);
    const everyAgency = scopesOf(me, 'news.manage').has('any');
    const page = await workList(c.var.db, {
      ...c.req.valid('query'),
      agencyIds: everyAgency ? null : [me.agencyId],
    });
    return c.json(page, 200);
  })
  .openapi(createArticleRoute, async (c) => {
    const me = editor(c);
    const input = c.req.valid('json');
    const agencyId = input.agencyId ?? me.agencyId;
    if (!mayManage(me, agencyId)) throw forbidden();
    const id = await idFor(me.id, input.requestKey);
    const existing = await findArticle(c.var.db, id);
    if (existing) return c.json({ article: workArticle(existing) }, 200);
    const names = await namesOf(c.var.db, agencyId, input.categoryId);
    if (names.agency === null) throw new ApiError(400, 'unknown_agency', 'Không có cơ quan này.');
    if (names.category === null) throw unknownCategory();
    const bodyHtml = sanitizeRichText(input.bodyHtml);
    const now = new Date().toISOString();
    const row: ArticleRow = {
      id,
      agencyId,
      categoryId: input.categoryId,
      title: input.title,
      summary: input.summary || autoSummary(bodyHtml),
      bodyHtml,
      coverKey: null,
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
      await insertArticle(
        c.var.db,
        row,
        officialAuditEntry(c, me, now, {
          action: 'article.create',
          entityType: 'news_article',
          entityId: id,
          to: JSON.stringify({ title: row.title, categoryId: row.categoryId, agencyId }),
        }),
      );
    } catch (e) {
      // The same key sent twice at once: the primary key decides, the second answers the first.
      const again = await findArticle(c.var.db, id);
      if (again) return c.json({ article: workArticle(again) }, 200);
      throw e;
    }
    const article = workArticle({
      ...row,
      agencyName: names.agency,
      categoryName: names.category.name,
      categoryNameEn: names.category.nameEn,
    });
    return c.json({ article }, 201);
  })
  .openapi(getRoute, async (c) => {
    const me = editor(c);
    const row = await myArticle(c, me, c.req.valid('param').id);
    return c.json({ article: workArticle(row) }, 200);
  })
  .openapi(patchRoute, async (c) => {
    const me = editor(c);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const { agencyName, categoryName, categoryNameEn, ...before } = await myArticle(c, me, id);
    if (before.version !== input.version) throw versionConflict();
    let category = { name: categoryName, nameEn: categoryNameEn };
    if (input.categoryId !== undefined && input.categoryId !== before.categoryId) {
      const names = await namesOf(c.var.db, before.agencyId, input.categoryId);
      if (names.category === null) throw unknownCategory();
      category = names.category;
    }
    const bodyHtml =
      input.bodyHtml !== undefined ? sanitizeRichText(input.bodyHtml) : before.bodyHtml;
    const summary = input.summary !== undefined ? input.summary : before.summary;
    const next: ArticleRow = {
      ...before,
      categoryId: input.categoryId ?? before.categoryId,
      title: input.title ?? before.title,
      bodyHtml,
      summary: summary || autoSummary(bodyHtml),
      en: input.en !== undefined ? english(input.en) : before.en,
    };
    const diff = changedFields(before, next);
    const full = { agencyName, categoryName: category.name, categoryNameEn: category.nameEn };
    if (!diff.changed) return c.json({ article: workArticle({ ...before, ...full }) }, 200);
    const now = new Date().toISOString();
    const written = { ...next, version: before.version + 1, updatedAt: now, updatedBy: me.id };
    const ok = await updateArticle(
      c.var.db,
      written,
      before.version,
      officialAuditEntry(c, me, now, {
        action: 'article.update',
        entityType: 'news_article',
        entityId: id,
        ...auditValues({ ...diff, keys: diff.keys.map(String) }),
      }),
      before.status === 'published',
    );
    if (!ok) throw versionConflict();
    return c.json({ article: workArticle({ ...written, ...full }) }, 200);
  })
  .openapi(publishRoute, async (c) => {
    const { id } = c.req.valid('param');
    const article = await setStatus(c, id, c.req.valid('json').version, 'published');
    return c.json({ article }, 200);
  })
  .openapi(archiveRoute, async (c) => {
    const { id } = c.req.valid('param');
    const article = await setStatus(c, id, c.req.valid('json').version, 'archived');
    return c.json({ article }, 200);
  })
  .openapi(deleteRoute, async (c) => {
    const me = editor(c);
    const { id } = c.req.valid('param');
    const row = await myArticle(c, me, id);
    const notDraft = () =>
      new ApiError(409, 'not_draft', 'Chỉ xóa được bản nháp; bài đã đăng thì gỡ xuống.');
    if (row.status !== 'draft') throw notDraft();
    const now = new Date().toISOString();
    const ok = await deleteDraft(
      c.var.db,
      id,
      officialAuditEntry(c, me, now, {
        action: 'article.delete',
        entityType: 'news_article',
        entityId: id,
        from: JSON.stringify({ title: row.title }),
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
  const { agencyName, categoryName, categoryNameEn, ...before } = await myArticle(c, me, id);
  const full = { agencyName, categoryName, categoryNameEn };
  if (before.version !== version) throw versionConflict();
  if (before.status === status) return workArticle({ ...before, ...full });
  const now = new Date().toISOString();
  const written: ArticleRow = {
    ...before,
    status,
    // A republished article keeps its first date: it is the same news, not a new one.
    publishedAt: status === 'published' ? (before.publishedAt ?? now) : before.publishedAt,
    version: before.version + 1,
    updatedAt: now,
    updatedBy: me.id,
  };
  const ok = await updateArticle(
    c.var.db,
    written,
    before.version,
    officialAuditEntry(c, me, now, {
      action: status === 'published' ? 'article.publish' : 'article.archive',
      entityType: 'news_article',
      entityId: id,
      from: before.status,
      to: status,
    }),
    status === 'published' || before.status === 'published',
  );
  if (!ok) throw versionConflict();
  return workArticle({ ...written, ...full });
}
