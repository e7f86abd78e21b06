import { createRoute, z } from '@hono/zod-openapi';
import { REPORT_STATUSES } from '@tinh/db/schema';
import type { Context } from 'hono';
import { requireOfficial } from '../access/guard';
import { reportScope } from '../access/permissions';
import { encodeCursor, periodRange, toFtsQuery } from '../feed/params';
import { duplicateCandidates, mergeReport } from '../intake/merge';
import { mediaUrl } from '../media/config';
import type { AppEnv } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import { STATUS_LABELS } from '../reports/labels';
import { communeRef } from '../reports/view';
import {
  type ActCtx,
  accept,
  assignReports,
  intake,
  postNote,
  postUpdate,
  requestExtension,
  resolve,
  returnToIoc,
  start,
} from './actions';
import { workDetail } from './detail';
import { listOpenPoints, listQueue } from './queue';
import {
  AssignBody,
  AssignResultSchema,
  CodeParams,
  DuplicateCandidatesSchema,
  ExtensionBody,
  IntakeBody,
  MapQuery,
  MapSchema,
  MergeBody,
  MergeResultSchema,
  NoteBody,
  PostedEventSchema,
  QueuePageSchema,
  QueueQuery,
  ResolveBody,
  ReturnBody,
  StartBody,
  TAG,
  UpdateBody,
  WorkDetailSchema,
} from './schemas';

// The officials' workflow on field reports, /api/v1/work/reports. Every route needs a signed-in
// official (401 otherwise); what they see and may do comes from access/permissions.ts only:
// lists filter by `reportScope` in SQL, a report outside the official's scope answers 404, an
// action they may not take 403, an action the report's state does not allow 409
// `illegal_transition`.

/** Points sent for one map at most. */
export const WORK_MAP_MAX_POINTS = 3000;

const common = {
  401: error('Chưa đăng nhập tài khoản cán bộ (`official_session_required`)'),
  403: error('Không có quyền (`forbidden`)'),
};
const action = {
  ...common,
  400: error('Dữ liệu không hợp lệ (`validation_failed`)'),
  404: error('Không có phản ánh này trong phạm vi của bạn (`report_not_found`)'),
  409: error('Trạng thái hiện tại không cho phép thao tác này (`illegal_transition`)'),
};

export function actCtx(c: Context<AppEnv>): ActCtx {
  return {
    db: c.var.db,
    env: c.env,
    official: requireOfficial(c),
    now: new Date(),
    requestId: c.var.requestId ?? null,
  };
}

const detailAnswer = async (c: Context<AppEnv>, ctx: ActCtx, code: string) => {
  c.header('Cache-Control', 'private, no-store');
  return workDetail(ctx.db, ctx.official, code);
};

// ---- routes -------------------------------------------------------------------------------

const queueRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Hàng chờ phản ánh',
  description:
    'Phản ánh trong phạm vi của cán bộ (IOC: tất cả; cơ quan: phản ánh của cơ quan; xã/phường: phản ánh trên địa bàn), ' +
    'lọc theo trạng thái, lĩnh vực, cơ quan, xã/phường, quá hạn, thời gian và từ khoá; phân trang bằng `cursor` hoặc `page`, kèm tổng số.',
  request: { query: QueueQuery },
  responses: {
    200: json(QueuePageSchema, 'Một trang'),
    400: error('Tham số không hợp lệ'),
    ...common,
  },
});

const mapRoute = createRoute({
  method: 'get',
  path: '/map',
  tags: [TAG],
  summary: 'Bản đồ phản ánh đang mở',
  description: `Vị trí chính xác các phản ánh chưa xử lý xong trong phạm vi của cán bộ, mới nhất trước, tối đa ${WORK_MAP_MAX_POINTS}.`,
  request: { query: MapQuery },
  responses: { 200: json(MapSchema, 'Các điểm'), 400: error('Tham số không hợp lệ'), ...common },
});

