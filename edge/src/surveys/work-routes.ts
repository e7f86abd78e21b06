import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requireOfficial, requirePermission } from '../access/guard';
import { can, scopesOf } from '../access/permissions';
import { type AuditEntryInput, officialAuditEntry } from '../audit/log';
import type { AppEnv, OfficialPrincipal } from '../platform/env';
import { ApiError, MESSAGES } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import { definitionIssues, normaliseDefinition, questionCount } from './definition';
import {
  buildCsv,
  buildXlsx,
  CSV_TYPE,
  exportFileName,
  exportTable,
  loadResponses,
  MAX_EXPORT_RESPONSES,
  XLSX_TYPE,
} from './export';
import {
  changeStatus,
  deleteDraft,
  findSurvey,
  insertSurvey,
  listWorkSurveys,
  parseStoredDefinition,
  type SurveyRow,
  type SurveyStatus,
  type SurveyValues,
  updateDraft,
} from './repo';
import { surveyResults } from './results';
import {
  ResultsSchema,
  SurveyIdParam,
  SurveyInputSchema,
  SurveyUpdateSchema,
  WorkListQuery,
  WorkSurveyListSchema,
  WorkSurveySchema,
} from './schemas';

// Opinion surveys for agencies' survey editors (/api/v1/work/surveys): the builder (drafts
// saved whole, with optimistic concurrency on `version`), the lifecycle draft → published
// (the questionnaire is frozen) → closed, results and exports. `surveys.manage` on the
// survey's agency edits; `surveys.results` reads results (a province leader: every survey).
// A survey outside the official's reach answers 404, never revealing that it exists. Every
// change is one batch with its audit entry.

const TAG = 'Khảo sát ý kiến (cán bộ)';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];

const denied = {
  401: error('Chưa đăng nhập bằng tài khoản cán bộ (`official_session_required`)'),
  403: error('Không có quyền (`forbidden`) hoặc thiếu mã CSRF (`csrf_failed`)'),
};

/** Officials who hold any survey permission; everyone else stops here, before validation. */
function surveyOfficial(c: Context<AppEnv>): OfficialPrincipal {
  const official = requireOfficial(c);
  if (
    scopesOf(official, 'surveys.manage').size + scopesOf(official, 'surveys.results').size ===
    0
  ) {
    throw new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', {
      action: 'surveys.manage',
    });
  }
  return official;
}

const surveyOfficialOnly = createMiddleware<AppEnv>(async (c, next) => {
  surveyOfficial(c);
  await next();
});

const target = (s: { agencyId: string }) => ({ agencyId: s.agencyId, communeId: null });
const canManage = (o: OfficialPrincipal, s: { agencyId: string }) =>
  can(o, 'surveys.manage', target(s));
const canRead = (o: OfficialPrincipal, s: { agencyId: string }) =>
  canManage(o, s) || can(o, 'surveys.results', target(s));

const surveyNotFound = (id: string) =>
  new ApiError(404, 'survey_not_found', 'Không tìm thấy khảo sát.', { id });

/** The survey if the official may see it; 404 otherwise (another agency's survey). */
async function visibleSurvey(c: Context<AppEnv>, id: string) {
  const official = surveyOfficial(c);
  const survey = await findSurvey(c.var.db, id);
  if (!survey || !canRead(official, survey)) throw surveyNotFound(id);
  return { official, survey };
}

/** The survey if the official may edit it: 404 if they cannot see it, 403 if only read it. */
async function managedSurvey(c: Context<AppEnv>, id: string) {
  const { official, survey } = await visibleSurvey(c, id);
  if (!canManage(official, survey)) {
    throw new ApiError(403, 'forbidden', 'Bạn chỉ được xem kết quả khảo sát này, không được sửa.', {
      action: 'surveys.manage',
    });
  }
  return { official, survey };
}

function toWork(row: SurveyRow, official: OfficialPrincipal) {
  const definition = parseStoredDefinition(row);
  return {
    id: row.id,
    agencyId: row.agencyId,
    agencyName: row.agencyName,
    title: row.title,
    description: row.description,
    status: row.status,
    audience: row.audience,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    version: Number(row.version),
    responseCount: Number(row.responseCount),
    questionCount: questionCount(definition),
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    canManage: canManage(official, row),
    definition,
  };
}

