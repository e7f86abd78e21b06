import { createRoute, z } from '@hono/zod-openapi';
import { RATINGS, REPORT_STATUSES } from '@tinh/db/schema';
import type { Context } from 'hono';
import { listCategories } from '../catalog/repo';
import { intakeConfig } from '../intake/config';
import { mediaLimits } from '../media/config';
import { ACCEPTED_MIME_TYPES } from '../media/sniff';
import type { AppEnv } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { clientIp, enforceRateLimits } from '../platform/rate-limit';
import { createRouter } from '../platform/router';
import { exchangeLocationToken, graphOptionsFromEnv, ZaloGraphError } from '../zalo/graph';
import {
  mine,
  REOPEN_DAYS,
  rateReport,
  reopen,
  SIMILAR_MAX,
  similar,
  support,
  viewReport,
} from './follow';
import { insideBounds, PROVINCE } from './geo';
import { STATUS_LABELS } from './labels';
import {
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  DeviceIdSchema,
  PublicReportSchema,
  SimilarReportsBodySchema,
  SubmitReportBodySchema,
} from './schemas';
import { submitReport, zaloFailure } from './submit';
import { hashDeviceId } from './tokens';

// ---- schemas ------------------------------------------------------------------------------

const TAG = 'Phản ánh hiện trường';

const LabelSchema = z.object({ vi: z.string(), en: z.string() });

const SummarySchema = z
  .object({
    code: z.string(),
    status: z.enum(REPORT_STATUSES),
    statusLabel: LabelSchema,
    category: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }),
    description: z.string(),
    address: z.string().nullable(),
    communeName: z.string().nullable(),
    location: z.object({ lat: z.number(), lng: z.number() }),
    photoUrl: z.string().nullable(),
    supporterCount: z.number().int(),
    dueAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ReportSummary');

const SubmitResultSchema = z
  .object({
    created: z.boolean().openapi({ description: '`false`: mã lần gửi này đã được nhận trước đó' }),
    code: z.string().openapi({ example: 'PA-7K3F9Q', description: 'Mã tra cứu' }),
    followToken: z.string().optional().openapi({
      description:
        'Mã bí mật để đánh giá, mở lại phản ánh. Lưu trên thiết bị; máy chủ chỉ giữ mã băm.',
    }),
    report: PublicReportSchema,
  })
  .openapi('SubmitReportResult');

const ConfigSchema = z
  .object({
    limits: z.object({
      maxPhotoBytes: z.number().int(),
      maxVideoBytes: z.number().int(),
      maxPhotos: z.number().int(),
      maxVideos: z.number().int(),
      chunkSize: z.number().int().openapi({ description: 'Kích thước mỗi đoạn khi tải lên' }),
      uploadTtlHours: z
        .number()
        .int()
        .openapi({ description: 'Tệp chưa gắn vào phản ánh bị xoá sau số giờ này' }),
      acceptedTypes: z.object({ photo: z.array(z.string()), video: z.array(z.string()) }),
      descriptionMin: z.number().int(),
      descriptionMax: z.number().int(),
    }),
    province: z.object({
      id: z.string(),
      name: z.string(),
      center: z.object({ lat: z.number(), lng: z.number() }),
      bounds: z.object({
        south: z.number(),
        west: z.number(),
        north: z.number(),
        east: z.number(),
      }),
    }),
    categories: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        nameEn: z.string(),
        examples: z.array(z.string()),
        slaHours: z.number().int(),
        defaultAgency: z.object({ id: z.string(), name: z.string() }),
      }),
    ),
    statuses: z.array(z.object({ id: z.enum(REPORT_STATUSES), label: LabelSchema })),
    reopenDays: z.number().int(),
    nearbyMetres: z
      .number()
      .int()
      .openapi({ description: 'Bán kính tìm phản ánh tương tự ("Tôi cũng gặp"), mét' }),
    zaloLocation: z
      .boolean()
      .openapi({ description: 'Máy chủ đổi được mã vị trí của Zalo (`getLocation`)' }),
  })
  .openapi('ReportConfig');

const CodeParams = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[Pp][Aa]-?[2-9A-HJ-NP-Za-hj-np-z]{6}$/, 'Mã phản ánh không hợp lệ (dạng PA-7K3F9Q).')
    .openapi({ param: { name: 'code', in: 'path' }, example: 'PA-7K3F9Q' }),
});

