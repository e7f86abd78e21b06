import { z } from '@hono/zod-openapi';
import {
  ENVIRONMENT_REPORT_PERIODS,
  FOLLOW_SUBJECTS,
  GATEWAY_PROTOCOLS,
  STATION_ALERT_STATUSES,
  STATION_KINDS,
  THRESHOLD_DIRECTIONS,
} from '@tinh/db/schema';
import { DeviceIdSchema } from '../reports/schemas';
import { METRIC_IDS } from './metrics';

// zod schemas of the weather and environment API: what citizens read (stations with their
// latest values, series, alerts, follows, agencies' reports) and what administrators send
// (gateways, stations, thresholds, report uploads). Times are ISO 8601 UTC; values are in
// the metric's unit (metrics.ts). The mini app's typed client compiles against these.

// ---- shared pieces ------------------------------------------------------------------------

export const StationKindSchema = z
  .enum(STATION_KINDS, { error: 'Loại trạm phải là "weather", "water" hoặc "air".' })
  .openapi({ description: '`weather`: khí tượng; `water`: nước mặt; `air`: không khí' });

export const MetricIdSchema = z
  .enum(METRIC_IDS, { error: 'Chỉ số đo không hợp lệ.' })
  .openapi({ example: 'salinity', description: 'Mã chỉ số đo (đơn vị xem `unit`)' });

export const SERIES_RANGES = ['24h', '10d', '30d'] as const;
export type SeriesRange = (typeof SERIES_RANGES)[number];

/** Station ids are chosen by administrators: short, URL-safe. */
export const STATION_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{1,63}$/;

export const StationIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'vt-xano-01' }),
});

// ---- stations (public) --------------------------------------------------------------------

export const LatestReadingSchema = z
  .object({
    metric: MetricIdSchema,
    name: z.string().openapi({ example: 'Độ mặn' }),
    unit: z.string().openapi({ example: '‰' }),
    decimals: z.number().int().openapi({ description: 'Số chữ số thập phân nên hiển thị' }),
    value: z.number(),
    observedAt: z.string().openapi({ example: '2026-03-10T07:35:00.000Z' }),
    alertLevel: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Mức cảnh báo đang có của chỉ số này (null: không có)' }),
  })
  .openapi('LatestReading');

export const StationAlertBriefSchema = z
  .object({
    metric: MetricIdSchema,
    level: z.number().int(),
    label: z.string().openapi({ example: 'Lúa giảm năng suất' }),
    value: z.number().openapi({ description: 'Giá trị cao nhất (thấp nhất) kể từ khi cảnh báo' }),
    raisedAt: z.string(),
  })
  .openapi('StationAlertBrief');

export const StationSchema = z
  .object({
    id: z.string().openapi({ example: 'vt-xano-01' }),
    name: z.string().openapi({ example: 'Cống Xẻo Chít' }),
    kind: StationKindSchema,
    lat: z.number(),
    lng: z.number(),
    communeId: z.string().nullable(),
    communeName: z.string().nullable().openapi({ example: 'Phường Vị Thanh' }),
    address: z.string().nullable(),
    agencyName: z.string().nullable().openapi({ description: 'Cơ quan quản lý trạm' }),
    latest: z.array(LatestReadingSchema).openapi({ description: 'Giá trị mới nhất mỗi chỉ số' }),
    alert: StationAlertBriefSchema.nullable().openapi({
      description: 'Cảnh báo nặng nhất đang có (null: không có)',
    }),
  })
  .openapi('Station');

export const StationListQuery = z.object({
  kind: StationKindSchema.optional().openapi({ param: { name: 'kind', in: 'query' } }),
});

export const StationListSchema = z.object({ items: z.array(StationSchema) }).openapi('StationList');

export const ThresholdSchema = z
  .object({
    metric: MetricIdSchema,
    level: z.number().int().openapi({ description: '1, 2, 3…: càng cao càng nặng' }),
    value: z.number(),
    direction: z.enum(THRESHOLD_DIRECTIONS).openapi({
      description: '`above`: cảnh báo khi vượt lên trên; `below`: khi xuống dưới (ví dụ pH)',
    }),
    label: z.string().openapi({ example: 'Lúa bắt đầu bị ảnh hưởng' }),
  })
  .openapi('StationThreshold');

