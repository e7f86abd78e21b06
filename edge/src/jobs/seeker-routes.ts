import { createRoute } from '@hono/zod-openapi';
import { citizenOnly, requireUserId } from '../auth/session';
import { ApiError } from '../platform/errors';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { enforceRateLimits } from '../platform/rate-limit';
import { createRouter } from '../platform/router';
import { applicationFor, listMyApplications, myApplication, profileOf } from './repo';
import {
  ApplyBody,
  IdParam,
  MyApplicationListSchema,
  MyApplicationSchema,
  MyProfileSchema,
  PageQuery,
  ProfileInput,
  ProfileSchema,
  VisibilityBody,
} from './schemas';
import { apply, checkCommune, saveProfile, setVisibility, withdraw } from './writes';

// The job seeker's side (/api/v1/jobs/me), for a citizen signed in with Zalo: their one
// profile (hidden unless they switch it on), their applications — one per vacancy, sent
// with the profile as it is then — and withdrawing one.

const TAG = 'Việc làm — người tìm việc';
const SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }];
/** Period of wrangler.toml's JOBS_LIMITER. */
const LIMIT_PERIOD_SECONDS = 60;

const denied = { 401: error('Cần đăng nhập Zalo (`session_required`)') };

const applicationNotFound = () =>
  new ApiError(404, 'application_not_found', 'Không tìm thấy hồ sơ ứng tuyển.');

const profileRoute = createRoute({
  method: 'get',
  path: '/profile',
  tags: [TAG],
  security: SECURITY,
  summary: 'Hồ sơ tìm việc của tôi',
  description: '`profile: null` khi chưa tạo.',
  middleware: [citizenOnly] as const,
  responses: { 200: json(MyProfileSchema, 'Hồ sơ'), ...denied },
});

