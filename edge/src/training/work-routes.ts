import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { requireOfficial, requirePermission } from '../access/guard';
import { can, scopesOf } from '../access/permissions';
import { changedFields, officialAuditEntry } from '../audit/log';
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
import { XLSX_TYPE } from '../stats/export';
import { registrationsXlsx } from './export';
import {
  decodeFileName,
  deleteMaterial,
  materialNotFound,
  materialTooLarge,
  serveMaterial,
  storeMaterial,
} from './materials';
import {
  agencyExists,
  answerQuestion,
  cancelCourse,
  createCourse,
  createSession,
  deleteSession,
  findCourse,
  findMaterial,
  findQuestion,
  findSession,
  listRegistrations,
  listWorkCourses,
  publishCourse,
  recordAttendance,
  type SessionContext,
  type SessionValues,
  updateCourse,
  updateSession,
  workCourse,
  workMaterialUrl,
  workQuestions,
} from './repo';
import {
  AnswerBody,
  AttendanceBody,
  AttendanceResultSchema,
  CourseCreateBody,
  CourseIdParam,
  CoursePatchBody,
  DeletedSchema,
  MATERIAL_MAX_BYTES,
  MaterialIdParam,
  MaterialResultSchema,
  MaterialUploadHeaders,
  MaterialUploadQuery,
  QuestionIdParam,
  RegistrationListQuery,
  SessionCreateBody,
  SessionIdParam,
  SessionPatchBody,
  sessionTimesProblem,
  WorkCourseListQuery,
  WorkCourseListSchema,
  WorkCourseResultSchema,
  WorkQuestionListSchema,
  WorkQuestionSchema,
  WorkRegistrationListSchema,
  WorkSessionResultSchema,
} from './schemas';

// Online training for the agencies' training editors (/api/v1/work/training, permission
// `training.manage` for the course's agency): courses, their sessions and materials, the
// registrations with attendance, and the questions to answer. A course of another agency
// answers 404, as if it did not exist. Every change is one batch with its audit entry.

const TAG = 'Tập huấn trực tuyến (cán bộ)';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];

/** An official who edits training for some agency (which one is checked per course). */
function trainer(c: Context<AppEnv>): OfficialPrincipal {
  const me = requireOfficial(c);
  if (scopesOf(me, 'training.manage').size === 0) {
    throw new ApiError(403, 'forbidden', 'Bạn không có quyền thực hiện thao tác này.', {
      action: 'training.manage',
    });
  }
  c.header('Cache-Control', 'private, no-store');
  return me;
}

/**
 * Route middleware: who may edit training at all, before the request is validated, so a
 * citizen or another official hears 401/403, not what was wrong with the form.
 */
const trainerOnly = createMiddleware<AppEnv>(async (c, next) => {
  trainer(c);
  await next();
});

const mayManage = (me: OfficialPrincipal, agencyId: string) =>
  can(me, 'training.manage', { agencyId, communeId: null });

const courseNotFound = () => new ApiError(404, 'course_not_found', 'Không tìm thấy khóa học.');
const sessionNotFound = () =>
  new ApiError(404, 'session_not_found', 'Không tìm thấy buổi tập huấn.');
const questionNotFound = () => new ApiError(404, 'question_not_found', 'Không tìm thấy câu hỏi.');
const courseCancelled = () =>
  new ApiError(409, 'course_cancelled', 'Khóa học đã hủy, không thể thay đổi.');
const conflict = (what: string) =>
  new ApiError(409, 'conflict', `${what} vừa được người khác sửa. Vui lòng tải lại và thử lại.`);

async function myCourse(c: Context<AppEnv>, me: OfficialPrincipal, id: string) {
  const course = await findCourse(c.var.db, id);
  if (!course || !mayManage(me, course.agencyId)) throw courseNotFound();
  return course;
}

async function mySession(c: Context<AppEnv>, me: OfficialPrincipal, id: string) {
  const session = await findSession(c.var.db, id);
  if (!session || !mayManage(me, session.agencyId)) throw sessionNotFound();
  return session;
}

