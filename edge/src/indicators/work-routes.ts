import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { requireOfficial } from '../access/guard';
import { can, scopesOf } from '../access/permissions';
import { changedFields, officialAuditEntry } from '../audit/log';
import { englishColumn } from '../content/lang';
import type { AppEnv, OfficialPrincipal } from '../platform/env';
import { ApiError } from '../platform/errors';
import { contentDispositionFor, readBodyCapped } from '../platform/files';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  type ImportError,
  MAX_LISTED_ERRORS,
  readCsv,
  readXlsx,
  validateLines,
} from './import';
import { frequencyOf } from './periods';
import {
  agencyCodes,
  allValues,
  codeTaken,
  deleteDraft,
  deleteValue,
  findIndicator,
  type IndicatorRow,
  importCounts,
  indicatorsByCode,
  insertIndicator,
  listImports,
  runImport,
  statsOf,
  updateIndicator,
  upsertValue,
  workIndicator,
  workList,
} from './repo';
import {
  CreateBody,
  ImportListSchema,
  ImportQuery,
  ImportResultSchema,
  IndicatorIdParam,
  IndicatorPeriodParam,
  PatchBody,
  ValueBody,
  VersionBody,
  WorkIndicatorResultSchema,
  WorkListQuery,
  WorkListSchema,
} from './schemas';

// Socio-economic indicators for the statistics editors (/api/v1/work/indicators, permission
// `indicators.manage` for the indicator's agency). An indicator of another agency answers 404.
// Values come one by one or as a whole file: a file is checked line by line first, and any
// error refuses it whole, with every line's problem listed, so nothing is half-imported.

const TAG = 'Chỉ tiêu kinh tế - xã hội (cán bộ)';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];