export const StationAlertSchema = z
  .object({
    id: z.number().int(),
    metric: MetricIdSchema,
    level: z.number().int(),
    label: z.string().nullable().openapi({ description: 'Ý nghĩa của mức (theo ngưỡng hiện tại)' }),
    status: z.enum(STATION_ALERT_STATUSES),
    raisedValue: z.number(),
    peakValue: z.number(),
    raisedAt: z.string(),
    clearedAt: z.string().nullable(),
  })
  .openapi('StationAlert');

export const StationDetailSchema = StationSchema.extend({
  thresholds: z.array(ThresholdSchema),
  alerts: z
    .array(StationAlertSchema)
    .openapi({ description: 'Cảnh báo đang có và của 30 ngày qua, mới nhất trước' }),
}).openapi('StationDetail');

export const SeriesQuery = z.object({
  metric: MetricIdSchema.openapi({ param: { name: 'metric', in: 'query' } }),
  range: z
    .enum(SERIES_RANGES, { error: 'Khoảng thời gian phải là "24h", "10d" hoặc "30d".' })
    .default('24h')
    .openapi({ param: { name: 'range', in: 'query' } }),
});

export const SeriesPointSchema = z
  .object({
    t: z.string().openapi({
      description: 'Thời điểm đo; với số liệu tổng hợp: đầu giờ hoặc đầu ngày (giờ Việt Nam)',
    }),
    v: z.number().openapi({
      description: 'Giá trị đo; với số liệu tổng hợp: trung bình (lượng mưa: tổng)',
    }),
    min: z.number().optional(),
    max: z.number().optional(),
    spike: z
      .boolean()
      .optional()
      .openapi({ description: 'Nhảy bất thường so với lần đo trước (giữ lại nhưng đánh dấu)' }),
  })
  .openapi('SeriesPoint');

export const SeriesSchema = z
  .object({
    stationId: z.string(),
    metric: MetricIdSchema,
    name: z.string(),
    unit: z.string(),
    decimals: z.number().int(),
    aggregate: z.enum(['avg', 'sum']).openapi({
      description: 'Cách gộp theo giờ/ngày: `sum` (lượng mưa) hoặc `avg`',
    }),
    range: z.enum(SERIES_RANGES),
    grain: z.enum(['raw', 'h', 'd']).openapi({
      description: '`raw`: từng lần đo (24 giờ); `h`: theo giờ (10 ngày); `d`: theo ngày (30 ngày)',
    }),
    from: z.string(),
    to: z.string(),
    points: z.array(SeriesPointSchema),
    thresholds: z.array(ThresholdSchema),
  })
  .openapi('StationSeries');

// ---- follows ------------------------------------------------------------------------------

export const FollowSubjectSchema = z.enum(FOLLOW_SUBJECTS, {
  error: 'Đối tượng theo dõi phải là "station" (trạm) hoặc "commune" (xã/phường).',
});

export const FollowParams = z.object({
  subjectType: FollowSubjectSchema.openapi({
    param: { name: 'subjectType', in: 'path' },
    example: 'station',
  }),
  subjectId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'subjectId', in: 'path' }, example: 'vt-xano-01' }),
});

export const DeviceHeaders = z.object({
  'x-device-id': DeviceIdSchema.optional().openapi({
    param: { name: 'x-device-id', in: 'header' },
  }),
});

export const FollowSchema = z
  .object({
    subjectType: FollowSubjectSchema,
    subjectId: z.string(),
    name: z.string().openapi({ example: 'Cống Xẻo Chít' }),
  })
  .openapi('EnvironmentFollow');

export const FollowListSchema = z
  .object({ items: z.array(FollowSchema) })
  .openapi('EnvironmentFollows');

export const FollowResultSchema = z
  .object({
    following: z.boolean(),
    changed: z
      .boolean()
      .openapi({ description: '`false`: đã như vậy từ trước (gọi lại không thay đổi gì)' }),
    subjectType: FollowSubjectSchema,
    subjectId: z.string(),
  })
  .openapi('EnvironmentFollowResult');

// ---- public alerts ------------------------------------------------------------------------

