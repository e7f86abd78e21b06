import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { citizenOnly, requireUserId } from '../auth/session';
import type { AppEnv } from '../platform/env';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { enforceRateLimits } from '../platform/rate-limit';
import { createRouter } from '../platform/router';
import {
  applicantsOf,
  type EmployerRow,
  employerApplication,
  employerOf,
  employerOut,
  findVacancy,
  listMyVacancies,
  myVacancy,
  searchSeekers,
  vacancyNotFound,
} from './repo';
import {
  ApplicantMarkBody,
  ApplicantSchema,
  EmployerInput,
  EmployerSchema,
  EmployerUpdateBody,
  IdParam,
  MyEmployerSchema,
  MyVacancyDetailSchema,
  MyVacancyListSchema,
  PageQuery,
  SeekerListQuery,
  SeekerListSchema,
  VacancyInput,
  VacancyUpdateBody,
} from './schemas';
import {
  checkCommune,
  checkDeadline,
  closeVacancy,
  createVacancy,
  employerRequired,
  employerSuspended,
  markApplication,
  registerEmployer,
  updateEmployer,
  updateVacancy,
  vacancyIdByKey,
} from './writes';

// The employer side of jobs (/api/v1/jobs/employer), for a citizen signed in with Zalo: one
// employer per account, its vacancies, their applicants — only its own: another employer's
// vacancy or application answers 404 as if it did not exist — and the search of the seekers
// who chose to be visible, open to registered employers only.

const TAG = 'Việc làm — nhà tuyển dụng';
const SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }];
/** Periods of wrangler.toml's JOBS_LIMITER and MARKET_POST_LIMITER. */
const LIMIT_PERIOD_SECONDS = 60;

async function myEmployer(c: Context<AppEnv>): Promise<EmployerRow> {
  const employer = await employerOf(c.var.db, requireUserId(c));
  if (!employer) throw employerRequired();
  return employer;
}

async function activeEmployer(c: Context<AppEnv>): Promise<EmployerRow> {
  const employer = await myEmployer(c);
  if (employer.status !== 'active') throw employerSuspended();
  return employer;
}

async function vacancyDetail(c: Context<AppEnv>, employerId: string, id: string) {
  const vacancy = await myVacancy(c.var.db, employerId, id);
  if (!vacancy) throw vacancyNotFound();
  return { ...vacancy, applicants: await applicantsOf(c.var.db, id) };
}

const denied = {
  401: error('Cần đăng nhập Zalo (`session_required`)'),
};
const notEmployer = error(
  'Chưa đăng ký nhà tuyển dụng (`employer_required`) hoặc đang bị khóa (`employer_suspended`)',
);

const employerRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  security: SECURITY,
  summary: 'Nhà tuyển dụng của tôi',
  description: '`employer: null` khi tài khoản chưa đăng ký.',
  middleware: [citizenOnly] as const,
  responses: { 200: json(MyEmployerSchema, 'Nhà tuyển dụng'), ...denied },
});

const registerRoute = createRoute({
  method: 'post',
  path: '/',
  tags: [TAG],
  security: SECURITY,
  summary: 'Đăng ký nhà tuyển dụng',
  description:
    'Mỗi tài khoản một nhà tuyển dụng: đăng ký lại (hoặc gửi lại) trả 200 với bản đã có. Mã số thuế không bắt buộc; nếu có phải gồm 10 hoặc 13 chữ số.',
  middleware: [citizenOnly, requireJsonBody] as const,
  request: { body: body(EmployerInput) },
  responses: {
    200: json(EmployerSchema, 'Đã đăng ký từ trước'),
    201: json(EmployerSchema, 'Đã đăng ký'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `unknown_commune`)'),
    ...denied,
    429: error('Gửi quá nhanh (`rate_limited`)'),
  },
});

