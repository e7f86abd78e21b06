import '../field-reports/reports.css';
import './digital-map.css';
import { Component, lazy, type ReactNode, Suspense } from 'react';
import { useParams } from 'zmp-ui';
import { AppIcon } from '../../components/app-icon';
import { useApi } from '../../hooks/use-api';
import { useLanguage, useT } from '../../i18n/use-t';
import { directionsHref, placesClient, telHref } from '../../services/places/client';
import { ReportPage } from '../field-reports/components/report-page';
import { ErrorState, LoadingBlock } from '../field-reports/components/states';

// The small map shares the lazily loaded Leaflet chunk with the map tab.
const PlaceMiniMap = lazy(() => import('./components/place-mini-map'));

class MapBoundary extends Component<{ children: ReactNode }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** One place: address, phone (tap to call), opening hours, a small map and directions. */
export default function PlacePage() {
  const t = useT();
  const [language] = useLanguage();
  const { id = '' } = useParams();
  const state = useApi(() => placesClient.place(id, language), [id, language]);
  const place = state.data;

  return (
    <ReportPage title={place?.name ?? t('map.title')} parent="/digital-map">
      {state.status === 'loading' && !place ? <LoadingBlock /> : null}
      {state.status === 'error' && !place ? (
        <ErrorState
          message={state.error.status === 404 ? t('map.notFound') : state.error.message}
          onRetry={state.error.status === 404 ? undefined : state.reload}
        />
      ) : null}
      {place ? (
        <section className="rp-section card map-place" data-testid="place-detail">
          <h1 className="rp-section__title">{place.name}</h1>
          <p className="rp-card__meta">
            {t(`map.domain.${place.domain}`)} · {t(`map.cat.${place.category}`)}
          </p>
          {place.description ? <p>{place.description}</p> : null}
          <dl>
            {place.address || place.communeName ? (
              <div>
                <dt>{t('map.address')}</dt>
                <dd>{[place.address, place.communeName].filter(Boolean).join(', ')}</dd>
              </div>
            ) : null}
            {place.phone ? (
              <div>
                <dt>{t('map.phone')}</dt>
                <dd>
                  <a href={telHref(place.phone)} aria-label={t('map.call', { phone: place.phone })}>
                    {place.phone}
                  </a>
                </dd>
              </div>
            ) : null}
            {place.openingHours ? (
              <div>
                <dt>{t('map.hours')}</dt>
                <dd>{place.openingHours}</dd>
              </div>
            ) : null}
            {place.website ? (
              <div>
                <dt>{t('map.website')}</dt>
                <dd>
                  <a href={place.website} target="_blank" rel="noopener noreferrer">
                    {place.website.replace(/^https?:\/\//, '')}
                  </a>
                </dd>
              </div>
            ) : null}
          </dl>
          <MapBoundary>
            <Suspense fallback={<div className="map-mini" />}>
              <PlaceMiniMap lat={place.lat} lng={place.lng} label={place.name} />
            </Suspense>
          </MapBoundary>
          <div className="map-place__actions">
            {place.phone ? (
              <a className="map-chip" href={telHref(place.phone)} data-testid="place-call">
                <AppIcon icon="zi-call" size={18} /> {t('map.phone')}
              </a>
            ) : null}
            <a
              className="map-chip"
              href={directionsHref(place)}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="place-directions"
            >
              <AppIcon icon="zi-location" size={18} /> {t('map.directions')}
            </a>
          </div>
        </section>
      ) : null}
    </ReportPage>
  );
}