export const AlertListQuery = z.object({
  stationId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ param: { name: 'stationId', in: 'query' } }),
  communeId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ param: { name: 'communeId', in: 'query' } }),
  active: z
    .enum(['true', 'false'], { error: 'active phải là "true" hoặc "false".' })
    .optional()
    .transform((v) => v === 'true')
    .openapi({ param: { name: 'active', in: 'query' }, description: 'Chỉ cảnh báo đang có' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ param: { name: 'limit', in: 'query' } }),
});

export const PublicAlertSchema = StationAlertSchema.extend({
  stationId: z.string(),
  stationName: z.string(),
  stationKind: StationKindSchema,
  communeId: z.string().nullable(),
  communeName: z.string().nullable(),
  name: z.string().openapi({ description: 'Tên chỉ số', example: 'Độ mặn' }),
  unit: z.string(),
}).openapi('EnvironmentAlert');

export const AlertListSchema = z
  .object({ items: z.array(PublicAlertSchema) })
  .openapi('EnvironmentAlerts');

// ---- agencies' environment reports -------------------------------------------------------

export const REPORT_MAX_BYTES = 20 * 1024 * 1024;

export const ReportIdParam = z.object({
  id: z.uuid({ error: 'Mã báo cáo không hợp lệ.' }).openapi({
    param: { name: 'id', in: 'path' },
    example: '3f2c1a9e-4b7d-4c1e-9a55-2d6e8f0b1c2d',
  }),
});

export const ReportListQuery = z.object({
  year: z.coerce
    .number({ error: 'Năm không hợp lệ.' })
    .int('Năm không hợp lệ.')
    .min(2000, 'Năm từ 2000 đến 2100.')
    .max(2100, 'Năm từ 2000 đến 2100.')
    .optional()
    .openapi({ param: { name: 'year', in: 'query' }, example: 2026 }),
  agencyId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ param: { name: 'agencyId', in: 'query' } }),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/, 'Con trỏ trang không hợp lệ.')
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: '`nextCursor` trang trước' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .openapi({ param: { name: 'limit', in: 'query' } }),
});

export const EnvironmentReportSchema = z
  .object({
    id: z.string(),
    title: z.string().openapi({ example: 'Báo cáo hiện trạng môi trường quý I/2026' }),
    period: z.enum(ENVIRONMENT_REPORT_PERIODS).openapi({
      description: '`quarterly`: báo cáo quý; `annual`: báo cáo năm',
    }),
    year: z.number().int(),
    quarter: z.number().int().nullable().openapi({ description: '1–4; null với báo cáo năm' }),
    agencyId: z.string(),
    agencyName: z.string(),
    bytes: z.number().int(),
    createdAt: z.string(),
    url: z.string().openapi({ description: 'Tải tệp PDF' }),
  })
  .openapi('EnvironmentReport');

export const ReportListSchema = z
  .object({ items: z.array(EnvironmentReportSchema), nextCursor: z.string().nullable() })
  .openapi('EnvironmentReports');

/** The metadata fields of an upload (multipart/form-data, beside the `file` field). */
export const ReportUploadSchema = z
  .object({
    title: z
      .string({ error: 'Vui lòng nhập tiêu đề báo cáo.' })
      .trim()
      .min(5, 'Tiêu đề báo cáo quá ngắn.')
      .max(300, 'Tiêu đề tối đa 300 ký tự.'),
    period: z.enum(ENVIRONMENT_REPORT_PERIODS, {
      error: 'Kỳ báo cáo phải là "quarterly" (quý) hoặc "annual" (năm).',
    }),
    year: z.coerce
      .number({ error: 'Năm không hợp lệ.' })
      .int('Năm không hợp lệ.')
      .min(2000, 'Năm từ 2000 đến 2100.')
      .max(2100, 'Năm từ 2000 đến 2100.'),
    quarter: z
      .union([z.literal(''), z.coerce.number().int().min(1).max(4)], {
        error: 'Quý phải là 1, 2, 3 hoặc 4.',
      })
      .optional()
      .transform((q) => (q === '' || q === undefined ? null : q)),
    agencyId: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((a) => a || undefined)
      .openapi({ description: 'Mặc định: cơ quan của cán bộ' }),
    file: z
      .any()
      .optional()
      .openapi({ type: 'string', format: 'binary', description: 'Tệp PDF, tối đa 20 MB' }),
  })
  .superRefine((b, ctx) => {
    if (b.period === 'quarterly' && b.quarter === null) {
      ctx.addIssue({ code: 'custom', path: ['quarter'], message: 'Báo cáo quý cần chọn quý.' });
    }
    if (b.period === 'annual' && b.quarter !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['quarter'],
        message: 'Báo cáo năm không có quý.',
      });
    }
  })
  .openapi('UploadEnvironmentReport');

