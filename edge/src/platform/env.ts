import type { Db } from './db';
import type { Logger } from './logger';

/**
 * Bindings of the one Worker (wrangler.toml `[vars]`, secrets via `wrangler secret put`).
 * Later issues add Durable Object namespaces, R2, queues and rate limiters here.
 */
export interface Env {
  /** libSQL endpoint spoken over Hrana/HTTP: the local db/ server in development, Turso/sqld in production. */
  LIBSQL_URL: string;
  /** Bearer token for LIBSQL_URL; a secret (`wrangler secret put LIBSQL_AUTH_TOKEN`). Unset locally. */
  LIBSQL_AUTH_TOKEN?: string;
  /** Comma-separated browser origins allowed by CORS (mini app, local dev). Empty: no cross-origin access. */
  ALLOWED_ORIGINS?: string;
  /** development | test | staging | production. Informational (reported by logs); no behaviour hangs on it yet. */
  ENVIRONMENT?: string;
  /** debug | info | warn | error; default info. */
  LOG_LEVEL?: string;
  /** Where the API docs page loads swagger-ui-dist from; default the jsDelivr CDN. Point it at a mirror offline. */
  DOCS_ASSETS_BASE_URL?: string;
}

/** Per-request values every handler can read through `c.var`. */
export interface Variables {
  db: Db;
  log: Logger;
  /** Extra fields for this request's single log line (identifiers and timings only). */
  logFields: Record<string, unknown>;
  requestId: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: Variables;
}

/** Parses ALLOWED_ORIGINS ("a, b,c/") into exact origins without trailing slashes. */
export function parseAllowedOrigins(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin.length > 0);
}
