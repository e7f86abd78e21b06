import { z } from '@hono/zod-openapi';
import { CONTENT_STATUSES } from '@tinh/db/schema';
import { LangQuery } from '../content/lang';
import { SearchTextSchema } from '../feed/params';

// Request and answer shapes of government news (public and editors').

const Status = z.enum(CONTENT_STATUSES);
const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Mã không hợp lệ.');

const Cursor = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,600}$/, 'Con trỏ trang không hợp lệ.')
  .optional()
  .openapi({ param: { name: 'cursor', in: 'query' }, description: '`nextCursor` trang trước' });

const Limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(50)
  .default(20)
  .openapi({ param: { name: 'limit', in: 'query' } });

export const ArticleListQuery = z.object({
  category: Id.optional().openapi({ param: { name: 'category', in: 'query' } }),
  q: SearchTextSchema.optional().openapi({
    param: { name: 'q', in: 'query' },
    description: 'Tìm trong tiêu đề, tóm tắt, nội dung; có dấu hoặc không dấu',
    example: 'lua he thu',
  }),
  cursor: Cursor,
  limit: Limit,
  lang: LangQuery,
});

export const LangOnlyQuery = z.object({ lang: LangQuery });

export const ArticleIdParam = z.object({
  id: Id.openapi({ param: { name: 'id', in: 'path' } }),
});

export const CategorySchema = z
  .object({ id: z.string(), name: z.string() })
  .openapi('NewsCategory');

export const CategoryListSchema = z.object({ categories: z.array(CategorySchema) });

export const ArticleSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    category: CategorySchema,
    agency: z.object({ id: z.string(), name: z.string() }),
    publishedAt: z.string(),
  })
  .openapi('NewsArticleSummary');

export const ArticleListSchema = z.object({
  items: z.array(ArticleSummarySchema),
  nextCursor: z.string().nullable(),
});

export const ArticleSchema = ArticleSummarySchema.extend({
  bodyHtml: z.string().openapi({ description: 'HTML đã lọc' }),
  updatedAt: z.string(),
}).openapi('NewsArticle');

// ---- editors --------------------------------------------------------------------------------

const English = z
  .object({
    title: z.string().trim().max(300).optional(),
    summary: z.string().trim().max(1000).optional(),
    bodyHtml: z.string().max(200_000).optional(),
  })
  .strict()
  .nullish();

const articleFields = {
  categoryId: Id,
  title: z.string().trim().min(1, 'Tiêu đề không được để trống.').max(300),
  summary: z.string().trim().max(1000),
  bodyHtml: z.string().max(200_000),
  en: English,
};

export const ArticleCreateBody = z
  .object({
    requestKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, 'Mã yêu cầu không hợp lệ.')
      .optional()
      .openapi({ description: 'Gửi lại cùng mã: không tạo thêm bài' }),
    agencyId: Id.optional().openapi({ description: 'Mặc định: cơ quan của người soạn' }),
    ...articleFields,
    summary: articleFields.summary.default(''),
    bodyHtml: articleFields.bodyHtml.default(''),
  })
  .strict()
  .openapi('NewsArticleCreate');

export const ArticlePatchBody = z
  .object({ version: z.number().int().min(1) })
  .extend(z.object(articleFields).partial().shape)
  .strict()
  .openapi('NewsArticlePatch');

export type ArticleCreate = z.infer<typeof ArticleCreateBody>;
export type ArticlePatch = z.infer<typeof ArticlePatchBody>;

export const VersionBody = z.object({ version: z.number().int().min(1) }).strict();

export const WorkArticleListQuery = z.object({
  q: SearchTextSchema.optional().openapi({ param: { name: 'q', in: 'query' } }),
  status: Status.optional().openapi({ param: { name: 'status', in: 'query' } }),
  category: Id.optional().openapi({ param: { name: 'category', in: 'query' } }),
  cursor: Cursor,
  limit: Limit,
});

export const WorkArticleSchema = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    agencyName: z.string(),
    categoryId: z.string(),
    categoryName: z.string(),
    title: z.string(),
    summary: z.string(),
    bodyHtml: z.string(),
    en: z.record(z.string(), z.unknown()),
    status: Status,
    publishedAt: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi('WorkNewsArticle');

export const WorkArticleListSchema = z.object({
  items: z.array(WorkArticleSchema.omit({ bodyHtml: true, en: true })),
  nextCursor: z.string().nullable(),
});
export const WorkArticleResultSchema = z.object({ article: WorkArticleSchema });
export type WorkArticle = z.infer<typeof WorkArticleSchema>;
