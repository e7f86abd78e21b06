// Leaflet and react-leaflet, as the two map screens use them. One module, so the bundle
// has one lazily loaded chunk for them, named after this file.
import 'leaflet/dist/leaflet.css';

export { default as L } from 'leaflet';
export {
  AttributionControl,
  MapContainer,
  Marker,
  TileLayer,
  useMap,
  useMapEvents,
} from 'react-leaflet';
export { LEAFLET_PREFIX, paddedBounds, tileAttribution, tileUrl } from './leaflet-tiles';
