import type { ApiResult } from '../api';
import { apiCall } from '../appointments/http';
import type { Article, ArticlePage, NewsCategory } from './types';

/** /api/v1/news: categories, the paged list of published articles, one article. */

const BASE = '/api/v1/news';

export const newsClient = {
  categories: async (lang: string): Promise<ApiResult<NewsCategory[]>> => {
    const result = await apiCall<{ categories: NewsCategory[] }>(`${BASE}/categories`, {
      query: { lang },
    });
    return result.ok ? { ...result, data: result.data.categories } : result;
  },
  list: (query: {
    category?: string;
    q?: string;
    cursor?: string;
    lang: string;
  }): Promise<ApiResult<ArticlePage>> => apiCall(BASE, { query: { ...query, limit: '10' } }),
  article: (id: string, lang: string): Promise<ApiResult<Article>> =>
    apiCall(`${BASE}/${encodeURIComponent(id)}`, { query: { lang } }),
};

/** 22/11/2026 on the Vietnamese calendar, whatever the phone's time zone. */
export function vnDate(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