function editor(c: Context<AppEnv>): OfficialPrincipal {
  const me = requireOfficial(c);
  if (scopesOf(me, 'indicators.manage').size === 0) {
    throw new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', {
      action: 'indicators.manage',
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

const fileTooLarge = () =>
  new ApiError(413, 'file_too_large', 'Tệp vượt quá 5 MB. Hãy chia thành nhiều tệp nhỏ hơn.');

// The multipart envelope adds a little to the file; the file itself is checked again.
const bodyCap = bodyLimit({
  maxSize: IMPORT_MAX_BYTES + 64 * 1024,
  onError: () => {
    throw fileTooLarge();
  },
});

const mayManage = (me: OfficialPrincipal, agencyId: string) =>
  can(me, 'indicators.manage', { agencyId, communeId: null });
const agenciesOf = (me: OfficialPrincipal) =>
  scopesOf(me, 'indicators.manage').has('any') ? null : [me.agencyId];

const notFound = () => new ApiError(404, 'indicator_not_found', 'Không tìm thấy chỉ tiêu.');
const versionConflict = () =>
  new ApiError(
    409,
    'version_conflict',
    'Nội dung đã được người khác sửa. Vui lòng tải lại để xem bản mới nhất rồi sửa tiếp.',
  );
const duplicateCode = (code: string) =>
  new ApiError(409, 'duplicate_code', `Mã chỉ tiêu ${code} đã có.`, { code });

async function myIndicator(c: Context<AppEnv>, me: OfficialPrincipal, id: string) {
  const row = await findIndicator(c.var.db, id);
  if (!row || !mayManage(me, row.agencyId)) throw notFound();
  return row;
}

async function idFor(officialId: string, requestKey: string | undefined): Promise<string> {
  if (!requestKey) return `ct_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`indicator:${officialId}:${requestKey}`),
  );
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `ct_${hex.slice(0, 24)}`;
}

async function result(c: Context<AppEnv>, row: IndicatorRow) {
  const [stats, values] = await Promise.all([
    statsOf(c.var.db, [row.id]),
    allValues(c.var.db, row.id),
  ]);
  return {
    indicator: workIndicator(row, stats.get(row.id) ?? { latestPeriod: null, valueCount: 0 }),
    values: values.map(({ indicatorId: _, ...v }) => v),
  };
}

const denied = {
  401: error('Chưa đăng nhập (`official_session_required`)'),
  403: error('Không có quyền (`forbidden`) hoặc thiếu mã CSRF (`csrf_failed`)'),
};
const missing = { 404: error('Không có chỉ tiêu này (`indicator_not_found`)') };

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Chỉ tiêu của cơ quan (mọi trạng thái)',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { query: WorkListQuery },
  responses: {
    200: json(WorkListSchema, 'Chỉ tiêu'),
    400: error('Tham số không hợp lệ'),
    ...denied,
  },
});

const createIndicatorRoute = createRoute({
  method: 'post',
  path: '/',
  tags: [TAG],
  summary: 'Thêm chỉ tiêu (bản nháp)',
  description: 'Mã dạng ^[A-Z0-9_]{2,40}$, không trùng với chỉ tiêu nào (409 `duplicate_code`).',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { body: body(CreateBody) },
  responses: {
    200: json(WorkIndicatorResultSchema, 'Đã tạo từ trước (cùng `requestKey`)'),
    201: json(WorkIndicatorResultSchema, 'Đã tạo'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    409: error('Mã đã có (`duplicate_code`)'),
  },
});

const importsRoute = createRoute({
  method: 'get',
  path: '/imports',
  tags: [TAG],
  summary: 'Lịch sử nhập tệp (50 lần gần nhất)',
  security: SECURITY,
  middleware: [editorOnly] as const,
  responses: { 200: json(ImportListSchema, 'Các lần nhập'), ...denied },
});

const importRoute = createRoute({
  method: 'post',
  path: '/imports',
  tags: [TAG],
  summary: 'Nhập số liệu từ XLSX hoặc CSV',
  description: `Tệp trong trường \`file\` (multipart/form-data) hoặc là thân yêu cầu; tối đa 5 MB và ${IMPORT_MAX_ROWS} dòng. XLSX: trang tính đầu tiên. Cột (dòng tiêu đề): code/Mã chỉ tiêu, period/Kỳ, value/Giá trị, target/Kế hoạch (không bắt buộc), note/Ghi chú (không bắt buộc). Kỳ: 2025, 2025-Q3, Q3/2025, Quý 3/2025, 2025-07, 07/2025, T7/2025, phải đúng loại kỳ của chỉ tiêu. Số trong CSV: 1234.5, 1234,5, 1 234,5, 1.234,5, 1,234.5; một dấu chấm/phẩy đứng trước đúng 3 chữ số (1.234, 12,500) bị từ chối vì không rõ nghĩa. Có lỗi: 422 \`import_invalid\` với \`details.errors = [{ line, field, message }]\` (dòng tiêu đề là 1; tối đa ${MAX_LISTED_ERRORS} lỗi, \`details.total\`), không ghi gì. \`dryRun=true\`: chỉ kiểm tra và đếm số mới/thay đổi/không đổi.`,
  security: SECURITY,
  middleware: [editorOnly, bodyCap] as const,
  request: {
    query: ImportQuery,
    // Not `required`: the raw-body forms (CSV text, XLSX bytes) must reach the handler
    // without the form validator; the handler reads and checks the file itself.
    body: {
      required: false,
      content: {
        'multipart/form-data': {
          schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }),
        },
        'text/csv': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
      },
    },
  },
  responses: {
    200: json(ImportResultSchema, 'Đã kiểm tra (dryRun) hoặc đã nhập'),
    400: error('Thiếu tệp (`file_required`)'),
    ...denied,
    413: error('Tệp quá 5 MB hoặc quá nhiều dòng (`file_too_large`)'),
    422: error('Có dòng lỗi (`import_invalid`): `details.errors`, `details.total`'),
  },
});

