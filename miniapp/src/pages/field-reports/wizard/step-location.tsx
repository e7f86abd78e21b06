import { Component, lazy, type ReactNode, Suspense, useCallback, useState } from 'react';
import { useRecoilState } from 'recoil';
import { Button } from 'zmp-ui';
import { AppIcon } from '../../../components/app-icon';
import { useT } from '../../../i18n/use-t';
import { reportsClient } from '../../../services/reports/client';
import { formatLatLng, insideBounds, type LatLng } from '../../../services/reports/geo';
import type { DraftLocation } from '../../../services/reports/outbox';
import { getAccessToken, getLocation } from '../../../services/zalo';
import { wizardState } from '../../../state/reports';
import { LoadingBlock, Notice } from '../components/states';
import { useCommunes, useReportConfig } from '../data';

// Leaflet is about a third of this screen's code: it downloads only when the map shows.
const LocationMap = lazy(() => import('../components/location-map'));

/** A map chunk that fails to download (offline) must not take the form down with it. */
class MapBoundary extends Component<{ fallback: ReactNode; children: ReactNode }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** Keeps the commune and address typed so far whatever the source of the point. */
function withPoint(
  previous: DraftLocation | undefined,
  source: 'gps' | 'pin',
  point: LatLng,
  accuracy?: number,
): DraftLocation {
  return {
    source,
    lat: point.lat,
    lng: point.lng,
    ...(accuracy !== undefined ? { accuracy } : {}),
    ...(previous?.communeId ? { communeId: previous.communeId } : {}),
    ...(previous?.address ? { address: previous.address } : {}),
  };
}

export function StepLocation() {
  const t = useT();
  const config = useReportConfig();
  const { bounds, center, name: province } = config.province;
  const communes = useCommunes();
  const [wizard, setWizard] = useRecoilState(wizardState);
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<string>();
  const location = wizard.location;
  const point =
    location?.lat !== undefined && location.lng !== undefined
      ? { lat: location.lat, lng: location.lng }
      : undefined;

  const setLocation = useCallback(
    (update: (previous: DraftLocation | undefined) => DraftLocation | undefined) =>
      setWizard((w) => ({ ...w, location: update(w.location) })),
    [setWizard],
  );

  const accept = useCallback(
    (source: 'gps' | 'pin', next: LatLng, accuracy?: number): boolean => {
      if (!insideBounds(next, bounds)) {
        setProblem(t('reports.location.outside', { province }));
        return false;
      }
      setProblem(undefined);
      setLocation((previous) => withPoint(previous, source, next, accuracy));
      return true;
    },
    [bounds, province, setLocation, t],
  );

  const locateMe = async () => {
    setLocating(true);
    setProblem(undefined);
    try {
      const found = await getLocation();
      if (!found.ok) {
        setProblem(found.error.message);
        return;
      }
      if (found.value.kind === 'coords') {
        accept(
          'gps',
          { lat: found.value.latitude, lng: found.value.longitude },
          found.value.accuracy,
        );
        return;
      }
      // Inside Zalo: the server turns the one-time token into coordinates now, so the
      // pin can be shown and checked, and a draft saved for later holds coordinates
      // rather than a token that expires in two minutes.
      const access = await getAccessToken();
      const located =
        access.ok && access.value
          ? await reportsClient.locate(found.value.token, access.value)
          : undefined;
      if (located?.ok) {
        accept('gps', { lat: located.data.lat, lng: located.data.lng });
      } else if (located && !located.ok && located.error.kind !== 'http') {
        // No network: keep the token, the server exchanges it when the report goes out.
        const token = found.value.token;
        setLocation((previous) => ({
          source: 'zalo',
          token,
          ...(previous?.communeId ? { communeId: previous.communeId } : {}),
          ...(previous?.address ? { address: previous.address } : {}),
        }));
      } else {
        setProblem(located && !located.ok ? located.error.message : t('error.locationUnavailable'));
      }
    } finally {
      setLocating(false);
    }
  };

  const onPick = useCallback((next: LatLng) => void accept('pin', next), [accept]);

  const setCommune = (communeId: string) =>
    setLocation((previous) => {
      const base: DraftLocation = previous ?? { source: 'address' };
      const next = { ...base, communeId: communeId || undefined };
      // Choosing a commune does not move a pin that is already there.
      return next;
    });

  const setAddress = (address: string) =>
    setLocation((previous) => ({ ...(previous ?? { source: 'address' }), address }));

  return (
    <section className="wizard-fieldset">
      <h2 className="wizard-question">{t('reports.location.title')}</h2>

      <Button
        fullWidth
        size="large"
        loading={locating}
        disabled={locating}
        onClick={() => void locateMe()}
        prefixIcon={<AppIcon icon="zi-location-solid" size={22} />}
      >
        {locating ? t('reports.location.gpsBusy') : t('reports.location.gps')}
      </Button>

      {location?.source === 'zalo' ? (
        <Notice tone="success">{t('reports.location.zaloDone')}</Notice>
      ) : null}
      {problem ? <Notice tone="error">{problem}</Notice> : null}

      <p className="wizard-or">{t('reports.location.or')}</p>
      <p className="wizard-hint">{t('reports.location.mapHint')}</p>
      <MapBoundary
        fallback={<Notice tone="warning">{t('reports.location.mapUnavailable')}</Notice>}
      >
        <Suspense
          fallback={
            <div className="location-map location-map--loading">
              <LoadingBlock />
            </div>
          }
        >
          <LocationMap
            center={center}
            value={point}
            bounds={bounds}
            label={t('reports.location.mapLabel')}
            onPick={onPick}
          />
        </Suspense>
      </MapBoundary>
      {point ? (
        <p className="location-chosen" data-testid="location-chosen">
          <AppIcon icon="zi-location-solid" size={18} />
          {location?.source === 'gps'
            ? `${t('reports.location.gpsDone')}: ${formatLatLng(point)}`
            : t('reports.location.pinned', { coords: formatLatLng(point) })}
        </p>
      ) : null}

      <label className="rp-field">
        <span className="rp-field__label">{t('reports.location.commune')}</span>
        <select
          className="rp-input"
          value={location?.communeId ?? ''}
          onChange={(e) => setCommune(e.target.value)}
          disabled={communes.status !== 'ready'}
        >
          <option value="">{t('reports.location.communePlaceholder')}</option>
          {communes.data?.map((commune) => (
            <option key={commune.id} value={commune.id}>
              {commune.fullName}
            </option>
          ))}
        </select>
      </label>
      {communes.status === 'error' ? (
        <Notice tone="error">{t('reports.location.communeLoadError')}</Notice>
      ) : null}
      <label className="rp-field">
        <span className="rp-field__label">{t('reports.location.address')}</span>
        <input
          className="rp-input"
          value={location?.address ?? ''}
          maxLength={300}
          onChange={(e) => setAddress(e.target.value)}
          placeholder={t('reports.location.addressPlaceholder')}
        />
      </label>
    </section>
  );
}
