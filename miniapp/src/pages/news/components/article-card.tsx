import './article-card.css';
import { useNavigate } from 'zmp-ui';
import { AppIcon } from '../../../components/app-icon';
import { vnDate } from '../../../services/news/client';
import type { ArticleSummary } from '../../../services/news/types';

/**
 * One article in a list: category and date, title, two lines of summary. `compact` (the home
 * screen, where the news sits above the app's functions) leaves the summary out.
 */
export function ArticleCard({
  article,
  compact = false,
}: {
  article: ArticleSummary;
  compact?: boolean;
}) {
  const navigate = useNavigate();
  return (
    <li>
      <button
        type="button"
        className="rp-card"
        data-article={article.id}
        onClick={() => navigate(`/government-news/n/${article.id}`)}
      >
        <span className="rp-card__body">
          <span className="rp-card__meta">
            {article.category.name} · {vnDate(article.publishedAt)}
          </span>
          <strong className="news-card__title">{article.title}</strong>
          {article.summary && !compact ? (
            <span className="rp-card__meta news-card__summary">{article.summary}</span>
          ) : null}
        </span>
        <AppIcon icon="zi-chevron-right" size={22} />
      </button>
    </li>
  );
}
