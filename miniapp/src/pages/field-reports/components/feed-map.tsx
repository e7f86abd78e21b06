import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import { useEffect } from 'react';
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
} from './leaflet';
// A Leaflet plugin in the old style: it adds L.markerClusterGroup to the L that the
// import above put on window, so it must come after it.
import 'leaflet.markercluster';
import type { Bounds } from '../../../services/reports/geo';
import type { MapPoint } from '../../../services/reports/types';

type FeedMapProps = {
  points: MapPoint[];
  bounds: Bounds;
  label: string;
  onSelect: (code: string) => void;
};

function pointIcon(status: MapPoint['status']): L.DivIcon {
  return L.divIcon({
    className: `feed-dot feed-dot--${status}`,
    iconSize: [22, 22],
    iconAnchor: [11, 11],
  });
}

/** Measures again once the page has finished sliding in (see location-map.tsx). */
function Remeasure() {
  const map = useMap();
  useEffect(() => {
    const timer = setTimeout(() => map.invalidateSize(), 600);
    return () => clearTimeout(timer);
  }, [map]);
  return null;
}

/** How far from a dot or cluster a finger may land and still pick it, in CSS pixels. */
const TAP_TOLERANCE = 28;

function ClusteredPoints({ points, onSelect }: Pick<FeedMapProps, 'points' | 'onSelect'>) {
  const map = useMap();
  useEffect(() => {
    const group = L.markerClusterGroup({
      chunkedLoading: true,
      maxClusterRadius: 50,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
    });
    const markers = points.map((p) => {
      const marker = L.marker([p.lat, p.lng], {
        icon: pointIcon(p.status),
        keyboard: false,
        title: p.code,
      });
      marker.on('click', () => onSelect(p.code));
      return { marker, code: p.code };
    });
    group.addLayers(markers.map((m) => m.marker));
    map.addLayer(group);

    // A tap that misses a 22px dot by a little (an elderly finger), or that the WebView
    // hands to the map instead of the dot (seen after the keyboard resized the page),
    // still picks the nearest dot or cluster.
    const onMapClick = (event: L.LeafletMouseEvent) => {
      let best: { layer: L.Marker; code: string; distance: number } | undefined;
      for (const { marker, code } of markers) {
        const visible = group.getVisibleParent(marker);
        if (!visible) continue;
        const distance = map
          .latLngToContainerPoint(visible.getLatLng())
          .distanceTo(event.containerPoint);
        if (distance <= TAP_TOLERANCE && (!best || distance < best.distance)) {
          best = { layer: visible, code, distance };
        }
      }
      if (!best) return;
      if (best.layer === markers.find((m) => m.code === best.code)?.marker) onSelect(best.code);
      else (best.layer as L.MarkerCluster).zoomToBounds({ padding: [24, 24] });
    };
    map.on('click', onMapClick);
    return () => {
      map.off('click', onMapClick);
      map.removeLayer(group);
    };
  }, [map, points, onSelect]);
  return null;
}

/** Public reports on the map, gathered into numbered clusters until zoomed in. */
export default function FeedMap({ points, bounds, label, onSelect }: FeedMapProps) {
  const tiles = tileUrl();
  return (
    <div className="feed-map" role="application" aria-label={label}>
      <MapContainer
        bounds={[
          [bounds.south, bounds.west],
          [bounds.north, bounds.east],
        ]}
        maxBounds={paddedBounds(bounds, 0.3)}
        minZoom={8}
        scrollWheelZoom={false}
        attributionControl={false}
        className="feed-map__map"
      >
        <AttributionControl prefix={LEAFLET_PREFIX} />
        {tiles ? <TileLayer url={tiles} attribution={tileAttribution} maxZoom={19} /> : null}
        <Remeasure />
        <ClusteredPoints points={points} onSelect={onSelect} />
      </MapContainer>
    </div>
  );
}
