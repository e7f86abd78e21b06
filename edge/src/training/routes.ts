import { createRoute, z } from '@hono/zod-openapi';
import { requireUserId } from '../auth/session';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import { materialNotFound, serveMaterial } from './materials';
import {
  askQuestion,
  cancelRegistration,
  findMaterial,
  listPublicCourses,
  myRegistrations,
  publicCourse,
  publicQuestions,
  register,
} from './repo';
import {
  CourseIdParam,
  CourseListQuery,
  CourseListSchema,
  MaterialIdParam,
  MyRegistrationListSchema,
  PublicCourseSchema,
  PublicQuestionListSchema,
  PublicQuestionSchema,
  QuestionBody,
  RegistrationBody,
  RegistrationResultSchema,
  SessionIdParam,
} from './schemas';

// Online training for citizens (/api/v1/training): the catalogue of published courses with
// their sessions and materials (no account needed), and, signed in with Zalo, registering
// for a session (which reveals its meeting link), cancelling, and asking the trainer.

const TAG = 'Tập huấn trực tuyến';
const SIGNED_IN: Record<string, string[]>[] = [{ bearerAuth: [] }];

const sessionRequired = { 401: error('Cần đăng nhập bằng Zalo (`session_required`)') };

const courseNotFound = () => new ApiError(404, 'course_not_found', 'Không tìm thấy khóa học.');
const sessionNotFound = () =>
  new ApiError(404, 'session_not_found', 'Không tìm thấy buổi tập huấn.');
const courseCancelled = () => new ApiError(409, 'course_cancelled', 'Khóa tập huấn này đã bị hủy.');