const saveRoute = createRoute({
  method: 'put',
  path: '/profile',
  tags: [TAG],
  security: SECURITY,
  summary: 'Tạo hoặc sửa hồ sơ tìm việc',
  description:
    'Tạo: không gửi `version`; sửa: gửi `version` đã đọc. `visible: true` cho nhà tuyển dụng đã đăng ký tìm thấy hồ sơ (kể cả số điện thoại); ẩn thì không ai tìm thấy, chỉ nhà tuyển dụng bạn đã ứng tuyển xem được hồ sơ đã gửi.',
  middleware: [citizenOnly, requireJsonBody] as const,
  request: { body: body(ProfileInput) },
  responses: {
    200: json(ProfileSchema, 'Đã lưu'),
    201: json(ProfileSchema, 'Đã tạo'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`, `unknown_commune`)'),
    ...denied,
    409: error('Đã sửa ở nơi khác (`version_conflict`)'),
  },
});

const visibilityRoute = createRoute({
  method: 'put',
  path: '/profile/visibility',
  tags: [TAG],
  security: SECURITY,
  summary: 'Hiện hoặc ẩn hồ sơ với nhà tuyển dụng',
  middleware: [citizenOnly, requireJsonBody] as const,
  request: { body: body(VisibilityBody) },
  responses: {
    200: json(ProfileSchema, 'Hồ sơ'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`)'),
    ...denied,
    409: error('Chưa có hồ sơ (`profile_required`)'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/applications',
  tags: [TAG],
  security: SECURITY,
  summary: 'Hồ sơ tôi đã ứng tuyển',
  description: 'Mới nhất trước, kèm trạng thái và tin tuyển dụng.',
  middleware: [citizenOnly] as const,
  request: { query: PageQuery },
  responses: {
    200: json(MyApplicationListSchema, 'Hồ sơ ứng tuyển'),
    400: error('Tham số không hợp lệ (`invalid_cursor`)'),
    ...denied,
  },
});

const applyRoute = createRoute({
  method: 'post',
  path: '/applications',
  tags: [TAG],
  security: SECURITY,
  summary: 'Ứng tuyển',
  description:
    'Gửi hồ sơ tìm việc hiện tại (kèm thư giới thiệu) cho nhà tuyển dụng. Mỗi tin một lần: gửi lại trả 200 với hồ sơ đã gửi; sau khi rút có thể gửi lại.',
  middleware: [citizenOnly, requireJsonBody] as const,
  request: { body: body(ApplyBody) },
  responses: {
    200: json(MyApplicationSchema, 'Đã ứng tuyển từ trước'),
    201: json(MyApplicationSchema, 'Đã ứng tuyển'),
    400: error('Dữ liệu không hợp lệ (`validation_failed`)'),
    ...denied,
    404: error('Không có tin này (`vacancy_not_found`)'),
    409: error(
      'Tin đã đóng (`vacancy_closed`), hết hạn (`vacancy_expired`), là tin của bạn (`own_vacancy`) hoặc chưa có hồ sơ (`profile_required`)',
    ),
    429: error('Gửi quá nhanh (`rate_limited`)'),
  },
});

const withdrawRoute = createRoute({
  method: 'post',
  path: '/applications/{id}/withdraw',
  tags: [TAG],
  security: SECURITY,
  summary: 'Rút hồ sơ ứng tuyển',
  description: 'Nhà tuyển dụng không còn thấy hồ sơ này. Rút lại lần nữa: không đổi gì.',
  middleware: [citizenOnly] as const,
  request: { params: IdParam },
  responses: {
    200: json(MyApplicationSchema, 'Đã rút'),
    ...denied,
    404: error('Không có hồ sơ này (`application_not_found`)'),
  },
});

async function oneApplication(
  db: Parameters<typeof listMyApplications>[0],
  userId: string,
  id: string,
) {
  const { items } = await listMyApplications(db, userId, { id, limit: 1 });
  const item = items[0];
  if (!item) throw applicationNotFound();
  return item;
}

export const jobSeekerRoutes = createRouter()
  .openapi(profileRoute, async (c) =>
    c.json({ profile: await profileOf(c.var.db, requireUserId(c)) }, 200),
  )
  .openapi(saveRoute, async (c) => {
    const userId = requireUserId(c);
    const input = c.req.valid('json');
    await checkCommune(c.var.db, input.communeId);
    const created = await saveProfile(c.var.db, userId, input, new Date().toISOString());
    const profile = await profileOf(c.var.db, userId);
    if (!profile) throw new Error('profile missing after save');
    return c.json(profile, created ? 201 : 200);
  })
  .openapi(visibilityRoute, async (c) => {
    const userId = requireUserId(c);
    await setVisibility(c.var.db, userId, c.req.valid('json').visible, new Date().toISOString());
    const profile = await profileOf(c.var.db, userId);
    if (!profile) throw new Error('profile missing after update');
    return c.json(profile, 200);
  })
  .openapi(listRoute, async (c) =>
    c.json(await listMyApplications(c.var.db, requireUserId(c), c.req.valid('query')), 200),
  )
  .openapi(applyRoute, async (c) => {
    const userId = requireUserId(c);
    const { vacancyId, coverLetter } = c.req.valid('json');
    // A retry (lost answer, double tap) is answered before the limiter: it writes nothing.
    const prior = await applicationFor(c.var.db, userId, vacancyId);
    if (prior && prior.status !== 'withdrawn') {
      return c.json(await oneApplication(c.var.db, userId, prior.id), 200);
    }
    await enforceRateLimits([
      {
        limiter: c.env.JOBS_LIMITER,
        key: `jobs-apply:${userId}`,
        periodSeconds: LIMIT_PERIOD_SECONDS,
      },
    ]);
    const { id, created } = await apply(c.var.db, userId, vacancyId, coverLetter, new Date());
    return c.json(await oneApplication(c.var.db, userId, id), created ? 201 : 200);
  })
  .openapi(withdrawRoute, async (c) => {
    const userId = requireUserId(c);
    const { id } = c.req.valid('param');
    if (!(await myApplication(c.var.db, userId, id))) throw applicationNotFound();
    await withdraw(c.var.db, userId, id, new Date().toISOString());
    return c.json(await oneApplication(c.var.db, userId, id), 200);
  });
