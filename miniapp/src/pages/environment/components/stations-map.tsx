import 'leaflet.markercluster/dist/MarkerCluster.css';
import { useEffect } from 'react';
import type { Bounds } from '../../../services/reports/geo';
// The Leaflet chunk the field-report maps load: one copy of Leaflet in the bundle.
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

export type MapStation = {
  id: string;
  name: string;
  lat: number;
  lng: number;
  /** `ok`, `l1`…`l4` (alert level) or `none` (no recent data). */
  tone: string;
  /** The lead figure, short ("2,35‰"), written on the pin. */
  text: string;
};

type Props = {
  stations: MapStation[];
  bounds: Bounds;
  selected?: string;
  label: string;
  onSelect: (id: string) => void;
};

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Measures again once the page has finished sliding in (see field reports' maps). */
function Remeasure() {
  const map = useMap();
  useEffect(() => {
    const timer = setTimeout(() => map.invalidateSize(), 600);
    return () => clearTimeout(timer);
  }, [map]);
  return null;
}

const rank = (tone: string) =>
  tone.startsWith('l') ? Number(tone.slice(1)) : tone === 'ok' ? 0 : -1;

function Pins({ stations, selected, onSelect }: Omit<Props, 'bounds' | 'label'>) {
  const map = useMap();
  useEffect(() => {
    // Stations close together (a canal with three sluices) merge into a numbered disc in the
    // colour of the worst among them; a tap zooms in until each shows its own pill.
    const tones = new Map<L.Marker, string>();
    const group = L.markerClusterGroup({
      maxClusterRadius: 56,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: (cluster) => {
        const worst = cluster
          .getAllChildMarkers()
          .map((m) => tones.get(m) ?? 'none')
          .reduce((a, b) => (rank(b) > rank(a) ? b : a), 'none');
        return L.divIcon({
          className: `env-cluster env-tone--${worst}`,
          html: `<span>${cluster.getChildCount()}</span>`,
          iconSize: [40, 40],
        });
      },
    });
    const markers = [...stations]
      .sort((a, b) => rank(a.tone) - rank(b.tone))
      .map((s) => {
        // A pill with the figure itself, in the level's colour: the map reads at a glance
        // without tapping every pin. Worst levels are drawn on top.
        const marker = L.marker([s.lat, s.lng], {
          icon: L.divIcon({
            className: `env-pin env-tone--${s.tone}${s.id === selected ? ' is-selected' : ''}`,
            html: `<span class="env-pin__text">${escapeHtml(s.text)}</span>`,
            // A zero-size anchor at the station; the pill is drawn above it by CSS.
            iconSize: [0, 0],
            iconAnchor: [0, 0],
          }),
          title: s.name,
          alt: `${s.name}: ${s.text}`,
          riseOnHover: true,
          zIndexOffset: rank(s.tone) * 100 + (s.id === selected ? 1000 : 0),
        });
        tones.set(marker, s.tone);
        marker.on('click', () => onSelect(s.id));
        return marker;
      });
    group.addLayers(markers);
    map.addLayer(group);
    return () => {
      map.removeLayer(group);
    };
  }, [map, stations, selected, onSelect]);
  return null;
}

/** Stations on the map, each pin showing its lead figure in its alert colour. */
export default function StationsMap({ stations, bounds, selected, label, onSelect }: Props) {
  const tiles = tileUrl();
  return (
    <div className="env-map" role="application" aria-label={label} data-testid="stations-map">
      <MapContainer
        bounds={[
          [bounds.south, bounds.west],
          [bounds.north, bounds.east],
        ]}
        maxBounds={paddedBounds(bounds, 0.3)}
        minZoom={8}
        scrollWheelZoom={false}
        attributionControl={false}
        className="env-map__map"
      >
        <AttributionControl prefix={LEAFLET_PREFIX} />
        {tiles ? <TileLayer url={tiles} attribution={tileAttribution} maxZoom={19} /> : null}
        <Remeasure />
        <Pins stations={stations} selected={selected} onSelect={onSelect} />
      </MapContainer>
    </div>
  );
}