const templateRoute = createRoute({
  method: 'get',
  path: '/template.xlsx',
  tags: [TAG],
  summary: 'Tệp mẫu XLSX với các mã chỉ tiêu của cơ quan',
  security: SECURITY,
  middleware: [editorOnly] as const,
  responses: {
    200: {
      description: 'Tệp Excel',
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
          schema: z.string().openapi({ format: 'binary' }),
        },
      },
    },
    ...denied,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: [TAG],
  summary: 'Một chỉ tiêu và mọi số liệu',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { params: IndicatorIdParam },
  responses: { 200: json(WorkIndicatorResultSchema, 'Chỉ tiêu'), ...denied, ...missing },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: [TAG],
  summary: 'Sửa chỉ tiêu',
  description: 'Gửi kèm `version` đã đọc; nếu người khác đã sửa trước: 409 `version_conflict`.',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { params: IndicatorIdParam, body: body(PatchBody) },
  responses: {
    200: json(WorkIndicatorResultSchema, 'Đã sửa'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    ...missing,
    409: error('Người khác đã sửa (`version_conflict`) hoặc mã đã có (`duplicate_code`)'),
    422: error('Đổi loại kỳ khi đã có số liệu (`frequency_locked`)'),
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
    request: { params: IndicatorIdParam, body: body(VersionBody) },
    responses: {
      200: json(WorkIndicatorResultSchema, 'Đã đổi trạng thái'),
      400: error('Dữ liệu không hợp lệ'),
      ...denied,
      ...missing,
      409: error('Người khác đã sửa (`version_conflict`)'),
    },
  });
const publishRoute = statusRoute('/{id}/publish', 'Công bố');
const archiveRoute = statusRoute('/{id}/archive', 'Lưu trữ (gỡ khỏi trang công khai)');

const deleteRoute = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: [TAG],
  summary: 'Xóa một bản nháp (cùng số liệu của nó)',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { params: IndicatorIdParam },
  responses: {
    200: json(z.object({ deleted: z.literal(true) }), 'Đã xóa'),
    ...denied,
    ...missing,
    409: error('Không phải bản nháp (`not_draft`)'),
  },
});

