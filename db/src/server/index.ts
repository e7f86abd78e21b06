// The project's local libSQL server: Hrana over HTTP (what @libsql/client speaks, including the
// /web build that Workers use) on top of one embedded libSQL file.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import Database from 'libsql';
import type { Synchronous } from './connection';
import { HranaError } from './errors';
import { Executor } from './executor';
import { createHttpHandler } from './http';
import { ConnectionPool, StreamRegistry } from './streams';
import { WriteLock } from './write-lock';

export interface LibsqlServerOptions {
  /** The database file; created if missing. Its directory must exist. */
  file: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** When set, every request except GET /health needs `Authorization: Bearer <token>`. */
  authToken?: string;
  /** An idle stream (one the client forgot to close) is rolled back after this long. Default 10 s. */
  streamTimeoutMs?: number;
  /** How long a statement waits for another writer's lock before SQLITE_BUSY. Default 5 s. */
  busyTimeoutMs?: number;
  /** Largest accepted request body. Default 64 MiB (a 5 MB blob is ~7 MB of base64). */
  maxBodyBytes?: number;
  /** Streams open at once (each holds a connection). Default 128. */
  maxStreams?: number;
  /**
   * Default 'full'. In WAL mode 'normal' already survives a crash of this process (committed
   * pages are in the OS cache), but a power cut can lose the last commits; 'full' syncs the WAL
   * on every commit, so an acknowledged write survives both.
   */
  synchronous?: Synchronous;
  /** Unexpected internal errors (never SQL errors, never request contents). Default console.error. */
  onError?: (e: unknown) => void;
}

export interface LibsqlServer {
  /** For example http://127.0.0.1:8080 */
  url: string;
  port: number;
  /** Stops listening, rolls back open streams, checkpoints and closes the database. */
  close(): Promise<void>;
}

// Connections to other hosts' clients stay open long enough that a client never reuses a socket
// the server is just closing (Node's default of 5 s is shorter than some clients expect).
const KEEP_ALIVE_MS = 65_000;
const SHUTDOWN_GRACE_MS = 5_000;

function openAdmin(file: string): Database.Database {
  // Startup and shutdown may wait on locks held by other processes; nothing else runs then, so
  // SQLite's own (blocking) busy timeout is fine for this one connection.
  const db = new Database(file, { timeout: 5_000 });
  try {
    const row = db.prepare('PRAGMA journal_mode = WAL').raw(true).get([]) as unknown[] | undefined;
    const mode = String(row?.[0] ?? '').toLowerCase();
    if (mode !== 'wal') throw new Error(`could not switch ${file} to WAL mode (got "${mode}")`);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startLibsqlServer(opts: LibsqlServerOptions): Promise<LibsqlServer> {
  const file = resolve(opts.file);
  const host = opts.host ?? '127.0.0.1';
  const synchronous = opts.synchronous ?? 'full';
  const onError = opts.onError ?? ((e: unknown) => console.error('libsql server:', e));
  let closing = false;

  const admin = openAdmin(file);
  const lock = new WriteLock();
  const pool = new ConnectionPool({ file, synchronous }, 8);
  const executor = new Executor({
    busyTimeoutMs: opts.busyTimeoutMs ?? 5_000,
    isClosing: () => closing,
    lock,
    pool,
  });
  const registry = new StreamRegistry({
    pool,
    streamTimeoutMs: opts.streamTimeoutMs ?? 10_000,
    maxStreams: opts.maxStreams ?? 128,
    onRelease: (conn) => lock.release(conn),
  });
  const handler = createHttpHandler({
    // An empty token (an unset variable in a .env file) means no auth rather than "Bearer ".
    authToken: opts.authToken || undefined,
    maxBodyBytes: opts.maxBodyBytes ?? 64 * 1024 * 1024,
    registry,
    executor,
    isClosing: () => closing,
    onInternalError: onError,
  });

  const server = createServer(handler);
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(opts.port ?? 8080, host, () => {
        server.off('error', fail);
        ok();
      });
    });
  } catch (e) {
    admin.close();
    throw e;
  }
  server.on('error', onError);
  const port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      closing = true;
      lock.abort(new HranaError('The server is shutting down', 'SHUTTING_DOWN'));
      const stopped = new Promise<void>((ok) => server.close(() => ok()));
      server.closeIdleConnections();
      const deadline = Date.now() + SHUTDOWN_GRACE_MS;
      while (handler.inFlight > 0 && Date.now() < deadline) {
        await new Promise((ok) => setTimeout(ok, 10));
      }
      server.closeAllConnections();
      await stopped;
      registry.closeAll();
      pool.close();
      try {
        // Fold the WAL back into the database file so a stopped server leaves one tidy file.
        // Best effort only: libsql closes a connection's SQLite handle when its statements are
        // garbage collected, and a just-closed handle can make this wait; committed data is safe
        // in the WAL either way.
        admin.exec('PRAGMA busy_timeout = 50');
        admin.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      } catch (e) {
        onError(e);
      }
      admin.close();
    })();
    return closed;
  };

  return { url: `http://${urlHost(host)}:${port}`, port, close };
}
