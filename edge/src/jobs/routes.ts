import { createRoute } from '@hono/zod-openapi';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { listOpenVacancies, publicVacancy, vacancyNotFound } from './repo';
import { IdParam, VacancyListQuery, VacancyListSchema, VacancySchema } from './schemas';

// Jobs for everyone (/api/v1/jobs, no account): the open vacancies and one vacancy with its
// employer's public fields. Seekers' profiles are never here: only registered employers read
// them (citizen-routes.ts).

const TAG = 'Việc làm';
/** Short: a vacancy closed by its employer should leave lists within a minute. */
const LIST_CACHE = 'public, max-age=30';
/** One vacancy is what the applicant acts on: always asked again (closed, removed, edited). */
const VACANCY_CACHE = 'no-cache';

const listRoute = createRoute({
  method: 'get',
  path: '/vacancies',
  tags: [TAG],
  summary: 'Tin tuyển dụng đang nhận hồ sơ',
  description:
    'Chỉ tin đang mở và còn hạn nộp. Lọc theo xã/phường (`commune`), cách tính lương (`period`), lương tối thiểu (`salaryMin`, đồng); tìm `q` có dấu hoặc không dấu. Mới đăng trước; trang sau: `cursor`.',
  request: { query: VacancyListQuery },
  responses: {
    200: json(VacancyListSchema, 'Tin tuyển dụng'),
    400: error('Tham số không hợp lệ (`validation_failed`, `invalid_cursor`)'),
  },
});

const vacancyRoute = createRoute({
  method: 'get',
  path: '/vacancies/{id}',
  tags: [TAG],
  summary: 'Một tin tuyển dụng và nhà tuyển dụng',
  description:
    'Tin đã đóng hoặc hết hạn vẫn xem được theo liên kết (`accepting: false`); tin bị gỡ thì không.',
  request: { params: IdParam },
  responses: {
    200: json(VacancySchema, 'Tin tuyển dụng'),
    404: error('Không có tin này hoặc đã bị gỡ (`vacancy_not_found`)'),
  },
});

export const jobRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    c.header('Cache-Control', LIST_CACHE);
    return c.json(await listOpenVacancies(c.var.db, c.req.valid('query')), 200);
  })
  .openapi(vacancyRoute, async (c) => {
    const vacancy = await publicVacancy(c.var.db, c.req.valid('param').id);
    if (!vacancy) throw vacancyNotFound();
    c.header('Cache-Control', VACANCY_CACHE);
    return c.json(vacancy, 200);
  });
