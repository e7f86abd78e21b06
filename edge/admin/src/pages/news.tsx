import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api';
import { ErrorBox, useLoad } from '../components/common';
import { formatDateTime } from '../format';
import '../services/services.css';

// Government news for its editors: the agency's articles (an administrator's: every agency's),
// last edited first, filtered by status and category, searched without tone marks, a page of
// thirty at a time; each opens in the article editor (/tin-tuc/:id, or /tin-tuc/moi to write).

export type ArticleStatus = 'draft' | 'published' | 'archived';

export interface WorkArticle {
  id: string;
  agencyId: string;
  agencyName: string;
  categoryId: string;
  categoryName: string;
  title: string;
  summary: string;
  bodyHtml: string;
  en: { title?: string; summary?: string; bodyHtml?: string };
  status: ArticleStatus;
  publishedAt: string | null;
  version: number;
  updatedAt: string;
}

type ListItem = Omit<WorkArticle, 'bodyHtml' | 'en'>;

export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'Bản nháp',
  published: 'Đã đăng',
  archived: 'Đã gỡ',
};

export function ArticleBadge({ status }: { status: ArticleStatus }) {
  const tone =
    status === 'published' ? 'resolved' : status === 'draft' ? 'in_progress' : 'rejected';
  return <span className={`badge badge--${tone}`}>{STATUS_LABELS[status]}</span>;
}

/** The public categories (the same list the mini app shows), for filters and the editor. */
export function useNewsCategories() {
  return useLoad(
    () => api<{ categories: { id: string; name: string }[] }>('GET', '/news/categories'),
    [],
  );
}

const PAGE = 30;
const SEARCH_DELAY_MS = 350;

export default function NewsPage() {
  const [status, setStatus] = useState('');
  const [category, setCategory] = useState('');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [items, setItems] = useState<ListItem[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const categories = useNewsCategories();

  // A new filter starts again from the first page.
  const refilter = (change: () => void) => {
    change();
    setCursor(undefined);
  };
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setQ(typed.trim());
      setCursor(undefined);
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [typed]);

  const page = useLoad(
    async () => ({
      after: cursor,
      ...(await api<{ items: ListItem[]; nextCursor: string | null }>(
        'GET',
        '/work/news/articles',
        {
          query: {
            status: status || undefined,
            category: category || undefined,
            q: q || undefined,
            cursor,
            limit: PAGE,
          },
        },
      )),
    }),
    [status, category, q, cursor],
  );

  useEffect(() => {
    const data = page.data;
    if (!data) return;
    setItems((shown) => {
      if (!data.after) return data.items;
      const known = new Set(shown.map((a) => a.id));
      return [...shown, ...data.items.filter((a) => !known.has(a.id))];
    });
  }, [page.data]);

  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <h1>Tin tức chính quyền</h1>
          <p className="muted">
            Bài đã đăng hiện ngay trong mục “Thông tin chính quyền” và trên màn hình chính của ứng
            dụng. Bản nháp chỉ cán bộ biên tập thấy.
          </p>
        </div>
        <Link href="/tin-tuc/moi" className="button primary">
          Viết bài mới
        </Link>
      </header>
      <div className="filters row">
        <input
          className="grow"
          type="search"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder="Tìm theo tiêu đề, nội dung (gõ không dấu cũng được)"
          aria-label="Tìm bài viết"
        />
        <select
          value={status}
          onChange={(e) => refilter(() => setStatus(e.target.value))}
          aria-label="Trạng thái"
        >
          <option value="">Mọi trạng thái</option>
          {(Object.keys(STATUS_LABELS) as ArticleStatus[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <select
          value={category}
          onChange={(e) => refilter(() => setCategory(e.target.value))}
          aria-label="Chuyên mục"
        >
          <option value="">Mọi chuyên mục</option>
          {(categories.data?.categories ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <ErrorBox message={page.error ?? categories.error} />
      <table className="table" aria-busy={page.loading}>
        <thead>
          <tr>
            <th>Tiêu đề</th>
            <th>Chuyên mục</th>
            <th>Trạng thái</th>
            <th>Ngày đăng</th>
            <th>Sửa lần cuối</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} data-article-id={a.id}>
              <td>
                <Link href={`/tin-tuc/${a.id}`}>{a.title}</Link>
                <div className="muted small">{a.agencyName}</div>
              </td>
              <td>{a.categoryName}</td>
              <td>
                <ArticleBadge status={a.status} />
              </td>
              <td className="nowrap">{a.publishedAt ? formatDateTime(a.publishedAt) : '—'}</td>
              <td className="nowrap">{formatDateTime(a.updatedAt)}</td>
            </tr>
          ))}
          {!page.loading && items.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                {q ? `Không có bài nào khớp với “${q}”.` : 'Chưa có bài viết nào.'}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {page.data?.nextCursor ? (
        <div className="row">
          <button
            type="button"
            disabled={page.loading}
            onClick={() => setCursor(page.data?.nextCursor ?? undefined)}
          >
            Xem thêm
          </button>
        </div>
      ) : null}
    </section>
  );
}