const summaryOf = (row: SurveyRow, official: OfficialPrincipal) => {
  const { definition: _, ...summary } = toWork(row, official);
  return summary;
};

function audit(
  c: Context<AppEnv>,
  official: OfficialPrincipal,
  e: Pick<AuditEntryInput, 'action' | 'entityId' | 'from' | 'to' | 'note'>,
  now: string,
): AuditEntryInput {
  return officialAuditEntry(c, official, now, { entityType: 'survey', ...e });
}

function valuesOf(input: z.output<typeof SurveyInputSchema>): SurveyValues {
  if (input.closesAt <= input.opensAt) {
    throw new ApiError(422, 'invalid_window', 'Thời điểm đóng phải sau thời điểm mở.', {
      opensAt: input.opensAt,
      closesAt: input.closesAt,
    });
  }
  return {
    title: input.title,
    description: input.description,
    audience: input.audience,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    definition: normaliseDefinition(input.definition),
  };
}

/**
 * A refused questionnaire is 422 `invalid_definition`, each issue with its path inside the
 * definition (`sections.1.questions.0.options`) so the builder can point at the field; other
 * malformed fields keep the usual 400 `validation_failed` (the same body as the default hook).
 */
function builderHook(
  result: { success: true } | { success: false; target: string; error: z.ZodError },
): undefined {
  if (result.success) return;
  const issues = result.error.issues;
  const inDefinition = issues.filter((i) => i.path[0] === 'definition');
  if (result.target === 'json' && inDefinition.length > 0) {
    throw new ApiError(
      422,
      'invalid_definition',
      'Phiếu khảo sát chưa hợp lệ. Vui lòng sửa các mục được chỉ ra.',
      { issues: definitionIssues(inDefinition.map((i) => ({ ...i, path: i.path.slice(1) }))) },
    );
  }
  throw new ApiError(400, 'validation_failed', MESSAGES.validation_failed, {
    target: result.target,
    issues: issues.map((i) => ({
      path: i.path.map(String).join('.'),
      code: i.code,
      message: i.message,
    })),
  });
}

// ---- routes -----------------------------------------------------------------------------------

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Khảo sát của cơ quan (lãnh đạo tỉnh: mọi khảo sát)',
  security: SECURITY,
  middleware: [surveyOfficialOnly] as const,
  request: { query: WorkListQuery },
  responses: { 200: json(WorkSurveyListSchema, 'Danh sách khảo sát'), ...denied },
});

