import {
  AttributionControl,
  L,
  LEAFLET_PREFIX,
  MapContainer,
  Marker,
  TileLayer,
  tileAttribution,
  tileUrl,
} from '../../field-reports/components/leaflet';

// The small map of one place's page: one pin, not draggable, loaded lazily.
export default function PlaceMiniMap({
  lat,
  lng,
  label,
}: {
  lat: number;
  lng: number;
  label: string;
}) {
  const tiles = tileUrl();
  return (
    <div className="map-mini" role="img" aria-label={label}>
      <MapContainer
        center={[lat, lng]}
        zoom={15}
        scrollWheelZoom={false}
        dragging={false}
        attributionControl={false}
        className="map-mini__map"
      >
        <AttributionControl prefix={LEAFLET_PREFIX} />
        {tiles ? <TileLayer url={tiles} attribution={tileAttribution} maxZoom={19} /> : null}
        <Marker
          position={[lat, lng]}
          icon={L.divIcon({
            className: 'map-pin map-pin--selected',
            html: '<span></span>',
            iconSize: [26, 26],
            iconAnchor: [13, 13],
          })}
        />
      </MapContainer>
    </div>
  );
}
