import { createClient } from '@libsql/client/web';
import * as schema from '@tinh/db/schema';
import { drizzle } from 'drizzle-orm/libsql/web';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Env } from './env';

export type Db = ReturnType<typeof createDb>;

/**
 * A drizzle database over libSQL's HTTP (Hrana) client. Creating one does no I/O, so
 * every request (and every cron run) makes its own: nothing is shared between requests
 * or isolates, and workerd never sees I/O objects crossing request boundaries.
 */
export function createDb(env: Pick<Env, 'LIBSQL_URL' | 'LIBSQL_AUTH_TOKEN'>) {
  const client = createClient({
    url: env.LIBSQL_URL,
    ...(env.LIBSQL_AUTH_TOKEN ? { authToken: env.LIBSQL_AUTH_TOKEN } : {}),
  });
  return drizzle(client, { schema });
}

/** Puts a per-request database in `c.var.db`. */
export const dbMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  c.set('db', createDb(c.env));
  await next();
});
