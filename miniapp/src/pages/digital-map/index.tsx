import '../field-reports/reports.css';
import './digital-map.css';
import {
  Component,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { Button, useNavigate } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { ListMapTabs } from '../../components/list-map-tabs';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import type { ApiError } from '../../services/api';
import { placesClient } from '../../services/places/client';
import {
  CATEGORIES_OF,
  DOMAINS,
  type Place,
  type PlaceCategory,
  type PlaceDomain,
} from '../../services/places/types';
import { reportsClient } from '../../services/reports/client';
import { DEFAULT_BOUNDS, formatDistance, type LatLng } from '../../services/reports/geo';
import { getAccessToken, getLocation } from '../../services/zalo';
import { ReportPage } from '../field-reports/components/report-page';
import {
  CardSkeleton,
  EmptyState,
  ErrorState,
  LoadingBlock,
  LoadMore,
  Notice,
} from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';

registerIcons(REPORT_SVG);

// Leaflet and the cluster plugin are fetched only when the map tab is opened.
const PlacesMap = lazy(() => import('./components/places-map'));

const SEARCH_DELAY_MS = 350;

class MapBoundary extends Component<{ fallback: ReactNode; children: ReactNode }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

type Listing = { items: Place[]; nextCursor: string | null; loading: boolean; error?: ApiError };

/** The device's position: the browser's GPS, or inside Zalo a token the server turns into one. */
async function locate(): Promise<LatLng | null> {
  const found = await getLocation();
  if (!found.ok) return null;
  if (found.value.kind === 'coords') {
    return { lat: found.value.latitude, lng: found.value.longitude };
  }
  const access = await getAccessToken();
  if (!access.ok || !access.value) return null;
  const located = await reportsClient.locate(found.value.token, access.value);
  return located.ok ? { lat: located.data.lat, lng: located.data.lng } : null;
}

function PlaceCard({ place }: { place: Place }) {
  const t = useT();
  const [language] = useLanguage();
  const navigate = useNavigate();
  return (
    <li>
      <button
        type="button"
        className="rp-card"
        data-place={place.id}
        onClick={() => navigate(`/digital-map/p/${place.id}`)}
      >
        <span className="rp-card__body">
          <span className="rp-card__category">{place.name}</span>
          <span className="rp-card__meta">
            {t(`map.cat.${place.category}`)}
            {place.communeName ? ` · ${place.communeName}` : ''}
          </span>
          {place.address ? <span className="rp-card__meta">{place.address}</span> : null}
        </span>
        {place.distanceMetres !== undefined ? (
          <span className="map-card__distance">
            {formatDistance(place.distanceMetres, language)}
          </span>
        ) : (
          <AppIcon icon="zi-chevron-right" size={22} />
        )}
      </button>
    </li>
  );
}

/** Health, education and tourism places of the province: a list or a clustered map. */
export default function DigitalMapPage() {
  const t = useT();
  const [language] = useLanguage();
  const navigate = useNavigate();
  const [view, setView] = useState<'list' | 'map'>('list');
  const [domain, setDomain] = useState<PlaceDomain | undefined>();
  const [category, setCategory] = useState<PlaceCategory | undefined>();
  const [commune, setCommune] = useState<string | undefined>();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [near, setNear] = useState<LatLng | null>(null);
  const [locating, setLocating] = useState(false);
  const [locationProblem, setLocationProblem] = useState(false);
  const [listing, setListing] = useState<Listing>({ items: [], nextCursor: null, loading: true });
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  const facets = useApi(() => placesClient.facets(), []);

  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const filter = {
    ...(domain ? { domain } : {}),
    ...(category ? { category } : {}),
    ...(commune ? { commune } : {}),
    ...(searched ? { q: searched } : {}),
  };

  const load = async (cursor?: string) => {
    const mine = cursor ? generation.current : ++generation.current;
    setListing((l) => ({ ...l, loading: true, error: undefined }));
    const result = await placesClient.list({
      ...filter,
      ...(near ? { near } : {}),
      ...(cursor ? { cursor } : {}),
      lang: language,
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

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when a filter changes
  useEffect(() => {
    if (view === 'list') void load();
  }, [domain, category, commune, searched, near, language, attempt, view]);

  const nearMe = async () => {
    if (near) {
      setNear(null);
      return;
    }
    setLocating(true);
    setLocationProblem(false);
    const point = await locate();
    setLocating(false);
    if (point) {
      setNear(point);
      setView('list');
    } else setLocationProblem(true);
  };

  const pickDomain = (d: PlaceDomain | undefined) => {
    setDomain(d);
    setCategory(undefined);
  };

  const onSelect = useCallback((id: string) => navigate(`/digital-map/p/${id}`), [navigate]);
  const categories = domain ? CATEGORIES_OF[domain] : DOMAINS.flatMap((d) => CATEGORIES_OF[d]);

  return (
    <ReportPage title={t('map.title')} parent="/">
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
          placeholder={t('map.searchPlaceholder')}
          aria-label={t('map.search')}
          enterKeyHint="search"
          data-testid="map-search"
        />
      </form>
      <div className="map-chips">
        <button
          type="button"
          className="map-chip"
          aria-pressed={!domain}
          onClick={() => pickDomain(undefined)}
        >
          {t('map.all')}
        </button>
        {DOMAINS.map((d) => (
          <button
            key={d}
            type="button"
            className="map-chip"
            aria-pressed={domain === d}
            data-domain={d}
            onClick={() => pickDomain(d)}
          >
            {t(`map.domain.${d}`)}
          </button>
        ))}
      </div>
      <div className="map-filters">
        <select
          className="rp-input"
          aria-label={t('map.category')}
          value={category ?? ''}
          onChange={(e) => setCategory((e.target.value || undefined) as PlaceCategory | undefined)}
        >
          <option value="">{t('map.category')}</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {t(`map.cat.${c}`)}
            </option>
          ))}
        </select>
        <select
          className="rp-input"
          aria-label={t('map.commune')}
          value={commune ?? ''}
          onChange={(e) => setCommune(e.target.value || undefined)}
        >
          <option value="">{t('map.allCommunes')}</option>
          {(facets.data?.communes ?? []).map((c) => (
            <option key={c.key} value={c.key}>
              {c.name} ({c.count})
            </option>
          ))}
        </select>
      </div>
      <div className="map-near">
        <Button
          size="small"
          variant={near ? 'primary' : 'secondary'}
          loading={locating}
          onClick={() => void nearMe()}
          data-testid="map-near-me"
        >
          {t('map.nearMe')}
        </Button>
        {locating ? <span>{t('map.locating')}</span> : null}
        {near && !locating ? <span>{t('map.nearMeOn')}</span> : null}
      </div>
      {locationProblem ? <Notice tone="warning">{t('map.locationFailed')}</Notice> : null}
      <ListMapTabs
        view={view}
        onChange={setView}
        listLabel={t('map.tabList')}
        mapLabel={t('map.tabMap')}
      />
      {view === 'map' ? (
        <MapBoundary fallback={<ErrorState message={t('map.mapFailed')} />}>
          <Suspense fallback={<LoadingBlock label={t('map.loadingMap')} />}>
            <PlacesMap
              filter={filter}
              lang={language}
              bounds={DEFAULT_BOUNDS}
              label={t('map.mapLabel')}
              onSelect={onSelect}
            />
          </Suspense>
        </MapBoundary>
      ) : (
        <>
          {listing.loading && listing.items.length === 0 ? <CardSkeleton count={3} /> : null}
          {listing.error && listing.items.length === 0 ? (
            <ErrorState message={listing.error.message} onRetry={() => setAttempt((n) => n + 1)} />
          ) : null}
          {!listing.loading && !listing.error && listing.items.length === 0 ? (
            <EmptyState icon="zi-location">
              {Object.keys(filter).length > 0 ? t('map.noMatch') : t('map.empty')}
            </EmptyState>
          ) : null}
          {listing.items.length > 0 ? (
            <ul className="rp-list" data-testid="places-list">
              {listing.items.map((p) => (
                <PlaceCard key={p.id} place={p} />
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
        </>
      )}
    </ReportPage>
  );
}