const createSurveyRoute = createRoute({
  method: 'post',
  path: '/',
  tags: [TAG],
  summary: 'Tạo khảo sát (bản nháp)',
  security: SECURITY,
  middleware: [surveyOfficialOnly, requireJsonBody] as const,
  request: { body: body(SurveyInputSchema) },
  responses: {
    201: json(WorkSurveySchema, 'Đã tạo bản nháp'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    422: error(
      'Phiếu khảo sát chưa hợp lệ (`invalid_definition`, `details.issues[]` có `path`) hoặc thời gian sai (`invalid_window`)',
    ),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: [TAG],
  summary: 'Một khảo sát với phiếu câu hỏi',
  security: SECURITY,
  middleware: [surveyOfficialOnly] as const,
  request: { params: SurveyIdParam },
  responses: {
    200: json(WorkSurveySchema, 'Khảo sát'),
    ...denied,
    404: error('Không có khảo sát này trong phạm vi của cán bộ (`survey_not_found`)'),
  },
});

const putRoute = createRoute({
  method: 'put',
  path: '/{id}',
  tags: [TAG],
  summary: 'Lưu bản nháp',
  description:
    'Gửi cả phiếu và `version` đã mở: nếu người khác vừa lưu, trả 409 `version_conflict` (tải lại rồi sửa). Chỉ sửa được bản nháp (`not_draft`).',
  security: SECURITY,
  middleware: [surveyOfficialOnly, requireJsonBody] as const,
  request: { params: SurveyIdParam, body: body(SurveyUpdateSchema) },
  responses: {
    200: json(WorkSurveySchema, 'Đã lưu'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có khảo sát này (`survey_not_found`)'),
    409: error('Phiên bản cũ (`version_conflict`) hoặc không còn là bản nháp (`not_draft`)'),
    422: error('Phiếu khảo sát chưa hợp lệ (`invalid_definition`) hoặc thời gian sai'),
  },
});

const publishRoute = createRoute({
  method: 'post',
  path: '/{id}/publish',
  tags: [TAG],
  summary: 'Phát hành',
  description:
    'Bản nháp → đang phát hành: phiếu câu hỏi không sửa được nữa. Gọi lại khi đã phát hành: không đổi gì.',
  security: SECURITY,
  middleware: [surveyOfficialOnly] as const,
  request: { params: SurveyIdParam },
  responses: {
    200: json(WorkSurveySchema, 'Đã phát hành'),
    ...denied,
    404: error('Không có khảo sát này (`survey_not_found`)'),
    409: error('Khảo sát đã đóng (`not_draft`)'),
    422: error('Thời điểm đóng đã qua (`window_passed`)'),
  },
});

const closeRoute = createRoute({
  method: 'post',
  path: '/{id}/close',
  tags: [TAG],
  summary: 'Đóng khảo sát',
  description: 'Ngừng nhận câu trả lời ngay. Gọi lại khi đã đóng: không đổi gì.',
  security: SECURITY,
  middleware: [surveyOfficialOnly] as const,
  request: { params: SurveyIdParam },
  responses: {
    200: json(WorkSurveySchema, 'Đã đóng'),
    ...denied,
    404: error('Không có khảo sát này (`survey_not_found`)'),
    409: error('Bản nháp chưa phát hành (`not_published`)'),
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: [TAG],
  summary: 'Xoá bản nháp',
  security: SECURITY,
  middleware: [surveyOfficialOnly] as const,
  request: { params: SurveyIdParam },
  responses: {
    200: json(z.object({ deleted: z.literal(true), id: z.string() }), 'Đã xoá'),
    ...denied,
    404: error('Không có khảo sát này (`survey_not_found`)'),
    409: error('Chỉ xoá được bản nháp (`not_draft`)'),
  },
});

const resultsRoute = createRoute({
  method: 'get',
  path: '/{id}/results',
  tags: [TAG],
  summary: 'Kết quả (biểu đồ trực tiếp)',
  description:
    'Số lượt chọn từng lựa chọn, điểm trung bình và phân bố thang điểm, 20 câu trả lời tự do mới nhất, số phản hồi theo ngày (giờ Việt Nam), và số câu trả lời bị từ chối theo lý do.',
  security: SECURITY,
  middleware: [surveyOfficialOnly] as const,
  request: { params: SurveyIdParam },
  responses: {
    200: json(ResultsSchema, 'Kết quả'),
    ...denied,
    404: error('Không có khảo sát này (`survey_not_found`)'),
  },
});

const exportErrors = (format: 'xlsx' | 'csv') => ({
  ...denied,
  404: error('Không có khảo sát này (`survey_not_found`)'),
  422: error(
    `Quá ${MAX_EXPORT_RESPONSES[format].toLocaleString('vi-VN')} phản hồi (\`export_too_large\`)`,
  ),
});

const xlsxRoute = createRoute({
  method: 'get',
  path: '/{id}/export.xlsx',
  tags: [TAG],
  summary: 'Xuất Excel (XLSX)',
  description: 'Trang "Phản hồi": mỗi phản hồi một dòng, mỗi câu hỏi một cột; trang "Tổng hợp".',
  security: SECURITY,
  middleware: [surveyOfficialOnly] as const,
  request: { params: SurveyIdParam },
  responses: {
    200: {
      description: 'Sổ tính',
      content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...exportErrors('xlsx'),
  },
});

const csvRoute = createRoute({
  method: 'get',
  path: '/{id}/export.csv',
  tags: [TAG],
  summary: 'Xuất CSV',
  description:
    'UTF-8 có BOM (Excel đọc đúng tiếng Việt). Câu nhiều lựa chọn: các lựa chọn nối bằng "; ".',
  security: SECURITY,
  middleware: [surveyOfficialOnly] as const,
  request: { params: SurveyIdParam },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...exportErrors('csv'),
  },
});

const work = createRouter();

// Figures and drafts of officials only: never kept by a shared cache or the browser's disk.
work.use('*', async (c, next) => {
  await next();
  c.res.headers.set('Cache-Control', 'private, no-store');
});

async function requireResults(c: Context<AppEnv>, id: string) {
  const { official, survey } = await visibleSurvey(c, id);
  if (!can(official, 'surveys.results', target(survey))) throw surveyNotFound(id);
  return { official, survey };
}

async function exportData(c: Context<AppEnv>, survey: SurveyRow, format: 'xlsx' | 'csv') {
  const max = MAX_EXPORT_RESPONSES[format];
  const loaded = await loadResponses(c.var.db, survey.id, max);
  if (loaded.count > max) {
    const hint =
      format === 'xlsx' && loaded.count <= MAX_EXPORT_RESPONSES.csv
        ? ' Vui lòng xuất dạng CSV.'
        : '';
    throw new ApiError(
      422,
      'export_too_large',
      `Khảo sát có ${loaded.count.toLocaleString('vi-VN')} phản hồi, vượt quá giới hạn ${max.toLocaleString('vi-VN')} phản hồi của một lần xuất ${format.toUpperCase()}.${hint}`,
      { count: loaded.count, max },
    );
  }
  return loaded.responses;
}

function statusConflict(row: SurveyRow | undefined, id: string, code: string, message: string) {
  if (!row) return surveyNotFound(id);
  return new ApiError(409, code, message, { status: row.status });
}

export const surveyWorkRoutes = work
  .openapi(listRoute, async (c) => {
    const official = surveyOfficial(c);
    const { status } = c.req.valid('query');
    const everyAgency = scopesOf(official, 'surveys.results').has('any');
    const rows = await listWorkSurveys(
      c.var.db,
      everyAgency ? { all: true } : { all: false, agencyId: official.agencyId },
      status,
    );
    return c.json({ surveys: rows.map((r) => summaryOf(r, official)) }, 200);
  })
  .openapi(
    createSurveyRoute,
    async (c) => {
      const official = requirePermission(c, 'surveys.manage', {
        agencyId: surveyOfficial(c).agencyId,
        communeId: null,
      });
      const values = valuesOf(c.req.valid('json'));
      const id = crypto.randomUUID();
      const now = new Date().toISOString();
      const row = await insertSurvey(
        c.var.db,
        { id, agencyId: official.agencyId, createdBy: official.id, values, now },
        audit(c, official, { action: 'survey.create', entityId: id, to: values.title }, now),
      );
      c.header('Location', `/api/v1/work/surveys/${id}`);
      return c.json(toWork(row, official), 201);
    },
    builderHook,
  )
  .openapi(getRoute, async (c) => {
    const { official, survey } = await visibleSurvey(c, c.req.valid('param').id);
    return c.json(toWork(survey, official), 200);
  })
  .openapi(
    putRoute,
    async (c) => {
      const { id } = c.req.valid('param');
      const { official, survey } = await managedSurvey(c, id);
      const input = c.req.valid('json');
      if (survey.status !== 'draft') {
        throw statusConflict(
          survey,
          id,
          'not_draft',
          'Khảo sát đã phát hành: phiếu câu hỏi không sửa được nữa.',
        );
      }
      const values = valuesOf(input);
      const now = new Date().toISOString();
      const { changed, row } = await updateDraft(
        c.var.db,
        { id, version: input.version, values, now },
        audit(
          c,
          official,
          {
            action: 'survey.update',
            entityId: id,
            from: `version ${input.version}`,
            to: `version ${input.version + 1}`,
            note: values.title,
          },
          now,
        ),
      );
      if (!changed) {
        if (row && row.status !== 'draft') {
          throw statusConflict(
            row,
            id,
            'not_draft',
            'Khảo sát đã phát hành: phiếu câu hỏi không sửa được nữa.',
          );
        }
        if (!row) throw surveyNotFound(id);
        throw new ApiError(
          409,
          'version_conflict',
          'Khảo sát vừa được người khác lưu. Vui lòng tải lại rồi sửa tiếp.',
          { version: Number(row.version) },
        );
      }
      return c.json(toWork(row as SurveyRow, official), 200);
    },
    builderHook,
  )
  .openapi(publishRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { official, survey } = await managedSurvey(c, id);
    if (survey.status === 'published') return c.json(toWork(survey, official), 200);
    if (survey.status !== 'draft') {
      throw statusConflict(survey, id, 'not_draft', 'Khảo sát đã đóng, không phát hành lại được.');
    }
    const now = new Date().toISOString();
    if (survey.closesAt <= now) {
      throw new ApiError(
        422,
        'window_passed',
        'Thời điểm đóng khảo sát đã qua. Vui lòng sửa thời gian khảo sát trước khi phát hành.',
        { closesAt: survey.closesAt },
      );
    }
    const { changed, row } = await changeStatus(
      c.var.db,
      { id, from: 'draft', to: 'published', now },
      audit(
        c,
        official,
        { action: 'survey.publish', entityId: id, from: 'draft', to: 'published' },
        now,
      ),
    );
    // A parallel publish got there first: the same outcome.
    if (!changed && row?.status !== 'published') {
      throw statusConflict(row, id, 'not_draft', 'Khảo sát đã đóng, không phát hành lại được.');
    }
    return c.json(toWork(row as SurveyRow, official), 200);
  })
  .openapi(closeRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { official, survey } = await managedSurvey(c, id);
    if (survey.status === 'closed') return c.json(toWork(survey, official), 200);
    const notPublished = 'Bản nháp chưa phát hành, không cần đóng (có thể xoá).';
    if (survey.status !== 'published') {
      throw statusConflict(survey, id, 'not_published', notPublished);
    }
    const now = new Date().toISOString();
    const { changed, row } = await changeStatus(
      c.var.db,
      { id, from: 'published' as SurveyStatus, to: 'closed', now },
      audit(
        c,
        official,
        { action: 'survey.close', entityId: id, from: 'published', to: 'closed' },
        now,
      ),
    );
    if (!changed && row?.status !== 'closed') {
      throw statusConflict(row, id, 'not_published', notPublished);
    }
    return c.json(toWork(row as SurveyRow, official), 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { official, survey } = await managedSurvey(c, id);
    const notDraft = 'Chỉ xoá được bản nháp; khảo sát đã phát hành chỉ có thể đóng.';
    if (survey.status !== 'draft') throw statusConflict(survey, id, 'not_draft', notDraft);
    const now = new Date().toISOString();
    const deleted = await deleteDraft(
      c.var.db,
      id,
      audit(c, official, { action: 'survey.delete', entityId: id, from: survey.title }, now),
    );
    if (!deleted) {
      const row = await findSurvey(c.var.db, id);
      throw statusConflict(row, id, 'not_draft', notDraft);
    }
    return c.json({ deleted: true as const, id }, 200);
  })
  .openapi(resultsRoute, async (c) => {
    const { official, survey } = await requireResults(c, c.req.valid('param').id);
    const now = new Date();
    const results = await surveyResults(c.var.db, survey, parseStoredDefinition(survey), now);
    return c.json(
      { survey: summaryOf(survey, official), ...results, generatedAt: now.toISOString() },
      200,
    );
  })
  .openapi(xlsxRoute, async (c) => {
    const { survey } = await requireResults(c, c.req.valid('param').id);
    const now = new Date();
    const definition = parseStoredDefinition(survey);
    const [responses, results] = await Promise.all([
      exportData(c, survey, 'xlsx'),
      surveyResults(c.var.db, survey, definition, now),
    ]);
    const file = await buildXlsx(survey, exportTable(definition, responses), results, now);
    return c.body(file, 200, {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': `attachment; filename="${exportFileName(survey.id, 'xlsx')}"`,
    });
  })
  .openapi(csvRoute, async (c) => {
    const { survey } = await requireResults(c, c.req.valid('param').id);
    const responses = await exportData(c, survey, 'csv');
    const csv = buildCsv(exportTable(parseStoredDefinition(survey), responses));
    return c.body(csv, 200, {
      'Content-Type': CSV_TYPE,
      'Content-Disposition': `attachment; filename="${exportFileName(survey.id, 'csv')}"`,
    });
  });
