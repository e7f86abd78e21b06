import { z } from '@hono/zod-openapi';
import {
  ACTOR_KINDS,
  EXTENSION_STATUSES,
  INTAKE_OUTCOMES,
  LOCATION_SOURCES,
  MEDIA_KINDS,
  RATINGS,
  REJECTION_KINDS,
  REPORT_EVENT_TYPES,
  REPORT_STATUSES,
  ROUTED_BY,
} from '@tinh/db/schema';
import { CursorSchema, SearchTextSchema, StatusListSchema, VnDaySchema } from '../feed/params';
import { DeviceIdSchema } from '../reports/schemas';
import { normaliseTrackingCode } from '../reports/tokens';
import { WORK_ACTIONS } from './transitions';

// Request and response shapes of the officials' workflow API (documented in the OpenAPI
// document under the tag below). Texts for people are Vietnamese.

export const TAG = 'Xử lý phản ánh (cán bộ)';

const LabelSchema = z.object({ vi: z.string(), en: z.string() });
const Ref = z.object({ id: z.string(), name: z.string() });
const CommuneSchema = z.object({ id: z.string(), name: z.string(), fullName: z.string() });

const CODE = /^[Pp][Aa]-?[2-9A-HJ-NP-Za-hj-np-z]{6}$/;
const CodeSchema = z
  .string()
  .trim()
  .regex(CODE, 'Mã phản ánh không hợp lệ (dạng PA-7K3F9Q).')
  .transform(normaliseTrackingCode);

export const CodeParams = z.object({
  code: CodeSchema.openapi({ param: { name: 'code', in: 'path' }, example: 'PA-7K3F9Q' }),
});

export const IdParams = z.object({
  id: z.coerce
    .number({ error: 'Mã đề nghị không hợp lệ.' })
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 12 }),
});

const text = (field: string, max: number, min = 1) =>
  z
    .string({ error: `Thiếu ${field}.` })
    .trim()
    .min(min, `${field[0]?.toUpperCase()}${field.slice(1)} cần ít nhất ${min} ký tự.`)
    .max(max, `${field[0]?.toUpperCase()}${field.slice(1)} tối đa ${max} ký tự.`);

const ClientKeySchema = z
  .string({ error: 'Thiếu mã gửi (clientKey).' })
  .trim()
  .min(8, 'Mã gửi (clientKey) cần ít nhất 8 ký tự.')
  .max(100, 'Mã gửi (clientKey) tối đa 100 ký tự.')
  .openapi({
    description:
      'Mã ngẫu nhiên do ứng dụng tạo cho mỗi nội dung (ví dụ UUID): gửi lại cùng mã không tạo bản thứ hai',
    example: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  });

const qp = (name: string) => ({ param: { name, in: 'query' as const } });

// ---- queue --------------------------------------------------------------------------------

export const QueueQuery = z.object({
  status: StatusListSchema.optional().openapi({
    ...qp('status'),
    type: 'string',
    description: `Một hoặc nhiều trạng thái (lặp lại tham số hoặc cách nhau bởi dấu phẩy): ${REPORT_STATUSES.join(', ')}`,
  }),
  categoryId: z.string().trim().min(1).max(64).optional().openapi(qp('categoryId')),
  agencyId: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .openapi({ ...qp('agencyId'), description: 'Mã cơ quan; `none`: chưa có cơ quan xử lý' }),
  communeId: z.string().trim().min(1).max(64).optional().openapi(qp('communeId')),
  overdue: z
    .enum(['true', 'false'], { error: 'overdue phải là true hoặc false.' })
    .optional()
    .transform((v) => v === 'true')
    .openapi({ ...qp('overdue'), description: '`true`: chỉ phản ánh đang mở đã quá hạn' }),
  from: VnDaySchema.optional().openapi({ ...qp('from'), description: 'Từ ngày (giờ Việt Nam)' }),
  to: VnDaySchema.optional().openapi({
    ...qp('to'),
    description: 'Đến ngày (giờ Việt Nam), gồm cả ngày này',
  }),
  q: SearchTextSchema.optional().openapi({
    ...qp('q'),
    description: 'Tìm theo nội dung, mã, lĩnh vực, địa chỉ; không phân biệt dấu',
  }),
  sort: z
    .enum(['newest', 'oldest', 'due'], { error: 'sort phải là newest, oldest hoặc due.' })
    .default('newest')
    .openapi({ ...qp('sort'), description: '`due`: hạn xử lý gần nhất trước' }),
  cursor: CursorSchema.optional().openapi({
    ...qp('cursor'),
    type: 'string',
    description: '`nextCursor` của trang trước (sắp xếp newest/oldest)',
  }),
  page: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .openapi({ ...qp('page'), description: 'Trang (từ 1), thay cho `cursor`' }),
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi(qp('limit')),
});

