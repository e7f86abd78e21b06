import { z } from '@hono/zod-openapi';
import {
  LOCATION_SOURCES,
  MEDIA_KINDS,
  RATINGS,
  REPORT_EVENT_TYPES,
  REPORT_STATUSES,
} from '@tinh/db/schema';
import { normaliseVietnamesePhone } from './phone';

// zod schemas of the field-report API: what a client sends (validated, with Vietnamese
// messages people can act on) and what the public sees (never a contact field).

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 2000;

const latitude = z
  .number({ error: 'Vĩ độ (lat) phải là một số.' })
  .min(-90, 'Vĩ độ (lat) phải từ -90 đến 90.')
  .max(90, 'Vĩ độ (lat) phải từ -90 đến 90.')
  .openapi({ example: 9.7845 });
const longitude = z
  .number({ error: 'Kinh độ (lng) phải là một số.' })
  .min(-180, 'Kinh độ (lng) phải từ -180 đến 180.')
  .max(180, 'Kinh độ (lng) phải từ -180 đến 180.')
  .openapi({ example: 105.4701 });

const address = z
  .string({ error: 'Địa chỉ phải là chuỗi ký tự.' })
  .trim()
  .min(3, 'Địa chỉ quá ngắn.')
  .max(300, 'Địa chỉ tối đa 300 ký tự.');
const communeId = z
  .string({ error: 'Vui lòng chọn xã/phường.' })
  .trim()
  .min(1, 'Vui lòng chọn xã/phường.')
  .max(64);

export const DeviceIdSchema = z
  .string({ error: 'Thiếu mã thiết bị (deviceId).' })
  .trim()
  .min(8, 'Mã thiết bị (deviceId) không hợp lệ.')
  .max(128, 'Mã thiết bị (deviceId) không hợp lệ.')
  .openapi({
    description:
      'Mã ngẫu nhiên do ứng dụng tạo và lưu trên thiết bị. Máy chủ chỉ lưu mã băm SHA-256.',
    example: 'd1f0c6c2-5f0e-4a53-9b5e-0c2b6f7d9a10',
  });

const PointLocation = z.object({
  source: z.enum(['gps', 'pin', 'exif']).openapi({
    description: '`gps`: định vị của thiết bị; `pin`: ghim trên bản đồ; `exif`: toạ độ đọc từ ảnh',
  }),
  lat: latitude,
  lng: longitude,
  address: address.optional(),
  communeId: communeId.optional(),
});

const AddressLocation = z.object({
  source: z.literal('address'),
  communeId,
  address,
  lat: latitude.optional(),
  lng: longitude.optional(),
});

const ZaloLocation = z.object({
  source: z.literal('zalo'),
  token: z
    .string({ error: 'Thiếu mã vị trí Zalo (token).' })
    .min(1, 'Thiếu mã vị trí Zalo (token).')
    .max(4096)
    .openapi({ description: 'Mã `token` của zmp-sdk `getLocation()`' }),
  accessToken: z
    .string({ error: 'Thiếu mã truy cập Zalo (accessToken).' })
    .min(1, 'Thiếu mã truy cập Zalo (accessToken).')
    .max(4096)
    .openapi({ description: 'zmp-sdk `getAccessToken()`' }),
  address: address.optional(),
});

export const LocationInputSchema = z
  .discriminatedUnion('source', [PointLocation, AddressLocation, ZaloLocation], {
    error:
      'Vị trí không hợp lệ: chọn vị trí GPS, ghim trên bản đồ, hoặc nhập địa chỉ và xã/phường.',
  })
  .openapi('ReportLocationInput', {
    description:
      'Một trong: toạ độ (`gps`, `pin`, `exif`); địa chỉ và xã/phường (`address`); mã vị trí của Zalo (`zalo`). ' +
      'Bỏ trống khi ảnh gửi kèm có toạ độ GPS (EXIF).',
  });

