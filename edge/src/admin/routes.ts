import type { Context } from 'hono';
import type { AppEnv } from '../platform/env';
import { createRouter } from '../platform/router';

// The web admin: a Vite + React single-page app (edge/admin) built into edge/admin/dist/admin/
// and served from Workers static assets (wrangler.toml `[assets]`, binding ASSETS). Every
// request reaches the Worker first (run_worker_first), so this router decides what the admin
// answers: hashed files as they are, and index.html for every page path, so a deep link such
// as /admin/phan-anh/PA-7K3F9Q or a reload works. The API stays under /api/v1 (same origin:
// the admin's session cookie is SameSite=Strict and needs no CORS).

/** Where Vite puts content-hashed files: never change, cache for a year. */
const HASHED_PREFIX = '/admin/assets/';

/** A path that names a file (has an extension in its last segment), not a page of the app. */
function isFilePath(path: string): boolean {
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last.includes('.');
}

// The map's tile server is chosen when the admin is built (VITE_MAP_TILE_URL); the build
// writes its origin into index.html (<meta name="tile-origin">), so the policy below follows
// the build without a second setting to keep in sync.
const TILE_ORIGIN_META = /<meta name="tile-origin" content="([^"]*)"/;
const ORIGIN_PATTERN = /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?$/i;

export function tileOriginOf(html: string): string | null {
  const origin = TILE_ORIGIN_META.exec(html)?.[1];
  return origin && ORIGIN_PATTERN.test(origin) ? origin : null;
}

/**
 * Content Security Policy of the admin's pages: scripts, styles, fonts and API calls from this
 * origin only; images also from the tile server and as data:/blob: (photo previews before an
 * upload); never framed (clickjacking of the officials' buttons); no plugins; forms and <base>
 * pinned to this origin. Inline styles stay allowed: React and Leaflet position map panes and
 * chart canvases with style attributes.
 */
export function adminCsp(tileOrigin: string | null): string {
  const images = ["'self'", 'data:', 'blob:', ...(tileOrigin ? [tileOrigin] : [])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src ${images.join(' ')}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function notBuilt(c: Context<AppEnv>): Response {
  c.header('Cache-Control', 'no-store');
  return c.html(
    '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Trang quản trị</title>' +
      '<body style="font-family:sans-serif;padding:2rem">' +
      '<h1>Trang quản trị chưa được xây dựng</h1>' +
      '<p>Chạy <code>npm run build -w @tinh/admin</code> (hoặc <code>npm start</code>) rồi tải lại trang.</p>' +
      '</body></html>',
    503,
  );
}

type Assets = NonNullable<AppEnv['Bindings']['ASSETS']>;

/**
 * The asset for `path` under the same origin. Files keep the browser's conditional headers
 * (a 304 saves the download); index.html is always fetched whole, since its policy header is
 * computed from its text.
 */
function fetchAsset(assets: Assets, c: Context<AppEnv>, path: string, conditional: boolean) {
  const url = new URL(path, c.req.url);
  const headers = new Headers();
  const names = conditional ? ['if-none-match', 'if-modified-since'] : [];
  for (const name of [...names, 'accept-encoding']) {
    const value = c.req.header(name);
    if (value) headers.set(name, value);
  }
  // (workers-types' Response and the global one are the same object at run time.)
  return assets.fetch(url.toString(), { headers }) as unknown as Promise<Response>;
}

export const adminRoutes = createRouter().get('*', async (c) => {
  const path = c.req.path;
  // "/admin" → "/admin/": relative asset URLs and the router's base both expect the slash.
  if (path === '/admin') {
    const url = new URL(c.req.url);
    return c.redirect(`/admin/${url.search}`, 308);
  }
  const assets = c.env?.ASSETS;
  if (!assets) return notBuilt(c);

  if (isFilePath(path)) {
    const res = await fetchAsset(assets, c, path, true);
    // A missing script must be a 404, not index.html served as JavaScript.
    if (res.status === 404) return c.text('Không tìm thấy tệp.', 404);
    const out = new Response(res.body, res);
    if (path.startsWith(HASHED_PREFIX) && res.ok) {
      out.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    }
    return out;
  }

  // A page of the app (/admin/, /admin/phan-anh/PA-…, /admin/dat-mat-khau?token=…): the one
  // index.html. The asset router maps "/admin/" to admin/index.html.
  const res = await fetchAsset(assets, c, '/admin/', false);
  if (res.status === 404) return notBuilt(c);
  if (!res.ok) return new Response(res.body, res);
  const html = await res.text();
  const out = new Response(html, res);
  out.headers.set('Content-Security-Policy', adminCsp(tileOriginOf(html)));
  out.headers.set('X-Frame-Options', 'DENY');
  // The set-password page carries a single-use token in its URL: never send it elsewhere.
  out.headers.set('Referrer-Policy', 'no-referrer');
  // Always revalidate: a new deployment's index.html names new hashed files.
  out.headers.set('Cache-Control', 'no-cache');
  out.headers.delete('Content-Length');
  out.headers.delete('ETag');
  return out;
});