export const QueueItemSchema = z
  .object({
    code: z.string(),
    status: z.enum(REPORT_STATUSES),
    statusLabel: LabelSchema,
    category: Ref,
    suggestedCategoryId: z.string().nullable().openapi({ description: 'Lĩnh vực được gợi ý' }),
    suggestedCategory: Ref.nullable(),
    agency: Ref.nullable(),
    commune: CommuneSchema.nullable(),
    description: z.string(),
    address: z.string().nullable(),
    location: z.object({ lat: z.number(), lng: z.number() }),
    createdAt: z.string(),
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
    photoId: z.string().nullable(),
    photoUrl: z.string().nullable(),
    supporterCount: z.number().int(),
    hidden: z.boolean(),
    verified: z.boolean(),
    accepted: z.boolean(),
  })
  .openapi('WorkQueueItem');

export const QueuePageSchema = z
  .object({
    items: z.array(QueueItemSchema),
    total: z.number().int().openapi({
      description: 'Số phản ánh khớp bộ lọc (tối đa 10.000; xem `totalCapped`)',
    }),
    totalCapped: z.boolean().openapi({
      description: 'true: có hơn `total` phản ánh khớp bộ lọc (số đếm dừng ở 10.000)',
    }),
    limit: z.number().int(),
    page: z.number().int().nullable().openapi({ description: 'Trang hiện tại (khi dùng `page`)' }),
    nextCursor: z.string().nullable(),
  })
  .openapi('WorkQueuePage');

export const MapQuery = z.object({
  status: QueueQuery.shape.status,
  categoryId: QueueQuery.shape.categoryId,
  agencyId: QueueQuery.shape.agencyId,
  communeId: QueueQuery.shape.communeId,
  overdue: QueueQuery.shape.overdue,
});

export const MapSchema = z
  .object({
    items: z.array(
      z.object({
        code: z.string(),
        status: z.enum(REPORT_STATUSES),
        categoryId: z.string(),
        agencyId: z.string().nullable(),
        lat: z.number(),
        lng: z.number(),
        dueAt: z.string().nullable(),
        overdue: z.boolean(),
      }),
    ),
    truncated: z.boolean(),
  })
  .openapi('WorkMapPoints');

// ---- detail -------------------------------------------------------------------------------

