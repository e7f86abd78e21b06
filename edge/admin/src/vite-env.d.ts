/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Map tiles, a Leaflet URL template ({z}/{x}/{y}); default OpenStreetMap's; "none": no tiles. */
  readonly VITE_MAP_TILE_URL?: string;
  /** Credit shown in the map's corner for those tiles. */
  readonly VITE_MAP_ATTRIBUTION?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
