import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { api } from '../api';
import { ErrorBox } from '../components/common';
import { RichTextEditor } from '../components/rich-text-editor';
import { formatDateTime } from '../format';
import { Toast, useFeedback } from '../services/shared';
import { ArticleBadge, useNewsCategories, type WorkArticle } from './news';
import '../services/services.css';

// One article of government news (/tin-tuc/:id; /tin-tuc/moi writes a new one): category,
// title, summary (left empty: the API takes the start of the body), the body in the rich text
// editor, an optional English version; then publish, take down (archive) or delete a draft.
// Every write sends the version read, so two editors never overwrite each other silently.

const NEW = 'moi';
const BASE = '/work/news/articles';

interface Form {
  categoryId: string;
  title: string;
  summary: string;
  bodyHtml: string;
  enTitle: string;
  enSummary: string;
  enBody: string;
}

const BLANK: Form = {
  categoryId: '',
  title: '',
  summary: '',
  bodyHtml: '',
  enTitle: '',
  enSummary: '',
  enBody: '',
};

const formOf = (a: WorkArticle): Form => ({
  categoryId: a.categoryId,
  title: a.title,
  summary: a.summary,
  bodyHtml: a.bodyHtml,
  enTitle: a.en.title ?? '',
  enSummary: a.en.summary ?? '',
  enBody: a.en.bodyHtml ?? '',
});

/** An editing area left with only empty markup (`<br>`, `<p></p>`) holds no text. */
const hasText = (html: string) => html.replace(/<[^>]*>|&nbsp;/g, '').trim() !== '';

function bodyOf(f: Form) {
  return {
    categoryId: f.categoryId,
    title: f.title.trim(),
    summary: f.summary.trim(),
    bodyHtml: hasText(f.bodyHtml) ? f.bodyHtml : '',
    en: {
      title: f.enTitle.trim() || undefined,
      summary: f.enSummary.trim() || undefined,
      bodyHtml: hasText(f.enBody) ? f.enBody : undefined,
    },
  };
}

