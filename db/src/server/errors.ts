// Errors that travel back to the client as Hrana `Error` structures ({ message, code }).
import type { ProtoError } from './protocol';

export class HranaError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'HranaError';
  }

  toProto(): ProtoError {
    return { message: this.message, code: this.code };
  }
}

/** SQLite's extended result codes (rawCode) that are worth knowing by number. */
export const SQLITE_BUSY = 5;
export const SQLITE_BUSY_SNAPSHOT = 517;

interface SqliteLikeError {
  message: string;
  code?: unknown;
  rawCode?: unknown;
}

// libsql tags every error it throws with a string `code`: the SQLite code name for SQLite
// failures, '' for its own (for example reading a value it cannot convert).
function isLibsqlError(e: unknown): e is SqliteLikeError & { code: string } {
  return e instanceof Error && typeof (e as SqliteLikeError).code === 'string';
}

export function rawCode(e: unknown): number | undefined {
  const raw = (e as SqliteLikeError | null)?.rawCode;
  return typeof raw === 'number' ? raw : undefined;
}

export function isBusy(e: unknown): boolean {
  const raw = rawCode(e);
  return raw !== undefined && (raw & 0xff) === SQLITE_BUSY;
}

/**
 * A busy database is worth waiting for, except when the transaction's snapshot is already stale
 * (SQLITE_BUSY_SNAPSHOT): retrying cannot succeed, exactly as with SQLite's own busy handler.
 */
export function isRetryableBusy(e: unknown): boolean {
  const raw = rawCode(e);
  return raw !== undefined && (raw & 0xff) === SQLITE_BUSY && raw !== SQLITE_BUSY_SNAPSHOT;
}

/**
 * Maps an error thrown while running SQL to a Hrana error. SQLite errors keep their extended code
 * (SQLITE_CONSTRAINT_UNIQUE, ...); sqld sends the primary code (SQLITE_CONSTRAINT), so callers
 * that must work against both should match on the prefix. Anything else is not an SQL error and
 * is rethrown, so the HTTP layer reports it as an internal error.
 */
export function toHranaError(e: unknown): HranaError {
  if (e instanceof HranaError) return e;
  if (isLibsqlError(e))
    return new HranaError(`SQLite error: ${e.message}`, e.code || 'SQLITE_UNKNOWN');
  throw e;
}