// ---- administration -----------------------------------------------------------------------

export const GatewayIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'mophong' }),
});

export const GatewaySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    protocol: z.enum(GATEWAY_PROTOCOLS).openapi({
      description:
        '`sensorthings`: OGC SensorThings API v1.1; `simple_json`: định dạng JSON đơn giản',
    }),
    baseUrl: z.string(),
    authSecretName: z.string().nullable().openapi({
      description: 'Tên secret của Worker chứa khoá truy cập (không bao giờ là khoá)',
    }),
    pollIntervalMinutes: z.number().int(),
    timeoutMs: z.number().int(),
    enabled: z.boolean(),
    stationCount: z.number().int(),
    health: z.object({
      lastPollAt: z.string().nullable(),
      lastSuccessAt: z.string().nullable(),
      lastErrorAt: z.string().nullable(),
      lastError: z.string().nullable(),
      consecutiveFailures: z.number().int(),
      nextPollAt: z.string().nullable(),
      status: z.enum(['ok', 'failing', 'never', 'disabled']).openapi({
        description:
          '`ok`: lần đọc gần nhất thành công; `failing`: đang lỗi; `never`: chưa đọc lần nào; `disabled`: đã tắt',
      }),
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('SensorGateway');

const gatewayFields = {
  name: z
    .string({ error: 'Vui lòng nhập tên cổng dữ liệu.' })
    .trim()
    .min(2, 'Tên cổng dữ liệu quá ngắn.')
    .max(200, 'Tên tối đa 200 ký tự.'),
  protocol: z.enum(GATEWAY_PROTOCOLS, {
    error: 'Giao thức phải là "sensorthings" hoặc "simple_json".',
  }),
  baseUrl: z
    .string({ error: 'Vui lòng nhập địa chỉ cổng dữ liệu.' })
    .trim()
    .max(500, 'Địa chỉ tối đa 500 ký tự.')
    .refine((u) => {
      try {
        const url = new URL(u);
        return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username;
      } catch {
        return false;
      }
    }, 'Địa chỉ phải là URL http(s), không chứa tên đăng nhập/mật khẩu.')
    .transform((u) => u.replace(/\/+$/, '')),
  authSecretName: z
    .string()
    .trim()
    .regex(
      /^[A-Z][A-Z0-9_]{1,63}$/,
      'Tên secret gồm chữ in hoa, số và "_" (ví dụ GATEWAY_MOPHONG_TOKEN).',
    )
    .nullable(),
  pollIntervalMinutes: z
    .number({ error: 'Chu kỳ đọc phải là số phút.' })
    .int('Chu kỳ đọc phải là số phút nguyên.')
    .min(5, 'Chu kỳ đọc ít nhất 5 phút (cron chạy 5 phút một lần).')
    .max(1440, 'Chu kỳ đọc tối đa 1440 phút (1 ngày).'),
  timeoutMs: z
    .number({ error: 'Thời gian chờ phải là số mili giây.' })
    .int()
    .min(1000, 'Thời gian chờ ít nhất 1000 ms.')
    .max(30000, 'Thời gian chờ tối đa 30000 ms.'),
  enabled: z.boolean({ error: 'enabled phải là true hoặc false.' }),
};

export const GatewayCreateSchema = z
  .object({
    id: z
      .string({ error: 'Vui lòng nhập mã cổng dữ liệu.' })
      .trim()
      .regex(STATION_ID_PATTERN, 'Mã chỉ gồm chữ thường không dấu, số, "_" hoặc "-" (2–64 ký tự).'),
    name: gatewayFields.name,
    protocol: gatewayFields.protocol,
    baseUrl: gatewayFields.baseUrl,
    authSecretName: gatewayFields.authSecretName.optional().default(null),
    pollIntervalMinutes: gatewayFields.pollIntervalMinutes.default(5),
    timeoutMs: gatewayFields.timeoutMs.default(10000),
    enabled: gatewayFields.enabled.default(true),
  })
  .openapi('CreateSensorGateway');

export const GatewayPatchSchema = z
  .object({
    name: gatewayFields.name.optional(),
    protocol: gatewayFields.protocol.optional(),
    baseUrl: gatewayFields.baseUrl.optional(),
    authSecretName: gatewayFields.authSecretName.optional(),
    pollIntervalMinutes: gatewayFields.pollIntervalMinutes.optional(),
    timeoutMs: gatewayFields.timeoutMs.optional(),
    enabled: gatewayFields.enabled.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'Cần ít nhất một thay đổi.',
  })
  .openapi('UpdateSensorGateway');

export const StreamAdminSchema = z
  .object({
    id: z.number().int(),
    metric: z.string().openapi({ description: 'Mã chỉ số (metrics.ts)' }),
    name: z.string(),
    unit: z.string(),
    externalId: z.string(),
    sourceUnit: z.string().openapi({ description: 'Đơn vị cổng dữ liệu gửi' }),
    watermark: z.string().nullable().openapi({ description: 'Thời điểm đo mới nhất đã lưu' }),
    lastValue: z.number().nullable(),
    lastObservedAt: z.string().nullable(),
    droppedCount: z.number().int().openapi({ description: 'Giá trị không hợp lệ đã loại' }),
    spikeCount: z.number().int().openapi({ description: 'Giá trị nhảy bất thường đã đánh dấu' }),
  })
  .openapi('StationStreamAdmin');

export const StationAdminSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: StationKindSchema,
    lat: z.number(),
    lng: z.number(),
    communeId: z.string().nullable(),
    communeName: z.string().nullable(),
    address: z.string().nullable(),
    gatewayId: z.string(),
    gatewayName: z.string(),
    externalId: z.string(),
    agencyId: z.string().nullable(),
    agencyName: z.string().nullable(),
    enabled: z.boolean(),
    streamCount: z.number().int(),
    lastObservedAt: z.string().nullable().openapi({ description: 'Lần đo mới nhất (mọi chỉ số)' }),
    activeAlertLevel: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('StationAdmin');

export const StationAdminDetailSchema = StationAdminSchema.extend({
  streams: z.array(StreamAdminSchema),
  thresholds: z.array(ThresholdSchema),
}).openapi('StationAdminDetail');

export const AdminStationListQuery = z.object({
  kind: StationKindSchema.optional().openapi({ param: { name: 'kind', in: 'query' } }),
  gatewayId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ param: { name: 'gatewayId', in: 'query' } }),
});

