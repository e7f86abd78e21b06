import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../i18n/use-t';
import { placesClient } from '../../../services/places/client';
import type { PlaceFilter, PlacePoint } from '../../../services/places/types';
import type { Bounds } from '../../../services/reports/geo';
// The Leaflet chunk the other maps load: one copy of Leaflet in the bundle, fetched only
// when this screen's map is opened (this module is imported lazily).
import {
  AttributionControl,
  L,
  LEAFLET_PREFIX,
  MapContainer,
  paddedBounds,
  TileLayer,
  tileAttribution,
  tileUrl,
  useMap,
} from '../../field-reports/components/leaflet';
// A Leaflet plugin in the old style: it adds L.markerClusterGroup to the L that the import
// above put on window, so it must come after it.
import 'leaflet.markercluster';

type Props = {
  filter: PlaceFilter;
  lang: 'vi' | 'en';
  bounds: Bounds;
  label: string;
  onSelect: (id: string) => void;
};

/** Waits this long after the map stops moving before asking for its points. */
const MOVE_DELAY_MS = 300;

function Remeasure() {
  const map = useMap();
  useEffect(() => {
    const timer = setTimeout(() => map.invalidateSize(), 600);
    return () => clearTimeout(timer);
  }, [map]);
  return null;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** The points of the visible box, fetched again when the map settles after a move. */
function Points({
  filter,
  lang,
  onSelect,
  onCapped,
}: Pick<Props, 'filter' | 'lang' | 'onSelect'> & { onCapped: (cap: number | null) => void }) {
  const map = useMap();
  const [points, setPoints] = useState<PlacePoint[]>([]);
  const generation = useRef(0);
  const key = JSON.stringify(filter);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the filter
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      const mine = ++generation.current;
      const b = map.getBounds();
      void placesClient
        .points(
          { south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast() },
          { ...filter, lang },
        )
        .then((result) => {
          if (mine !== generation.current || !result.ok) return;
          setPoints(result.data.points);
          onCapped(result.data.capped ? result.data.cap : null);
        });
    };
    const onMove = () => {
      clearTimeout(timer);
      timer = setTimeout(load, MOVE_DELAY_MS);
    };
    load();
    map.on('moveend', onMove);
    return () => {
      clearTimeout(timer);
      map.off('moveend', onMove);
    };
  }, [map, key, lang]);

  useEffect(() => {
    const group = L.markerClusterGroup({
      chunkedLoading: true,
      maxClusterRadius: 50,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
    });
    group.addLayers(
      points.map((p) => {
        const marker = L.marker([p.lat, p.lng], {
          icon: L.divIcon({
            className: `map-pin map-pin--${p.category}`,
            html: '<span></span>',
            iconSize: [26, 26],
            iconAnchor: [13, 13],
          }),
          title: p.name,
          alt: p.name,
        });
        marker.bindTooltip(escapeHtml(p.name), { direction: 'top', offset: [0, -12] });
        marker.on('click', () => onSelect(p.id));
        return marker;
      }),
    );
    map.addLayer(group);
    return () => {
      map.removeLayer(group);
    };
  }, [map, points, onSelect]);
  return null;
}

/** Places on the map, gathered into numbered clusters until zoomed in. */
export default function PlacesMap({ filter, lang, bounds, label, onSelect }: Props) {
  const t = useT();
  const tiles = tileUrl();
  const [cap, setCap] = useState<number | null>(null);
  return (
    <div className="map-map" role="application" aria-label={label} data-testid="places-map">
      {cap ? <p className="map-map__capped">{t('map.capped', { cap })}</p> : null}
      <MapContainer
        bounds={[
          [bounds.south, bounds.west],
          [bounds.north, bounds.east],
        ]}
        maxBounds={paddedBounds(bounds, 0.3)}
        minZoom={8}
        scrollWheelZoom={false}
        attributionControl={false}
        className="map-map__map"
      >
        <AttributionControl prefix={LEAFLET_PREFIX} />
        {tiles ? <TileLayer url={tiles} attribution={tileAttribution} maxZoom={19} /> : null}
        <Remeasure />
        <Points filter={filter} lang={lang} onSelect={onSelect} onCapped={setCap} />
      </MapContainer>
    </div>
  );
}