const ExtensionRequestSchema = z
  .object({
    id: z.number().int(),
    agencyId: z.string(),
    agencyName: z.string().nullable(),
    requestedBy: z.string(),
    requestedByName: z.string().nullable(),
    reason: z.string(),
    requestedDueAt: z.string(),
    status: z.enum(EXTENSION_STATUSES),
    decidedBy: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('ExtensionRequest');

/** What the smart intake said about a report on arrival (report_intake). */
export const ReportIntakeSchema = z
  .object({
    citizenCategory: Ref.openapi({ description: 'Lĩnh vực người dân chọn khi gửi' }),
    predictedCategory: Ref.openapi({ description: 'Lĩnh vực bộ phân loại dự đoán' }),
    confidence: z.number().openapi({ description: 'Độ tin cậy của dự đoán, 0…1' }),
    alternatives: z
      .array(z.object({ category: Ref, confidence: z.number() }))
      .openapi({ description: 'Ba lĩnh vực khả dĩ tiếp theo' }),
    outcome: z.enum(INTAKE_OUTCOMES).openapi({
      description:
        '`routed_confident`: tự động chuyển vì đủ tin cậy; `routed_agrees`: tự động chuyển vì trùng lựa chọn của người dân; `queued_uncertain`: chờ IOC; `queued_no_agency`: chờ IOC vì không xác định được cơ quan',
    }),
    outcomeLabel: z.string(),
    threshold: z.number().openapi({ description: 'Ngưỡng tự động chuyển lúc tiếp nhận' }),
    modelVersion: z.string(),
    at: z.string(),
  })
  .openapi('ReportIntake');

/** The IOC's category decision kept as a training example (intake_labels). */
export const IntakeLabelRefSchema = z
  .object({
    category: Ref,
    corrected: z.boolean().openapi({ description: 'IOC chọn lĩnh vực khác với dự đoán' }),
    official: z.object({ id: z.string(), name: z.string().nullable() }),
    at: z.string(),
  })
  .openapi('ReportIntakeLabel');

export const WorkDetailSchema = z
  .object({
    report: z.object({
      code: z.string(),
      status: z.enum(REPORT_STATUSES),
      statusLabel: LabelSchema,
      category: Ref,
      suggestedCategory: Ref.nullable(),
      agency: Ref.nullable(),
      commune: CommuneSchema.nullable(),
      description: z.string(),
      address: z.string().nullable(),
      location: z.object({ lat: z.number(), lng: z.number(), source: z.enum(LOCATION_SOURCES) }),
      dueAt: z.string().nullable(),
      overdue: z.boolean(),
      createdAt: z.string(),
      updatedAt: z.string(),
      verifiedAt: z.string().nullable(),
      firstAssignedAt: z.string().nullable(),
      assignedAt: z.string().nullable(),
      acceptedAt: z.string().nullable(),
      resolvedAt: z.string().nullable(),
      overdueAt: z.string().nullable(),
      escalatedAt: z.string().nullable(),
      hidden: z.boolean(),
      rejectionKind: z.enum(REJECTION_KINDS).nullable(),
      duplicateOf: z.string().nullable(),
      duplicates: z.array(z.string()),
      supporterCount: z.number().int(),
      routedBy: z.enum(ROUTED_BY).nullable().openapi({
        description:
          'Lần chuyển cơ quan đầu tiên: `auto` tự động khi tiếp nhận, `manual` do IOC; `null`: chưa chuyển',
      }),
    }),
    intake: ReportIntakeSchema.nullable().openapi({
      description:
        'Gợi ý của bộ phân loại khi tiếp nhận; `null` với phản ánh trước khi có tính năng này',
    }),
    intakeLabel: IntakeLabelRefSchema.nullable().openapi({
      description: 'Lĩnh vực IOC đã xác nhận hoặc sửa (dữ liệu huấn luyện lại)',
    }),
    media: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(MEDIA_KINDS),
        phase: z.enum(['report', 'result']),
        mime: z.string(),
        url: z.string(),
        width: z.number().int().nullable(),
        height: z.number().int().nullable(),
        createdAt: z.string(),
      }),
    ),
    timeline: z.array(
      z.object({
        id: z.number().int(),
        type: z.enum(REPORT_EVENT_TYPES),
        label: LabelSchema,
        fromStatus: z.enum(REPORT_STATUSES).nullable(),
        toStatus: z.enum(REPORT_STATUSES).nullable(),
        isPublic: z.boolean().openapi({ description: '`false`: nội bộ, người dân không thấy' }),
        publicMessage: z.string().nullable(),
        note: z.string().nullable().openapi({ description: 'Ghi chú nội bộ' }),
        actor: z.object({
          kind: z.enum(ACTOR_KINDS),
          id: z.string().nullable(),
          name: z.string().nullable(),
        }),
        agency: Ref.nullable(),
        at: z.string(),
      }),
    ),
    contact: z
      .object({
        name: z.string().nullable(),
        phone: z.string().nullable(),
        agencyMayContact: z.boolean(),
        znsConsent: z.boolean(),
      })
      .nullable()
      .openapi({
        description:
          'Liên hệ của người phản ánh: chỉ IOC, hoặc cơ quan xử lý khi người dân đồng ý cho liên hệ',
      }),
    contactAccess: z.enum(['shown', 'withheld', 'none']).openapi({
      description: '`withheld`: có thông tin liên hệ nhưng bạn không được xem; `none`: không có',
    }),
    extensionRequests: z.array(ExtensionRequestSchema),
    ratings: z.array(
      z.object({
        rating: z.enum(RATINGS),
        label: LabelSchema,
        comment: z.string().nullable(),
        resolvedAt: z.string(),
        at: z.string(),
      }),
    ),
    audit: z
      .array(
        z.object({
          id: z.number().int(),
          at: z.string(),
          actorKind: z.enum(['official', 'citizen', 'system']),
          actorId: z.string().nullable(),
          actorName: z.string().nullable(),
          action: z.string(),
          fromValue: z.string().nullable(),
          toValue: z.string().nullable(),
          note: z.string().nullable(),
        }),
      )
      .nullable()
      .openapi({ description: 'Nhật ký thay đổi (chỉ đọc); `null` khi không có quyền xem' }),
    allowedActions: z.array(z.enum(WORK_ACTIONS)).openapi({
      description: 'Thao tác cán bộ đang đăng nhập được làm với phản ánh lúc này',
    }),
  })
  .openapi('WorkReportDetail');