const stationFields = {
  name: z
    .string({ error: 'Vui lòng nhập tên trạm.' })
    .trim()
    .min(2, 'Tên trạm quá ngắn.')
    .max(200, 'Tên trạm tối đa 200 ký tự.'),
  kind: StationKindSchema,
  lat: z
    .number({ error: 'Vĩ độ (lat) phải là một số.' })
    .min(-90, 'Vĩ độ (lat) phải từ -90 đến 90.')
    .max(90, 'Vĩ độ (lat) phải từ -90 đến 90.'),
  lng: z
    .number({ error: 'Kinh độ (lng) phải là một số.' })
    .min(-180, 'Kinh độ (lng) phải từ -180 đến 180.')
    .max(180, 'Kinh độ (lng) phải từ -180 đến 180.'),
  communeId: z.string().trim().min(1).max(64).nullable(),
  address: z.string().trim().max(300, 'Địa chỉ tối đa 300 ký tự.').nullable(),
  gatewayId: z
    .string({ error: 'Vui lòng chọn cổng dữ liệu.' })
    .trim()
    .min(1, 'Vui lòng chọn cổng dữ liệu.')
    .max(64),
  externalId: z
    .string({ error: 'Vui lòng nhập mã trạm tại cổng dữ liệu.' })
    .trim()
    .min(1, 'Vui lòng nhập mã trạm tại cổng dữ liệu.')
    .max(200),
  agencyId: z.string().trim().min(1).max(100).nullable(),
  enabled: z.boolean({ error: 'enabled phải là true hoặc false.' }),
};

