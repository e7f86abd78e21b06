/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Absolute origin of the API for builds served from Zalo, e.g. https://api.example.gov.vn. */
  readonly VITE_API_BASE?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
