/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Absolute origin of the API for builds served from Zalo, e.g. https://api.example.gov.vn. */
  readonly VITE_API_BASE?: string;
  /**
   * Map tiles, a Leaflet URL template ({z}/{x}/{y}); default OpenStreetMap's. Set it to
   * the province's own tile server in production (OSM's servers are not for app traffic),
   * or to "none" for no tiles at all (a plain background; pins still work).
   */
  readonly VITE_MAP_TILE_URL?: string;
  /** Attribution shown in the map's corner for those tiles. */
  readonly VITE_MAP_ATTRIBUTION?: string;
  /**
   * Development only (ignored by production builds and inside Zalo): a Zalo access token
   * the browser signs in with, since a browser has no zmp-sdk token. The browser test sets
   * one its fake Zalo Graph API accepts.
   */
  readonly VITE_DEV_ZALO_ACCESS_TOKEN?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
