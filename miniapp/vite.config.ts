import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import zaloMiniApp from 'zmp-vite-plugin';

const root = fileURLToPath(new URL('.', import.meta.url));

// The plugin reads ./app-config.json relative to the working directory when given no
// options; passing the parsed file keeps `vite -c miniapp/vite.config.ts` from the repo
// root working too.
const appConfig = JSON.parse(readFileSync(new URL('./app-config.json', import.meta.url), 'utf8'));

// In dev the browser talks to the Vite server only, which forwards API paths to the
// Worker: same origin, so no CORS set-up is needed locally. Production builds call the
// API directly at VITE_API_BASE (see src/services/api.ts).
const apiOrigin = process.env.API_ORIGIN ?? 'http://localhost:8787';

export default defineConfig({
  root,
  plugins: [react(), zaloMiniApp(appConfig)],
  // Pre-bundled at start: the charts are lazy-loaded, and a dependency discovered on first
  // use makes Vite re-optimise and reload the page mid-session (a flaky first visit).
  optimizeDeps: { include: ['chart.js', 'react-chartjs-2'] },
  server: {
    // zmp-sdk only answers with web fallbacks when the page is served from localhost.
    host: 'localhost',
    port: 3000,
    strictPort: true,
    proxy: {
      // ws: the officials' chat opens WebSockets under /api/v1/chat/rooms/{id}/ws.
      '/api': { target: apiOrigin, changeOrigin: true, ws: true },
      '/open311': { target: apiOrigin, changeOrigin: true },
    },
  },
  preview: { host: 'localhost', port: 4173, strictPort: true },
});
