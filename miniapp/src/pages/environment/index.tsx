import '../field-reports/reports.css';
import './environment.css';
import { Component, lazy, type ReactNode, Suspense, useCallback, useMemo } from 'react';
import { useNavigate, useSearchParams } from 'zmp-ui';
import { AppIcon, registerIcons } from '../../components/app-icon';
import { ListMapTabs } from '../../components/list-map-tabs';
import { findFeature } from '../../features';
import { useLanguage, useT } from '../../i18n/use-t';
import { environmentClient } from '../../services/environment/client';
import { AQI_BANDS, formatNumber } from '../../services/environment/format';
import { metricLabel } from '../../services/environment/metrics';
import type { Station, StationKind } from '../../services/environment/types';
import { type Bounds, DEFAULT_BOUNDS } from '../../services/reports/geo';
import { ReportPage } from '../field-reports/components/report-page';
import { EmptyState, ErrorState, LoadingBlock, Notice } from '../field-reports/components/states';
import { REPORT_SVG } from '../field-reports/icons.gen';
import { CachedNotice } from './components/cached-notice';
import { LeadFigure, leadReading, StationAge, stationTone } from './components/readings';
import { StationCard, StationCardSkeleton } from './components/station-card';
import { useCachedApi, useNow } from './use-cached';
import { useFollows } from './use-follows';

registerIcons(REPORT_SVG);

const StationsMap = lazy(() => import('./components/stations-map'));

class MapBoundary extends Component<{ fallback: ReactNode; children: ReactNode }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** Surface water first: salinity intrusion is what farmers here check most. */
const KINDS: readonly StationKind[] = ['water', 'air'];

/** Worst first (alert level, or AQI band), then stations still reporting, then by name. */
function byUrgency(now: Date) {
  const collator = new Intl.Collator('vi');
  const weight = (s: Station) => {
    const tone = stationTone(s, now);
    return tone === 'none' ? -1 : tone === 'ok' ? 0 : Number(tone.slice(1));
  };
  return (a: Station, b: Station) => weight(b) - weight(a) || collator.compare(a.name, b.name);
}

/**
 * The stations' own extent with a margin (most are in the west of the province, along the
 * rivers salt comes up), or the province when there is nothing to show.
 */
function mapBounds(stations: Station[]): Bounds {
  if (stations.length === 0) return DEFAULT_BOUNDS;
  const margin = 0.04;
  return {
    south: Math.min(...stations.map((s) => s.lat)) - margin,
    west: Math.min(...stations.map((s) => s.lng)) - margin,
    north: Math.max(...stations.map((s) => s.lat)) + margin,
    east: Math.max(...stations.map((s) => s.lng)) + margin,
  };
}

function MapView({ stations, kind, now }: { stations: Station[]; kind: StationKind; now: Date }) {
  const t = useT();
  const [language] = useLanguage();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('station') ?? undefined;
  const pins = useMemo(
    () =>
      stations.map((s) => {
        const lead = leadReading(s);
        return {
          id: s.id,
          name: s.name,
          lat: s.lat,
          lng: s.lng,
          tone: stationTone(s, now),
          text: lead ? formatNumber(lead.value, lead.decimals, language) : '–',
        };
      }),
    [stations, now, language],
  );
  const select = useCallback(
    (id: string) => {
      const next = new URLSearchParams(params);
      next.set('station', id);
      setParams(next, { replace: true });
    },
    [params, setParams],
  );
  const selected = stations.find((s) => s.id === selectedId);
  // Air stations are coloured by their AQI band, the others by their alert level.
  const legend: [string, string][] =
    kind === 'air'
      ? [
          ['ok', AQI_BANDS[0]?.label[language] ?? ''],
          ['l1', AQI_BANDS[1]?.label[language] ?? ''],
          ['l2', AQI_BANDS[2]?.label[language] ?? ''],
          ['l3', AQI_BANDS[3]?.label[language] ?? ''],
          [
            'l4',
            `${AQI_BANDS[4]?.label[language]}, ${AQI_BANDS[5]?.label[language].toLowerCase()}`,
          ],
          ['none', t('env.stale')],
        ]
      : [
          ['ok', t('env.level.ok')],
          ['l1', t('env.level.n', { level: 1 })],
          ['l2', t('env.level.n', { level: 2 })],
          ['l3', t('env.level.n', { level: 3 })],
          ['none', t('env.stale')],
        ];
  const lead = stations.map(leadReading).find(Boolean);

  return (
    <>
      {lead ? (
        <p className="env-hint" data-testid="map-caption">
          {lead.unit
            ? t('env.map.caption', {
                metric: metricLabel(lead.metric, language, lead.name),
                unit: lead.unit,
              })
            : t('env.map.captionNoUnit', {
                metric: metricLabel(lead.metric, language, lead.name),
              })}
        </p>
      ) : null}
      <MapBoundary fallback={<Notice tone="warning">{t('env.map.unavailable')}</Notice>}>
        <Suspense
          fallback={
            <div className="env-map">
              <LoadingBlock />
            </div>
          }
        >
          <StationsMap
            stations={pins}
            bounds={mapBounds(stations)}
            selected={selectedId}
            label={t('env.map.label')}
            onSelect={select}
          />
        </Suspense>
      </MapBoundary>
      <ul className="env-map__legend" aria-label={t('env.map.legend')}>
        {legend.map(([tone, label]) => (
          <li key={tone}>
            <span className={`env-map__swatch env-tone--${tone}`} aria-hidden="true" />
            {label}
          </li>
        ))}
      </ul>
      {selected ? (
        <button
          type="button"
          className="env-card env-map__selected"
          data-testid="map-selected"
          onClick={() => navigate(`/environment/s/${encodeURIComponent(selected.id)}`)}
        >
          <span className="env-card__head">
            <span className="env-card__name">{selected.name}</span>
            <AppIcon icon="zi-chevron-right" size={20} className="env-card__chevron" />
          </span>
          <span className="env-card__place">{selected.communeName}</span>
          <LeadFigure station={selected} now={now} size="medium" />
          <StationAge station={selected} now={now} />
        </button>
      ) : (
        <p className="env-hint">{t('env.map.hint')}</p>
      )}
    </>
  );
}