const listRoute = createRoute({
  method: 'get',
  path: '/courses',
  tags: [TAG],
  summary: 'Khóa tập huấn đang mở',
  description:
    'Khóa học đã công bố: khóa có buổi sắp diễn ra trước (sớm nhất trước), rồi các khóa khác. Tìm `q` có dấu hoặc không dấu. Trang tiếp theo: `cursor` = `nextCursor`.',
  request: { query: CourseListQuery },
  responses: {
    200: json(CourseListSchema, 'Danh sách khóa học'),
    400: error('Tham số không hợp lệ (`validation_failed`, `invalid_cursor`)'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/courses/{id}',
  tags: [TAG],
  summary: 'Một khóa học: các buổi và tài liệu',
  description:
    'Đường dẫn phòng học (`meetingUrl`) chỉ có ở buổi mà người đang đăng nhập đã đăng ký.',
  request: { params: CourseIdParam },
  responses: {
    200: json(PublicCourseSchema, 'Khóa học'),
    404: error('Không có khóa học này (`course_not_found`)'),
  },
});

const materialRoute = createRoute({
  method: 'get',
  path: '/materials/{id}',
  tags: [TAG],
  summary: 'Tải tài liệu của khóa học',
  request: { params: MaterialIdParam },
  responses: {
    200: {
      description: 'Tệp (Content-Disposition có tên tệp)',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    304: { description: 'Không đổi (theo `If-None-Match`)' },
    404: error('Không có tài liệu này (`material_not_found`)'),
  },
});

const registerRoute = createRoute({
  method: 'post',
  path: '/sessions/{id}/registrations',
  tags: [TAG],
  summary: 'Đăng ký một buổi tập huấn',
  description:
    'Gửi lại khi đã đăng ký: 200 với đăng ký đang có (không giữ thêm chỗ). Đăng ký đóng khi buổi học bắt đầu.',
  security: SIGNED_IN,
  middleware: [requireJsonBody] as const,
  request: { params: SessionIdParam, body: body(RegistrationBody) },
  responses: {
    200: json(RegistrationResultSchema, 'Đã đăng ký từ trước'),
    201: json(RegistrationResultSchema, 'Đã đăng ký'),
    400: error('Dữ liệu không hợp lệ'),
    ...sessionRequired,
    404: error('Không có buổi này (`session_not_found`)'),
    409: error(
      'Hết chỗ (`session_full`), buổi học đã bắt đầu (`session_started`) hoặc khóa học đã hủy (`course_cancelled`)',
    ),
  },
});

const cancelRoute = createRoute({
  method: 'delete',
  path: '/sessions/{id}/registrations',
  tags: [TAG],
  summary: 'Hủy đăng ký của tôi',
  description: 'Trả lại chỗ cho người khác. Gọi lại (hoặc khi chưa đăng ký) cũng trả 204.',
  security: SIGNED_IN,
  request: { params: SessionIdParam },
  responses: {
    204: { description: 'Không còn đăng ký' },
    ...sessionRequired,
    404: error('Không có buổi này (`session_not_found`)'),
    409: error('Buổi học đã bắt đầu (`session_started`)'),
  },
});

const mineRoute = createRoute({
  method: 'get',
  path: '/registrations',
  tags: [TAG],
  summary: 'Các buổi tôi đã đăng ký',
  description: 'Buổi sắp tới trước (sớm nhất trước), rồi các buổi đã qua.',
  security: SIGNED_IN,
  responses: { 200: json(MyRegistrationListSchema, 'Đăng ký của tôi'), ...sessionRequired },
});

const questionsRoute = createRoute({
  method: 'get',
  path: '/sessions/{id}/questions',
  tags: [TAG],
  summary: 'Hỏi đáp của buổi học',
  description:
    'Các câu hỏi đã được trả lời, và mọi câu hỏi của người đang đăng nhập (`mine`). Câu hỏi của người khác chỉ ghi tên (không có họ).',
  request: { params: SessionIdParam },
  responses: {
    200: json(PublicQuestionListSchema, 'Hỏi đáp'),
    404: error('Không có buổi này (`session_not_found`)'),
  },
});

const askRoute = createRoute({
  method: 'post',
  path: '/sessions/{id}/questions',
  tags: [TAG],
  summary: 'Gửi câu hỏi cho giảng viên',
  description:
    'Người đã đăng ký buổi học, trước hoặc trong buổi học. Gửi lại cùng nội dung: 200 với câu hỏi đã có.',
  security: SIGNED_IN,
  middleware: [requireJsonBody] as const,
  request: { params: SessionIdParam, body: body(QuestionBody) },
  responses: {
    200: json(z.object({ question: PublicQuestionSchema }), 'Đã gửi từ trước'),
    201: json(z.object({ question: PublicQuestionSchema }), 'Đã gửi'),
    400: error('Dữ liệu không hợp lệ'),
    ...sessionRequired,
    403: error('Chưa đăng ký buổi học (`registration_required`)'),
    404: error('Không có buổi này (`session_not_found`)'),
    409: error('Buổi học đã kết thúc (`session_ended`) hoặc khóa học đã hủy (`course_cancelled`)'),
    429: error('Đã gửi quá nhiều câu hỏi trong buổi này (`too_many_questions`)'),
  },
});

export const trainingRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const page = await listPublicCourses(c.var.db, c.req.valid('query'), new Date().toISOString());
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(page, 200);
  })
  .openapi(detailRoute, async (c) => {
    const { id } = c.req.valid('param');
    const course = await publicCourse(c.var.db, id, c.var.userId ?? null);
    if (!course) throw courseNotFound();
    // Seats change as people register; a signed-in answer becomes private (auth/session.ts).
    c.header('Cache-Control', 'public, max-age=30');
    return c.json(course, 200);
  })
  .openapi(materialRoute, async (c) => {
    const { id } = c.req.valid('param');
    const material = await findMaterial(c.var.db, id);
    if (!material || material.courseStatus === 'draft') throw materialNotFound();
    return serveMaterial(c, material, 'public, max-age=3600');
  })
  .openapi(registerRoute, async (c) => {
    const userId = requireUserId(c);
    const { id } = c.req.valid('param');
    const { name, phone } = c.req.valid('json');
    const outcome = await register(c.var.db, {
      sessionId: id,
      userId,
      name,
      phone,
      now: new Date().toISOString(),
    });
    c.header('Cache-Control', 'no-store');
    switch (outcome.kind) {
      case 'created':
        return c.json({ registration: outcome.registration }, 201);
      case 'existing':
        return c.json({ registration: outcome.registration }, 200);
      case 'not_found':
        throw sessionNotFound();
      case 'course_cancelled':
        throw courseCancelled();
      case 'session_started':
        throw new ApiError(
          409,
          'session_started',
          'Buổi tập huấn đã bắt đầu, không thể đăng ký thêm.',
        );
      case 'session_full':
        throw new ApiError(409, 'session_full', 'Buổi tập huấn đã hết chỗ.');
    }
  })
  .openapi(cancelRoute, async (c) => {
    const userId = requireUserId(c);
    const { id } = c.req.valid('param');
    const outcome = await cancelRegistration(c.var.db, {
      sessionId: id,
      userId,
      now: new Date().toISOString(),
    });
    if (outcome === 'not_found') throw sessionNotFound();
    if (outcome === 'session_started') {
      throw new ApiError(
        409,
        'session_started',
        'Buổi tập huấn đã bắt đầu, không thể hủy đăng ký.',
      );
    }
    return c.body(null, 204);
  })
  .openapi(mineRoute, async (c) => {
    const userId = requireUserId(c);
    const registrations = await myRegistrations(c.var.db, userId, new Date().toISOString());
    c.header('Cache-Control', 'private, no-store');
    return c.json({ registrations }, 200);
  })
  .openapi(questionsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const questions = await publicQuestions(c.var.db, id, c.var.userId ?? null);
    if (!questions) throw sessionNotFound();
    c.header('Cache-Control', 'public, max-age=15');
    return c.json({ questions }, 200);
  })
  .openapi(askRoute, async (c) => {
    const userId = requireUserId(c);
    const { id } = c.req.valid('param');
    const outcome = await askQuestion(c.var.db, {
      sessionId: id,
      userId,
      body: c.req.valid('json').body,
      now: new Date().toISOString(),
    });
    c.header('Cache-Control', 'no-store');
    switch (outcome.kind) {
      case 'created':
        return c.json({ question: outcome.question }, 201);
      case 'existing':
        return c.json({ question: outcome.question }, 200);
      case 'not_found':
        throw sessionNotFound();
      case 'course_cancelled':
        throw courseCancelled();
      case 'registration_required':
        throw new ApiError(
          403,
          'registration_required',
          'Bạn cần đăng ký buổi tập huấn này để gửi câu hỏi.',
        );
      case 'session_ended':
        throw new ApiError(
          409,
          'session_ended',
          'Buổi tập huấn đã kết thúc, không nhận thêm câu hỏi.',
        );
      case 'too_many_questions':
        throw new ApiError(
          429,
          'too_many_questions',
          'Bạn đã gửi quá nhiều câu hỏi trong buổi này.',
        );
    }
  });
