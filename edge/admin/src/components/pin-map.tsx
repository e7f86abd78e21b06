import 'leaflet/dist/leaflet.css';
import { CircleMarker, MapContainer, TileLayer } from 'react-leaflet';
import { tileAttribution, tileUrl } from '../tiles';

/** A small map with the report's pin (loaded on demand with Leaflet). */
export default function PinMap({ lat, lng }: { lat: number; lng: number }) {
  const tiles = tileUrl();
  return (
    <MapContainer
      center={[lat, lng]}
      zoom={16}
      className="pin-map"
      scrollWheelZoom={false}
      attributionControl
    >
      {tiles ? <TileLayer url={tiles} attribution={tileAttribution} maxZoom={19} /> : null}
      <CircleMarker
        center={[lat, lng]}
        radius={10}
        pathOptions={{ color: '#b42318', fillColor: '#f04438', fillOpacity: 0.85, weight: 2 }}
      />
    </MapContainer>
  );
}
