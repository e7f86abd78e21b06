import { createRoute } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { requirePermission } from '../access/guard';
import { officialAuditEntry } from '../audit/log';
import type { AppEnv } from '../platform/env';
import { requireJsonBody } from '../platform/json-body';
import {
  jsonBody as body,
  errorResponse as error,
  jsonResponse as json,
} from '../platform/openapi';
import { createRouter } from '../platform/router';
import { findVacancy, listWorkVacancies, vacancyNotFound } from './repo';
import {
  IdParam,
  RemoveBody,
  WorkVacancyListSchema,
  WorkVacancyQuery,
  WorkVacancySchema,
} from './schemas';
import { removeVacancy } from './writes';

// Moderation of job vacancies (/api/v1/work/jobs, permission `jobs.moderate`): every vacancy
// whatever its state, and taking down one that breaks the rules (scams, discrimination,
// illegal work). Each removal is audited with its reason, which the employer is also told.

const TAG = 'Việc làm (kiểm duyệt)';
const SECURITY: Record<string, string[]>[] = [{ officialCookie: [] }, { officialBearer: [] }];

/** 401/403 before validation. */
const moderatorOnly = createMiddleware<AppEnv>(async (c, next) => {
  requirePermission(c, 'jobs.moderate');
  c.header('Cache-Control', 'private, no-store');
  await next();
});

const denied = {
  401: error('Cần đăng nhập tài khoản cán bộ (`official_session_required`)'),
  403: error('Không có quyền `jobs.moderate` (`forbidden`)'),
};

const listRoute = createRoute({
  method: 'get',
  path: '/vacancies',
  tags: [TAG],
  security: SECURITY,
  summary: 'Mọi tin tuyển dụng',
  description: 'Lọc `status`, tìm `q` có dấu hoặc không dấu; mới đăng trước.',
  middleware: [moderatorOnly] as const,
  request: { query: WorkVacancyQuery },
  responses: {
    200: json(WorkVacancyListSchema, 'Tin tuyển dụng'),
    400: error('Tham số không hợp lệ (`validation_failed`, `invalid_cursor`)'),
    ...denied,
  },
});

const removeRoute = createRoute({
  method: 'post',
  path: '/vacancies/{id}/remove',
  tags: [TAG],
  security: SECURITY,
  summary: 'Gỡ tin vi phạm',
  description:
    'Tin không còn hiện với ai ngoài nhà tuyển dụng; nhà tuyển dụng nhận thông báo kèm lý do. Ghi nhật ký. Gỡ tin đã gỡ: không đổi gì.',
  middleware: [moderatorOnly, requireJsonBody] as const,
  request: { params: IdParam, body: body(RemoveBody) },
  responses: {
    200: json(WorkVacancySchema, 'Đã gỡ'),
    400: error('Thiếu lý do (`validation_failed`)'),
    ...denied,
    404: error('Không có tin này (`vacancy_not_found`)'),
  },
});

async function workVacancy(db: Parameters<typeof findVacancy>[0], id: string) {
  const { items } = await listWorkVacancies(db, { limit: 50 }, new Date(), id);
  const item = items[0];
  if (!item) throw vacancyNotFound();
  return item;
}

export const jobWorkRoutes = createRouter()
  .openapi(listRoute, async (c) =>
    c.json(await listWorkVacancies(c.var.db, c.req.valid('query')), 200),
  )
  .openapi(removeRoute, async (c) => {
    const me = requirePermission(c, 'jobs.moderate');
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const row = await findVacancy(c.var.db, id);
    if (!row) throw vacancyNotFound();
    const now = new Date().toISOString();
    await removeVacancy(
      c.var.db,
      row,
      reason,
      now,
      officialAuditEntry(c, me, now, {
        action: 'job_vacancy.remove',
        entityType: 'job_vacancy',
        entityId: id,
        from: row.status,
        to: 'removed',
        note: reason,
      }),
    );
    return c.json(await workVacancy(c.var.db, id), 200);
  });