const assignRoute = createRoute({
  method: 'post',
  path: '/assign',
  tags: [TAG],
  summary: 'Chuyển xử lý (một hoặc nhiều phản ánh)',
  description:
    'IOC chuyển phản ánh cho cơ quan đã chọn, hoặc mỗi phản ánh cho cơ quan mặc định của lĩnh vực ' +
    '(lĩnh vực cấp xã: UBND xã/phường nơi xảy ra). Phản ánh không chuyển được nằm trong `skipped` kèm lý do.',
  middleware: [requireJsonBody] as const,
  request: { body: body(AssignBody) },
  responses: {
    200: json(AssignResultSchema, 'Kết quả'),
    ...action,
    422: error('Cơ quan không tồn tại (`unknown_agency`)'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/{code}',
  tags: [TAG],
  summary: 'Chi tiết phản ánh (cán bộ)',
  description:
    'Toàn bộ diễn biến (cả ghi chú nội bộ), ảnh, đề nghị gia hạn, nhật ký thay đổi, liên hệ của người phản ánh khi được phép, và các thao tác được làm lúc này (`allowedActions`).',
  request: { params: CodeParams },
  responses: {
    200: json(WorkDetailSchema, 'Phản ánh'),
    ...common,
    400: error('Mã không hợp lệ'),
    404: error('Không có phản ánh này trong phạm vi của bạn'),
  },
});

const intakeRoute = createRoute({
  method: 'post',
  path: '/{code}/intake',
  tags: [TAG],
  summary: 'IOC kiểm tra phản ánh mới',
  description:
    '`valid`: hợp lệ, chuyển ngay cho cơ quan mặc định (hoặc `agencyId`); nếu không xác định được cơ quan, phản ánh chờ IOC chuyển. ' +
    '`spam`: từ chối và ẩn khỏi mọi trang công khai; `out_of_scope`: từ chối vì không thuộc phạm vi; ' +
    '`duplicate`: gộp vào phản ánh chính `duplicateOf` (đang mở), như thao tác gộp `/{code}/merge`. ' +
    'Lý do công khai (`publicReason`) hiện cho người dân.',
  middleware: [requireJsonBody] as const,
  request: { params: CodeParams, body: body(IntakeBody) },
  responses: {
    200: json(WorkDetailSchema, 'Phản ánh sau khi kiểm tra'),
    ...action,
    422: error(
      '`unknown_category`, `unknown_agency`; khi trùng (như thao tác gộp): `duplicate_target_not_found`, `duplicate_of_self`, `duplicate_target_is_duplicate`, `duplicate_target_closed`, `duplicate_target_hidden`',
    ),
  },
});

const acceptRoute = createRoute({
  method: 'post',
  path: '/{code}/accept',
  tags: [TAG],
  summary: 'Cơ quan tiếp nhận phản ánh',
  request: { params: CodeParams },
  responses: { 200: json(WorkDetailSchema, 'Phản ánh sau thao tác'), ...action },
});

const returnRoute = createRoute({
  method: 'post',
  path: '/{code}/return',
  tags: [TAG],
  summary: 'Trả lại IOC (không đúng cơ quan)',
  description:
    'Phản ánh trở về IOC (trạng thái "Đã tiếp nhận", chưa có cơ quan); lý do là nội bộ. IOC được thông báo.',
  middleware: [requireJsonBody] as const,
  request: { params: CodeParams, body: body(ReturnBody) },
  responses: {
    200: json(
      z.object({ code: z.string(), status: z.enum(REPORT_STATUSES) }).openapi('ReturnResult'),
      'Đã trả lại (phản ánh không còn thuộc cơ quan)',
    ),
    ...action,
  },
});

const startRoute = createRoute({
  method: 'post',
  path: '/{code}/start',
  tags: [TAG],
  summary: 'Bắt đầu xử lý',
  description: 'Chuyển sang "Đang xử lý"; `message` (không bắt buộc) hiện cho người dân.',
  middleware: [requireJsonBody] as const,
  request: { params: CodeParams, body: body(StartBody) },
  responses: { 200: json(WorkDetailSchema, 'Phản ánh sau thao tác'), ...action },
});

const updateRoute = createRoute({
  method: 'post',
  path: '/{code}/updates',
  tags: [TAG],
  summary: 'Cập nhật tiến độ (công khai)',
  description: 'Người dân thấy nội dung này. Gửi lại cùng `clientKey` trả về cập nhật đã ghi.',
  middleware: [requireJsonBody] as const,
  request: { params: CodeParams, body: body(UpdateBody) },
  responses: {
    201: json(PostedEventSchema, 'Đã ghi'),
    200: json(PostedEventSchema, 'Đã ghi trước đó (cùng clientKey)'),
    ...action,
  },
});

const noteRoute = createRoute({
  method: 'post',
  path: '/{code}/notes',
  tags: [TAG],
  summary: 'Ghi chú nội bộ',
  description: 'Không bao giờ hiện cho người dân. Gửi lại cùng `clientKey` trả về ghi chú đã ghi.',
  middleware: [requireJsonBody] as const,
  request: { params: CodeParams, body: body(NoteBody) },
  responses: {
    201: json(PostedEventSchema, 'Đã ghi'),
    200: json(PostedEventSchema, 'Đã ghi trước đó (cùng clientKey)'),
    ...action,
  },
});

const extensionRoute = createRoute({
  method: 'post',
  path: '/{code}/extension-requests',
  tags: [TAG],
  summary: 'Đề nghị gia hạn',
  description: 'Cơ quan đề nghị IOC gia hạn xử lý; mỗi phản ánh chỉ có một đề nghị đang chờ.',
  middleware: [requireJsonBody] as const,
  request: { params: CodeParams, body: body(ExtensionBody) },
  responses: {
    201: json(WorkDetailSchema, 'Đã gửi đề nghị'),
    ...action,
    422: error('Hạn đề nghị không sau hạn hiện tại (`extension_not_later`)'),
  },
});

const resolveRoute = createRoute({
  method: 'post',
  path: '/{code}/resolve',
  tags: [TAG],
  summary: 'Báo cáo kết quả xử lý',
  description:
    'Trả lời công khai và ảnh kết quả. Ảnh tải lên trước qua `/api/v1/uploads` (cùng `deviceId`), rồi gửi mã ảnh trong `mediaIds`.',
  middleware: [requireJsonBody] as const,
  request: { params: CodeParams, body: body(ResolveBody) },
  responses: {
    200: json(WorkDetailSchema, 'Phản ánh đã xử lý xong'),
    ...action,
    422: error('`media_unavailable`, `too_many_media`, `device_id_required`'),
  },
});

const duplicatesRoute = createRoute({
  method: 'get',
  path: '/{code}/duplicates',
  tags: [TAG],
  summary: 'Phản ánh có thể trùng (IOC)',
  description:
    'Phản ánh đang mở gần vị trí (trong bán kính và khoảng thời gian cấu hình), cùng lĩnh vực hoặc lĩnh vực liên quan, ' +
    'nội dung tương tự; gồm cả phản ánh đang bị ẩn (có đánh dấu). Kèm hướng gộp gợi ý và các phản ánh đã gộp vào phản ánh này. ' +
    'Chỉ IOC (quyền `report.merge`).',
  request: { params: CodeParams },
  responses: {
    200: json(DuplicateCandidatesSchema, 'Ứng viên trùng'),
    ...common,
    400: error('Mã không hợp lệ'),
    404: error('Không có phản ánh này trong phạm vi của bạn (`report_not_found`)'),
  },
});

const mergeRoute = createRoute({
  method: 'post',
  path: '/{code}/merge',
  tags: [TAG],
  summary: 'Gộp phản ánh trùng vào phản ánh chính (IOC)',
  description:
    'Đóng phản ánh `code` (đang mở) ở trạng thái "Trùng", trỏ tới phản ánh chính `into` (đang mở, không bị ẩn). ' +
    'Người gửi phản ánh trùng và những người theo dõi nó trở thành người theo dõi phản ánh chính và nhận mọi thông báo tiến độ của phản ánh chính. ' +
    'Gửi lại (cùng `clientKey`, hoặc khi đã gộp vào đúng phản ánh này) trả về `created: false`, không ghi lần hai.',
  middleware: [requireJsonBody] as const,
  request: { params: CodeParams, body: body(MergeBody) },
  responses: {
    200: json(MergeResultSchema, 'Đã gộp (hoặc đã gộp trước đó)'),
    ...action,
    409: error(
      'Phản ánh đã đóng (`illegal_transition`), đã gộp vào phản ánh khác (`already_merged`), mã gửi đã dùng (`client_key_reused`)',
    ),
    422: error(
      '`duplicate_target_not_found`, `duplicate_of_self`, `duplicate_target_is_duplicate`, `duplicate_target_closed`, `duplicate_target_hidden`',
    ),
  },
});

// ---- handlers -----------------------------------------------------------------------------

const router = createRouter();
// Signed in before anything else is looked at (a bad body from a stranger is still a 401).
router.use('*', async (c, next) => {
  requireOfficial(c);
  await next();
});

export const workReportRoutes = router
  .openapi(queueRoute, async (c) => {
    const official = requireOfficial(c);
    const q = c.req.valid('query');
    const scope = reportScope(official, 'report.read');
    if (!scope) throw new ApiError(403, 'forbidden', 'Bạn không có quyền xem phản ánh.');
    if (q.cursor !== undefined && (q.page !== undefined || q.sort === 'due')) {
      throw new ApiError(
        400,
        'validation_failed',
        'Dùng `cursor` với cách sắp xếp newest/oldest và không kèm `page`.',
      );
    }
    const { start: createdFrom, end: createdBefore } = periodRange(q.from, q.to);
    const now = new Date().toISOString();
    const offset = q.page !== undefined ? (q.page - 1) * q.limit : undefined;
    const { rows, total, totalCapped } = await listQueue(
      c.var.db,
      {
        statuses: q.status,
        categoryId: q.categoryId,
        agencyId: q.agencyId,
        communeId: q.communeId,
        overdue: q.overdue,
        createdFrom,
        createdBefore,
        match: q.q ? toFtsQuery(q.q) : undefined,
      },
      scope,
      q.sort,
      { after: q.cursor, offset, limit: q.limit },
      now,
    );
    const last = rows.at(-1);
    const keyset = q.sort !== 'due' && q.page === undefined;
    c.header('Cache-Control', 'private, no-store');
    return c.json(
      {
        items: rows.map((r) => ({
          code: r.code,
          status: r.status,
          statusLabel: STATUS_LABELS[r.status],
          category: { id: r.categoryId, name: r.categoryName },
          suggestedCategoryId: r.suggestedCategoryId,
          suggestedCategory:
            r.suggestedCategoryId && r.suggestedCategoryName
              ? { id: r.suggestedCategoryId, name: r.suggestedCategoryName }
              : null,
          agency: r.agencyId ? { id: r.agencyId, name: r.agencyName ?? r.agencyId } : null,
          commune: communeRef(r.communeId, r.communeName, r.communeKind),
          description: r.description,
          address: r.address,
          location: { lat: r.lat, lng: r.lng },
          createdAt: r.createdAt,
          dueAt: r.dueAt,
          overdue: Boolean(r.overdue),
          photoId: r.photoId,
          photoUrl: r.photoId ? mediaUrl(r.photoId) : null,
          supporterCount: r.supporterCount,
          hidden: Boolean(r.hidden),
          verified: r.verifiedAt !== null,
          accepted: r.acceptedAt !== null,
        })),
        total,
        totalCapped,
        limit: q.limit,
        page: q.page ?? null,
        nextCursor: keyset && last && rows.length === q.limit ? encodeCursor(last.id) : null,
      },
      200,
    );
  })
  .openapi(mapRoute, async (c) => {
    const official = requireOfficial(c);
    const q = c.req.valid('query');
    const scope = reportScope(official, 'report.read');
    if (!scope) throw new ApiError(403, 'forbidden', 'Bạn không có quyền xem phản ánh.');
    const rows = await listOpenPoints(
      c.var.db,
      {
        statuses: q.status,
        categoryId: q.categoryId,
        agencyId: q.agencyId,
        communeId: q.communeId,
        overdue: q.overdue,
      },
      scope,
      WORK_MAP_MAX_POINTS + 1,
      new Date().toISOString(),
    );
    c.header('Cache-Control', 'private, no-store');
    return c.json(
      {
        items: rows
          .slice(0, WORK_MAP_MAX_POINTS)
          .map((r) => ({ ...r, overdue: Boolean(r.overdue) })),
        truncated: rows.length > WORK_MAP_MAX_POINTS,
      },
      200,
    );
  })
  .openapi(assignRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await assignReports(actCtx(c), input);
    c.var.logFields.assigned = result.assigned.length;
    return c.json(result, 200);
  })
  .openapi(detailRoute, async (c) => {
    const ctx = actCtx(c);
    return c.json(await detailAnswer(c, ctx, c.req.valid('param').code), 200);
  })
  .openapi(intakeRoute, async (c) => {
    const ctx = actCtx(c);
    const { code } = c.req.valid('param');
    await intake(ctx, code, c.req.valid('json'));
    return c.json(await detailAnswer(c, ctx, code), 200);
  })
  .openapi(acceptRoute, async (c) => {
    const ctx = actCtx(c);
    const { code } = c.req.valid('param');
    await accept(ctx, code);
    return c.json(await detailAnswer(c, ctx, code), 200);
  })
  .openapi(returnRoute, async (c) => {
    const ctx = actCtx(c);
    const { code } = c.req.valid('param');
    await returnToIoc(ctx, code, c.req.valid('json').reason);
    // Not the detail: the report has left the agency's scope.
    return c.json({ code, status: 'received' as const }, 200);
  })
  .openapi(startRoute, async (c) => {
    const ctx = actCtx(c);
    const { code } = c.req.valid('param');
    await start(ctx, code, c.req.valid('json').message);
    return c.json(await detailAnswer(c, ctx, code), 200);
  })
  .openapi(updateRoute, async (c) => {
    const ctx = actCtx(c);
    const { code } = c.req.valid('param');
    const { message, clientKey } = c.req.valid('json');
    const posted = await postUpdate(ctx, code, message, clientKey);
    return posted.created ? c.json(posted, 201) : c.json(posted, 200);
  })
  .openapi(noteRoute, async (c) => {
    const ctx = actCtx(c);
    const { code } = c.req.valid('param');
    const { note, clientKey } = c.req.valid('json');
    const posted = await postNote(ctx, code, note, clientKey);
    return posted.created ? c.json(posted, 201) : c.json(posted, 200);
  })
  .openapi(extensionRoute, async (c) => {
    const ctx = actCtx(c);
    const { code } = c.req.valid('param');
    await requestExtension(ctx, code, c.req.valid('json'));
    return c.json(await detailAnswer(c, ctx, code), 201);
  })
  .openapi(resolveRoute, async (c) => {
    const ctx = actCtx(c);
    const { code } = c.req.valid('param');
    await resolve(ctx, code, c.req.valid('json'));
    return c.json(await detailAnswer(c, ctx, code), 200);
  })
  .openapi(duplicatesRoute, async (c) => {
    const ctx = actCtx(c);
    const answer = await duplicateCandidates(ctx, c.req.valid('param').code);
    c.header('Cache-Control', 'private, no-store');
    return c.json(answer, 200);
  })
  .openapi(mergeRoute, async (c) => {
    const ctx = actCtx(c);
    const { code } = c.req.valid('param');
    const result = await mergeReport(ctx, code, c.req.valid('json'));
    return c.json({ ...result, status: 'duplicate' as const }, 200);
  });
