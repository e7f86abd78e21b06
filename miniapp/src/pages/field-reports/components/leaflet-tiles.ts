import type { LatLngBoundsExpression } from 'leaflet';
import type { Bounds } from '../../../services/reports/geo';

const DEFAULT_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const DEFAULT_ATTRIBUTION = '&copy; OpenStreetMap';

/** The tile template from VITE_MAP_TILE_URL; null when tiles are turned off ("none"). */
export function tileUrl(configured = import.meta.env.VITE_MAP_TILE_URL): string | null {
  const value = configured?.trim();
  if (value === 'none') return null;
  return value || DEFAULT_TILES;
}

/** Leaflet's credit, as a plain link (its default carries a flag). */
export const LEAFLET_PREFIX = '<a href="https://leafletjs.com">Leaflet</a>';

export const tileAttribution = import.meta.env.VITE_MAP_ATTRIBUTION?.trim() || DEFAULT_ATTRIBUTION;

/** The province with a margin, so a pin near the border can still be dragged comfortably. */
export function paddedBounds(bounds: Bounds, margin = 0.15): LatLngBoundsExpression {
  return [
    [bounds.south - margin, bounds.west - margin],
    [bounds.north + margin, bounds.east + margin],
  ];
}