const FollowHeaders = z.object({
  'x-follow-token': z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'Mã theo dõi nhận được khi gửi phản ánh (chỉ người gửi có)' }),
});

const DeviceHeaders = z.object({
  'x-device-id': DeviceIdSchema.optional().openapi({
    param: { name: 'x-device-id', in: 'header' },
  }),
});

const RatingBodySchema = z
  .object({
    rating: z.enum(RATINGS, {
      error: 'Vui lòng chọn mức đánh giá: hài lòng, chấp nhận được hoặc không hài lòng.',
    }),
    comment: z
      .string({ error: 'Nhận xét phải là chuỗi ký tự.' })
      .trim()
      .max(1000, 'Nhận xét tối đa 1000 ký tự.')
      .optional()
      .transform((v) => (v ? v : undefined)),
  })
  .openapi('RateReport');

const ReopenBodySchema = z
  .object({
    reason: z
      .string({ error: 'Lý do phải là chuỗi ký tự.' })
      .trim()
      .max(1000, 'Lý do tối đa 1000 ký tự.')
      .optional(),
  })
  .openapi('ReopenReport');

const SupportBodySchema = z.object({ deviceId: DeviceIdSchema }).openapi('SupportReport');

const MineQuery = z.object({
  cursor: z
    .string()
    .regex(/^[0-9a-z]{1,12}$/, 'Con trỏ trang không hợp lệ.')
    .optional()
    .openapi({
      param: { name: 'cursor', in: 'query' },
      description: '`nextCursor` của trang trước',
    }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(20)
    .openapi({ param: { name: 'limit', in: 'query' } }),
});

const LocateBodySchema = z
  .object({
    token: z.string({ error: 'Thiếu mã vị trí Zalo (token).' }).min(1).max(4096),
    accessToken: z.string({ error: 'Thiếu mã truy cập Zalo (accessToken).' }).min(1).max(4096),
  })
  .openapi('LocateWithZalo');

// ---- routes -------------------------------------------------------------------------------

const configRoute = createRoute({
  method: 'get',
  path: '/config',
  tags: [TAG],
  summary: 'Cấu hình gửi phản ánh',
  description:
    'Giới hạn ảnh/video, định dạng được nhận, phạm vi tỉnh và các lĩnh vực, để ứng dụng hiển thị cho người dân.',
  responses: { 200: json(ConfigSchema, 'Cấu hình') },
});

const locateRoute = createRoute({
  method: 'post',
  path: '/locate',
  tags: [TAG],
  summary: 'Đổi mã vị trí Zalo thành toạ độ',
  description:
    'Dùng mã `token` của zmp-sdk `getLocation()` và `getAccessToken()` để lấy toạ độ (qua Zalo Graph API), cho biết có thuộc tỉnh không.',
  middleware: [requireJsonBody] as const,
  request: { body: body(LocateBodySchema) },
  responses: {
    200: json(
      z
        .object({ lat: z.number(), lng: z.number(), insideProvince: z.boolean() })
        .openapi('ZaloLocation'),
      'Toạ độ',
    ),
    400: error('Dữ liệu không hợp lệ'),
    422: error('Zalo từ chối mã vị trí (`zalo_location_failed`)'),
    502: error('Không kết nối được Zalo'),
    503: error('Máy chủ chưa cấu hình Zalo'),
    504: error('Zalo phản hồi quá chậm'),
  },
});

const mineRoute = createRoute({
  method: 'get',
  path: '/mine',
  tags: [TAG],
  summary: 'Phản ánh của tôi',
  description:
    'Các phản ánh gửi từ thiết bị này (tiêu đề `X-Device-Id`), mới nhất trước; công dân đã đăng nhập Zalo thấy phản ánh của mình trên mọi thiết bị.',
  request: { headers: DeviceHeaders, query: MineQuery },
  responses: {
    200: json(
      z
        .object({
          items: z.array(SummarySchema.extend({ hidden: z.boolean() })),
          nextCursor: z.string().nullable(),
        })
        .openapi('MyReports'),
      'Danh sách',
    ),
    400: error('Tham số không hợp lệ, hoặc thiếu `X-Device-Id` (`device_id_required`)'),
  },
});

const similarRoute = createRoute({
  method: 'post',
  path: '/similar',
  tags: [TAG],
  summary: 'Phản ánh tương tự đang mở ("Tôi cũng gặp vấn đề này")',
  description:
    'Trước khi gửi: các phản ánh chưa xử lý xong, gần vị trí đã chọn (bán kính và thời gian theo cấu hình `DUPLICATE_RADIUS_METRES`, `DUPLICATE_WINDOW_DAYS`; mặc định 250 m, 30 ngày), ' +
    `cùng lĩnh vực hoặc lĩnh vực liên quan, nội dung tương tự; phù hợp nhất trước, tối đa ${SIMILAR_MAX}. ` +
    'Không có thông tin liên hệ, không có phản ánh bị ẩn. Người dân chọn "Tôi cũng gặp" (`POST /{code}/support`) thay vì gửi phản ánh trùng.',
  middleware: [requireJsonBody] as const,
  request: { body: body(SimilarReportsBodySchema) },
  responses: {
    200: json(
      z
        .object({
          items: z.array(
            SummarySchema.extend({
              distanceMetres: z.number().int().openapi({ description: 'Khoảng cách, mét' }),
              similarity: z.number().openapi({ description: 'Độ giống nhau của nội dung, 0…1' }),
            }),
          ),
          radiusMetres: z.number().int(),
          windowDays: z.number().int(),
        })
        .openapi('SimilarReports'),
      'Danh sách',
    ),
    400: error('Dữ liệu không hợp lệ'),
    415: error('Không phải JSON (`unsupported_media_type`)'),
    422: error('Ngoài địa bàn tỉnh (`out_of_province`)'),
  },
});

const submitRoute = createRoute({
  method: 'post',
  path: '/',
  tags: [TAG],
  summary: 'Gửi phản ánh',
  description:
    'Không cần tài khoản. Gửi lại cùng `submissionId` trả về phản ánh đã tạo (`created: false`), không tạo phản ánh thứ hai. ' +
    'Giới hạn số lần gửi theo thiết bị và địa chỉ IP (429 `rate_limited`, tiêu đề `Retry-After`).',
  middleware: [requireJsonBody] as const,
  request: { body: body(SubmitReportBodySchema) },
  responses: {
    201: json(SubmitResultSchema, 'Đã tạo phản ánh'),
    200: json(SubmitResultSchema, 'Phản ánh này đã được gửi trước đó (cùng `submissionId`)'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `invalid_json`)'),
    415: error('Không phải JSON (`unsupported_media_type`)'),
    422: error(
      'Không xử lý được: `unknown_category`, `unknown_commune`, `location_required`, `out_of_province`, `media_unavailable`, `too_many_media`, `zalo_location_failed`',
    ),
    429: error('Gửi quá nhanh (`rate_limited`)'),
    502: error('Không kết nối được Zalo để lấy vị trí'),
  },
});

const viewRoute = createRoute({
  method: 'get',
  path: '/{code}',
  tags: [TAG],
  summary: 'Tra cứu phản ánh theo mã',
  description:
    'Trạng thái, cơ quan xử lý, diễn biến, hạn xử lý, ảnh và đánh giá. Không bao giờ có thông tin liên hệ của người gửi. ' +
    'Gửi kèm `X-Follow-Token` để biết có được đánh giá / mở lại không.',
  request: { params: CodeParams, headers: FollowHeaders },
  responses: {
    200: json(
      PublicReportSchema.extend({
        viewer: z.object({
          isReporter: z.boolean(),
          canRate: z.boolean(),
          canReopen: z.boolean(),
        }),
      }).openapi('ReportView'),
      'Phản ánh',
    ),
    400: error('Mã không hợp lệ'),
    404: error('Không có phản ánh này (`report_not_found`)'),
  },
});

const rateRoute = createRoute({
  method: 'post',
  path: '/{code}/rating',
  tags: [TAG],
  summary: 'Đánh giá kết quả xử lý',
  description:
    'Người gửi (có `X-Follow-Token`) đánh giá một lần cho mỗi lần xử lý xong: `satisfied` (hài lòng), `acceptable` (chấp nhận được), `unsatisfied` (không hài lòng). Đánh giá được công khai.',
  middleware: [requireJsonBody] as const,
  request: { params: CodeParams, headers: FollowHeaders, body: body(RatingBodySchema) },
  responses: {
    201: json(PublicReportSchema, 'Đã ghi nhận đánh giá'),
    400: error('Dữ liệu không hợp lệ'),
    401: error('Thiếu mã theo dõi (`follow_token_required`)'),
    403: error('Mã theo dõi không đúng (`not_reporter`)'),
    404: error('Không có phản ánh này'),
    409: error('Chưa xử lý xong (`not_resolved`) hoặc đã đánh giá (`already_rated`)'),
  },
});

const reopenRoute = createRoute({
  method: 'post',
  path: '/{code}/reopen',
  tags: [TAG],
  summary: 'Mở lại phản ánh',
  description: `Khi người gửi đã đánh giá "không hài lòng", trong vòng ${REOPEN_DAYS} ngày kể từ khi xử lý xong. Phản ánh trở lại trạng thái "Đang xử lý" với hạn mới.`,
  middleware: [requireJsonBody] as const,
  request: { params: CodeParams, headers: FollowHeaders, body: body(ReopenBodySchema) },
  responses: {
    200: json(PublicReportSchema, 'Đã mở lại'),
    400: error('Dữ liệu không hợp lệ'),
    401: error('Thiếu mã theo dõi (`follow_token_required`)'),
    403: error('Mã theo dõi không đúng (`not_reporter`)'),
    404: error('Không có phản ánh này'),
    409: error('`not_resolved`, `reopen_requires_unsatisfied_rating`, `reopen_window_closed`'),
  },
});

const supportRoute = createRoute({
  method: 'post',
  path: '/{code}/support',
  tags: [TAG],
  summary: '"Tôi cũng gặp"',
  description:
    'Theo dõi một phản ánh đang mở thay vì gửi phản ánh mới; mỗi thiết bị được tính một lần.',
  middleware: [requireJsonBody] as const,
  request: { params: CodeParams, body: body(SupportBodySchema) },
  responses: {
    200: json(
      z
        .object({ code: z.string(), supporterCount: z.number().int(), added: z.boolean() })
        .openapi('SupportResult'),
      '`added`: `false` nếu thiết bị đã theo dõi trước đó',
    ),
    400: error('Dữ liệu không hợp lệ'),
    404: error('Không có phản ánh này'),
    409: error('Phản ánh đã đóng (`report_closed`) hoặc là của chính bạn (`own_report`)'),
  },
});

// ---- handlers -----------------------------------------------------------------------------

/** Submissions per key and period: matches wrangler.toml [[ratelimits]] REPORTS_*_LIMITER. */
const RATE_PERIOD_SECONDS = 60;

function deviceAndIpLimits(c: Context<AppEnv>, deviceHash: string) {
  const ip = clientIp(c.req.raw.headers);
  return () =>
    enforceRateLimits([
      {
        limiter: c.env.REPORTS_DEVICE_LIMITER,
        key: deviceHash,
        periodSeconds: RATE_PERIOD_SECONDS,
      },
      { limiter: c.env.REPORTS_IP_LIMITER, key: ip, periodSeconds: RATE_PERIOD_SECONDS },
    ]);
}

export const reportRoutes = createRouter()
  // Fixed paths first: "/mine" must not be read as a report code.
  .openapi(configRoute, async (c) => {
    const limits = mediaLimits(c.env);
    const categories = await listCategories(c.var.db);
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(
      {
        limits: {
          maxPhotoBytes: limits.maxPhotoBytes,
          maxVideoBytes: limits.maxVideoBytes,
          maxPhotos: limits.maxPhotos,
          maxVideos: limits.maxVideos,
          chunkSize: limits.chunkBytes,
          uploadTtlHours: limits.ttlHours,
          acceptedTypes: {
            photo: [...ACCEPTED_MIME_TYPES.photo],
            video: [...ACCEPTED_MIME_TYPES.video],
          },
          descriptionMin: DESCRIPTION_MIN,
          descriptionMax: DESCRIPTION_MAX,
        },
        province: {
          id: PROVINCE.id,
          name: PROVINCE.name,
          center: PROVINCE.center,
          bounds: PROVINCE.bounds,
        },
        categories,
        statuses: REPORT_STATUSES.map((id) => ({ id, label: STATUS_LABELS[id] })),
        reopenDays: REOPEN_DAYS,
        nearbyMetres: intakeConfig(c.env).duplicateRadiusMetres,
        zaloLocation: Boolean(c.env.ZALO_APP_SECRET),
      },
      200,
    );
  })
  .openapi(locateRoute, async (c) => {
    const { token, accessToken } = c.req.valid('json');
    try {
      const point = await exchangeLocationToken(graphOptionsFromEnv(c.env), accessToken, token);
      return c.json({ lat: point.lat, lng: point.lng, insideProvince: insideBounds(point) }, 200);
    } catch (err) {
      if (err instanceof ZaloGraphError) {
        c.var.logFields.zalo = { kind: err.kind, code: err.zaloCode };
        throw zaloFailure(err);
      }
      throw err;
    }
  })
  .openapi(mineRoute, async (c) => {
    const deviceId = c.req.valid('header')['x-device-id'] ?? null;
    const userId = c.var.userId ?? null;
    if (!deviceId && !userId) {
      throw new ApiError(400, 'device_id_required', 'Thiếu mã thiết bị (tiêu đề X-Device-Id).');
    }
    const { cursor, limit } = c.req.valid('query');
    c.header('Cache-Control', 'private, no-store');
    return c.json(await mine(c.var.db, { deviceId, userId }, { cursor, limit }), 200);
  })
  .openapi(similarRoute, async (c) => {
    const { deviceId, ...q } = c.req.valid('json');
    const config = intakeConfig(c.env);
    const items = await similar(c.var.db, config, q, {
      deviceId: deviceId ?? null,
      userId: c.var.userId ?? null,
    });
    c.header('Cache-Control', 'private, no-store');
    return c.json(
      {
        items,
        radiusMetres: config.duplicateRadiusMetres,
        windowDays: config.duplicateWindowDays,
      },
      200,
    );
  })
  .openapi(submitRoute, async (c) => {
    const { deviceId, ...input } = c.req.valid('json');
    const deviceHash = await hashDeviceId(deviceId);
    const result = await submitReport(c.var.db, c.env, input, {
      channel: 'miniapp',
      deviceHash,
      userId: c.var.userId ?? null,
      beforeCreate: deviceAndIpLimits(c, deviceHash),
    });
    c.var.logFields.report = { code: result.code, created: result.created };
    c.header('Cache-Control', 'no-store');
    if (result.created) {
      c.header('Location', `/api/v1/reports/${result.code}`);
      return c.json(result, 201);
    }
    return c.json(result, 200);
  })
  .openapi(viewRoute, async (c) => {
    const { code } = c.req.valid('param');
    const followToken = c.req.valid('header')['x-follow-token'];
    const { report, reporter } = await viewReport(c.var.db, code, {
      followToken,
      userId: c.var.userId ?? null,
    });
    // Personalised when a token is sent; otherwise a short public cache.
    c.header('Cache-Control', followToken ? 'private, no-store' : 'public, max-age=30');
    c.header('Vary', 'X-Follow-Token');
    return c.json({ ...report, viewer: reporter }, 200);
  })
  .openapi(rateRoute, async (c) => {
    const { code } = c.req.valid('param');
    const followToken = c.req.valid('header')['x-follow-token'];
    const input = c.req.valid('json');
    const report = await rateReport(
      c.var.db,
      code,
      { followToken, userId: c.var.userId ?? null },
      input,
    );
    return c.json(report, 201);
  })
  .openapi(reopenRoute, async (c) => {
    const { code } = c.req.valid('param');
    const followToken = c.req.valid('header')['x-follow-token'];
    const input = c.req.valid('json');
    const report = await reopen(
      c.var.db,
      code,
      { followToken, userId: c.var.userId ?? null },
      input,
    );
    return c.json(report, 200);
  })
  .openapi(supportRoute, async (c) => {
    const { code } = c.req.valid('param');
    const { deviceId } = c.req.valid('json');
    return c.json(await support(c.var.db, code, deviceId), 200);
  });
