// Map tiles, as in the mini app: a Leaflet URL template from VITE_MAP_TILE_URL (the province's
// own tile server in production; OpenStreetMap's do not allow app traffic), "none" for no
// tiles. The build writes the tile origin into index.html for the Worker's CSP (vite.config.ts).

const DEFAULT_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const DEFAULT_ATTRIBUTION = '&copy; OpenStreetMap';

export function tileUrl(configured = import.meta.env.VITE_MAP_TILE_URL): string | null {
  const value = configured?.trim();
  if (value === 'none') return null;
  return value || DEFAULT_TILES;
}

export const tileAttribution = import.meta.env.VITE_MAP_ATTRIBUTION?.trim() || DEFAULT_ATTRIBUTION;

/** The province's centre (Vị Thanh) when there is nothing else to centre on. */
export const PROVINCE_CENTRE: [number, number] = [9.78, 105.6];