export default function ArticlePage() {
  const { id = NEW } = useParams<{ id: string }>();
  const [, navigate] = useLocation();
  const feedback = useFeedback();
  const categories = useNewsCategories();
  const [article, setArticle] = useState<WorkArticle | null>(null);
  const [form, setForm] = useState<Form>(BLANK);
  const [loadError, setLoadError] = useState<string | null>(null);
  // One key per page visit: a save repeated after a lost answer does not write a second article.
  const [requestKey] = useState(() => crypto.randomUUID().replace(/-/g, ''));

  useEffect(() => {
    if (id === NEW || article?.id === id) return;
    api<{ article: WorkArticle }>('GET', `${BASE}/${encodeURIComponent(id)}`)
      .then((r) => {
        setArticle(r.article);
        setForm(formOf(r.article));
      })
      .catch((e: Error) => setLoadError(e.message));
  }, [id, article?.id]);

  const set = (name: keyof Form) => (value: string) => setForm((f) => ({ ...f, [name]: value }));
  const keep = (a: WorkArticle) => {
    setArticle(a);
    setForm(formOf(a));
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    await feedback.run(async () => {
      if (article) {
        const r = await api<{ article: WorkArticle }>('PATCH', `${BASE}/${article.id}`, {
          body: { ...bodyOf(form), version: article.version },
        });
        keep(r.article);
      } else {
        const r = await api<{ article: WorkArticle }>('POST', BASE, {
          body: { ...bodyOf(form), requestKey },
        });
        keep(r.article);
        navigate(`/tin-tuc/${r.article.id}`, { replace: true });
      }
    }, 'Đã lưu bài viết.');
  };

  const dirty =
    article !== null && JSON.stringify(bodyOf(form)) !== JSON.stringify(bodyOf(formOf(article)));

  const transition = async (to: 'publish' | 'archive') => {
    if (!article) return;
    const question =
      to === 'publish'
        ? 'Đăng bài? Người dân sẽ thấy bài này ngay trong ứng dụng.'
        : 'Gỡ bài? Bài không còn hiện trong ứng dụng (vẫn được lưu lại).';
    if (!window.confirm(question)) return;
    await feedback.run(
      async () => {
        // What is on screen is what gets published: unsaved changes are saved first.
        let version = article.version;
        if (to === 'publish' && dirty) {
          const saved = await api<{ article: WorkArticle }>('PATCH', `${BASE}/${article.id}`, {
            body: { ...bodyOf(form), version },
          });
          keep(saved.article);
          version = saved.article.version;
        }
        const r = await api<{ article: WorkArticle }>('POST', `${BASE}/${article.id}/${to}`, {
          body: { version },
        });
        keep(r.article);
      },
      to === 'publish' ? 'Đã đăng: bài hiện trong ứng dụng.' : 'Đã gỡ bài khỏi ứng dụng.',
    );
  };

  const remove = async () => {
    if (!article || !window.confirm('Xóa bản nháp này? Không thể khôi phục.')) return;
    const ok = await feedback.run(() => api('DELETE', `${BASE}/${article.id}`));
    if (ok) navigate('/tin-tuc', { replace: true });
  };

  if (loadError) {
    return (
      <section className="page">
        <Link href="/tin-tuc">‹ Tin tức chính quyền</Link>
        <ErrorBox message={loadError} />
      </section>
    );
  }
  if (id !== NEW && !article) {
    return (
      <section className="page">
        <Link href="/tin-tuc">‹ Tin tức chính quyền</Link>
        <p>Đang tải…</p>
      </section>
    );
  }

  return (
    <section className="page">
      <header className="page__header row-between">
        <div>
          <Link href="/tin-tuc">‹ Tin tức chính quyền</Link>
          <h1>{article ? article.title : 'Bài viết mới'}</h1>
          {article ? (
            <p className="muted" data-testid="article-state">
              <ArticleBadge status={article.status} /> {article.agencyName} · phiên bản{' '}
              {article.version} · sửa lúc {formatDateTime(article.updatedAt)}
              {article.publishedAt ? ` · đăng lúc ${formatDateTime(article.publishedAt)}` : ''}
            </p>
          ) : (
            <p className="muted">Bài mới được lưu thành bản nháp; đăng khi đã sẵn sàng.</p>
          )}
        </div>
        {article ? (
          <div className="row">
            {article.status !== 'published' ? (
              <button
                type="button"
                className="primary"
                disabled={feedback.busy}
                title={dirty ? 'Lưu các thay đổi rồi đăng' : undefined}
                onClick={() => void transition('publish')}
              >
                Đăng bài
              </button>
            ) : (
              <button
                type="button"
                disabled={feedback.busy}
                onClick={() => void transition('archive')}
              >
                Gỡ bài
              </button>
            )}
            {article.status === 'draft' ? (
              <button
                type="button"
                className="danger"
                disabled={feedback.busy}
                onClick={() => void remove()}
              >
                Xóa bản nháp
              </button>
            ) : null}
          </div>
        ) : null}
      </header>
      <ErrorBox message={categories.error} />
      <form className="card form-grid" onSubmit={save} aria-label="Bài viết">
        <label className="svc-span">
          Tiêu đề
          <input
            name="title"
            required
            maxLength={300}
            value={form.title}
            onChange={(e) => set('title')(e.target.value)}
          />
        </label>
        <label>
          Chuyên mục
          <select
            name="categoryId"
            required
            value={form.categoryId}
            onChange={(e) => set('categoryId')(e.target.value)}
          >
            <option value="">— Chọn chuyên mục —</option>
            {(categories.data?.categories ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="svc-span">
          Tóm tắt (để trống: lấy từ đầu nội dung)
          <textarea
            name="summary"
            rows={2}
            maxLength={1000}
            value={form.summary}
            onChange={(e) => set('summary')(e.target.value)}
          />
        </label>
        <div className="svc-span">
          <RichTextEditor
            label="Nội dung bài viết"
            value={form.bodyHtml}
            onChange={set('bodyHtml')}
          />
        </div>
        <details className="svc-span" open={Boolean(form.enTitle)}>
          <summary>Bản tiếng Anh (không bắt buộc)</summary>
          <label>
            Title (English)
            <input
              maxLength={300}
              value={form.enTitle}
              onChange={(e) => set('enTitle')(e.target.value)}
            />
          </label>
          <label>
            Summary (English)
            <textarea
              rows={2}
              maxLength={1000}
              value={form.enSummary}
              onChange={(e) => set('enSummary')(e.target.value)}
            />
          </label>
          <RichTextEditor label="Body (English)" value={form.enBody} onChange={set('enBody')} />
        </details>
        <div className="row svc-span">
          <button type="submit" className="primary" disabled={feedback.busy}>
            {article ? 'Lưu thay đổi' : 'Lưu bản nháp'}
          </button>
          {article?.status === 'published' ? (
            <span className="muted small">Bài đang đăng: thay đổi hiện ngay khi lưu.</span>
          ) : null}
        </div>
      </form>
      <Toast feedback={feedback} />
    </section>
  );
}