const updateRoute = createRoute({
  method: 'put',
  path: '/',
  tags: [TAG],
  security: SECURITY,
  summary: 'Sửa thông tin nhà tuyển dụng',
  middleware: [citizenOnly, requireJsonBody] as const,
  request: { body: body(EmployerUpdateBody) },
  responses: {
    200: json(EmployerSchema, 'Đã lưu'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `unknown_commune`)'),
    ...denied,
    403: notEmployer,
    409: error('Đã được sửa ở nơi khác (`version_conflict`)'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/vacancies',
  tags: [TAG],
  security: SECURITY,
  summary: 'Tin tuyển dụng của tôi',
  description: 'Mọi trạng thái, kèm số hồ sơ (`applicationCount`) và số hồ sơ chưa xem.',
  middleware: [citizenOnly] as const,
  request: { query: PageQuery },
  responses: {
    200: json(MyVacancyListSchema, 'Tin tuyển dụng'),
    400: error('Tham số không hợp lệ (`invalid_cursor`)'),
    ...denied,
    403: notEmployer,
  },
});

const postRoute = createRoute({
  method: 'post',
  path: '/vacancies',
  tags: [TAG],
  security: SECURITY,
  summary: 'Đăng tin tuyển dụng',
  description:
    'Không ghi lương (`salaryMinVnd`, `salaryMaxVnd` null): "Thỏa thuận". Hạn nộp từ hôm nay đến 180 ngày. Gửi lại cùng `requestKey`: 200 với tin đã có.',
  middleware: [citizenOnly, requireJsonBody] as const,
  request: { body: body(VacancyInput) },
  responses: {
    200: json(MyVacancyDetailSchema, 'Đã đăng từ trước (cùng `requestKey`)'),
    201: json(MyVacancyDetailSchema, 'Đã đăng'),
    400: error(
      'Dữ liệu không hợp lệ (`validation_failed`, `unknown_commune`, `deadline_past`, `deadline_too_far`)',
    ),
    ...denied,
    403: notEmployer,
    409: error('`requestKey` đã dùng cho tin khác (`request_key_used`)'),
    429: error('Đăng quá nhanh (`rate_limited`)'),
  },
});

const vacancyRoute = createRoute({
  method: 'get',
  path: '/vacancies/{id}',
  tags: [TAG],
  security: SECURITY,
  summary: 'Một tin của tôi và các hồ sơ ứng tuyển',
  description:
    'Hồ sơ như lúc ứng viên gửi (có số điện thoại); hồ sơ đã rút không hiện. Tin của nhà tuyển dụng khác: 404.',
  middleware: [citizenOnly] as const,
  request: { params: IdParam },
  responses: {
    200: json(MyVacancyDetailSchema, 'Tin và hồ sơ'),
    ...denied,
    403: notEmployer,
    404: error('Không có tin này trong tin của bạn (`vacancy_not_found`)'),
  },
});

const editRoute = createRoute({
  method: 'put',
  path: '/vacancies/{id}',
  tags: [TAG],
  security: SECURITY,
  summary: 'Sửa tin tuyển dụng',
  description: 'Gửi kèm `version` đã đọc.',
  middleware: [citizenOnly, requireJsonBody] as const,
  request: { params: IdParam, body: body(VacancyUpdateBody) },
  responses: {
    200: json(MyVacancyDetailSchema, 'Đã lưu'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `unknown_commune`, `deadline_past`)'),
    ...denied,
    403: notEmployer,
    404: error('Không có tin này trong tin của bạn (`vacancy_not_found`)'),
    409: error('Đã sửa ở nơi khác (`version_conflict`) hoặc tin đã bị gỡ (`vacancy_removed`)'),
  },
});

const closeRoute = createRoute({
  method: 'post',
  path: '/vacancies/{id}/close',
  tags: [TAG],
  security: SECURITY,
  summary: 'Đóng tin (ngừng nhận hồ sơ)',
  description: 'Đóng tin đã đóng: không đổi gì.',
  middleware: [citizenOnly] as const,
  request: { params: IdParam },
  responses: {
    200: json(MyVacancyDetailSchema, 'Đã đóng'),
    ...denied,
    403: notEmployer,
    404: error('Không có tin này trong tin của bạn (`vacancy_not_found`)'),
  },
});

const markRoute = createRoute({
  method: 'post',
  path: '/applications/{id}/status',
  tags: [TAG],
  security: SECURITY,
  summary: 'Đánh dấu hồ sơ ứng tuyển',
  description:
    '`viewed` đã xem, `shortlisted` chọn phỏng vấn, `rejected` không phù hợp. Ứng viên nhận thông báo trong ứng dụng. Hồ sơ đã rút không đổi.',
  middleware: [citizenOnly, requireJsonBody] as const,
  request: { params: IdParam, body: body(ApplicantMarkBody) },
  responses: {
    200: json(ApplicantSchema, 'Hồ sơ'),
    400: error('Trạng thái không hợp lệ (`validation_failed`)'),
    ...denied,
    403: notEmployer,
    404: error('Không có hồ sơ này trong các tin của bạn (`application_not_found`)'),
  },
});

const seekersRoute = createRoute({
  method: 'get',
  path: '/seekers',
  tags: [TAG],
  security: SECURITY,
  summary: 'Tìm người tìm việc',
  description:
    'Chỉ nhà tuyển dụng đã đăng ký; chỉ hồ sơ người tìm việc chọn hiện. Tìm `q` có dấu hoặc không dấu theo vị trí, kỹ năng, kinh nghiệm; lọc `commune`.',
  middleware: [citizenOnly] as const,
  request: { query: SeekerListQuery },
  responses: {
    200: json(SeekerListSchema, 'Hồ sơ'),
    400: error('Tham số không hợp lệ (`validation_failed`, `invalid_cursor`)'),
    ...denied,
    403: notEmployer,
  },
});

const applicationNotFound = () =>
  new ApiError(404, 'application_not_found', 'Không tìm thấy hồ sơ ứng tuyển.');

export const jobEmployerRoutes = createRouter()
  .openapi(employerRoute, async (c) => {
    const employer = await employerOf(c.var.db, requireUserId(c));
    return c.json({ employer: employer ? employerOut(employer) : null }, 200);
  })
  .openapi(registerRoute, async (c) => {
    const userId = requireUserId(c);
    const input = c.req.valid('json');
    // A second registration or a retry writes nothing and is answered before the limiter.
    const existing = await employerOf(c.var.db, userId);
    if (existing) return c.json(employerOut(existing), 200);
    await enforceRateLimits([
      {
        limiter: c.env.JOBS_LIMITER,
        key: `jobs-employer:${userId}`,
        periodSeconds: LIMIT_PERIOD_SECONDS,
      },
    ]);
    await checkCommune(c.var.db, input.communeId);
    const created = await registerEmployer(c.var.db, userId, input, new Date().toISOString());
    const employer = await employerOf(c.var.db, userId);
    if (!employer) throw new Error('employer missing after insert');
    return c.json(employerOut(employer), created ? 201 : 200);
  })
  .openapi(updateRoute, async (c) => {
    const employer = await myEmployer(c);
    const { version, ...values } = c.req.valid('json');
    await checkCommune(c.var.db, values.communeId);
    await updateEmployer(c.var.db, employer, version, values, new Date().toISOString());
    const after = await employerOf(c.var.db, employer.ownerId);
    if (!after) throw new Error('employer missing after update');
    return c.json(employerOut(after), 200);
  })
  .openapi(listRoute, async (c) => {
    const employer = await myEmployer(c);
    return c.json(await listMyVacancies(c.var.db, employer.id, c.req.valid('query')), 200);
  })
  .openapi(postRoute, async (c) => {
    const employer = await activeEmployer(c);
    const input = c.req.valid('json');
    const stored = await vacancyIdByKey(c.var.db, input.requestKey);
    if (stored) {
      if (stored.employerId !== employer.id) {
        throw new ApiError(
          409,
          'request_key_used',
          'Mã yêu cầu (requestKey) đã được dùng cho một tin khác.',
        );
      }
      return c.json(await vacancyDetail(c, employer.id, stored.id), 200);
    }
    await enforceRateLimits([
      {
        limiter: c.env.MARKET_POST_LIMITER,
        key: `jobs-post:${employer.id}`,
        periodSeconds: LIMIT_PERIOD_SECONDS,
      },
    ]);
    const now = new Date();
    checkDeadline(input.deadline, now);
    await checkCommune(c.var.db, input.communeId);
    const id = await createVacancy(c.var.db, employer, input, now.toISOString());
    return c.json(await vacancyDetail(c, employer.id, id), 201);
  })
  .openapi(vacancyRoute, async (c) => {
    const employer = await myEmployer(c);
    return c.json(await vacancyDetail(c, employer.id, c.req.valid('param').id), 200);
  })
  .openapi(editRoute, async (c) => {
    const employer = await activeEmployer(c);
    const { id } = c.req.valid('param');
    const { version, ...values } = c.req.valid('json');
    const row = await findVacancy(c.var.db, id);
    if (!row || row.employerId !== employer.id) throw vacancyNotFound();
    const now = new Date();
    // An unchanged past deadline may stay (fixing a typo in a closed vacancy); a new one
    // must be a day still to come.
    if (values.deadline !== row.deadline) checkDeadline(values.deadline, now);
    await checkCommune(c.var.db, values.communeId);
    await updateVacancy(c.var.db, employer, row, version, values, now.toISOString());
    return c.json(await vacancyDetail(c, employer.id, id), 200);
  })
  .openapi(closeRoute, async (c) => {
    const employer = await myEmployer(c);
    const { id } = c.req.valid('param');
    const row = await findVacancy(c.var.db, id);
    if (!row || row.employerId !== employer.id) throw vacancyNotFound();
    await closeVacancy(c.var.db, employer.id, id, new Date().toISOString());
    return c.json(await vacancyDetail(c, employer.id, id), 200);
  })
  .openapi(markRoute, async (c) => {
    const employer = await myEmployer(c);
    const { id } = c.req.valid('param');
    const application = await employerApplication(c.var.db, employer.id, id);
    if (!application) throw applicationNotFound();
    await markApplication(
      c.var.db,
      application,
      c.req.valid('json').status,
      new Date().toISOString(),
    );
    const applicant = (await applicantsOf(c.var.db, application.vacancyId)).find(
      (a) => a.id === id,
    );
    // Withdrawn meanwhile: its details are no longer the employer's to read.
    if (!applicant) throw applicationNotFound();
    return c.json(applicant, 200);
  })
  .openapi(seekersRoute, async (c) => {
    await activeEmployer(c);
    return c.json(await searchSeekers(c.var.db, c.req.valid('query')), 200);
  });