export const ContactInputSchema = z
  .object({
    name: z
      .string({ error: 'Họ tên phải là chuỗi ký tự.' })
      .trim()
      .min(1, 'Họ tên không được để trống.')
      .max(100, 'Họ tên tối đa 100 ký tự.')
      .optional(),
    phone: z
      .string({ error: 'Số điện thoại phải là chuỗi ký tự.' })
      .transform((value, ctx) => {
        const normalised = normaliseVietnamesePhone(value);
        if (normalised === null) {
          ctx.addIssue({
            code: 'custom',
            message: 'Số điện thoại không hợp lệ (ví dụ 0912345678 hoặc +84912345678).',
          });
          return z.NEVER;
        }
        return normalised;
      })
      .optional()
      .openapi({ type: 'string', example: '0912345678' }),
    agencyMayContact: z
      .boolean({ error: 'agencyMayContact phải là true hoặc false.' })
      .default(false)
      .openapi({ description: 'Cho phép cơ quan xử lý liên hệ trực tiếp' }),
    consent: z.boolean({ error: 'consent phải là true hoặc false.' }).default(false).openapi({
      description:
        'Đồng ý cho Trung tâm IOC dùng thông tin liên hệ (bắt buộc khi có họ tên hoặc số điện thoại)',
    }),
    znsConsent: z.boolean({ error: 'znsConsent phải là true hoặc false.' }).default(false).openapi({
      description:
        'Đồng ý nhận tin nhắn Zalo (ZNS) báo tình trạng xử lý qua số điện thoại đã nhập. Không có số điện thoại thì bỏ qua.',
    }),
  })
  .superRefine((contact, ctx) => {
    if ((contact.name !== undefined || contact.phone !== undefined) && contact.consent !== true) {
      ctx.addIssue({
        code: 'custom',
        path: ['consent'],
        message:
          'Vui lòng đồng ý với điều khoản sử dụng thông tin liên hệ, hoặc bỏ trống họ tên và số điện thoại.',
      });
    }
  })
  .openapi('ReportContactInput', {
    description: 'Không bắt buộc. Chỉ Trung tâm IOC (và cơ quan xử lý, nếu được phép) xem được.',
  });

/** The submission as the API and Open311 give it to `submitReport` (before normalisation). */
export const SubmitReportInputSchema = z.object({
  submissionId: z.uuid({ error: 'Mã lần gửi (submissionId) phải là một UUID.' }).openapi({
    description:
      'UUID do ứng dụng tạo cho mỗi phản ánh: gửi lại cùng mã không tạo phản ánh thứ hai',
    example: '6f1c1b0e-3a8e-4c1e-9d5c-7d1f4a6b2e90',
  }),
  categoryId: z
    .string({ error: 'Vui lòng chọn lĩnh vực phản ánh.' })
    .trim()
    .min(1, 'Vui lòng chọn lĩnh vực phản ánh.')
    .max(64, 'Lĩnh vực phản ánh không tồn tại.')
    .openapi({ example: 'giao_thong' }),
  description: z
    .string({ error: 'Vui lòng nhập nội dung phản ánh.' })
    .trim()
    .min(DESCRIPTION_MIN, `Nội dung phản ánh cần ít nhất ${DESCRIPTION_MIN} ký tự.`)
    .max(DESCRIPTION_MAX, `Nội dung phản ánh tối đa ${DESCRIPTION_MAX} ký tự.`)
    .openapi({ example: 'Ổ gà lớn giữa đường Trần Hưng Đạo, xe máy dễ té ngã.' }),
  location: LocationInputSchema.optional(),
  mediaIds: z
    .array(z.uuid({ error: 'Mã tệp (mediaId) không hợp lệ.' }), {
      error: 'mediaIds phải là danh sách mã tệp.',
    })
    .max(10, 'Quá nhiều tệp đính kèm.')
    .default([])
    .openapi({
      description: 'Mã các tệp đã tải lên xong (`POST /api/v1/uploads`), theo thứ tự hiển thị',
    }),
  contact: ContactInputSchema.optional(),
});

