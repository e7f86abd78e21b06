// Government news as /api/v1/news answers it (edge/src/news/schemas.ts).

export interface NewsCategory {
  id: string;
  name: string;
}

export interface ArticleSummary {
  id: string;
  title: string;
  summary: string;
  category: NewsCategory;
  agency: { id: string; name: string };
  publishedAt: string;
}

export interface ArticlePage {
  items: ArticleSummary[];
  nextCursor: string | null;
}

export interface Article extends ArticleSummary {
  bodyHtml: string;
  updatedAt: string;
}