const putValueRoute = createRoute({
  method: 'put',
  path: '/{id}/values/{period}',
  tags: [TAG],
  summary: 'Ghi số liệu một kỳ',
  description: 'Kỳ viết như khi nhập tệp (2025, 2025-Q3, 07/2025…), phải đúng loại kỳ.',
  security: SECURITY,
  middleware: [editorOnly, requireJsonBody] as const,
  request: { params: IndicatorPeriodParam, body: body(ValueBody) },
  responses: {
    200: json(WorkIndicatorResultSchema, 'Đã ghi'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    ...missing,
    422: error('Kỳ không đúng loại kỳ của chỉ tiêu (`period_mismatch`)'),
  },
});

const deleteValueRoute = createRoute({
  method: 'delete',
  path: '/{id}/values/{period}',
  tags: [TAG],
  summary: 'Xóa số liệu một kỳ',
  security: SECURITY,
  middleware: [editorOnly] as const,
  request: { params: IndicatorPeriodParam },
  responses: {
    200: json(WorkIndicatorResultSchema, 'Đã xóa'),
    400: error('Kỳ không hợp lệ'),
    ...denied,
    404: error('Không có chỉ tiêu hoặc số liệu kỳ này (`indicator_not_found`, `value_not_found`)'),
  },
});

function importInvalid(errors: ImportError[]) {
  return new ApiError(
    422,
    'import_invalid',
    `Tệp có ${errors.length} lỗi, chưa nhập gì. Hãy sửa các dòng được liệt kê rồi nhập lại.`,
    { errors: errors.slice(0, MAX_LISTED_ERRORS), total: errors.length },
  );
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The uploaded file's bytes and name: a multipart `file` field or the raw body. */
async function readUpload(c: Context<AppEnv>, declaredName: string | undefined) {
  const contentType = c.req.header('content-type') ?? '';
  if (contentType.toLowerCase().startsWith('multipart/form-data')) {
    // The route's form validator has read the multipart body already (within bodyCap).
    const field = (c.req.valid as (t: 'form') => { file?: unknown })('form').file;
    if (!(field instanceof Blob)) {
      throw new ApiError(400, 'file_required', 'Hãy chọn tệp XLSX hoặc CSV (trường "file").');
    }
    if (field.size > IMPORT_MAX_BYTES) throw fileTooLarge();
    const name = declaredName ?? ((field as File).name || 'tep-tai-len');
    return { bytes: new Uint8Array(await field.arrayBuffer()), fileName: name };
  }
  const bytes = await readBodyCapped(c.req.raw, IMPORT_MAX_BYTES, fileTooLarge);
  return { bytes, fileName: declaredName ?? 'tep-tai-len' };
}

export const indicatorWorkRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const me = editor(c);
    const q = c.req.valid('query');
    const offset = q.cursor ? Number(q.cursor.slice(1)) : 0;
    const { items, more } = await workList(c.var.db, agenciesOf(me), {
      status: q.status,
      q: q.q,
      offset,
      limit: q.limit,
    });
    return c.json({ items, nextCursor: more ? `o${offset + q.limit}` : null }, 200);
  })
  .openapi(createIndicatorRoute, async (c) => {
    const me = editor(c);
    const input = c.req.valid('json');
    const id = await idFor(me.id, input.requestKey);
    const existing = await findIndicator(c.var.db, id);
    if (existing) return c.json(await result(c, existing), 200);
    if (await codeTaken(c.var.db, input.code, null)) throw duplicateCode(input.code);
    const now = new Date().toISOString();
    const row: IndicatorRow = {
      id,
      code: input.code,
      agencyId: me.agencyId,
      groupName: input.groupName,
      name: input.name,
      unit: input.unit,
      description: input.description,
      frequency: input.frequency,
      higherIsBetter: input.higherIsBetter,
      en: englishColumn(input.en ?? {}),
      sortOrder: input.sortOrder,
      status: 'draft',
      publishedAt: null,
      version: 1,
      updatedAt: now,
    };
    try {
      await insertIndicator(
        c.var.db,
        row,
        me.id,
        officialAuditEntry(c, me, now, {
          action: 'indicator.create',
          entityType: 'indicator',
          entityId: id,
          to: JSON.stringify({ ...row, en: input.en ?? null }),
        }),
      );
    } catch (err) {
      // Two editors creating the same code at once: the unique index decides.
      if (String(err).includes('UNIQUE') && (await codeTaken(c.var.db, input.code, null))) {
        const again = await findIndicator(c.var.db, id);
        if (again) return c.json(await result(c, again), 200);
        throw duplicateCode(input.code);
      }
      throw err;
    }
    const created = await findIndicator(c.var.db, id);
    if (!created) throw notFound();
    return c.json(await result(c, created), 201);
  })
  .openapi(importsRoute, async (c) => {
    const me = editor(c);
    return c.json({ items: await listImports(c.var.db, agenciesOf(me)) }, 200);
  })
  .openapi(importRoute, async (c) => {
    const me = editor(c);
    const q = c.req.valid('query');
    const upload = await readUpload(c, q.fileName);
    if (upload.bytes.byteLength === 0) {
      throw new ApiError(400, 'file_required', 'Hãy chọn tệp XLSX hoặc CSV.');
    }
    const format = isZip(upload.bytes) ? ('xlsx' as const) : ('csv' as const);
    let read: Awaited<ReturnType<typeof readXlsx>>;
    if (format === 'xlsx') read = await readXlsx(upload.bytes);
    else {
      const text = new TextDecoder('utf-8').decode(upload.bytes);
      // A replacement character means the bytes were not UTF-8 (an old Windows-1258 export).
      if (text.includes('\uFFFD')) {
        throw importInvalid([
          { line: 1, field: null, message: 'Tệp CSV phải mã hóa UTF-8 (Excel: "CSV UTF-8").' },
        ]);
      }
      read = readCsv(text);
    }
    if (!read.ok) throw importInvalid(read.errors);
    if (read.lines.length === 0) {
      throw importInvalid([{ line: 2, field: null, message: 'Tệp không có dòng số liệu nào.' }]);
    }
    if (read.lines.length > IMPORT_MAX_ROWS) {
      throw new ApiError(
        413,
        'file_too_large',
        `Tệp có ${read.lines.length} dòng, tối đa ${IMPORT_MAX_ROWS} dòng mỗi lần nhập.`,
      );
    }
    const codes = read.lines.flatMap((l) =>
      typeof l.cells.code === 'string' || typeof l.cells.code === 'number'
        ? [String(l.cells.code).trim().toUpperCase()]
        : [],
    );
    const known = await indicatorsByCode(c.var.db, codes);
    const { rows, errors } = validateLines(read.lines, known, (agencyId) =>
      mayManage(me, agencyId),
    );
    if (errors.length > 0) throw importInvalid(errors);
    const counts = await importCounts(c.var.db, rows);
    if (q.dryRun) {
      return c.json({ dryRun: true, format, rows: rows.length, ...counts, importId: null }, 200);
    }
    const importId = `nh_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
    const now = new Date().toISOString();
    const fileName = upload.fileName.slice(0, 200);
    await runImport(
      c.var.db,
      { id: importId, agencyId: me.agencyId, fileName, format, by: me.id, now },
      rows,
      officialAuditEntry(c, me, now, {
        action: 'indicator.import',
        entityType: 'indicator_import',
        entityId: importId,
        to: JSON.stringify({ fileName, format, rows: rows.length, ...counts }),
      }),
    );
    return c.json({ dryRun: false, format, rows: rows.length, ...counts, importId }, 200);
  })
  .openapi(templateRoute, async (c) => {
    const me = editor(c);
    const codes = await agencyCodes(c.var.db, agenciesOf(me));
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    const sheet = wb.addWorksheet('So lieu');
    sheet.columns = [
      { header: 'Mã chỉ tiêu', key: 'code', width: 24 },
      { header: 'Kỳ', key: 'period', width: 12 },
      { header: 'Giá trị', key: 'value', width: 14 },
      { header: 'Kế hoạch', key: 'target', width: 14 },
      { header: 'Ghi chú', key: 'note', width: 30 },
    ];
    const list = wb.addWorksheet('Danh muc chi tieu');
    list.columns = [
      { header: 'Mã chỉ tiêu', key: 'code', width: 24 },
      { header: 'Tên', key: 'name', width: 48 },
      { header: 'Đơn vị', key: 'unit', width: 16 },
      { header: 'Loại kỳ', key: 'frequency', width: 10 },
      { header: 'Kỳ mới nhất', key: 'latest', width: 14 },
    ];
    const FREQ = { year: 'Năm', quarter: 'Quý', month: 'Tháng' } as const;
    for (const r of codes) {
      sheet.addRow({ code: r.code, period: '', value: null, target: null, note: '' });
      list.addRow({ ...r, frequency: FREQ[r.frequency], latest: r.latest ?? '' });
    }
    for (const s of [sheet, list]) s.getRow(1).font = { bold: true };
    const buffer = await wb.xlsx.writeBuffer();
    return c.body(new Uint8Array(buffer as ArrayBuffer), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': contentDispositionFor('mau-nhap-chi-tieu.xlsx'),
      'Cache-Control': 'private, no-store',
    });
  })
  .openapi(getRoute, async (c) => {
    const me = editor(c);
    return c.json(await result(c, await myIndicator(c, me, c.req.valid('param').id)), 200);
  })
  .openapi(patchRoute, async (c) => {
    const me = editor(c);
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const row = await myIndicator(c, me, id);
    if (row.version !== patch.version) throw versionConflict();
    if (patch.code && patch.code !== row.code && (await codeTaken(c.var.db, patch.code, id))) {
      throw duplicateCode(patch.code);
    }
    if (patch.frequency && patch.frequency !== row.frequency) {
      const stats = await statsOf(c.var.db, [id]);
      if ((stats.get(id)?.valueCount ?? 0) > 0) {
        throw new ApiError(
          422,
          'frequency_locked',
          'Chỉ tiêu đã có số liệu nên không đổi được loại kỳ. Hãy tạo chỉ tiêu mới.',
        );
      }
    }
    const now = new Date().toISOString();
    const { version, en, ...fields } = patch;
    const next: IndicatorRow = {
      ...row,
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      en: en === undefined ? row.en : englishColumn(en ?? {}),
      updatedAt: now,
    };
    const diff = changedFields(row, { ...next, updatedAt: row.updatedAt });
    if (!diff.changed) return c.json(await result(c, row), 200);
    const ok = await updateIndicator(
      c.var.db,
      next,
      version,
      me.id,
      officialAuditEntry(c, me, now, {
        action: 'indicator.update',
        entityType: 'indicator',
        entityId: id,
        from: diff.from,
        to: diff.to,
      }),
      row.status === 'published',
    );
    if (!ok) throw versionConflict();
    return c.json(await result(c, (await findIndicator(c.var.db, id)) ?? next), 200);
  })
  .openapi(publishRoute, async (c) => setStatus(c, 'published'))
  .openapi(archiveRoute, async (c) => setStatus(c, 'archived'))
  .openapi(deleteRoute, async (c) => {
    const me = editor(c);
    const { id } = c.req.valid('param');
    const row = await myIndicator(c, me, id);
    if (row.status !== 'draft') {
      throw new ApiError(
        409,
        'not_draft',
        'Chỉ xóa được bản nháp; chỉ tiêu đã công bố thì hãy lưu trữ.',
      );
    }
    const now = new Date().toISOString();
    const ok = await deleteDraft(
      c.var.db,
      id,
      officialAuditEntry(c, me, now, {
        action: 'indicator.delete',
        entityType: 'indicator',
        entityId: id,
        from: JSON.stringify({ code: row.code, name: row.name }),
      }),
    );
    if (!ok) throw notFound();
    return c.json({ deleted: true as const }, 200);
  })
  .openapi(putValueRoute, async (c) => {
    const me = editor(c);
    const { id, period } = c.req.valid('param');
    const input = c.req.valid('json');
    const row = await myIndicator(c, me, id);
    if (frequencyOf(period) !== row.frequency) {
      throw new ApiError(422, 'period_mismatch', `Kỳ ${period} không đúng loại kỳ của chỉ tiêu.`, {
        frequency: row.frequency,
      });
    }
    const now = new Date().toISOString();
    const value = {
      indicatorId: id,
      period,
      value: input.value,
      target: input.target ?? null,
      note: input.note || null,
    };
    const before = (await allValues(c.var.db, id)).find((v) => v.period === period);
    await upsertValue(
      c.var.db,
      value,
      me.id,
      now,
      officialAuditEntry(c, me, now, {
        action: 'indicator.value_set',
        entityType: 'indicator',
        entityId: id,
        from: before
          ? JSON.stringify({
              period,
              value: before.value,
              target: before.target,
              note: before.note,
            })
          : null,
        to: JSON.stringify({ period, value: value.value, target: value.target, note: value.note }),
      }),
      row.status === 'published',
    );
    return c.json(await result(c, row), 200);
  })
  .openapi(deleteValueRoute, async (c) => {
    const me = editor(c);
    const { id, period } = c.req.valid('param');
    const row = await myIndicator(c, me, id);
    const before = (await allValues(c.var.db, id)).find((v) => v.period === period);
    if (!before) throw new ApiError(404, 'value_not_found', `Chưa có số liệu kỳ ${period}.`);
    const now = new Date().toISOString();
    await deleteValue(
      c.var.db,
      id,
      period,
      officialAuditEntry(c, me, now, {
        action: 'indicator.value_delete',
        entityType: 'indicator',
        entityId: id,
        from: JSON.stringify({ period, value: before.value, target: before.target }),
      }),
      row.status === 'published',
    );
    return c.json(await result(c, row), 200);
  });

async function setStatus(c: Context<AppEnv>, status: 'published' | 'archived') {
  const me = editor(c);
  const id = c.req.param('id') as string;
  const { version } = (await c.req.json()) as { version: number };
  const row = await myIndicator(c, me, id);
  if (row.version !== version) throw versionConflict();
  if (row.status === status) return c.json(await result(c, row), 200);
  const now = new Date().toISOString();
  const next: IndicatorRow = {
    ...row,
    status,
    publishedAt: status === 'published' ? (row.publishedAt ?? now) : row.publishedAt,
    updatedAt: now,
  };
  const ok = await updateIndicator(
    c.var.db,
    next,
    version,
    me.id,
    officialAuditEntry(c, me, now, {
      action: status === 'published' ? 'indicator.publish' : 'indicator.archive',
      entityType: 'indicator',
      entityId: id,
      from: row.status,
      to: status,
    }),
    true,
  );
  if (!ok) throw versionConflict();
  return c.json(await result(c, (await findIndicator(c.var.db, id)) ?? next), 200);
}
