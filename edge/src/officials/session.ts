import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../platform/env';

// PLACEHOLDER (issue 4, being built): reads the official's cookie or `Bearer ofs_…` token into c.var.official.
export const officialSessionMiddleware = createMiddleware<AppEnv>(async (_c, next) => {
  await next();
});
