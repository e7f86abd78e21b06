import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { adminCsp, tileOriginOf } from '../src/admin/routes';
import app from '../src/app';
import type { Env } from '../src/platform/env';
import { call, ORIGIN } from './helpers';

// The web admin's files are served by the Worker from the ASSETS binding. These tests give
// the Worker a stand-in binding with a known index.html, so they hold whether or not the admin
// has been built (edge/admin/dist may be empty on a fresh clone).

const INDEX =
  '<!doctype html><html lang="vi"><head>' +
  '<script type="module" crossorigin src="/admin/assets/index-abc123.js"></script>' +
  '<meta name="tile-origin" content="https://tiles.example.gov.vn"></head>' +
  '<body><div id="root"></div></body></html>';

/** Workers static assets as the asset router answers: "/admin/" is admin/index.html. */
function fakeAssets(files: Record<string, { body: string; type: string }>) {
  const seen: string[] = [];
  const fetcher = {
    async fetch(input: RequestInfo | URL) {
      const url = new URL(input instanceof Request ? input.url : String(input));
      seen.push(url.pathname);
      const file = files[url.pathname === '/admin/' ? '/admin/index.html' : url.pathname];
      if (!file) return new Response('not found', { status: 404 });
      return new Response(file.body, {
        headers: { 'Content-Type': file.type, ETag: '"asset-etag"' },
      });
    },
    connect() {
      throw new Error('not used');
    },
  };
  return { fetcher: fetcher as unknown as Fetcher, seen };
}

const BUILT = {
  '/admin/index.html': { body: INDEX, type: 'text/html; charset=utf-8' },
  '/admin/assets/index-abc123.js': { body: 'console.log(1)', type: 'text/javascript' },
};

function get(path: string, assets: Fetcher | undefined, init?: RequestInit) {
  const bindings = { ...(env as unknown as Env), ASSETS: assets } as Env;
  return app.request(new URL(path, ORIGIN).toString(), init, bindings);
}

describe('web admin at /admin', () => {
  it('answers index.html for a deep link, with the admin security headers', async () => {
    const { fetcher } = fakeAssets(BUILT);
    const res = await get('/admin/phan-anh/PA-7K3F9Q', fetcher);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    // The tile server written into index.html by the build may serve map images.
    expect(csp).toMatch(/img-src [^;]*https:\/\/tiles\.example\.gov\.vn/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // The set-password link carries its token in the URL: never leaked through Referer.
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves the set-password page (query string kept) and the transparency page', async () => {
    const { fetcher } = fakeAssets(BUILT);
    for (const path of ['/admin/dat-mat-khau?token=abc', '/admin/minh-bach', '/admin/']) {
      const res = await get(path, fetcher);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain('text/html');
    }
  });

  it('sends /admin to /admin/ so relative paths and the router base agree', async () => {
    const { fetcher } = fakeAssets(BUILT);
    const res = await get('/admin?x=1', fetcher);
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe('/admin/?x=1');
  });

  it('serves hashed files for a year and a missing script as 404, not as the page', async () => {
    const { fetcher } = fakeAssets(BUILT);
    const js = await get('/admin/assets/index-abc123.js', fetcher);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.headers.get('cache-control')).toContain('immutable');
    const missing = await get('/admin/assets/index-old999.js', fetcher);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<div id="root">');
  });

  it('explains how to build the admin when there is nothing to serve', async () => {
    const empty = fakeAssets({});
    for (const assets of [empty.fetcher, undefined]) {
      const res = await get('/admin/', assets);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build -w @tinh/admin');
    }
  });

  it('leaves the API to the Worker: /api paths never answer the admin page', async () => {
    const res = await call('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const unknown = await call('/api/v1/no-such-route');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBeTruthy();
  });
});

describe('admin content security policy', () => {
  it('takes the tile origin only when it looks like an origin', () => {
    expect(tileOriginOf('<meta name="tile-origin" content="https://*.tile.example.org">')).toBe(
      'https://*.tile.example.org',
    );
    expect(tileOriginOf(`<meta name="tile-origin" content="'unsafe-inline' https:">`)).toBeNull();
    expect(tileOriginOf('<html></html>')).toBeNull();
    expect(adminCsp(null)).toContain("img-src 'self' data: blob:;");
  });
});
