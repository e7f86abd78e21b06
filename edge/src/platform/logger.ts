import { DrizzleQueryError } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

type Fields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  /** A logger whose lines all carry `fields` (for example the request id or cron job). */
  child(fields: Fields): Logger;
}

function toLevel(value: string | undefined): LogLevel {
  const level = value?.trim().toLowerCase();
  return LOG_LEVELS.find((l) => l === level) ?? 'info';
}

/**
 * Structured logs: one JSON object per line, which Workers Logs / `wrangler tail` index
 * by field. Callers pass identifiers and measurements only: never request or response
 * bodies, headers, secrets, or anything that identifies a citizen.
 */
export function createLogger(levelName?: string, base: Fields = {}): Logger {
  const min = LOG_LEVELS.indexOf(toLevel(levelName));
  const write = (level: LogLevel, msg: string, fields?: Fields) => {
    if (LOG_LEVELS.indexOf(level) < min) return;
    const line = JSON.stringify({ ts: new Date().toISOString(), level, msg, ...base, ...fields });
    if (level === 'error') console.error(line);
    else if (level === 'warn') console.warn(line);
    else console.log(line);
  };
  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (fields) => createLogger(levelName, { ...base, ...fields }),
  };
}

/**
 * Name and (shortened) message of an error, for logs and cron_runs.detail. No stack. A
 * drizzle query error is described by its cause: its own message embeds the statement's
 * parameters, which may be personal data.
 */
export function describeError(err: unknown): { name: string; message: string } {
  if (err instanceof DrizzleQueryError) {
    const cause = err.cause instanceof Error ? describeError(err.cause) : undefined;
    return {
      name: 'DrizzleQueryError',
      message: cause ? `${cause.name}: ${cause.message}` : 'query failed',
    };
  }
  if (err instanceof Error) return { name: err.name, message: err.message.slice(0, 300) };
  return { name: 'NonError', message: String(err).slice(0, 300) };
}

/**
 * One log line per request: ts, level, requestId, method, path (no query string: it may
 * carry search text), status, durationMs, and the error name/message when one was thrown.
 * Must run after `requestId()`.
 */
export const requestLogger = createMiddleware<AppEnv>(async (c, next) => {
  const started = Date.now();
  const log = createLogger(c.env?.LOG_LEVEL, { requestId: c.var.requestId });
  const extra: Fields = {};
  c.set('log', log);
  c.set('logFields', extra);
  await next();
  const status = c.res.status;
  const fields: Fields = {
    method: c.req.method,
    path: c.req.path,
    status,
    durationMs: Date.now() - started,
    ...extra,
  };
  if (c.error) fields.error = describeError(c.error);
  if (status >= 500) log.error('request', fields);
  else log.info('request', fields);
});
