// SQLite allows one writer at a time. Between the streams of this server that rule is enforced
// here, asynchronously, instead of by SQLite's busy handler:
//   - SQLite's busy handler sleeps on Node's only thread, so a stream waiting for the lock would
//     also stop the request that is about to release it (a deadlock until the timeout);
//   - a statement that fails with SQLITE_BUSY stays "in progress" inside libsql until it is
//     garbage collected, which makes a later COMMIT on its connection fail and pins a stale
//     snapshot. Waiting before a statement starts never leaves such a statement behind.
// A connection takes the lock before a statement that may write and keeps it until it is back
// in autocommit, so an interactive write transaction holds it across HTTP requests, exactly as
// it holds SQLite's own write lock. Waiters are served first come, first served.
import type { SqlConnection } from './connection';
import { HranaError } from './errors';

interface Waiter {
  conn: SqlConnection;
  grant: () => void;
  fail: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class WriteLock {
  private owner: SqlConnection | null = null;
  private readonly waiters: Waiter[] = [];

  /** Resolves once `conn` holds the lock; fails with SQLITE_BUSY after `timeoutMs`. */
  acquire(conn: SqlConnection, timeoutMs: number): Promise<void> {
    if (this.owner === null || this.owner === conn) {
      this.owner = conn;
      return Promise.resolve();
    }
    return new Promise((grant, fail) => {
      const waiter: Waiter = {
        conn,
        grant,
        fail,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          fail(new HranaError('SQLite error: database is locked', 'SQLITE_BUSY'));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Gives the lock up if `conn` holds it, handing it to the longest waiting connection. */
  release(conn: SqlConnection): void {
    if (this.owner !== conn) return;
    this.owner = null;
    const next = this.waiters.shift();
    if (next === undefined) return;
    clearTimeout(next.timer);
    this.owner = next.conn;
    next.grant();
  }

  /** Fails every waiter (used when the server shuts down). */
  abort(e: Error): void {
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.fail(e);
    }
  }
}