export type SubmitReportInput = z.input<typeof SubmitReportInputSchema>;
export type ParsedSubmitReportInput = z.output<typeof SubmitReportInputSchema>;

export const SubmitReportBodySchema = SubmitReportInputSchema.extend({
  deviceId: DeviceIdSchema,
}).openapi('SubmitReport');

/**
 * "Tôi cũng gặp vấn đề này": what the citizen is about to send, to look for the same problem
 * already reported. The description is whatever has been typed so far (no minimum: the
 * search simply finds nothing in a text without words).
 */
export const SimilarReportsBodySchema = z
  .object({
    lat: latitude,
    lng: longitude,
    categoryId: SubmitReportInputSchema.shape.categoryId,
    description: z
      .string({ error: 'Nội dung phản ánh phải là chuỗi ký tự.' })
      .trim()
      .max(DESCRIPTION_MAX, `Nội dung phản ánh tối đa ${DESCRIPTION_MAX} ký tự.`)
      .openapi({ example: 'Ổ gà lớn giữa đường Trần Hưng Đạo, xe máy dễ té ngã.' }),
    deviceId: DeviceIdSchema.optional().openapi({
      description: 'Khi có: không trả về phản ánh do chính thiết bị này gửi',
    }),
  })
  .openapi('SimilarReportsQuery');

// ---- public views -----------------------------------------------------------------------

const LabelSchema = z.object({ vi: z.string(), en: z.string() });
const Ref = z.object({ id: z.string(), name: z.string() });

export const MediaRefSchema = z
  .object({
    id: z.string(),
    kind: z.enum(MEDIA_KINDS),
    phase: z.enum(['report', 'result']).openapi({
      description: '`report`: ảnh/video người dân gửi; `result`: ảnh kết quả xử lý của cơ quan',
    }),
    mime: z.string(),
    url: z.string().openapi({ example: '/api/v1/media/4a0c…' }),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
  })
  .openapi('MediaRef');

export const TimelineEventSchema = z
  .object({
    type: z.enum(REPORT_EVENT_TYPES),
    label: LabelSchema,
    status: z.enum(REPORT_STATUSES).nullable().openapi({ description: 'Trạng thái sau sự kiện' }),
    message: z
      .string()
      .nullable()
      .openapi({ description: 'Nội dung công khai (trả lời của cơ quan, lý do từ chối…)' }),
    agency: Ref.nullable(),
    at: z.string(),
  })
  .openapi('TimelineEvent');

export const RatingSchema = z
  .object({
    rating: z.enum(RATINGS),
    label: LabelSchema,
    comment: z.string().nullable(),
    at: z.string(),
  })
  .openapi('ReportRating');

export const PublicReportSchema = z
  .object({
    code: z.string().openapi({ example: 'PA-7K3F9Q' }),
    status: z.enum(REPORT_STATUSES),
    statusLabel: LabelSchema,
    category: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }),
    agency: Ref.nullable().openapi({ description: 'Cơ quan xử lý, khi đã chuyển' }),
    description: z.string(),
    address: z.string().nullable(),
    commune: z.object({ id: z.string(), name: z.string(), fullName: z.string() }).nullable(),
    location: z
      .object({ lat: z.number(), lng: z.number(), source: z.enum(LOCATION_SOURCES) })
      .openapi({ description: 'Vị trí gần đúng (làm tròn khoảng 11 m)' }),
    media: z.array(MediaRefSchema),
    timeline: z.array(TimelineEventSchema),
    dueAt: z.string().nullable().openapi({ description: 'Hạn xử lý (tính theo ngày làm việc)' }),
    resolvedAt: z.string().nullable(),
    duplicateOf: z.string().nullable().openapi({ description: 'Mã phản ánh chính, khi trùng' }),
    supporterCount: z.number().int(),
    ratings: z.array(RatingSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('PublicReport');

export type PublicReport = z.infer<typeof PublicReportSchema>;