async function courseAnswer(c: Context<AppEnv>, id: string) {
  const course = await workCourse(c.var.db, id);
  if (!course) throw courseNotFound();
  return course;
}

const VN_OFFSET_MS = 7 * 3_600_000;

/** "08:30 ngày 12/03/2026" in Vietnam's time. */
function vnTime(iso: string): string {
  const d = new Date(Date.parse(iso) + VN_OFFSET_MS).toISOString();
  return `${d.slice(11, 16)} ngày ${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

/** What registered people are told of an edit, or null when nothing they rely on changed. */
function announcement(before: SessionContext, after: SessionValues): string | null {
  const where = `Buổi "${after.title}" của khóa "${before.courseTitle}"`;
  if (after.startsAt !== before.startsAt || after.endsAt !== before.endsAt) {
    return `${where} đổi giờ: bắt đầu lúc ${vnTime(after.startsAt)}, kết thúc lúc ${vnTime(after.endsAt)}.`;
  }
  if (after.meetingUrl !== before.meetingUrl) {
    return `${where} có đường dẫn phòng học mới. Mở ứng dụng để xem.`;
  }
  return null;
}

const denied = {
  401: error('Chưa đăng nhập (`official_session_required`)'),
  403: error('Không có quyền (`forbidden`) hoặc thiếu mã CSRF (`csrf_failed`)'),
};

// ---- routes -------------------------------------------------------------------------------

const listRoute = createRoute({
  method: 'get',
  path: '/courses',
  tags: [TAG],
  summary: 'Khóa học của cơ quan',
  description:
    'Mọi trạng thái, sửa gần nhất trước; lọc theo trạng thái, tìm có dấu hoặc không dấu.',
  security: SECURITY,
  middleware: [trainerOnly] as const,
  request: { query: WorkCourseListQuery },
  responses: {
    200: json(WorkCourseListSchema, 'Khóa học'),
    400: error('Tham số không hợp lệ'),
    ...denied,
  },
});

const createCourseRoute = createRoute({
  method: 'post',
  path: '/courses',
  tags: [TAG],
  summary: 'Tạo khóa học (bản nháp)',
  security: SECURITY,
  middleware: [trainerOnly, requireJsonBody] as const,
  request: { body: body(CourseCreateBody) },
  responses: {
    200: json(WorkCourseResultSchema, 'Đã tạo từ trước (cùng `requestKey`)'),
    201: json(WorkCourseResultSchema, 'Đã tạo'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `unknown_agency`)'),
    ...denied,
    409: error('`requestKey` đã dùng cho việc khác (`request_key_reused`)'),
  },
});

const courseRoute = createRoute({
  method: 'get',
  path: '/courses/{id}',
  tags: [TAG],
  summary: 'Một khóa học: buổi học, tài liệu, số đăng ký và câu hỏi',
  security: SECURITY,
  middleware: [trainerOnly] as const,
  request: { params: CourseIdParam },
  responses: {
    200: json(WorkCourseResultSchema, 'Khóa học'),
    ...denied,
    404: error('Không có khóa học này (`course_not_found`)'),
  },
});

const patchCourseRoute = createRoute({
  method: 'patch',
  path: '/courses/{id}',
  tags: [TAG],
  summary: 'Sửa tên, mô tả, đối tượng của khóa học',
  security: SECURITY,
  middleware: [trainerOnly, requireJsonBody] as const,
  request: { params: CourseIdParam, body: body(CoursePatchBody) },
  responses: {
    200: json(WorkCourseResultSchema, 'Đã lưu'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có khóa học này (`course_not_found`)'),
    409: error('Khóa học đã hủy (`course_cancelled`) hoặc vừa được người khác sửa (`conflict`)'),
  },
});

const publishRoute = createRoute({
  method: 'post',
  path: '/courses/{id}/publish',
  tags: [TAG],
  summary: 'Công bố khóa học',
  description: 'Người dân thấy khóa học và đăng ký được. Gọi lại khi đã công bố: không đổi gì.',
  security: SECURITY,
  middleware: [trainerOnly] as const,
  request: { params: CourseIdParam },
  responses: {
    200: json(WorkCourseResultSchema, 'Đã công bố'),
    ...denied,
    404: error('Không có khóa học này (`course_not_found`)'),
    409: error('Khóa học đã hủy (`course_cancelled`)'),
    422: error('Khóa học chưa có buổi học nào (`no_sessions`)'),
  },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/courses/{id}/cancel',
  tags: [TAG],
  summary: 'Hủy khóa học',
  description:
    'Người đã đăng ký các buổi chưa kết thúc nhận thông báo trong ứng dụng. Gọi lại: không đổi gì.',
  security: SECURITY,
  middleware: [trainerOnly] as const,
  request: { params: CourseIdParam },
  responses: {
    200: json(WorkCourseResultSchema, 'Đã hủy'),
    ...denied,
    404: error('Không có khóa học này (`course_not_found`)'),
  },
});

const createSessionRoute = createRoute({
  method: 'post',
  path: '/courses/{id}/sessions',
  tags: [TAG],
  summary: 'Thêm buổi học',
  description:
    'Thời điểm UTC ISO 8601 (hoặc có múi giờ, ví dụ `2026-03-12T08:00:00+07:00`); đường dẫn phòng học https.',
  security: SECURITY,
  middleware: [trainerOnly, requireJsonBody] as const,
  request: { params: CourseIdParam, body: body(SessionCreateBody) },
  responses: {
    200: json(WorkSessionResultSchema, 'Đã tạo từ trước (cùng `requestKey`)'),
    201: json(WorkSessionResultSchema, 'Đã thêm'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có khóa học này (`course_not_found`)'),
    409: error(
      'Khóa học đã hủy (`course_cancelled`) hoặc `requestKey` đã dùng (`request_key_reused`)',
    ),
    422: error('Giờ bắt đầu đã qua (`starts_in_past`)'),
  },
});

const patchSessionRoute = createRoute({
  method: 'patch',
  path: '/sessions/{id}',
  tags: [TAG],
  summary: 'Sửa buổi học',
  description:
    'Đổi giờ hoặc đường dẫn phòng học: người đã đăng ký được thông báo; đổi giờ bắt đầu thì được nhắc lại trước 24 giờ.',
  security: SECURITY,
  middleware: [trainerOnly, requireJsonBody] as const,
  request: { params: SessionIdParam, body: body(SessionPatchBody) },
  responses: {
    200: json(WorkSessionResultSchema, 'Đã lưu'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `invalid_session_times`)'),
    ...denied,
    404: error('Không có buổi này (`session_not_found`)'),
    409: error(
      'Số chỗ ít hơn số người đã đăng ký (`capacity_below_registered`), khóa học đã hủy (`course_cancelled`) hoặc vừa được người khác sửa (`conflict`)',
    ),
    422: error('Giờ bắt đầu mới đã qua (`starts_in_past`)'),
  },
});

const deleteSessionRoute = createRoute({
  method: 'delete',
  path: '/sessions/{id}',
  tags: [TAG],
  summary: 'Xóa buổi học chưa có người đăng ký',
  security: SECURITY,
  middleware: [trainerOnly] as const,
  request: { params: SessionIdParam },
  responses: {
    200: json(DeletedSchema, 'Đã xóa'),
    ...denied,
    404: error('Không có buổi này (`session_not_found`)'),
    409: error('Đã có người đăng ký (`session_has_registrations`)'),
  },
});

const uploadRoute = createRoute({
  method: 'post',
  path: '/courses/{id}/materials',
  tags: [TAG],
  summary: 'Tải lên tài liệu',
  description:
    'Thân yêu cầu là nội dung tệp (tối đa 20 MB): PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), ảnh PNG hoặc JPEG, nhận biết theo nội dung tệp. Tiêu đề `X-File-Name`: tên tệp mã hóa URI; `?title=`: tên hiển thị. Tải lại cùng tệp: 200 với tài liệu đã có.',
  security: SECURITY,
  middleware: [trainerOnly] as const,
  request: {
    params: CourseIdParam,
    query: MaterialUploadQuery,
    headers: MaterialUploadHeaders,
    body: {
      required: true,
      content: {
        'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
  },
  responses: {
    200: json(MaterialResultSchema, 'Tệp này đã có trong khóa học'),
    201: json(MaterialResultSchema, 'Đã tải lên'),
    400: error('Tệp rỗng (`empty_file`) hoặc tên tệp không hợp lệ (`invalid_file_name`)'),
    ...denied,
    404: error('Không có khóa học này (`course_not_found`)'),
    409: error('Khóa học đã hủy (`course_cancelled`) hoặc đã đủ tài liệu (`too_many_materials`)'),
    413: error('Tệp vượt quá 20 MB (`file_too_large`)'),
    415: error('Loại tệp không được nhận (`unsupported_file_type`)'),
  },
});

const materialRoute = createRoute({
  method: 'get',
  path: '/materials/{id}',
  tags: [TAG],
  summary: 'Tải tài liệu (cả khóa học nháp)',
  security: SECURITY,
  middleware: [trainerOnly] as const,
  request: { params: MaterialIdParam },
  responses: {
    200: {
      description: 'Tệp',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    304: { description: 'Không đổi (theo `If-None-Match`)' },
    ...denied,
    404: error('Không có tài liệu này (`material_not_found`)'),
  },
});

const deleteMaterialRoute = createRoute({
  method: 'delete',
  path: '/materials/{id}',
  tags: [TAG],
  summary: 'Xóa tài liệu',
  security: SECURITY,
  middleware: [trainerOnly] as const,
  request: { params: MaterialIdParam },
  responses: {
    200: json(DeletedSchema, 'Đã xóa'),
    ...denied,
    404: error('Không có tài liệu này (`material_not_found`)'),
  },
});

const registrationsRoute = createRoute({
  method: 'get',
  path: '/sessions/{id}/registrations',
  tags: [TAG],
  summary: 'Người đăng ký buổi học',
  description: 'Đăng ký còn hiệu lực (cả đã hủy: `includeCancelled=true`), sớm nhất trước.',
  security: SECURITY,
  middleware: [trainerOnly] as const,
  request: { params: SessionIdParam, query: RegistrationListQuery },
  responses: {
    200: json(WorkRegistrationListSchema, 'Danh sách đăng ký'),
    ...denied,
    404: error('Không có buổi này (`session_not_found`)'),
  },
});

const registrationsXlsxRoute = createRoute({
  method: 'get',
  path: '/sessions/{id}/registrations.xlsx',
  tags: [TAG],
  summary: 'Tải danh sách đăng ký (Excel)',
  security: SECURITY,
  middleware: [trainerOnly] as const,
  request: { params: SessionIdParam, query: RegistrationListQuery },
  responses: {
    200: {
      description: 'Sổ tính Excel (Content-Disposition: attachment)',
      content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...denied,
    404: error('Không có buổi này (`session_not_found`)'),
  },
});

const attendanceRoute = createRoute({
  method: 'post',
  path: '/sessions/{id}/attendance',
  tags: [TAG],
  summary: 'Điểm danh',
  description: 'Đánh dấu có mặt (`attended: true`) hoặc bỏ đánh dấu, từ khi buổi học bắt đầu.',
  security: SECURITY,
  middleware: [trainerOnly, requireJsonBody] as const,
  request: { params: SessionIdParam, body: body(AttendanceBody) },
  responses: {
    200: json(AttendanceResultSchema, 'Đã ghi; danh sách đăng ký sau khi ghi'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có buổi này (`session_not_found`)'),
    409: error('Buổi học chưa bắt đầu (`session_not_started`)'),
  },
});

const questionsRoute = createRoute({
  method: 'get',
  path: '/sessions/{id}/questions',
  tags: [TAG],
  summary: 'Câu hỏi của buổi học',
  security: SECURITY,
  middleware: [trainerOnly] as const,
  request: { params: SessionIdParam },
  responses: {
    200: json(WorkQuestionListSchema, 'Câu hỏi, cũ nhất trước'),
    ...denied,
    404: error('Không có buổi này (`session_not_found`)'),
  },
});

const answerRoute = createRoute({
  method: 'post',
  path: '/questions/{id}/answer',
  tags: [TAG],
  summary: 'Trả lời câu hỏi',
  description: 'Trả lời lại thì thay câu trả lời cũ. Người hỏi được thông báo (một lần).',
  security: SECURITY,
  middleware: [trainerOnly, requireJsonBody] as const,
  request: { params: QuestionIdParam, body: body(AnswerBody) },
  responses: {
    200: json(z.object({ question: WorkQuestionSchema }), 'Đã trả lời'),
    400: error('Dữ liệu không hợp lệ'),
    ...denied,
    404: error('Không có câu hỏi này (`question_not_found`)'),
  },
});

// ---- app ----------------------------------------------------------------------------------

export const trainingWorkRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const me = trainer(c);
    const query = c.req.valid('query');
    const agencyId = scopesOf(me, 'training.manage').has('any') ? null : me.agencyId;
    const courses = await listWorkCourses(
      c.var.db,
      { agencyId, ...query },
      new Date().toISOString(),
    );
    return c.json({ courses }, 200);
  })
  .openapi(createCourseRoute, async (c) => {
    const input = c.req.valid('json');
    const agencyId = input.agencyId ?? trainer(c).agencyId;
    const me = requirePermission(c, 'training.manage', { agencyId, communeId: null });
    if (!(await agencyExists(c.var.db, agencyId))) {
      throw new ApiError(400, 'unknown_agency', 'Cơ quan không tồn tại.', { agencyId });
    }
    const id = input.requestKey ?? crypto.randomUUID();
    const now = new Date().toISOString();
    const values = {
      title: input.title,
      description: input.description,
      audience: input.audience ?? null,
    };
    const created = await createCourse(
      c.var.db,
      { id, agencyId, createdBy: me.id, now, ...values },
      officialAuditEntry(c, me, now, {
        action: 'course.create',
        entityType: 'course',
        entityId: id,
        to: JSON.stringify({ agencyId, ...values }),
      }),
    );
    if (!created) {
      const existing = await findCourse(c.var.db, id);
      if (existing?.createdBy !== me.id) {
        throw new ApiError(
          409,
          'request_key_reused',
          'Mã yêu cầu (requestKey) này đã được dùng cho việc khác.',
        );
      }
    }
    return c.json({ course: await courseAnswer(c, id) }, created ? 201 : 200);
  })
  .openapi(courseRoute, async (c) => {
    const me = trainer(c);
    const { id } = c.req.valid('param');
    await myCourse(c, me, id);
    return c.json({ course: await courseAnswer(c, id) }, 200);
  })
  .openapi(patchCourseRoute, async (c) => {
    const me = trainer(c);
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const course = await myCourse(c, me, id);
    if (course.status === 'cancelled') throw courseCancelled();
    const before = {
      title: course.title,
      description: course.description,
      audience: course.audience,
    };
    const after = {
      title: patch.title ?? before.title,
      description: patch.description ?? before.description,
      audience: patch.audience === undefined ? before.audience : patch.audience,
    };
    const d = changedFields(before, after);
    if (d.changed) {
      const now = new Date().toISOString();
      const saved = await updateCourse(
        c.var.db,
        { id, updatedAt: course.updatedAt, now, ...after },
        officialAuditEntry(c, me, now, {
          action: 'course.update',
          entityType: 'course',
          entityId: id,
          from: d.from,
          to: d.to,
        }),
      );
      if (!saved) throw conflict('Khóa học');
    }
    return c.json({ course: await courseAnswer(c, id) }, 200);
  })
  .openapi(publishRoute, async (c) => {
    const me = trainer(c);
    const { id } = c.req.valid('param');
    const course = await myCourse(c, me, id);
    if (course.status === 'cancelled') throw courseCancelled();
    if (course.status === 'draft') {
      const current = await courseAnswer(c, id);
      if (current.sessions.length === 0) {
        throw new ApiError(
          422,
          'no_sessions',
          'Khóa học cần ít nhất một buổi học trước khi công bố.',
        );
      }
      const now = new Date().toISOString();
      await publishCourse(
        c.var.db,
        { id, now },
        officialAuditEntry(c, me, now, {
          action: 'course.publish',
          entityType: 'course',
          entityId: id,
          from: 'draft',
          to: 'published',
        }),
      );
    }
    const after = await courseAnswer(c, id);
    if (after.status === 'cancelled') throw courseCancelled();
    return c.json({ course: after }, 200);
  })
  .openapi(cancelRoute, async (c) => {
    const me = trainer(c);
    const { id } = c.req.valid('param');
    const course = await myCourse(c, me, id);
    if (course.status !== 'cancelled') {
      const now = new Date().toISOString();
      await cancelCourse(
        c.var.db,
        { id, title: course.title, now },
        officialAuditEntry(c, me, now, {
          action: 'course.cancel',
          entityType: 'course',
          entityId: id,
          from: course.status,
          to: 'cancelled',
        }),
      );
    }
    return c.json({ course: await courseAnswer(c, id) }, 200);
  })
  .openapi(createSessionRoute, async (c) => {
    const me = trainer(c);
    const { id: courseId } = c.req.valid('param');
    const input = c.req.valid('json');
    const course = await myCourse(c, me, courseId);
    if (course.status === 'cancelled') throw courseCancelled();
    const now = new Date().toISOString();
    const id = input.requestKey ?? crypto.randomUUID();
    const values: SessionValues = {
      title: input.title,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      meetingUrl: input.meetingUrl,
      trainerName: input.trainerName ?? null,
      capacity: input.capacity ?? null,
    };
    if (input.requestKey) {
      const earlier = await retriedSession(c, id, courseId);
      if (earlier) return c.json({ session: earlier }, 200);
    }
    if (Date.parse(values.startsAt) <= Date.parse(now)) throw startsInPast();
    const created = await createSession(
      c.var.db,
      { id, courseId, now, ...values },
      officialAuditEntry(c, me, now, {
        action: 'course_session.create',
        entityType: 'course_session',
        entityId: id,
        to: JSON.stringify({ courseId, ...values }),
      }),
    );
    if (created) return c.json({ session: created }, 201);
    // Not written: the same request key won a race, or the course was cancelled meanwhile.
    const earlier = input.requestKey ? await retriedSession(c, id, courseId) : undefined;
    if (earlier) return c.json({ session: earlier }, 200);
    throw courseCancelled();
  })
  .openapi(patchSessionRoute, async (c) => {
    const me = trainer(c);
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const session = await mySession(c, me, id);
    if (session.courseStatus === 'cancelled') throw courseCancelled();
    const before: SessionValues = {
      title: session.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      meetingUrl: session.meetingUrl,
      trainerName: session.trainerName,
      capacity: session.capacity,
    };
    const after: SessionValues = {
      title: patch.title ?? before.title,
      startsAt: patch.startsAt ?? before.startsAt,
      endsAt: patch.endsAt ?? before.endsAt,
      meetingUrl: patch.meetingUrl ?? before.meetingUrl,
      trainerName: patch.trainerName === undefined ? before.trainerName : patch.trainerName,
      capacity: patch.capacity === undefined ? before.capacity : patch.capacity,
    };
    const problem = sessionTimesProblem(after.startsAt, after.endsAt);
    if (problem) throw new ApiError(400, 'invalid_session_times', problem);
    const now = new Date().toISOString();
    const startMoved = after.startsAt !== before.startsAt;
    if (startMoved && Date.parse(after.startsAt) <= Date.parse(now)) throw startsInPast();
    if (after.capacity !== null && after.capacity < session.registered) {
      throw capacityBelow(session.registered);
    }
    const d = changedFields(before, after);
    if (!d.changed) return c.json({ session: stripContext(session) }, 200);
    const saved = await updateSession(
      c.var.db,
      {
        id,
        courseId: session.courseId,
        updatedAt: session.updatedAt,
        now,
        announce: announcement(session, after),
        startMoved,
        ...after,
      },
      officialAuditEntry(c, me, now, {
        action: 'course_session.update',
        entityType: 'course_session',
        entityId: id,
        from: d.from,
        to: d.to,
      }),
    );
    if (saved) return c.json({ session: saved }, 200);
    // Lost a race: seats taken meanwhile, or another editor's change.
    const current = await findSession(c.var.db, id);
    if (!current) throw sessionNotFound();
    if (after.capacity !== null && after.capacity < current.registered) {
      throw capacityBelow(current.registered);
    }
    throw conflict('Buổi học');
  })
  .openapi(deleteSessionRoute, async (c) => {
    const me = trainer(c);
    const { id } = c.req.valid('param');
    const session = await mySession(c, me, id);
    const now = new Date().toISOString();
    const outcome = await deleteSession(
      c.var.db,
      id,
      officialAuditEntry(c, me, now, {
        action: 'course_session.delete',
        entityType: 'course_session',
        entityId: id,
        from: JSON.stringify({
          courseId: session.courseId,
          title: session.title,
          startsAt: session.startsAt,
          endsAt: session.endsAt,
        }),
      }),
    );
    if (outcome === 'not_found') throw sessionNotFound();
    if (outcome === 'has_registrations') {
      throw new ApiError(
        409,
        'session_has_registrations',
        'Buổi học đã có người đăng ký, không thể xóa. Hãy sửa giờ hoặc hủy khóa học.',
      );
    }
    return c.json({ deleted: true as const, id }, 200);
  })
  .openapi(uploadRoute, async (c) => {
    const me = trainer(c);
    const { id: courseId } = c.req.valid('param');
    const { title } = c.req.valid('query');
    const declaredName = decodeFileName(c.req.valid('header')['x-file-name']);
    const course = await myCourse(c, me, courseId);
    if (course.status === 'cancelled') throw courseCancelled();
    const file = await readBodyCapped(c.req.raw, MATERIAL_MAX_BYTES, materialTooLarge);
    const now = new Date().toISOString();
    const outcome = await storeMaterial(
      c.var.db,
      c.env,
      { courseId, title, declaredName, uploadedBy: me.id, now },
      file,
      (id, values) =>
        officialAuditEntry(c, me, now, {
          action: 'course_material.create',
          entityType: 'course_material',
          entityId: id,
          to: JSON.stringify(values),
        }),
    );
    if (outcome.kind === 'course_unavailable') throw courseCancelled();
    if (outcome.kind === 'too_many_materials') {
      throw new ApiError(409, 'too_many_materials', 'Khóa học đã có đủ 50 tài liệu.');
    }
    const material = { ...outcome.material, url: workMaterialUrl(outcome.material.id) };
    return c.json({ material }, outcome.kind === 'created' ? 201 : 200);
  })
  .openapi(materialRoute, async (c) => {
    const me = trainer(c);
    const { id } = c.req.valid('param');
    const material = await findMaterial(c.var.db, id);
    if (!material || !mayManage(me, material.agencyId)) throw materialNotFound();
    return serveMaterial(c, material, 'private, no-store');
  })
  .openapi(deleteMaterialRoute, async (c) => {
    const me = trainer(c);
    const { id } = c.req.valid('param');
    const material = await findMaterial(c.var.db, id);
    if (!material || !mayManage(me, material.agencyId)) throw materialNotFound();
    const now = new Date().toISOString();
    const deleted = await deleteMaterial(
      c.var.db,
      c.env,
      material,
      officialAuditEntry(c, me, now, {
        action: 'course_material.delete',
        entityType: 'course_material',
        entityId: id,
        from: JSON.stringify({
          courseId: material.courseId,
          title: material.title,
          fileName: material.fileName,
          sha256: material.sha256,
        }),
      }),
    );
    if (!deleted) throw materialNotFound();
    return c.json({ deleted: true as const, id }, 200);
  })
  .openapi(registrationsRoute, async (c) => {
    const me = trainer(c);
    const { id } = c.req.valid('param');
    const { includeCancelled } = c.req.valid('query');
    const session = await mySession(c, me, id);
    const registrations = await listRegistrations(c.var.db, id, includeCancelled);
    return c.json(
      {
        session: stripContext(session),
        course: { id: session.courseId, title: session.courseTitle },
        registrations,
      },
      200,
    );
  })
  .openapi(registrationsXlsxRoute, async (c) => {
    const me = trainer(c);
    const { id } = c.req.valid('param');
    const { includeCancelled } = c.req.valid('query');
    const session = await mySession(c, me, id);
    const registrations = await listRegistrations(c.var.db, id, includeCancelled);
    const xlsx = await registrationsXlsx(
      {
        courseTitle: session.courseTitle,
        sessionTitle: session.title,
        startsAt: session.startsAt,
        generatedAt: new Date(),
      },
      registrations,
    );
    return c.body(xlsx, 200, {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': contentDispositionFor(
        `Danh sách đăng ký - ${session.title}.xlsx`,
        'attachment',
      ),
    });
  })
  .openapi(attendanceRoute, async (c) => {
    const me = trainer(c);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const session = await mySession(c, me, id);
    const now = new Date().toISOString();
    if (session.startsAt > now) {
      throw new ApiError(409, 'session_not_started', 'Buổi học chưa bắt đầu, chưa điểm danh được.');
    }
    const registrationIds = [...new Set(input.registrationIds)];
    const result = await recordAttendance(
      c.var.db,
      { sessionId: id, registrationIds, attended: input.attended, now },
      officialAuditEntry(c, me, now, {
        action: 'course_session.attendance',
        entityType: 'course_session',
        entityId: id,
        to: JSON.stringify({ attended: input.attended, registrationIds }),
      }),
    );
    return c.json(result, 200);
  })
  .openapi(questionsRoute, async (c) => {
    const me = trainer(c);
    const { id } = c.req.valid('param');
    await mySession(c, me, id);
    return c.json({ questions: await workQuestions(c.var.db, id) }, 200);
  })
  .openapi(answerRoute, async (c) => {
    const me = trainer(c);
    const { id } = c.req.valid('param');
    const { answer } = c.req.valid('json');
    const question = await findQuestion(c.var.db, id);
    if (!question || !mayManage(me, question.agencyId)) throw questionNotFound();
    const now = new Date().toISOString();
    const saved = await answerQuestion(
      c.var.db,
      { id, courseId: question.courseId, answer, officialId: me.id, now },
      officialAuditEntry(c, me, now, {
        action: 'course_question.answer',
        entityType: 'course_question',
        entityId: id,
        from: question.answer,
        to: answer,
      }),
    );
    if (!saved) throw questionNotFound();
    return c.json({ question: saved }, 200);
  });

/** The session a request key already created in this course; 409 when it names another. */
async function retriedSession(c: Context<AppEnv>, id: string, courseId: string) {
  const existing = await findSession(c.var.db, id);
  if (!existing) return undefined;
  if (existing.courseId !== courseId) {
    throw new ApiError(
      409,
      'request_key_reused',
      'Mã yêu cầu (requestKey) này đã được dùng cho việc khác.',
    );
  }
  return stripContext(existing);
}

function stripContext(s: SessionContext) {
  const { agencyId: _a, courseStatus: _s, courseTitle: _t, ...session } = s;
  return session;
}

const startsInPast = () =>
  new ApiError(422, 'starts_in_past', 'Giờ bắt đầu buổi học phải ở tương lai.');

const capacityBelow = (registered: number) =>
  new ApiError(
    409,
    'capacity_below_registered',
    `Đã có ${registered} người đăng ký; số chỗ không thể ít hơn.`,
    { registered },
  );
