import { z } from '@hono/zod-openapi';
import { COURSE_STATUSES } from '@tinh/db/schema';
import { normaliseVietnamesePhone } from '../reports/phone';

// Requests and answers of online training (citizens: /api/v1/training; editors:
// /api/v1/work/training). Times are UTC ISO 8601 instants; the apps show them in Vietnam's
// time.

/** Largest material file: 20 MB. */
export const MATERIAL_MAX_BYTES = 20 * 1024 * 1024;
/** Materials per course. */
export const MAX_MATERIALS = 50;
/** Questions one person may ask in one session. */
export const MAX_QUESTIONS_PER_PERSON = 30;
/** Longest session: a working day with its breaks fits, a typo of a month does not. */
export const MAX_SESSION_HOURS = 12;

const text = (field: string, max: number, min = 1) =>
  z
    .string({ error: `Thiếu ${field}.` })
    .trim()
    .min(min, `${field[0]?.toUpperCase()}${field.slice(1)} cần ít nhất ${min} ký tự.`)
    .max(max, `${field[0]?.toUpperCase()}${field.slice(1)} tối đa ${max} ký tự.`);

const id = (what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, `Mã ${what} không hợp lệ.`)
    .openapi({
      param: { name: 'id', in: 'path' },
      example: '3f2c1a9e-4b7d-4c1e-9a55-2d6e8f0b1c2d',
    });

export const CourseIdParam = z.object({ id: id('khóa học') });
export const SessionIdParam = z.object({ id: id('buổi học') });
export const MaterialIdParam = z.object({ id: id('tài liệu') });
export const QuestionIdParam = z.object({ id: id('câu hỏi') });

const instant = (field: string) =>
  z.iso
    .datetime({
      offset: true,
      error: `${field} phải là thời điểm ISO 8601 (ví dụ 2026-03-12T01:00:00Z).`,
    })
    .transform((v) => new Date(v).toISOString())
    .openapi({ example: '2026-03-12T01:00:00.000Z' });

export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

const meetingUrl = z
  .string({ error: 'Thiếu đường dẫn phòng học trực tuyến.' })
  .trim()
  .max(500, 'Đường dẫn phòng học tối đa 500 ký tự.')
  .refine(isHttpsUrl, 'Đường dẫn phòng học phải là địa chỉ https:// hợp lệ.')
  .openapi({ example: 'https://meet.google.com/abc-defg-hij' });