/**
 * Giám sát môi trường: the province's surface-water and air stations, as a list with the
 * lead figure large (salinity for water) or on a map coloured by alert level, the
 * stations this citizen follows first, and the agencies' periodic reports.
 */
export default function EnvironmentPage() {
  const t = useT();
  const [language] = useLanguage();
  const navigate = useNavigate();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const kind: StationKind = params.get('kind') === 'air' ? 'air' : 'water';
  const view = params.get('view') === 'map' ? 'map' : 'list';
  const stations = useCachedApi(`stations:${kind}`, () => environmentClient.stations(kind));
  const follows = useFollows();
  const feature = findFeature('environment');

  const update = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(patch)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  };

  const sorted = useMemo(
    () => (stations.data ? [...stations.data].sort(byUrgency(now)) : []),
    [stations.data, now],
  );
  const followed = sorted.filter((s) => follows.isFollowing('station', s.id));
  const others = sorted.filter((s) => !follows.isFollowing('station', s.id));
  const alerting = sorted.filter((s) => s.alert);

  let body: ReactNode;
  if (!stations.data && stations.status === 'error') {
    body = <ErrorState message={stations.error?.message ?? ''} onRetry={stations.reload} />;
  } else if (!stations.data) {
    body = view === 'map' ? <div className="env-map skeleton" /> : <StationCardSkeleton />;
  } else if (sorted.length === 0) {
    body = <EmptyState icon="zi-location">{t(`env.empty.${kind}`)}</EmptyState>;
  } else if (view === 'map') {
    body = <MapView stations={sorted} kind={kind} now={now} />;
  } else {
    body = (
      <>
        {followed.length > 0 ? (
          <section className="env-section" aria-labelledby="env-followed">
            <h2 id="env-followed" className="env-section__title">
              <AppIcon icon="zi-notif" size={20} />
              {t('env.followed')}
            </h2>
            <ul className="env-list" data-testid="followed-list">
              {followed.map((s) => (
                <StationCard key={s.id} station={s} now={now} following />
              ))}
            </ul>
          </section>
        ) : null}
        <section className="env-section" aria-label={t(`env.kind.${kind}`)}>
          {followed.length > 0 ? (
            <h2 className="env-section__title">{t('env.otherStations')}</h2>
          ) : null}
          <ul className="env-list" data-testid="station-list">
            {others.map((s) => (
              <StationCard key={s.id} station={s} now={now} />
            ))}
          </ul>
        </section>
      </>
    );
  }

  return (
    <ReportPage title={feature?.label[language] ?? t('env.title')} parent="/">
      <div className="env-segments" role="tablist" aria-label={t('env.kind.label')}>
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={k === kind}
            className={k === kind ? 'env-segment is-active' : 'env-segment'}
            onClick={() => update({ kind: k === 'water' ? '' : k, station: '' })}
          >
            {t(`env.kind.${k}`)}
          </button>
        ))}
      </div>

      {alerting.length > 0 ? (
        <p className="env-banner" role="status" data-testid="alert-banner">
          <AppIcon icon="zi-warning-circle" size={22} />
          <span>
            {t(kind === 'water' ? 'env.alerting.water' : 'env.alerting.air', {
              count: alerting.length,
            })}
          </span>
        </p>
      ) : null}

      <ListMapTabs
        view={view === 'map' ? 'map' : 'list'}
        onChange={(next) => update({ view: next === 'map' ? 'map' : '' })}
        listLabel={t('env.view.list')}
        mapLabel={t('env.view.map')}
      />

      <CachedNotice state={stations} />
      {body}

      <button
        type="button"
        className="env-link"
        data-testid="reports-link"
        onClick={() => navigate('/environment/reports')}
      >
        <span className="env-link__icon" aria-hidden="true">
          <AppIcon icon="zi-note" size={24} />
        </span>
        <span className="env-link__text">
          <span className="env-link__title">{t('env.reports.title')}</span>
          <span className="env-link__hint">{t('env.reports.hint')}</span>
        </span>
        <AppIcon icon="zi-chevron-right" size={20} />
      </button>
      <button type="button" className="env-link" onClick={() => navigate('/weather')}>
        <span className="env-link__icon env-link__icon--weather" aria-hidden="true">
          <AppIcon icon="zi-backup-solid" size={24} />
        </span>
        <span className="env-link__text">
          <span className="env-link__title">{t('env.weatherLink')}</span>
          <span className="env-link__hint">{t('env.weatherHint')}</span>
        </span>
        <AppIcon icon="zi-chevron-right" size={20} />
      </button>
    </ReportPage>
  );
}