// ---- actions ------------------------------------------------------------------------------

export const IntakeBody = z
  .object({
    decision: z.enum(['valid', 'spam', 'duplicate', 'out_of_scope'], {
      error: 'Kết quả kiểm tra phải là valid, spam, duplicate hoặc out_of_scope.',
    }),
    publicReason: text('lý do', 1000, 3).optional().openapi({
      description: 'Lý do công khai cho người dân (bắt buộc trừ khi hợp lệ)',
    }),
    duplicateOf: CodeSchema.optional().openapi({ description: 'Mã phản ánh chính (khi trùng)' }),
    categoryId: z.string().trim().min(1).max(64).optional().openapi({
      description: 'Đổi lĩnh vực (khi hợp lệ): hạn xử lý tính lại theo lĩnh vực mới',
    }),
    agencyId: z.string().trim().min(1).max(64).optional().openapi({
      description: 'Chọn cơ quan khác cơ quan mặc định (khi hợp lệ)',
    }),
  })
  .superRefine((b, ctx) => {
    if (b.decision !== 'valid' && !b.publicReason) {
      ctx.addIssue({
        code: 'custom',
        path: ['publicReason'],
        message: 'Vui lòng nhập lý do công khai cho người dân.',
      });
    }
    if (b.decision === 'duplicate' && !b.duplicateOf) {
      ctx.addIssue({
        code: 'custom',
        path: ['duplicateOf'],
        message: 'Vui lòng nhập mã phản ánh chính.',
      });
    }
  })
  .openapi('IntakeDecision');

export const AssignBody = z
  .object({
    codes: z
      .array(CodeSchema, { error: 'Danh sách mã phản ánh (codes) không hợp lệ.' })
      .min(1, 'Chọn ít nhất một phản ánh.')
      .max(100, 'Tối đa 100 phản ánh mỗi lần.'),
    agencyId: z.string().trim().min(1).max(64).optional().openapi({
      description: 'Cơ quan nhận; bỏ trống: mỗi phản ánh về cơ quan mặc định của lĩnh vực',
    }),
    note: text('ghi chú', 1000).optional().openapi({ description: 'Ghi chú nội bộ cho cơ quan' }),
  })
  .openapi('AssignReports');

export const AssignResultSchema = z
  .object({
    assigned: z.array(z.object({ code: z.string(), agency: Ref })),
    skipped: z.array(
      z.object({ code: z.string(), error: z.object({ code: z.string(), message: z.string() }) }),
    ),
  })
  .openapi('AssignResult');

export const ReturnBody = z
  .object({ reason: text('lý do', 1000, 3).openapi({ description: 'Lý do (nội bộ)' }) })
  .openapi('ReturnReport');

export const StartBody = z
  .object({ message: text('nội dung', 2000).optional().openapi({ description: 'Công khai' }) })
  .openapi('StartReport');

export const UpdateBody = z
  .object({ message: text('nội dung cập nhật', 2000), clientKey: ClientKeySchema })
  .openapi('PublicUpdate');

export const NoteBody = z
  .object({ note: text('ghi chú', 4000), clientKey: ClientKeySchema })
  .openapi('InternalNote');

export const PostedEventSchema = z
  .object({
    eventId: z.number().int(),
    created: z.boolean().openapi({ description: '`false`: đã ghi trước đó với cùng clientKey' }),
    at: z.string(),
  })
  .openapi('PostedEvent');

export const ExtensionBody = z
  .object({
    reason: text('lý do', 1000, 3),
    requestedDueAt: z.iso
      .datetime({ offset: true, error: 'Hạn đề nghị phải là thời điểm ISO 8601.' })
      .openapi({ example: '2025-08-15T10:00:00.000Z' }),
  })
  .openapi('ExtensionRequestBody');