const optionalText = (field: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${field} tối đa ${max} ký tự.`)
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v ? v : null));

// ---- citizens -----------------------------------------------------------------------------

export const CourseListQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100, 'Từ khóa tối đa 100 ký tự.')
    .optional()
    .openapi({
      param: { name: 'q', in: 'query' },
      description: 'Tìm trong tên, mô tả, đối tượng và cơ quan; có dấu hoặc không dấu',
      example: 'xam nhap man',
    }),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/, 'Con trỏ trang không hợp lệ.')
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: '`nextCursor` trang trước' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(20)
    .openapi({ param: { name: 'limit', in: 'query' } }),
});

const NextSessionSchema = z.object({ id: z.string(), startsAt: z.string() }).nullable();

export const CourseSummarySchema = z
  .object({
    id: z.string(),
    title: z.string().openapi({ example: 'Canh tác lúa thích ứng xâm nhập mặn' }),
    description: z.string(),
    audience: z.string().nullable().openapi({ example: 'Nông dân trồng lúa' }),
    agencyId: z.string(),
    agencyName: z.string(),
    nextSession: NextSessionSchema.openapi({
      description: 'Buổi sắp tới (hoặc đang diễn ra) sớm nhất; null khi mọi buổi đã kết thúc',
    }),
    sessionCount: z.number().int(),
    materialCount: z.number().int(),
  })
  .openapi('TrainingCourseSummary');

export const CourseListSchema = z
  .object({ courses: z.array(CourseSummarySchema), nextCursor: z.string().nullable() })
  .openapi('TrainingCourseList');

export const MaterialSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    bytes: z.number().int(),
    url: z.string().openapi({ description: 'Tải tệp' }),
    createdAt: z.string(),
  })
  .openapi('TrainingMaterial');

export const PublicSessionSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    trainerName: z.string().nullable(),
    capacity: z.number().int().nullable().openapi({ description: 'null: không giới hạn' }),
    registered: z.number().int(),
    seatsLeft: z.number().int().nullable(),
    myRegistration: z
      .object({ id: z.string(), attendedAt: z.string().nullable() })
      .nullable()
      .openapi({ description: 'Đăng ký của người đang đăng nhập (null: chưa đăng ký)' }),
    meetingUrl: z
      .string()
      .nullable()
      .openapi({ description: 'Chỉ có khi người đang đăng nhập đã đăng ký buổi này' }),
  })
  .openapi('TrainingSession');

export const PublicCourseSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    audience: z.string().nullable(),
    agencyId: z.string(),
    agencyName: z.string(),
    status: z.enum(['published', 'cancelled']).openapi({
      description: '`cancelled`: khóa học đã hủy (người đã đăng ký vẫn xem được)',
    }),
    sessions: z.array(PublicSessionSchema),
    materials: z.array(MaterialSchema),
  })
  .openapi('TrainingCourse');

export const RegistrationBody = z
  .object({
    name: text('họ tên', 100, 2).openapi({ example: 'Nguyễn Văn Lợi' }),
    phone: z
      .string()
      .trim()
      .max(20, 'Số điện thoại không hợp lệ.')
      .nullable()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const e164 = normaliseVietnamesePhone(v);
        if (!e164) {
          ctx.addIssue({ code: 'custom', message: 'Số điện thoại không hợp lệ.' });
          return z.NEVER;
        }
        return `0${e164.slice(3)}`;
      })
      .openapi({ type: 'string', example: '0912345678' }),
  })
  .openapi('TrainingRegistrationBody');

export const RegistrationResultSchema = z
  .object({
    registration: z.object({
      id: z.string(),
      sessionId: z.string(),
      meetingUrl: z.string(),
    }),
  })
  .openapi('TrainingRegistrationResult');

export const MyRegistrationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    createdAt: z.string(),
    attendedAt: z.string().nullable(),
    session: z.object({
      id: z.string(),
      title: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      trainerName: z.string().nullable(),
      meetingUrl: z.string(),
    }),
    course: z.object({
      id: z.string(),
      title: z.string(),
      agencyName: z.string(),
      status: z.enum(COURSE_STATUSES),
    }),
  })
  .openapi('MyTrainingRegistration');

export const MyRegistrationListSchema = z
  .object({ registrations: z.array(MyRegistrationSchema) })
  .openapi('MyTrainingRegistrations');

export const PublicQuestionSchema = z
  .object({
    id: z.string(),
    askerName: z.string().openapi({ description: 'Tên (không có họ) với câu hỏi của người khác' }),
    body: z.string(),
    answer: z.string().nullable(),
    answeredAt: z.string().nullable(),
    createdAt: z.string(),
    mine: z.boolean(),
  })
  .openapi('TrainingQuestion');

export const PublicQuestionListSchema = z
  .object({ questions: z.array(PublicQuestionSchema) })
  .openapi('TrainingQuestions');

export const QuestionBody = z
  .object({
    body: text('câu hỏi', 1000, 3).openapi({
      example: 'Độ mặn bao nhiêu thì ngưng bơm nước vào ruộng?',
    }),
  })
  .openapi('TrainingQuestionBody');

// ---- editors ------------------------------------------------------------------------------

export const WorkCourseListQuery = z.object({
  status: z
    .enum(COURSE_STATUSES)
    .optional()
    .openapi({ param: { name: 'status', in: 'query' } }),
  q: z
    .string()
    .trim()
    .max(100, 'Từ khóa tối đa 100 ký tự.')
    .optional()
    .openapi({ param: { name: 'q', in: 'query' } }),
});

/** A client-made id for a creation: the same key sent again answers what the first created. */
const requestKey = z
  .uuid({ error: 'Mã yêu cầu (requestKey) phải là UUID.' })
  .openapi({ description: 'UUID do ứng dụng tạo; gửi lại cùng mã không tạo bản ghi thứ hai' });

export const CourseCreateBody = z
  .object({
    title: text('tên khóa học', 200, 5),
    description: z.string().trim().max(5000, 'Mô tả tối đa 5000 ký tự.').default(''),
    audience: optionalText('Đối tượng', 200),
    agencyId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'Mặc định: cơ quan của cán bộ' }),
    requestKey: requestKey.optional(),
  })
  .openapi('TrainingCourseCreateBody');

export const CoursePatchBody = z
  .object({
    title: text('tên khóa học', 200, 5).optional(),
    description: z.string().trim().max(5000, 'Mô tả tối đa 5000 ký tự.').optional(),
    audience: optionalText('Đối tượng', 200),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Không có gì để sửa.')
  .openapi('TrainingCoursePatchBody');

const capacity = z
  .number({ error: 'Số chỗ phải là số nguyên.' })
  .int('Số chỗ phải là số nguyên.')
  .min(1, 'Số chỗ ít nhất là 1.')
  .max(100_000, 'Số chỗ tối đa 100 000.')
  .nullable()
  .openapi({ description: 'null: không giới hạn' });

const sessionFields = {
  title: text('tên buổi học', 200, 3),
  startsAt: instant('Giờ bắt đầu'),
  endsAt: instant('Giờ kết thúc'),
  meetingUrl,
  trainerName: optionalText('Tên giảng viên', 120),
  capacity: capacity.optional(),
};

export function sessionTimesProblem(startsAt: string, endsAt: string): string | null {
  const length = Date.parse(endsAt) - Date.parse(startsAt);
  if (length <= 0) return 'Giờ kết thúc phải sau giờ bắt đầu.';
  if (length > MAX_SESSION_HOURS * 3_600_000) {
    return `Một buổi học dài tối đa ${MAX_SESSION_HOURS} giờ.`;
  }
  return null;
}

export const SessionCreateBody = z
  .object({ ...sessionFields, requestKey: requestKey.optional() })
  .superRefine((v, ctx) => {
    const problem = sessionTimesProblem(v.startsAt, v.endsAt);
    if (problem) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: problem });
  })
  .openapi('TrainingSessionCreateBody');

export const SessionPatchBody = z
  .object({
    title: sessionFields.title.optional(),
    startsAt: sessionFields.startsAt.optional(),
    endsAt: sessionFields.endsAt.optional(),
    meetingUrl: meetingUrl.optional(),
    trainerName: sessionFields.trainerName,
    capacity: capacity.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Không có gì để sửa.')
  .openapi('TrainingSessionPatchBody');

export const WorkSessionSchema = z
  .object({
    id: z.string(),
    courseId: z.string(),
    title: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    meetingUrl: z.string(),
    trainerName: z.string().nullable(),
    capacity: z.number().int().nullable(),
    registered: z.number().int(),
    attended: z.number().int(),
    questions: z.number().int(),
    unanswered: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi('TrainingWorkSession');

const courseFields = {
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  title: z.string(),
  description: z.string(),
  audience: z.string().nullable(),
  status: z.enum(COURSE_STATUSES),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const WorkCourseSummarySchema = z
  .object({
    ...courseFields,
    sessionCount: z.number().int(),
    materialCount: z.number().int(),
    registered: z.number().int().openapi({ description: 'Lượt đăng ký còn hiệu lực, mọi buổi' }),
    unanswered: z.number().int(),
    nextSession: NextSessionSchema,
  })
  .openapi('TrainingWorkCourseSummary');

export const WorkCourseListSchema = z
  .object({ courses: z.array(WorkCourseSummarySchema) })
  .openapi('TrainingWorkCourseList');

export const WorkCourseSchema = z
  .object({
    ...courseFields,
    sessions: z.array(WorkSessionSchema),
    materials: z.array(MaterialSchema),
  })
  .openapi('TrainingWorkCourse');

export const WorkCourseResultSchema = z.object({ course: WorkCourseSchema });
export const WorkSessionResultSchema = z.object({ session: WorkSessionSchema });
export const MaterialResultSchema = z.object({ material: MaterialSchema });
export const DeletedSchema = z.object({ deleted: z.literal(true), id: z.string() });

export const MaterialUploadQuery = z.object({
  title: z
    .string()
    .trim()
    .min(1, 'Tên tài liệu không được để trống.')
    .max(200, 'Tên tài liệu tối đa 200 ký tự.')
    .optional()
    .openapi({
      param: { name: 'title', in: 'query' },
      description: 'Mặc định: tên tệp (không có phần mở rộng)',
    }),
});

export const MaterialUploadHeaders = z.object({
  'x-file-name': z
    .string()
    .max(1000, 'Tên tệp quá dài.')
    .optional()
    .openapi({ description: 'Tên tệp gốc, mã hóa URI (encodeURIComponent)' }),
});

export const WorkRegistrationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    createdAt: z.string(),
    cancelledAt: z.string().nullable(),
    attendedAt: z.string().nullable(),
    reminderSentAt: z.string().nullable(),
  })
  .openapi('TrainingWorkRegistration');

export const WorkRegistrationListSchema = z
  .object({
    session: WorkSessionSchema,
    course: z.object({ id: z.string(), title: z.string() }),
    registrations: z.array(WorkRegistrationSchema),
  })
  .openapi('TrainingWorkRegistrations');

export const RegistrationListQuery = z.object({
  includeCancelled: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .openapi({ param: { name: 'includeCancelled', in: 'query' }, type: 'string' }),
});

export const AttendanceBody = z
  .object({
    registrationIds: z
      .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Mã đăng ký không hợp lệ.'))
      .min(1, 'Chọn ít nhất một người.')
      .max(1000, 'Tối đa 1000 người mỗi lần.'),
    attended: z.boolean({ error: 'Thiếu trạng thái tham dự (attended).' }),
  })
  .openapi('TrainingAttendanceBody');

export const AttendanceResultSchema = z
  .object({ updated: z.number().int(), registrations: z.array(WorkRegistrationSchema) })
  .openapi('TrainingAttendanceResult');

export const WorkQuestionSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    askerName: z.string(),
    body: z.string(),
    answer: z.string().nullable(),
    answeredBy: z.string().nullable().openapi({ description: 'Tên cán bộ trả lời' }),
    answeredAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('TrainingWorkQuestion');

export const WorkQuestionListSchema = z
  .object({ questions: z.array(WorkQuestionSchema) })
  .openapi('TrainingWorkQuestions');

export const AnswerBody = z
  .object({ answer: text('câu trả lời', 4000) })
  .openapi('TrainingAnswerBody');

export type PublicCourse = z.infer<typeof PublicCourseSchema>;
export type CourseSummary = z.infer<typeof CourseSummarySchema>;
export type Material = z.infer<typeof MaterialSchema>;
export type WorkSession = z.infer<typeof WorkSessionSchema>;
export type WorkCourse = z.infer<typeof WorkCourseSchema>;
export type WorkCourseSummary = z.infer<typeof WorkCourseSummarySchema>;
export type WorkRegistration = z.infer<typeof WorkRegistrationSchema>;
export type WorkQuestion = z.infer<typeof WorkQuestionSchema>;
export type PublicQuestion = z.infer<typeof PublicQuestionSchema>;
export type MyRegistration = z.infer<typeof MyRegistrationSchema>;
