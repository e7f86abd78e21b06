import { createRoute } from '@hono/zod-openapi';
import { versionedCache } from '../content/cache';
import { ApiError } from '../platform/errors';
import { errorResponse as error, jsonResponse as json } from '../platform/openapi';
import { createRouter } from '../platform/router';
import { findArticle, publicArticle, publicCategories, publicList } from './repo';
import {
  ArticleIdParam,
  ArticleListQuery,
  ArticleListSchema,
  ArticleSchema,
  CategoryListSchema,
  LangOnlyQuery,
} from './schemas';

// Government news for everyone (/api/v1/news, issue 8): published articles by category,
// newest first. Drafts and archived articles answer 404, as if they did not exist.

const TAG = 'Tin tức chính quyền';
const cached = versionedCache(['news'], { maxAgeSeconds: 60 });
const notModified = { 304: { description: 'Không đổi (theo `If-None-Match`)' } };

const categoriesRoute = createRoute({
  method: 'get',
  path: '/categories',
  tags: [TAG],
  summary: 'Chuyên mục tin tức',
  middleware: [cached] as const,
  request: { query: LangOnlyQuery },
  responses: { 200: json(CategoryListSchema, 'Chuyên mục'), ...notModified },
});

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: [TAG],
  summary: 'Tin đã đăng, mới nhất trước',
  description:
    'Chỉ tóm tắt (không có nội dung). Lọc theo chuyên mục; tìm `q` có dấu hoặc không dấu. Trang tiếp theo: `cursor` = `nextCursor`.',
  middleware: [cached] as const,
  request: { query: ArticleListQuery },
  responses: {
    200: json(ArticleListSchema, 'Các bài'),
    ...notModified,
    400: error('Tham số không hợp lệ (`validation_failed`, `invalid_cursor`)'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: [TAG],
  summary: 'Một bài',
  description: 'Nội dung là HTML đã lọc. `lang=en`: bản tiếng Anh nếu có, không thì tiếng Việt.',
  middleware: [cached] as const,
  request: { params: ArticleIdParam, query: LangOnlyQuery },
  responses: {
    200: json(ArticleSchema, 'Bài viết'),
    ...notModified,
    404: error('Không có bài này (`article_not_found`)'),
  },
});

export const newsRoutes = createRouter()
  .openapi(categoriesRoute, async (c) => {
    const categories = await publicCategories(c.var.db, c.req.valid('query').lang);
    return c.json({ categories }, 200);
  })
  .openapi(listRoute, async (c) => {
    return c.json(await publicList(c.var.db, c.req.valid('query')), 200);
  })
  .openapi(detailRoute, async (c) => {
    const row = await findArticle(c.var.db, c.req.valid('param').id);
    if (row?.status !== 'published') {
      throw new ApiError(404, 'article_not_found', 'Không tìm thấy bài viết.');
    }
    return c.json(publicArticle(row, c.req.valid('query').lang), 200);
  });
