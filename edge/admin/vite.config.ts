import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

const DEFAULT_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/**
 * The origin of the map's tile server ("https://*.tile.example.org" for a {s} template), or
 * null when tiles are off ("none") or the template is not an absolute http(s) URL.
 */
export function tileOrigin(template: string | undefined): string | null {
  const value = template?.trim() || DEFAULT_TILES;
  if (value === 'none') return null;
  const match = /^(https?:\/\/)([^/]+)/i.exec(value.replace(/\{s\}/g, '*'));
  return match ? `${match[1]}${match[2]}` : null;
}

/**
 * Writes the tile server's origin into index.html. The Worker reads it back to allow those
 * images in the admin's Content-Security-Policy (edge/src/admin/routes.ts), so the one
 * setting, VITE_MAP_TILE_URL, drives both the map and the policy.
 */
function tileOriginMeta(origin: string | null): Plugin {
  return {
    name: 'tinh-admin-tile-origin',
    transformIndexHtml: () =>
      origin
        ? [{ tag: 'meta', attrs: { name: 'tile-origin', content: origin }, injectTo: 'head' }]
        : [],
  };
}

// In dev (`npm run dev -w @tinh/admin`) the page is served by Vite and the API proxied to the
// Worker (same origin for the browser, so the session cookie and CSRF header just work).
const apiOrigin = process.env.API_ORIGIN ?? 'http://localhost:8787';

export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, root, 'VITE_'), ...process.env };
  return {
    root,
    base: '/admin/',
    plugins: [react(), tileOriginMeta(tileOrigin(env.VITE_MAP_TILE_URL))],
    build: {
      // dist/admin/…: the asset directory (wrangler.toml) is dist/, so a file's path there is
      // its URL path.
      outDir: 'dist/admin',
      emptyOutDir: true,
      target: 'es2022',
    },
    server: {
      host: 'localhost',
      port: 5174,
      strictPort: true,
      proxy: { '/api': { target: apiOrigin, changeOrigin: true } },
    },
  };
});
