import { createRoute, z } from '@hono/zod-openapi';
import { versionedCache } from '../content/cache';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { clientIp, enforceRateLimits } from '../platform/rate-limit';
import { createRouter } from '../platform/router';
import { documentNotFound, serveDocument } from './documents';
import {
  createEnquiry,
  enquiryByKey,
  enquiryTarget,
  listPolicies,
  listProjects,
  listSectors,
  publicDocument,
  publicPolicy,
  publicProject,
} from './repo';
import {
  EnquiryBody,
  EnquiryResultSchema,
  IdParam,
  LangOnlyQuery,
  PolicyListQuery,
  PolicyListSchema,
  PolicySchema,
  ProjectListQuery,
  ProjectListSchema,
  ProjectSchema,
  SectorListSchema,
} from './schemas';

// Investment promotion for everyone (/api/v1/investment, no account): the province's priority
// sectors, its policies and the projects calling for investment with their documents, and the
// enquiry form, which reaches the editors of the project's agency as an in-app notice.

const TAG = 'Thu hút đầu tư';
/** Period of wrangler.toml's ENQUIRY_LIMITER (5 enquiries a minute per IP). */
const ENQUIRY_PERIOD_SECONDS = 60;

const cached = versionedCache(['investment'], { maxAgeSeconds: 60 });

const projectNotFound = () => new ApiError(404, 'project_not_found', 'Không tìm thấy dự án.');
const policyNotFound = () => new ApiError(404, 'policy_not_found', 'Không tìm thấy chính sách.');

const sectorsRoute = createRoute({
  method: 'get',
  path: '/sectors',
  tags: [TAG],
  summary: 'Lĩnh vực ưu tiên thu hút đầu tư',
  description: 'Kèm số dự án đã công bố của từng lĩnh vực.',
  middleware: [cached] as const,
  request: { query: LangOnlyQuery },
  responses: { 200: json(SectorListSchema, 'Lĩnh vực') },
});

const policiesRoute = createRoute({
  method: 'get',
  path: '/policies',
  tags: [TAG],
  summary: 'Chính sách ưu đãi đầu tư',
  description: 'Mới công bố trước. Tìm `q` có dấu hoặc không dấu; trang sau: `cursor`.',
  middleware: [cached] as const,
  request: { query: PolicyListQuery },
  responses: {
    200: json(PolicyListSchema, 'Chính sách'),
    400: error('Tham số không hợp lệ (`validation_failed`, `invalid_cursor`)'),
  },
});

const policyRoute = createRoute({
  method: 'get',
  path: '/policies/{id}',
  tags: [TAG],
  summary: 'Một chính sách và tài liệu kèm theo',
  middleware: [cached] as const,
  request: { params: IdParam, query: LangOnlyQuery },
  responses: {
    200: json(PolicySchema, 'Chính sách'),
    404: error('Không có chính sách này (`policy_not_found`)'),
  },
});

const projectsRoute = createRoute({
  method: 'get',
  path: '/projects',
  tags: [TAG],
  summary: 'Dự án kêu gọi đầu tư',
  description:
    'Lọc theo lĩnh vực (`sector`), giai đoạn (`stage`), xã/phường (`commune`); tìm `q` có dấu hoặc không dấu. Mới công bố trước.',
  middleware: [cached] as const,
  request: { query: ProjectListQuery },
  responses: {
    200: json(ProjectListSchema, 'Dự án'),
    400: error('Tham số không hợp lệ (`validation_failed`, `invalid_cursor`)'),
  },
});

const projectRoute = createRoute({
  method: 'get',
  path: '/projects/{id}',
  tags: [TAG],
  summary: 'Một dự án: vị trí, quy mô, vốn, tài liệu',
  middleware: [cached] as const,
  request: { params: IdParam, query: LangOnlyQuery },
  responses: {
    200: json(ProjectSchema, 'Dự án'),
    404: error('Không có dự án này (`project_not_found`)'),
  },
});

const documentRoute = createRoute({
  method: 'get',
  path: '/documents/{id}',
  tags: [TAG],
  summary: 'Tải tài liệu của dự án hoặc chính sách',
  request: { params: IdParam },
  responses: {
    200: {
      description: 'Tệp (Content-Disposition có tên tệp)',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    304: { description: 'Không đổi (theo `If-None-Match`)' },
    404: error('Không có tài liệu này (`document_not_found`)'),
  },
});

const enquiryRoute = createRoute({
  method: 'post',
  path: '/enquiries',
  tags: [TAG],
  summary: 'Gửi yêu cầu tư vấn đầu tư',
  description:
    'Đến cơ quan quản lý dự án (hoặc cơ quan `agencyId` đã chọn). Cần email hoặc số điện thoại. Gửi lại cùng `requestKey`: 200 với yêu cầu đã có, không tạo bản trùng.',
  middleware: [requireJsonBody] as const,
  request: { body: body(EnquiryBody) },
  responses: {
    200: json(EnquiryResultSchema, 'Đã nhận từ trước (cùng `requestKey`)'),
    201: json(EnquiryResultSchema, 'Đã gửi'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`)'),
    404: error('Không có dự án này (`project_not_found`)'),
    422: error('Cơ quan không nhận yêu cầu đầu tư (`agency_not_accepting`)'),
    429: error('Gửi quá nhanh (`rate_limited`)'),
  },
});

export const investmentRoutes = createRouter()
  .openapi(sectorsRoute, async (c) => {
    const { lang } = c.req.valid('query');
    return c.json({ items: await listSectors(c.var.db, lang) }, 200);
  })
  .openapi(policiesRoute, async (c) =>
    c.json(await listPolicies(c.var.db, c.req.valid('query')), 200),
  )
  .openapi(policyRoute, async (c) => {
    const policy = await publicPolicy(c.var.db, c.req.valid('param').id, c.req.valid('query').lang);
    if (!policy) throw policyNotFound();
    return c.json(policy, 200);
  })
  .openapi(projectsRoute, async (c) =>
    c.json(await listProjects(c.var.db, c.req.valid('query')), 200),
  )
  .openapi(projectRoute, async (c) => {
    const project = await publicProject(
      c.var.db,
      c.req.valid('param').id,
      c.req.valid('query').lang,
    );
    if (!project) throw projectNotFound();
    return c.json(project, 200);
  })
  .openapi(documentRoute, async (c) => {
    const doc = await publicDocument(c.var.db, c.req.valid('param').id);
    if (!doc) throw documentNotFound();
    // A withdrawn file may stay in shared caches a short while; the bytes of an id never change.
    return serveDocument(c, doc, 'public, max-age=3600') as never;
  })
  .openapi(enquiryRoute, async (c) => {
    const input = c.req.valid('json');
    c.header('Cache-Control', 'no-store');
    // A retry (lost answer, double tap) is answered before the limiter: it writes nothing.
    const existing = await enquiryByKey(c.var.db, input.requestKey);
    if (existing) return c.json(existing, 200);
    const ip = clientIp(c.req.raw.headers);
    await enforceRateLimits([
      {
        limiter: c.env.ENQUIRY_LIMITER,
        key: ip ? `investment-enquiry-ip:${ip}` : null,
        periodSeconds: ENQUIRY_PERIOD_SECONDS,
      },
    ]);
    const target = await enquiryTarget(c.var.db, input);
    const { created, enquiry } = await createEnquiry(
      c.var.db,
      target,
      input,
      new Date().toISOString(),
    );
    return c.json(enquiry, created ? 201 : 200);
  });
