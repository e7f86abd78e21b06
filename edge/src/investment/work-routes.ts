import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requireOfficial } from '../access/guard';
import { can, scopesOf } from '../access/permissions';
import { changedFields, officialAuditEntry } from '../audit/log';
import { auditIfChanged } from '../management/repo';
import type { AppEnv, OfficialPrincipal } from '../platform/env';
import { ApiError } from '../platform/errors';
import { readBodyCapped } from '../platform/files';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import { decodeFileName } from '../training/materials';
import {
  deleteDocument,
  documentNotFound,
  documentTooLarge,
  serveDocument,
  storeDocument,
} from './documents';
import {
  checkReferences,
  createItem,
  type Kind,
  listWork,
  notFound,
  type ProjectValues,
  rawItem,
  setStatus,
  updateItem,
  workItem,
} from './editor';
import { findEnquiry, listEnquiries } from './repo';
import {
  DeletedSchema,
  DOCUMENT_MAX_BYTES,
  DocumentUploadHeaders,
  DocumentUploadQuery,
  EnquiryListQuery,
  EnquiryListSchema,
  EnquirySchema,
  EnquiryUpdateBody,
  IdParam,
  PolicyInput,
  PolicyUpdateBody,
  ProjectInput,
  ProjectUpdateBody,
  StatusBody,
  WorkDocumentResultSchema,
  WorkListQuery,
  WorkListSchema,
  WorkPolicySchema,
  WorkProjectSchema,
} from './schemas';

// Investment promotion for the agencies' editors (/api/v1/work/investment, permission
// `investment.manage` for the row's agency): policies and projects (draft → published →
// archived, each edit naming the version it read), their documents, and the investors'
// enquiries to the agency. Another agency's row answers 404, as if it did not exist.

const TAG = 'Thu hút đầu tư (cán bộ)';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];

function editor(c: Context<AppEnv>): OfficialPrincipal {
  const me = requireOfficial(c);
  if (scopesOf(me, 'investment.manage').size === 0) {
    throw new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', {
      action: 'investment.manage',
    });
  }
  c.header('Cache-Control', 'private, no-store');
  return me;
}

/** 401/403 before validation: a citizen hears "not allowed", not what was wrong with the form. */
const editorOnly = createMiddleware<AppEnv>(async (c, next) => {
  editor(c);
  await next();
});

const mayManage = (me: OfficialPrincipal, agencyId: string) =>
  can(me, 'investment.manage', { agencyId, communeId: null });

/** The agency filter of lists: null when the official sees every agency. */
const listScope = (me: OfficialPrincipal) =>
  scopesOf(me, 'investment.manage').has('any') ? null : me.agencyId;

async function myItem(c: Context<AppEnv>, me: OfficialPrincipal, kind: Kind, id: string) {
  const row = await rawItem(c.var.db, kind, id);
  if (!row || !mayManage(me, row.agency_id)) throw notFound(kind);
  return row;
}

async function itemAnswer(c: Context<AppEnv>, kind: Kind, id: string) {
  const item = await workItem(c.var.db, kind, id);
  if (!item) throw notFound(kind);
  return item;
}

const denied = {
  401: error('Cần đăng nhập tài khoản cán bộ (`official_session_required`)'),
  403: error('Không có quyền `investment.manage` (`forbidden`)'),
};

const ENTITY = { project: 'investment_project', policy: 'investment_policy' } as const;
const LABEL = { project: 'dự án', policy: 'chính sách' } as const;
const ITEM_SCHEMA = { project: WorkProjectSchema, policy: WorkPolicySchema } as const;