export const ResolveBody = z
  .object({
    answer: text('nội dung trả lời', 4000, 3).openapi({ description: 'Trả lời công khai' }),
    mediaIds: z
      .array(z.uuid({ error: 'Mã ảnh không hợp lệ.' }))
      .max(10)
      .default([])
      .openapi({ description: 'Ảnh/video kết quả đã tải lên qua /api/v1/uploads' }),
    deviceId: DeviceIdSchema.optional().openapi({
      description: 'Mã thiết bị đã dùng khi tải ảnh kết quả lên (bắt buộc khi có mediaIds)',
    }),
  })
  .openapi('ResolveReport');

export const DecisionBody = z
  .object({
    approve: z.boolean({ error: 'approve phải là true hoặc false.' }),
    note: text('ghi chú', 1000).optional(),
  })
  .openapi('ExtensionDecision');

export const DecisionResultSchema = z
  .object({
    code: z.string(),
    status: z.enum(['approved', 'denied']),
    dueAt: z.string().nullable(),
  })
  .openapi('ExtensionDecisionResult');

export const PendingExtensionsSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        code: z.string(),
        status: z.enum(REPORT_STATUSES),
        categoryName: z.string(),
        agency: Ref,
        requestedBy: z.object({ id: z.string(), name: z.string().nullable() }),
        reason: z.string(),
        requestedDueAt: z.string(),
        dueAt: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
  })
  .openapi('PendingExtensionRequests');

// ---- duplicates: candidates and merge (smart intake) --------------------------------------

export const MergeBody = z
  .object({
    into: CodeSchema.openapi({ description: 'Mã phản ánh chính (đang mở)', example: 'PA-7K3F9Q' }),
    note: text('ghi chú', 1000).optional().openapi({
      description: 'Ghi chú nội bộ, lưu ở cả hai phản ánh',
    }),
    clientKey: ClientKeySchema.optional(),
  })
  .openapi('MergeReport');

export const MergeResultSchema = z
  .object({
    code: z.string().openapi({ description: 'Phản ánh đã được gộp (nay ở trạng thái "Trùng")' }),
    into: z.string().openapi({ description: 'Phản ánh chính' }),
    status: z.literal('duplicate'),
    created: z.boolean().openapi({
      description: '`false`: phản ánh đã được gộp vào phản ánh chính này trước đó (gửi lại)',
    }),
  })
  .openapi('MergeResult');

export const DuplicateCandidatesSchema = z
  .object({
    report: z.object({
      code: z.string(),
      status: z.enum(REPORT_STATUSES),
      open: z.boolean().openapi({
        description: '`false`: phản ánh đã đóng, không gộp được (danh sách ứng viên rỗng)',
      }),
      hidden: z.boolean(),
    }),
    radiusMetres: z.number().int().openapi({ description: 'Bán kính tìm kiếm (mét)' }),
    windowDays: z.number().int().openapi({ description: 'Khoảng thời gian tìm kiếm (ngày)' }),
    candidates: z.array(
      z.object({
        code: z.string(),
        status: z.enum(REPORT_STATUSES),
        statusLabel: LabelSchema,
        category: Ref,
        agency: Ref.nullable(),
        excerpt: z.string().openapi({ description: 'Đoạn đầu nội dung' }),
        address: z.string().nullable(),
        location: z.object({ lat: z.number(), lng: z.number() }),
        distanceMetres: z.number().int(),
        similarity: z.number().openapi({ description: 'Độ giống nội dung, 0–1' }),
        supporterCount: z.number().int(),
        createdAt: z.string(),
        hidden: z.boolean().openapi({
          description: 'Đang bị ẩn khỏi trang công khai: chỉ gộp được vào phản ánh đang xem',
        }),
        suggestedMain: z.enum(['this', 'candidate']).openapi({
          description:
            'Phản ánh nên giữ làm phản ánh chính: `this` (gộp ứng viên vào phản ánh đang xem) hoặc `candidate`',
        }),
      }),
    ),
    merged: z
      .array(
        z.object({
          code: z.string(),
          category: Ref,
          excerpt: z.string(),
          createdAt: z.string(),
          mergedAt: z.string(),
          hidden: z.boolean(),
        }),
      )
      .openapi({ description: 'Các phản ánh đã được gộp vào phản ánh này' }),
  })
  .openapi('DuplicateCandidates');
