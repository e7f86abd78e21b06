// Streams, batons and connections. A stream owns one connection for as long as it is open, so
// an interactive transaction (BEGIN ... across several HTTP requests) is isolated from every
// other stream. Streams that close in a clean state hand their connection to the next stream.
import { randomBytes } from 'node:crypto';
import { type ConnectionOptions, SqlConnection } from './connection';

/** Idle connections, so a one-shot stream (execute + close) does not open the file each time. */
export class ConnectionPool {
  private readonly idle: SqlConnection[] = [];

  constructor(
    private readonly opts: ConnectionOptions,
    private readonly maxIdle: number,
  ) {}

  acquire(): SqlConnection {
    return this.idle.pop() ?? new SqlConnection(this.opts);
  }

  /** Takes a connection back if it is as good as new, otherwise closes it. */
  release(conn: SqlConnection): void {
    const clean = conn.rollback();
    if (clean && !conn.tainted && !conn.stuck && this.idle.length < this.maxIdle) {
      this.idle.push(conn);
    } else {
      conn.close();
    }
  }

  close(): void {
    for (const conn of this.idle.splice(0)) conn.close();
  }
}

export class Stream {
  /** SQL texts stored with store_sql; their scope is this stream. */
  readonly sqls = new Map<number, string>();
  /** Set by a `close` request; the stream is released once the pipeline has finished. */
  closed = false;
  timer: NodeJS.Timeout | undefined;

  constructor(public conn: SqlConnection) {}
}

export interface StreamRegistryOptions {
  pool: ConnectionPool;
  streamTimeoutMs: number;
  maxStreams: number;
  /** Called with a stream's connection once its transaction is rolled back (lock bookkeeping). */
  onRelease: (conn: SqlConnection) => void;
}

export class StreamRegistry {
  private readonly byBaton = new Map<string, Stream>();
  private readonly open = new Set<Stream>();

  constructor(private readonly opts: StreamRegistryOptions) {}

  /** Streams opened and not yet released (kept between requests or serving one right now). */
  get size(): number {
    return this.open.size;
  }

  get full(): boolean {
    return this.open.size >= this.opts.maxStreams;
  }

  create(): Stream {
    const stream = new Stream(this.opts.pool.acquire());
    this.open.add(stream);
    return stream;
  }

  /**
   * Finds the stream a baton refers to and retires the baton: every baton is good for one
   * request, and the stream stays out of reach (and its timer stopped) until it is parked again.
   */
  take(baton: string): Stream | undefined {
    const stream = this.byBaton.get(baton);
    if (stream === undefined) return undefined;
    this.byBaton.delete(baton);
    clearTimeout(stream.timer);
    stream.timer = undefined;
    return stream;
  }

  /** Keeps a stream for the client's next request and returns the baton that names it. */
  park(stream: Stream): string {
    const baton = randomBytes(24).toString('base64url');
    this.byBaton.set(baton, stream);
    // A client that disappears mid-transaction would otherwise hold the write lock forever.
    stream.timer = setTimeout(() => {
      if (this.byBaton.get(baton) !== stream) return;
      this.byBaton.delete(baton);
      this.release(stream, false);
    }, this.opts.streamTimeoutMs);
    stream.timer.unref();
    return baton;
  }

  /**
   * Ends a stream and rolls back its transaction. With `reuse`, a connection in a clean state
   * goes back to the pool; otherwise (a forgotten or failed stream) it is closed.
   */
  release(stream: Stream, reuse: boolean): void {
    if (!this.open.delete(stream)) return;
    clearTimeout(stream.timer);
    stream.timer = undefined;
    stream.sqls.clear();
    const conn = stream.conn;
    conn.rollback();
    this.opts.onRelease(conn);
    if (reuse) this.opts.pool.release(conn);
    else conn.close();
  }

  closeAll(): void {
    for (const stream of [...this.open]) this.release(stream, false);
    this.byBaton.clear();
  }
}