export const StationCreateSchema = z
  .object({
    id: z
      .string({ error: 'Vui lòng nhập mã trạm.' })
      .trim()
      .regex(
        STATION_ID_PATTERN,
        'Mã trạm chỉ gồm chữ thường không dấu, số, "_" hoặc "-" (2–64 ký tự).',
      ),
    name: stationFields.name,
    kind: stationFields.kind,
    lat: stationFields.lat,
    lng: stationFields.lng,
    communeId: stationFields.communeId.optional().default(null),
    address: stationFields.address.optional().default(null),
    gatewayId: stationFields.gatewayId,
    externalId: stationFields.externalId,
    agencyId: stationFields.agencyId.optional().default(null),
    enabled: stationFields.enabled.default(true),
  })
  .openapi('CreateStation');

export const StationPatchSchema = z
  .object({
    name: stationFields.name.optional(),
    kind: stationFields.kind.optional(),
    lat: stationFields.lat.optional(),
    lng: stationFields.lng.optional(),
    communeId: stationFields.communeId.optional(),
    address: stationFields.address.optional(),
    gatewayId: stationFields.gatewayId.optional(),
    externalId: stationFields.externalId.optional(),
    agencyId: stationFields.agencyId.optional(),
    enabled: stationFields.enabled.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'Cần ít nhất một thay đổi.',
  })
  .openapi('UpdateStation');

export const ThresholdParams = StationIdParam.extend({
  metric: MetricIdSchema.openapi({ param: { name: 'metric', in: 'path' } }),
});

export const ThresholdsPutSchema = z
  .object({
    direction: z
      .enum(THRESHOLD_DIRECTIONS, { error: 'Chiều cảnh báo phải là "above" hoặc "below".' })
      .default('above'),
    levels: z
      .array(
        z.object({
          value: z.number({ error: 'Ngưỡng phải là một số.' }),
          label: z
            .string({ error: 'Vui lòng nhập ý nghĩa của mức cảnh báo.' })
            .trim()
            .min(2, 'Ý nghĩa của mức cảnh báo quá ngắn.')
            .max(200, 'Ý nghĩa tối đa 200 ký tự.'),
        }),
      )
      .max(5, 'Tối đa 5 mức cảnh báo.')
      .openapi({
        description:
          'Mức 1, 2, 3… theo thứ tự; `above`: ngưỡng tăng dần, `below`: giảm dần. Danh sách rỗng: bỏ cảnh báo của chỉ số',
      }),
  })
  .superRefine((b, ctx) => {
    for (let i = 1; i < b.levels.length; i++) {
      const prev = b.levels[i - 1]?.value ?? 0;
      const value = b.levels[i]?.value ?? 0;
      const ordered = b.direction === 'above' ? value > prev : value < prev;
      if (!ordered) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i, 'value'],
          message:
            b.direction === 'above'
              ? `Ngưỡng mức ${i + 1} phải lớn hơn ngưỡng mức ${i}.`
              : `Ngưỡng mức ${i + 1} phải nhỏ hơn ngưỡng mức ${i}.`,
        });
      }
    }
  })
  .openapi('PutStationThresholds');

export const ThresholdsResultSchema = z
  .object({ stationId: z.string(), metric: MetricIdSchema, thresholds: z.array(ThresholdSchema) })
  .openapi('StationThresholds');

export type StationAnswer = z.infer<typeof StationSchema>;
export type StationDetailAnswer = z.infer<typeof StationDetailSchema>;
export type SeriesAnswer = z.infer<typeof SeriesSchema>;
export type GatewayAnswer = z.infer<typeof GatewaySchema>;
export type StationAdminAnswer = z.infer<typeof StationAdminSchema>;
export type StationAdminDetailAnswer = z.infer<typeof StationAdminDetailSchema>;
export type EnvironmentReportAnswer = z.infer<typeof EnvironmentReportSchema>;
export type ThresholdAnswer = z.infer<typeof ThresholdSchema>;
