import type { ContentModule } from '@tinh/db/schema';
import { sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../platform/db';
import type { AppEnv } from '../platform/env';

// Public pages of the information modules, cached by content version. Every write that
// changes what the public sees bumps its module's counter (contentVersionBump, in the write's
// batch). A read first fetches the counters (one small query), then:
//  - the client's ETag still matches: 304, no body, the page's query is never run;
//  - the Cache API holds the page for these counters: served from it;
//  - otherwise the handler runs and a 200 is stored for the next reader.
// A publication is therefore visible at once. Pages that change with time alone (live alerts
// expire, schedules roll into the next week) pass `bucketSeconds`, which puts the time bucket
// into the key as well.

/** The statement that bumps a module's counter: put it in the batch of the write. */
export function contentVersionBump(db: Db, module: ContentModule) {
  return db.run(
    sql`insert into content_versions (module, version, updated_at)
        values (${module}, 1, strftime('%Y-%m-%dT%H:%M:%fZ','now'))
        on conflict (module) do update set version = version + 1, updated_at = excluded.updated_at`,
  );
}

async function versionsOf(db: Db, modules: readonly ContentModule[]): Promise<string> {
  const rows = await db.all<{ module: string; version: number }>(
    sql`select module, version from content_versions where module in ${modules}`,
  );
  const byModule = new Map(rows.map((r) => [r.module, Number(r.version)]));
  return modules.map((m) => `${m}.${byModule.get(m) ?? 0}`).join('-');
}

async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const cacheStorage = (): Cache | null =>
  typeof caches !== 'undefined' ? (caches as unknown as { default: Cache }).default : null;

/**
 * Middleware for a public GET whose answer depends only on its URL and on `modules`' content.
 * Requests that carry a session (Authorization or Cookie) are passed through uncached: their
 * answer may differ per person. `maxAgeSeconds` is what browsers and proxies may keep without
 * asking again.
 */
export function versionedCache(
  modules: readonly ContentModule[],
  options: { maxAgeSeconds: number; bucketSeconds?: number },
) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method !== 'GET' || c.req.header('authorization') || c.req.header('cookie')) {
      await next();
      return;
    }
    const versions = await versionsOf(c.var.db, modules);
    const bucket = options.bucketSeconds
      ? `-t${Math.floor(Date.now() / (options.bucketSeconds * 1000))}`
      : '';
    const url = new URL(c.req.url);
    url.searchParams.sort();
    const etag = `W/"${(await sha1Hex(`${versions}${bucket} ${url.pathname}?${url.search}`)).slice(0, 27)}"`;
    const cacheControl = `public, max-age=${options.maxAgeSeconds}`;

    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch?.split(/\s*,\s*/).includes(etag)) {
      return c.body(null, 304, { ETag: etag, 'Cache-Control': cacheControl });
    }

    const cache = cacheStorage();
    const key = new Request(`${url.origin}${url.pathname}?${url.searchParams}&__v=${etag}`);
    const hit = await cache?.match(key);
    if (hit) {
      const res = new Response(hit.body, hit);
      res.headers.set('X-Cache', 'hit');
      return res;
    }

    await next();
    if (c.res.status !== 200) return;
    c.res.headers.set('ETag', etag);
    c.res.headers.set('Cache-Control', cacheControl);
    if (cache) {
      // Per-request headers (CORS for this caller's origin, the request id) are not stored.
      const copy = c.res.clone();
      const stored = new Response(copy.body, copy);
      for (const name of [...stored.headers.keys()]) {
        if (name.startsWith('access-control-') || name === 'x-request-id' || name === 'vary') {
          stored.headers.delete(name);
        }
      }
      const put = cache.put(key, stored).catch(() => undefined);
      try {
        c.executionCtx.waitUntil(put);
      } catch {
        await put;
      }
    }
  });
}
