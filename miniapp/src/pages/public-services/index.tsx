import '../field-reports/reports.css';
import './public-services.css';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import { proceduresClient } from '../../services/procedures/client';
import type { ProcedureSummary } from '../../services/procedures/types';
import { ReportPage } from '../field-reports/components/report-page';
import { CardSkeleton, EmptyState, ErrorState, LoadMore } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { LevelBadge } from './level-badge';

registerIcons(REPORT_SVG);

const SEARCH_DELAY_MS = 350;

type Listing = {
  items: ProcedureSummary[];
  nextCursor: string | null;
  loading: boolean;
  error?: ApiError;
};

function ProcedureCard({ procedure }: { procedure: ProcedureSummary }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <li>
      <button
        type="button"
        className="rp-card ps-card"
        data-procedure={procedure.id}
        onClick={() => navigate(`/public-services/p/${procedure.id}`)}
      >
        <span className="rp-card__body">
          <span className="ps-card__top">
            <LevelBadge level={procedure.level} />
            <span className="rp-card__meta">{procedure.fieldLabel}</span>
          </span>
          <span className="ps-card__name">{procedure.name}</span>
          <span className="rp-card__meta">{procedure.agencyName}</span>
          <span className="ps-card__facts">
            <span>
              {t('procedure.fee')}: <strong>{procedure.feeText}</strong>
            </span>
            <span>
              <AppIcon icon="zi-clock-1" size={14} /> {procedure.processingTime}
            </span>
          </span>
        </span>
        <AppIcon icon="zi-chevron-right" size={22} />
      </button>
    </li>
  );
}

/**
 * The public services catalogue: a search (no tone marks needed), the fields as chips, and
 * the published procedures with their agency, online level, fee and time, a page at a time.
 */
export default function PublicServicesPage() {
  const t = useT();
  const [lang] = useLanguage();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [field, setField] = useState<string | null>(null);
  const [listing, setListing] = useState<Listing>({ items: [], nextCursor: null, loading: true });
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  const fields = useApi(() => proceduresClient.fields(lang), [lang]);

  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const load = async (cursor?: string) => {
    const mine = cursor ? generation.current : ++generation.current;
    setListing((l) => ({ ...l, loading: true, error: undefined }));
    const result = await proceduresClient.list({
      q: searched || undefined,
      field: field ?? undefined,
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

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on a new search, field, language and "Thử lại"
  useEffect(() => {
    void load();
  }, [searched, field, lang, attempt]);

  return (
    <ReportPage title={t('procedure.title')} parent="/">
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
          placeholder={t('procedure.searchPlaceholder')}
          aria-label={t('procedure.search')}
          enterKeyHint="search"
          data-testid="procedure-search"
        />
      </form>
      {fields.data && fields.data.length > 0 ? (
        <fieldset className="ps-chips" aria-label={t('procedure.fields')}>
          <button
            type="button"
            className={`ps-chip${field === null ? ' ps-chip--on' : ''}`}
            aria-pressed={field === null}
            onClick={() => setField(null)}
          >
            {t('procedure.allFields')}
          </button>
          {fields.data.map((f) => (
            <button
              key={f.field}
              type="button"
              className={`ps-chip${field === f.field ? ' ps-chip--on' : ''}`}
              aria-pressed={field === f.field}
              onClick={() => setField(field === f.field ? null : f.field)}
            >
              {f.label} <span className="ps-chip__count">{f.count}</span>
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
          {searched ? t('procedure.noMatch', { query: searched }) : t('procedure.empty')}
        </EmptyState>
      ) : null}
      {listing.items.length > 0 ? (
        <ul className="rp-list">
          {listing.items.map((p) => (
            <ProcedureCard key={p.id} procedure={p} />
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