function itemRoutes<K extends Kind>(kind: K) {
  const base = kind === 'project' ? '/projects' : '/policies';
  const schema = ITEM_SCHEMA[kind];
  const label = LABEL[kind];
  const notFoundText = error(`Không có ${label} này hoặc của cơ quan khác (\`${kind}_not_found\`)`);
  return {
    list: createRoute({
      method: 'get',
      path: base,
      tags: [TAG],
      summary: `Danh sách ${label} của cơ quan`,
      description: 'Mới sửa trước; lọc `status`, tìm `q` (không dấu cũng được).',
      security: SECURITY,
      middleware: [editorOnly] as const,
      request: { query: WorkListQuery },
      responses: {
        200: json(WorkListSchema, 'Danh sách'),
        400: error('Tham số không hợp lệ'),
        ...denied,
      },
    }),
    create: createRoute({
      method: 'post',
      path: base,
      tags: [TAG],
      summary: `Tạo ${label} (bản nháp)`,
      security: SECURITY,
      middleware: [editorOnly, requireJsonBody] as const,
      request: { body: body(kind === 'project' ? ProjectInput : PolicyInput) },
      responses: {
        201: json(schema, 'Đã tạo'),
        400: error('Dữ liệu không hợp lệ (`validation_failed`)'),
        ...denied,
        422: error('Lĩnh vực (`unknown_sector`) hoặc xã/phường (`unknown_commune`) không có'),
      },
    }),
    get: createRoute({
      method: 'get',
      path: `${base}/{id}`,
      tags: [TAG],
      summary: `Một ${label} để sửa`,
      security: SECURITY,
      middleware: [editorOnly] as const,
      request: { params: IdParam },
      responses: { 200: json(schema, 'Bản đang lưu'), ...denied, 404: notFoundText },
    }),
    update: createRoute({
      method: 'put',
      path: `${base}/{id}`,
      tags: [TAG],
      summary: `Sửa ${label}`,
      description: '`version` là phiên bản đã đọc; khác bản đang lưu: 409 `version_conflict`.',
      security: SECURITY,
      middleware: [editorOnly, requireJsonBody] as const,
      request: {
        params: IdParam,
        body: body(kind === 'project' ? ProjectUpdateBody : PolicyUpdateBody),
      },
      responses: {
        200: json(schema, 'Đã lưu'),
        400: error('Dữ liệu không hợp lệ'),
        ...denied,
        404: notFoundText,
        409: error('Đã có người sửa (`version_conflict`)'),
        422: error('Lĩnh vực hoặc xã/phường không có'),
      },
    }),
    status: createRoute({
      method: 'post',
      path: `${base}/{id}/status`,
      tags: [TAG],
      summary: `Công bố, lưu trữ hoặc đưa ${label} về nháp`,
      security: SECURITY,
      middleware: [editorOnly, requireJsonBody] as const,
      request: { params: IdParam, body: body(StatusBody) },
      responses: {
        200: json(schema, 'Đã đổi trạng thái'),
        400: error('Dữ liệu không hợp lệ'),
        ...denied,
        404: notFoundText,
        409: error('Đã có người sửa (`version_conflict`)'),
      },
    }),
    upload: createRoute({
      method: 'post',
      path: `${base}/{id}/documents`,
      tags: [TAG],
      summary: `Tải lên tài liệu của ${label}`,
      description:
        'Thân yêu cầu là nội dung tệp (tối đa 20 MB): PDF, Word (.docx), Excel (.xlsx), ảnh PNG hoặc JPEG, nhận biết theo nội dung. `X-File-Name`: tên tệp mã hóa URI; `?title=`: tên hiển thị. Tải lại cùng tệp: 200 với tài liệu đã có.',
      security: SECURITY,
      middleware: [editorOnly] as const,
      request: {
        params: IdParam,
        query: DocumentUploadQuery,
        headers: DocumentUploadHeaders,
        body: {
          required: true,
          content: {
            'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
      },
      responses: {
        200: json(WorkDocumentResultSchema, 'Tệp này đã có'),
        201: json(WorkDocumentResultSchema, 'Đã tải lên'),
        400: error('Tệp rỗng (`empty_file`) hoặc tên tệp không hợp lệ (`invalid_file_name`)'),
        ...denied,
        404: notFoundText,
        409: error('Đã đủ số tài liệu (`too_many_documents`)'),
        413: error('Tệp quá 20 MB (`file_too_large`)'),
        415: error('Loại tệp không nhận (`unsupported_file_type`)'),
      },
    }),
  };
}

const projectRoutes = itemRoutes('project');
const policyRoutes = itemRoutes('policy');

const deleteDocumentRoute = createRoute({
  method: 'delete',
  path: '/documents/{id}',
  tags: [TAG],
  summary: 'Xóa tài liệu',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { params: IdParam },
  responses: {
    200: json(DeletedSchema, 'Đã xóa'),
    ...denied,
    404: error('Không có tài liệu này (`document_not_found`)'),
  },
});

const downloadRoute = createRoute({
  method: 'get',
  path: '/documents/{id}',
  tags: [TAG],
  summary: 'Tải tài liệu (cả của bản nháp)',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { params: IdParam },
  responses: {
    200: {
      description: 'Tệp',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...denied,
    404: error('Không có tài liệu này (`document_not_found`)'),
  },
});

const enquiriesRoute = createRoute({
  method: 'get',
  path: '/enquiries',
  tags: [TAG],
  summary: 'Yêu cầu tư vấn gửi đến cơ quan',
  description: 'Mới nhất trước; lọc `status`. `counts`: số yêu cầu theo trạng thái.',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { query: EnquiryListQuery },
  responses: { 200: json(EnquiryListSchema, 'Yêu cầu'), 400: error('Tham số sai'), ...denied },
});

const enquiryRoute = createRoute({
  method: 'get',
  path: '/enquiries/{id}',
  tags: [TAG],
  summary: 'Một yêu cầu tư vấn',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { params: IdParam },
  responses: {
    200: json(EnquirySchema, 'Yêu cầu'),
    ...denied,
    404: error('Không có yêu cầu này (`enquiry_not_found`)'),
  },
});

const enquiryUpdateRoute = createRoute({
  method: 'patch',
  path: '/enquiries/{id}',
  tags: [TAG],
  summary: 'Đổi trạng thái yêu cầu, ghi nội dung trả lời',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { params: IdParam, body: body(EnquiryUpdateBody) },
  responses: {
    200: json(EnquirySchema, 'Đã cập nhật'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có yêu cầu này (`enquiry_not_found`)'),
  },
});

const enquiryNotFound = () =>
  new ApiError(404, 'enquiry_not_found', 'Không tìm thấy yêu cầu tư vấn.');

async function myEnquiry(c: Context<AppEnv>, me: OfficialPrincipal, id: string) {
  const row = await findEnquiry(c.var.db, id);
  if (!row || !mayManage(me, row.agencyId)) throw enquiryNotFound();
  return row;
}

async function myDocument(c: Context<AppEnv>, me: OfficialPrincipal, id: string) {
  const [doc] = await c.var.db.all<{
    id: string;
    objectKey: string;
    fileName: string;
    contentType: string;
    sha256: string;
    agencyId: string;
    title: string;
  }>(sql`select d.id, d.object_key as objectKey, d.file_name as fileName, d.title,
      d.content_type as contentType, d.sha256, coalesce(p.agency_id, o.agency_id) as agencyId
    from investment_documents d
    left join investment_projects p on p.id = d.project_id
    left join investment_policies o on o.id = d.policy_id
    where d.id = ${id}`);
  if (!doc || !mayManage(me, doc.agencyId)) throw documentNotFound();
  return doc;
}

function register<K extends Kind>(
  router: ReturnType<typeof createRouter>,
  kind: K,
  routes: ReturnType<typeof itemRoutes<K>>,
) {
  return router
    .openapi(routes.list, async (c) => {
      const me = editor(c);
      const q = c.req.valid('query');
      return c.json(await listWork(c.var.db, kind, { ...q, agencyId: listScope(me) }), 200);
    })
    .openapi(routes.create, async (c) => {
      const me = editor(c);
      if (!mayManage(me, me.agencyId)) throw notFound(kind);
      const values = c.req.valid('json') as ProjectValues;
      if (kind === 'project') await checkReferences(c.var.db, values);
      const now = new Date().toISOString();
      const id = await createItem(
        c.var.db,
        kind,
        { agencyId: me.agencyId, officialId: me.id, now, values },
        (entityId, to) =>
          officialAuditEntry(c, me, now, {
            action: `${ENTITY[kind]}.create`,
            entityType: ENTITY[kind],
            entityId,
            to,
          }),
      );
      return c.json(await itemAnswer(c, kind, id), 201);
    })
    .openapi(routes.get, async (c) => {
      const me = editor(c);
      const { id } = c.req.valid('param');
      await myItem(c, me, kind, id);
      return c.json(await itemAnswer(c, kind, id), 200);
    })
    .openapi(routes.update, async (c) => {
      const me = editor(c);
      const { id } = c.req.valid('param');
      await myItem(c, me, kind, id);
      const { version, ...values } = c.req.valid('json') as ProjectValues & { version: number };
      if (kind === 'project') await checkReferences(c.var.db, values);
      const now = new Date().toISOString();
      await updateItem(
        c.var.db,
        kind,
        { id, version, officialId: me.id, now, values },
        (before, after) => {
          const diff = changedFields(before, after);
          return officialAuditEntry(c, me, now, {
            action: `${ENTITY[kind]}.update`,
            entityType: ENTITY[kind],
            entityId: id,
            from: diff.from,
            to: diff.to,
          });
        },
      );
      return c.json(await itemAnswer(c, kind, id), 200);
    })
    .openapi(routes.status, async (c) => {
      const me = editor(c);
      const { id } = c.req.valid('param');
      await myItem(c, me, kind, id);
      const { version, status } = c.req.valid('json');
      const now = new Date().toISOString();
      await setStatus(c.var.db, kind, { id, version, status, officialId: me.id, now }, (from) =>
        officialAuditEntry(c, me, now, {
          action: `${ENTITY[kind]}.${status === 'published' ? 'publish' : status === 'archived' ? 'archive' : 'unpublish'}`,
          entityType: ENTITY[kind],
          entityId: id,
          from,
          to: status,
        }),
      );
      return c.json(await itemAnswer(c, kind, id), 200);
    })
    .openapi(routes.upload, async (c) => {
      const me = editor(c);
      const { id } = c.req.valid('param');
      const { title } = c.req.valid('query');
      const declaredName = decodeFileName(c.req.valid('header')['x-file-name']);
      await myItem(c, me, kind, id);
      const file = await readBodyCapped(c.req.raw, DOCUMENT_MAX_BYTES, documentTooLarge);
      const now = new Date().toISOString();
      const { created, document } = await storeDocument(
        c.var.db,
        c.env,
        { owner: { kind, id }, title, declaredName, uploadedBy: me.id, now },
        file,
        (docId, values) =>
          officialAuditEntry(c, me, now, {
            action: 'investment_document.create',
            entityType: 'investment_document',
            entityId: docId,
            to: JSON.stringify({ [`${kind}Id`]: id, ...values }),
          }),
      );
      return c.json({ document }, created ? 201 : 200);
    });
}

const router = createRouter();
register(router, 'project', projectRoutes);
register(router, 'policy', policyRoutes);

export const investmentWorkRoutes = router
  .openapi(deleteDocumentRoute, async (c) => {
    const me = editor(c);
    const doc = await myDocument(c, me, c.req.valid('param').id);
    const now = new Date().toISOString();
    const deleted = await deleteDocument(
      c.var.db,
      c.env,
      doc,
      officialAuditEntry(c, me, now, {
        action: 'investment_document.delete',
        entityType: 'investment_document',
        entityId: doc.id,
        from: JSON.stringify({ title: doc.title, fileName: doc.fileName, sha256: doc.sha256 }),
      }),
    );
    if (!deleted) throw documentNotFound();
    return c.json({ deleted: true }, 200);
  })
  .openapi(downloadRoute, async (c) => {
    const me = editor(c);
    const doc = await myDocument(c, me, c.req.valid('param').id);
    return serveDocument(c, doc, 'private, no-store') as never;
  })
  .openapi(enquiriesRoute, async (c) => {
    const me = editor(c);
    const q = c.req.valid('query');
    return c.json(await listEnquiries(c.var.db, { ...q, agencyId: listScope(me) }), 200);
  })
  .openapi(enquiryRoute, async (c) => {
    const me = editor(c);
    return c.json(await myEnquiry(c, me, c.req.valid('param').id), 200);
  })
  .openapi(enquiryUpdateRoute, async (c) => {
    const me = editor(c);
    const { id } = c.req.valid('param');
    const before = await myEnquiry(c, me, id);
    const { status, reply } = c.req.valid('json');
    const now = new Date().toISOString();
    const nextReply = reply === undefined ? before.reply : reply || null;
    const diff = changedFields(
      { status: before.status, reply: before.reply },
      { status, reply: nextReply },
    );
    if (diff.changed) {
      const db = c.var.db;
      await db.batch([
        db.run(sql`update investment_enquiries set status = ${status}, reply = ${nextReply},
            handled_by = ${me.id}, handled_at = ${now}, updated_at = ${now}
          where id = ${id}`),
        auditIfChanged(
          db,
          officialAuditEntry(c, me, now, {
            action: 'investment_enquiry.update',
            entityType: 'investment_enquiry',
            entityId: id,
            from: diff.from,
            to: diff.to,
          }),
        ),
      ]);
    }
    return c.json(await myEnquiry(c, me, id), 200);
  });
