import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../platform/env';

/**
 * Public, shared-cacheable reads: `Cache-Control: public, max-age=<seconds>` on 200 answers
 * and an ETag, so a client revalidating with `If-None-Match` gets a bodyless 304. Errors
 * carry no Cache-Control. Nothing is cached inside the Worker.
 */
export function publicCache(maxAgeSeconds: number) {
  const cacheControl = createMiddleware<AppEnv>(async (c, next) => {
    await next();
    if (c.res.status === 200)
      c.res.headers.set('Cache-Control', `public, max-age=${maxAgeSeconds}`);
  });
  // etag runs outside cacheControl so that a 304 keeps the Cache-Control of the 200 it
  // replaces; headers set before the handler (CORS, request id) survive a 304 too.
  const tag = etag({
    retainedHeaders: [
      ...RETAINED_304_HEADERS,
      'access-control-allow-origin',
      'access-control-expose-headers',
      'x-request-id',
    ],
  });
  return [tag, cacheControl] as const;
}
