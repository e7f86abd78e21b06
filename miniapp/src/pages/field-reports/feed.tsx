import './reports.css';
import {
  Component,
  type FormEvent,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { Button, useNavigate, useSearchParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { ListMapTabs } from '../../components/list-map-tabs';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import { reportsClient } from '../../services/reports/client';
import {
  type DayRange,
  periodParams,
  periodRange,
  readPeriod,
} from '../../services/reports/period';
import { type FeedItem, type FeedQuery, REPORT_STATUSES } from '../../services/reports/types';
import { PeriodFilter } from './components/period-filter';
import { ReportCard } from './components/report-card';
import { ReportPage } from './components/report-page';
import {
  CardSkeleton,
  EmptyState,
  ErrorState,
  LoadingBlock,
  LoadMore,
  Notice,
} from './components/states';
import { StatusBadge, useStatusLabel } from './components/status-badge';
import { useCategories, useCommunes, useReportConfig } from './data';
import { REPORT_SVG } from './icons.gen';

registerIcons(REPORT_SVG);

const FeedMap = lazy(() => import('./components/feed-map'));

class MapBoundary extends Component<{ fallback: ReactNode; children: ReactNode }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

type Filters = { categoryId: string; communeId: string; status: string; q: string };

type Page = { items: FeedItem[]; nextCursor: string | null; loading: boolean; error?: ApiError };

function queryOf(filters: Filters, range: DayRange): FeedQuery {
  return {
    ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
    ...(filters.communeId ? { communeId: filters.communeId } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(range.from ? { from: range.from } : {}),
    ...(range.to ? { to: range.to } : {}),
  };
}

function useFeed(query: FeedQuery) {
  const [page, setPage] = useState<Page>({ items: [], nextCursor: null, loading: true });
  const generation = useRef(0);
  const key = JSON.stringify(query);

  const load = useCallback(
    async (cursor?: string) => {
      const mine = cursor ? generation.current : ++generation.current;
      setPage((p) => ({ ...(cursor ? p : { items: [], nextCursor: null }), loading: true }));
      const result = await reportsClient.feed({
        ...(JSON.parse(key) as FeedQuery),
        ...(cursor ? { cursor } : {}),
      });
      if (mine !== generation.current) return;
      setPage((p) =>
        result.ok
          ? {
              items: cursor ? [...p.items, ...result.data.items] : result.data.items,
              nextCursor: result.data.nextCursor,
              loading: false,
            }
          : { ...p, loading: false, error: result.error },
      );
    },
    [key],
  );

  useEffect(() => {
    void load();
  }, [load]);

  return { page, load };
}

/** Loads the next page when the end of the list scrolls into view (and the button is there too). */
function useInfiniteScroll(onVisible: () => void, enabled: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = ref.current;
    if (!enabled || !target || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onVisible();
      },
      { rootMargin: '300px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [onVisible, enabled]);
  return ref;
}

function FeedList({ query, filtered }: { query: FeedQuery; filtered: boolean }) {
  const t = useT();
  const [language] = useLanguage();
  const { page, load } = useFeed(query);
  const more = useCallback(() => {
    if (page.nextCursor && !page.loading && !page.error) void load(page.nextCursor);
  }, [page.nextCursor, page.loading, page.error, load]);
  const sentinel = useInfiniteScroll(more, Boolean(page.nextCursor));

  if (page.loading && page.items.length === 0) return <CardSkeleton count={4} />;
  if (page.error && page.items.length === 0) {
    return <ErrorState message={page.error.message} onRetry={() => void load()} />;
  }
  if (page.items.length === 0) {
    return (
      <EmptyState icon="zi-search">
        {filtered ? t('reports.feed.emptyFiltered') : t('reports.feed.empty')}
      </EmptyState>
    );
  }
  return (
    <>
      <ul className="rp-list" data-testid="feed-list">
        {page.items.map((item) => (
          <ReportCard
            key={item.code}
            report={{
              ...item,
              place: item.commune?.fullName ?? null,
              photoUrl: item.resultPhotoUrl ?? item.photoUrl,
            }}
            extra={
              item.rating ? (
                <span className="rp-card__rating">{item.rating.label[language]}</span>
              ) : null
            }
          />
        ))}
      </ul>
      <div ref={sentinel} />
      {page.error ? <ErrorState message={page.error.message} onRetry={more} /> : null}
      {page.nextCursor ? (
        <LoadMore loading={page.loading} onClick={more} />
      ) : (
        <p className="rp-end">{t('reports.feed.end')}</p>
      )}
    </>
  );
}

function FeedMapView({ query }: { query: FeedQuery }) {
  const t = useT();
  const [language] = useLanguage();
  const navigate = useNavigate();
  const config = useReportConfig();
  const categories = useCategories();
  const { bounds } = config.province;
  const bbox = `${bounds.south},${bounds.west},${bounds.north},${bounds.east}`;
  const key = JSON.stringify(query);
  const points = useApi(
    () => reportsClient.feedMap({ ...(JSON.parse(key) as FeedQuery), bbox }),
    [key, bbox],
  );
  const [selected, setSelected] = useState<string>();
  const onSelect = useCallback((code: string) => setSelected(code), []);
  const point = points.data?.items.find((p) => p.code === selected);
  const category = categories.data?.find((c) => c.id === point?.categoryId);

  if (points.status === 'error' && !points.data) {
    return <ErrorState message={points.error.message} onRetry={points.reload} />;
  }
  return (
    <>
      {points.data ? (
        <p className="feed-map__count">
          {points.data.truncated
            ? t('reports.feed.mapTruncated', { count: points.data.items.length })
            : t('reports.feed.mapCount', { count: points.data.items.length })}
        </p>
      ) : null}
      <MapBoundary
        fallback={<Notice tone="warning">{t('reports.location.mapUnavailable')}</Notice>}
      >
        <Suspense
          fallback={
            <div className="feed-map">
              <LoadingBlock />
            </div>
          }
        >
          {points.data ? (
            <FeedMap
              points={points.data.items}
              bounds={bounds}
              label={t('reports.feed.map')}
              onSelect={onSelect}
            />
          ) : (
            <div className="feed-map">
              <LoadingBlock />
            </div>
          )}
        </Suspense>
      </MapBoundary>
      {point ? (
        <button
          type="button"
          className="rp-card feed-map__selected"
          onClick={() => navigate(`/field-reports/r/${point.code}`)}
        >
          <span className="rp-card__body">
            <span className="rp-card__top">
              <StatusBadge status={point.status} />
              <span className="rp-card__code">{point.code}</span>
            </span>
            <span className="rp-card__category">
              {category ? (language === 'vi' ? category.name : category.nameEn) : point.categoryId}
            </span>
          </span>
          <AppIcon icon="zi-chevron-right" size={22} />
        </button>
      ) : null}
    </>
  );
}

const EMPTY = {
  categoryId: '',
  communeId: '',
  status: '',
  q: '',
  period: '',
  from: '',
  to: '',
} as const;

/** The public feed: list or map, filtered by category, commune, status, period and free text. */
export default function FeedPage() {
  const t = useT();
  const navigate = useNavigate();
  const [language] = useLanguage();
  const statusLabel = useStatusLabel();
  const categories = useCategories();
  const communes = useCommunes();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'map' ? 'map' : 'list';
  const filters: Filters = {
    categoryId: params.get('categoryId') ?? '',
    communeId: params.get('communeId') ?? '',
    status: params.get('status') ?? '',
    q: params.get('q') ?? '',
  };
  // No period in the URL is "Tất cả"; the days are Vietnam's (services/reports/period.ts).
  const period = readPeriod(params, 'all');
  const query = queryOf(filters, periodRange(period));
  const [text, setText] = useState(filters.q);
  const filtered = Object.values(filters).some((v) => v !== '') || period.choice !== 'all';

  // Filters live in the URL: back and reload keep them.
  const update = (patch: Partial<Record<keyof typeof EMPTY | 'view', string>>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(patch)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  };

  const search = (event: FormEvent) => {
    event.preventDefault();
    update({ q: text.trim() });
  };

  return (
    <ReportPage title={t('reports.feed.title')} parent="/field-reports">
      <form className="feed-search" onSubmit={search}>
        <input
          className="rp-input"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('reports.feed.searchPlaceholder')}
          aria-label={t('common.search')}
          enterKeyHint="search"
        />
        <Button htmlType="submit" size="medium" prefixIcon={<AppIcon icon="zi-search" size={20} />}>
          {t('common.search')}
        </Button>
      </form>

      <div className="feed-filters">
        <select
          className="rp-input"
          value={filters.categoryId}
          onChange={(e) => update({ categoryId: e.target.value })}
          aria-label={t('reports.detail.category')}
        >
          <option value="">{t('reports.feed.allCategories')}</option>
          {categories.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {language === 'vi' ? c.name : c.nameEn}
            </option>
          ))}
        </select>
        <select
          className="rp-input"
          value={filters.communeId}
          onChange={(e) => update({ communeId: e.target.value })}
          aria-label={t('reports.location.commune')}
        >
          <option value="">{t('reports.feed.allCommunes')}</option>
          {communes.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.fullName}
            </option>
          ))}
        </select>
        <select
          className="rp-input"
          value={filters.status}
          onChange={(e) => update({ status: e.target.value })}
          aria-label={t('reports.feed.allStatuses')}
        >
          <option value="">{t('reports.feed.allStatuses')}</option>
          {REPORT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
        <PeriodFilter period={period} onChange={(next) => update(periodParams(next, 'all'))} />
        {filtered ? (
          <Button
            size="small"
            variant="tertiary"
            onClick={() => {
              setText('');
              update(EMPTY);
            }}
          >
            {t('reports.feed.clearFilters')}
          </Button>
        ) : null}
      </div>

      <ListMapTabs
        view={view === 'map' ? 'map' : 'list'}
        onChange={(next) => update({ view: next === 'map' ? 'map' : '' })}
        listLabel={t('reports.feed.list')}
        mapLabel={t('reports.feed.map')}
      />

      <button
        type="button"
        className="feed-stats-link"
        onClick={() => {
          const next = new URLSearchParams();
          for (const [name, value] of Object.entries(periodParams(period, '30d'))) {
            if (value) next.set(name, value);
          }
          const search = next.toString();
          navigate(`/field-reports/stats${search ? `?${search}` : ''}`);
        }}
      >
        <AppIcon icon="zi-poll" size={20} />
        <span className="feed-stats-link__text">{t('reports.feed.stats')}</span>
        <AppIcon icon="zi-chevron-right" size={18} />
      </button>

      {view === 'map' ? (
        <FeedMapView query={query} />
      ) : (
        <FeedList query={query} filtered={filtered} />
      )}
    </ReportPage>
  );
}
