import '../field-reports/reports.css';
import '../public-services/public-services.css';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import { newsClient } from '../../services/news/client';
import type { ArticleSummary } from '../../services/news/types';
import { ReportPage } from '../field-reports/components/report-page';
import { CardSkeleton, EmptyState, ErrorState, LoadMore } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { ArticleCard } from './components/article-card';

registerIcons(REPORT_SVG);

const SEARCH_DELAY_MS = 350;

type Listing = {
  items: ArticleSummary[];
  nextCursor: string | null;
  loading: boolean;
  error?: ApiError;
};

/**
 * Government news: the way into the emergency alerts, a search (no tone marks needed), the
 * categories as chips, and the published articles newest first, ten at a time.
 */
export default function NewsPage() {
  const t = useT();
  const [lang] = useLanguage();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [listing, setListing] = useState<Listing>({ items: [], nextCursor: null, loading: true });
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  const categories = useApi(() => newsClient.categories(lang), [lang]);

  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const load = async (cursor?: string) => {
    const mine = cursor ? generation.current : ++generation.current;
    setListing((l) => ({ ...l, loading: true, error: undefined }));
    const result = await newsClient.list({
      q: searched || undefined,
      category: category ?? undefined,
      cursor,
      lang,
    });
    if (mine !== generation.current) return;
    setListing((l) =>
      result.ok
        ? {
            items: cursor ? [...l.items, ...result.data.items] : result.data.items,
            nextCursor: result.data.nextCursor,
            loading: false,
          }
        : { ...l, loading: false, error: result.error },
    );
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on a new search, category, language and "Thử lại"
  useEffect(() => {
    void load();
  }, [searched, category, lang, attempt]);

  return (
    <ReportPage title={t('news.listTitle')} parent="/">
      <button
        type="button"
        className="rp-card"
        data-testid="news-alerts-entry"
        onClick={() => navigate('/government-news/alerts')}
      >
        <AppIcon icon="zi-warning-circle" size={24} />
        <span className="rp-card__body">
          <strong>{t('news.alerts')}</strong>
          <span className="rp-card__meta">{t('news.alertsHint')}</span>
        </span>
        <AppIcon icon="zi-chevron-right" size={22} />
      </button>
      <form
        className="feed-search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearched(query.trim());
        }}
      >
        <input
          className="rp-input"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('news.searchPlaceholder')}
          aria-label={t('news.search')}
          enterKeyHint="search"
          data-testid="news-search"
        />
      </form>
      {categories.data && categories.data.length > 0 ? (
        <fieldset className="ps-chips" aria-label={t('news.categories')}>
          <button
            type="button"
            className={`ps-chip${category === null ? ' ps-chip--on' : ''}`}
            aria-pressed={category === null}
            onClick={() => setCategory(null)}
          >
            {t('news.allCategories')}
          </button>
          {categories.data.map((c) => (
            <button
              key={c.id}
              type="button"
              className={`ps-chip${category === c.id ? ' ps-chip--on' : ''}`}
              aria-pressed={category === c.id}
              onClick={() => setCategory(category === c.id ? null : c.id)}
            >
              {c.name}
            </button>
          ))}
        </fieldset>
      ) : null}
      {listing.loading && listing.items.length === 0 ? <CardSkeleton count={3} /> : null}
      {listing.error && listing.items.length === 0 ? (
        <ErrorState message={listing.error.message} onRetry={() => setAttempt((n) => n + 1)} />
      ) : null}
      {!listing.loading && !listing.error && listing.items.length === 0 ? (
        <EmptyState icon="zi-note">
          {searched ? t('news.noMatch', { query: searched }) : t('news.empty')}
        </EmptyState>
      ) : null}
      {listing.items.length > 0 ? (
        <ul className="rp-list">
          {listing.items.map((a) => (
            <ArticleCard key={a.id} article={a} />
          ))}
        </ul>
      ) : null}
      {listing.nextCursor ? (
        <LoadMore
          loading={listing.loading}
          onClick={() => void load(listing.nextCursor ?? undefined)}
        />
      ) : null}
      {listing.error && listing.items.length > 0 ? (
        <ErrorState
          message={listing.error.message}
          onRetry={() => void load(listing.nextCursor ?? undefined)}
        />
      ) : null}
    </ReportPage>
  );
}
