import type { DragEndEvent, Marker as LeafletMarker, LeafletMouseEvent } from 'leaflet';
import { useEffect, useMemo } from 'react';
import type { Bounds, LatLng } from '../../../services/reports/geo';
import {
  AttributionControl,
  L,
  LEAFLET_PREFIX,
  MapContainer,
  Marker,
  paddedBounds,
  TileLayer,
  tileAttribution,
  tileUrl,
  useMap,
  useMapEvents,
} from './leaflet';

type LocationMapProps = {
  center: LatLng;
  value?: LatLng;
  bounds: Bounds;
  label: string;
  onPick: (point: LatLng) => void;
};

/** A pin drawn in CSS: no marker images to fetch (Leaflet's default ones break in bundles). */
const pinIcon = L.divIcon({
  className: 'map-pin',
  html: '<span class="map-pin__head"></span>',
  iconSize: [36, 48],
  iconAnchor: [18, 46],
});

function ClickToPick({ onPick }: { onPick: (point: LatLng) => void }) {
  useMapEvents({
    click: (event: LeafletMouseEvent) => onPick({ lat: event.latlng.lat, lng: event.latlng.lng }),
  });
  return null;
}

/**
 * The page slides in while the map is created; measure again once it has settled, or
 * taps land at the wrong place until the first pan.
 */
function Remeasure() {
  const map = useMap();
  useEffect(() => {
    const timers = [150, 600].map((ms) => setTimeout(() => map.invalidateSize(), ms));
    return () => {
      for (const timer of timers) clearTimeout(timer);
    };
  }, [map]);
  return null;
}

/** Follows the pin when it moves from outside the map (GPS), without fighting the user's pans. */
function FollowValue({ value }: { value?: LatLng }) {
  const map = useMap();
  useEffect(() => {
    if (value && !map.getBounds().pad(-0.2).contains([value.lat, value.lng])) {
      map.setView([value.lat, value.lng], Math.max(map.getZoom(), 16));
    }
  }, [map, value]);
  return null;
}

/**
 * Tap to drop the pin, drag it to adjust. Without a network the tiles stay grey but the
 * map still takes taps, so a location can always be given.
 */
export default function LocationMap({ center, value, bounds, label, onPick }: LocationMapProps) {
  const tiles = tileUrl();
  const handlers = useMemo(
    () => ({
      dragend: (event: DragEndEvent) => {
        const { lat, lng } = (event.target as LeafletMarker).getLatLng();
        onPick({ lat, lng });
      },
    }),
    [onPick],
  );
  return (
    <div className="location-map" role="application" aria-label={label}>
      <MapContainer
        center={value ? [value.lat, value.lng] : [center.lat, center.lng]}
        zoom={value ? 16 : 13}
        minZoom={9}
        maxBounds={paddedBounds(bounds)}
        maxBoundsViscosity={0.8}
        scrollWheelZoom={false}
        attributionControl={false}
        className="location-map__map"
      >
        <AttributionControl prefix={LEAFLET_PREFIX} />
        {tiles ? <TileLayer url={tiles} attribution={tileAttribution} maxZoom={19} /> : null}
        <Remeasure />
        <ClickToPick onPick={onPick} />
        <FollowValue value={value} />
        {value ? (
          <Marker
            position={[value.lat, value.lng]}
            icon={pinIcon}
            draggable
            eventHandlers={handlers}
            keyboard={false}
          />
        ) : null}
      </MapContainer>
    </div>
  );
}
