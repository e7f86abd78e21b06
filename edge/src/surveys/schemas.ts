import { z } from '@hono/zod-openapi';
import { SURVEY_AUDIENCES, SURVEY_STATUSES } from '@tinh/db/schema';
import { SurveyDefinitionSchema } from './definition';

// Request and response shapes of the surveys API (citizens: /api/v1/surveys; editors:
// /api/v1/work/surveys), as the OpenAPI document describes them.

export const SurveyIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'demo-khao-sat-dich-vu-cong' }),
});

export const DeviceHeaders = z.object({
  'x-device-id': z
    .string()
    .min(8, 'Mã thiết bị (X-Device-Id) không hợp lệ.')
    .max(128, 'Mã thiết bị (X-Device-Id) không hợp lệ.')
    .optional()
    .openapi({
      param: { name: 'x-device-id', in: 'header' },
      description:
        'Mã thiết bị của mini app: người trả lời khảo sát "mọi người" khi chưa đăng nhập',
    }),
});

export const PublicListQuery = z.object({
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'Con trỏ trang (`nextCursor` của trang trước)' }),
});

const Audience = z.enum(SURVEY_AUDIENCES).openapi({
  description:
    '`verified`: chỉ người đã đăng nhập Zalo, mỗi tài khoản một lần; `anyone`: mọi người, mỗi thiết bị một lần (đã đăng nhập thì tính theo tài khoản)',
});
const Status = z.enum(SURVEY_STATUSES);

export const PublicSurveySummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    agencyName: z.string(),
    opensAt: z.string(),
    closesAt: z.string(),
    audience: Audience,
    questionCount: z.number().int(),
    answered: z.boolean().openapi({ description: 'Phiên đăng nhập / thiết bị này đã trả lời' }),
  })
  .openapi('SurveySummary');

export const PublicSurveyListSchema = z
  .object({ surveys: z.array(PublicSurveySummarySchema), nextCursor: z.string().nullable() })
  .openapi('SurveyList');

export const PublicSurveySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    agencyName: z.string(),
    audience: Audience,
    opensAt: z.string(),
    closesAt: z.string(),
    status: Status,
    definition: SurveyDefinitionSchema,
    answered: z.boolean(),
  })
  .openapi('Survey');

export const AnswerSchema = z
  .object({
    optionIds: z
      .array(z.string().max(100))
      .max(50)
      .optional()
      .openapi({ description: 'Câu lựa chọn: mã các lựa chọn (một lựa chọn: đúng một mã)' }),
    // Longer than any question allows, so that a too-long text is reported per question
    // (`too_long`) rather than as a malformed request.
    value: z
      .union([z.number(), z.string().max(20_000)])
      .optional()
      .openapi({ description: 'Câu thang điểm: số nguyên; câu trả lời tự do: văn bản' }),
  })
  .openapi('SurveyAnswer');

export const ResponseBodySchema = z
  .object({
    answers: z
      .record(z.string().min(1).max(100), AnswerSchema)
      .refine((a) => Object.keys(a).length <= 500, 'Quá nhiều câu trả lời.')
      .openapi({ description: 'Câu trả lời theo mã câu hỏi' }),
  })
  .openapi('SurveyResponseInput');

export const ResponseCreatedSchema = z.object({ id: z.string() }).openapi('SurveyResponseCreated');

// ---- editors --------------------------------------------------------------------------------

const instant = (label: string) =>
  z
    .string({ error: `${label} phải là thời điểm ISO 8601.` })
    .datetime({ offset: true, error: `${label} phải là thời điểm ISO 8601 (kèm múi giờ).` })
    .transform((v) => new Date(v).toISOString());

export const SurveyInputSchema = z
  .object({
    title: z
      .string({ error: 'Cần tên khảo sát.' })
      .trim()
      .min(1, 'Tên khảo sát không được để trống.')
      .max(200, 'Tên khảo sát tối đa 200 ký tự.'),
    description: z
      .string()
      .trim()
      .max(2000, 'Mô tả tối đa 2000 ký tự.')
      .default('')
      .openapi({ description: 'Lời giới thiệu hiện cho người trả lời' }),
    audience: Audience,
    opensAt: instant('Thời điểm mở'),
    closesAt: instant('Thời điểm đóng'),
    definition: SurveyDefinitionSchema,
  })
  .openapi('SurveyInput');

export const SurveyUpdateSchema = SurveyInputSchema.extend({
  version: z
    .number()
    .int()
    .min(1)
    .openapi({ description: 'Phiên bản đã mở để sửa (`version` của khảo sát)' }),
}).openapi('SurveyUpdate');

export const WorkListQuery = z.object({
  status: Status.optional(),
});

const WorkSurveyBase = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  title: z.string(),
  description: z.string(),
  status: Status,
  audience: Audience,
  opensAt: z.string(),
  closesAt: z.string(),
  version: z.number().int(),
  responseCount: z.number().int(),
  questionCount: z.number().int(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canManage: z
    .boolean()
    .openapi({ description: 'Cán bộ này được sửa, phát hành, đóng, xoá khảo sát' }),
});

export const WorkSurveySummarySchema = WorkSurveyBase.openapi('WorkSurveySummary');
export const WorkSurveySchema = WorkSurveyBase.extend({
  definition: SurveyDefinitionSchema,
}).openapi('WorkSurvey');

export const WorkSurveyListSchema = z
  .object({ surveys: z.array(WorkSurveySummarySchema) })
  .openapi('WorkSurveyList');

export const ResultsSchema = z
  .object({
    survey: WorkSurveySummarySchema,
    responses: z.number().int(),
    rejections: z
      .object({
        duplicate: z.number().int(),
        rate_limited: z.number().int(),
        closed: z.number().int(),
        unverified: z.number().int(),
      })
      .openapi({
        description:
          'Câu trả lời bị từ chối: trùng, gửi quá nhanh, ngoài thời gian, chưa đăng nhập',
      }),
    daily: z.array(z.object({ day: z.string(), responses: z.number().int() })),
    questions: z.array(
      z.object({
        id: z.string(),
        sectionId: z.string(),
        type: z.enum(['single', 'multiple', 'scale', 'text']),
        title: z.string(),
        answered: z.number().int(),
        options: z
          .array(z.object({ id: z.string(), label: z.string(), count: z.number().int() }))
          .optional(),
        scale: z
          .object({
            min: z.number().int(),
            max: z.number().int(),
            average: z.number().nullable(),
            counts: z.array(z.object({ value: z.number().int(), count: z.number().int() })),
          })
          .optional(),
        texts: z.array(z.object({ value: z.string(), submittedAt: z.string() })).optional(),
      }),
    ),
    generatedAt: z.string(),
  })
  .openapi('SurveyResults');
