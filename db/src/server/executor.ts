// Runs Hrana stream requests (execute, batch, sequence, ...) on a stream's connection.
import type { SqlConnection } from './connection';
import { HranaError, isBusy, isRetryableBusy, toHranaError } from './errors';
import type {
  Batch,
  BatchCond,
  BatchResult,
  CursorEntry,
  ProtoError,
  Stmt,
  StmtResult,
  StreamRequest,
  StreamResponse,
  StreamResult,
} from './protocol';
import { type ScannedStatement, scanStatement, splitStatements } from './sql-scan';
import type { ConnectionPool, Stream } from './streams';
import type { BindValue, ValueEncoder } from './values';
import type { WriteLock } from './write-lock';

/** How many SQL texts one stream may keep with store_sql. */
const MAX_STORED_SQL = 1000;

export interface ExecutorOptions {
  /** How long a statement waits for a busy database before failing with SQLITE_BUSY. */
  busyTimeoutMs: number;
  /** True once the server is shutting down: waiting statements give up. */
  isClosing: () => boolean;
  lock: WriteLock;
  pool: ConnectionPool;
}

// Statements that never take SQLite's write lock. BEGIN takes it only when IMMEDIATE or
// EXCLUSIVE; a deferred transaction takes it at its first write, like SQLite itself.
const NO_WRITE_LOCK = new Set([
  'SELECT',
  'VALUES',
  'EXPLAIN',
  'COMMIT',
  'END',
  'ROLLBACK',
  'RELEASE',
  'SAVEPOINT',
]);

function needsWriteLock(scan: ScannedStatement): boolean {
  const [first = '', second = ''] = scan.keywords;
  if (NO_WRITE_LOCK.has(first)) return false;
  if (first === 'BEGIN') return second === 'IMMEDIATE' || second === 'EXCLUSIVE';
  if (first === 'WITH') return scan.dml;
  return true;
}

function errorResult(e: HranaError): StreamResult {
  return { type: 'error', error: e.toProto() };
}

export class Executor {
  constructor(private readonly opts: ExecutorOptions) {}

  async runPipeline(
    stream: Stream,
    requests: StreamRequest[],
    enc: ValueEncoder,
  ): Promise<StreamResult[]> {
    const results: StreamResult[] = [];
    for (const req of requests) {
      if (stream.closed) {
        results.push(errorResult(new HranaError('The stream has been closed', 'STREAM_CLOSED')));
        continue;
      }
      try {
        results.push({ type: 'ok', response: await this.runRequest(stream, req, enc) });
      } catch (e) {
        results.push(errorResult(toHranaError(e)));
      }
    }
    return results;
  }

  private async runRequest(
    stream: Stream,
    req: StreamRequest,
    enc: ValueEncoder,
  ): Promise<StreamResponse> {
    switch (req.type) {
      case 'close':
        stream.closed = true;
        return { type: 'close' };
      case 'execute':
        return { type: 'execute', result: await this.execute(stream, req.stmt, enc) };
      case 'batch':
        return { type: 'batch', result: await this.batch(stream, req.batch, enc) };
      case 'sequence':
        await this.sequence(stream, resolveSql(stream, req.sql, req.sql_id), enc);
        return { type: 'sequence' };
      case 'describe': {
        const scan = singleStatement(resolveSql(stream, req.sql, req.sql_id));
        const result = await this.retryBusy(() => stream.conn.describe(scan));
        return { type: 'describe', result };
      }
      case 'store_sql':
        if (stream.sqls.has(req.sql_id)) {
          throw new HranaError(`SQL text ${req.sql_id} is already stored`, 'SQL_STORE_EXISTS');
        }
        if (stream.sqls.size >= MAX_STORED_SQL) {
          throw new HranaError('Too many stored SQL texts on this stream', 'SQL_STORE_FULL');
        }
        stream.sqls.set(req.sql_id, req.sql);
        return { type: 'store_sql' };
      case 'close_sql':
        stream.sqls.delete(req.sql_id);
        return { type: 'close_sql' };
      case 'get_autocommit':
        return { type: 'get_autocommit', is_autocommit: stream.conn.autocommit };
    }
  }

  async execute(stream: Stream, stmt: Stmt, enc: ValueEncoder): Promise<StmtResult> {
    const scan = singleStatement(resolveSql(stream, stmt.sql, stmt.sql_id));
    const args = bindArgs(scan, stmt);
    return this.runStatement(stream, scan, args, stmt.want_rows ?? true, enc);
  }

  private async runStatement(
    stream: Stream,
    scan: ScannedStatement,
    args: BindValue[],
    wantRows: boolean,
    enc: ValueEncoder,
  ): Promise<StmtResult> {
    const conn = stream.conn;
    const prepared = await this.retryBusy(() => conn.prepare(scan));
    if (needsWriteLock(scan)) await this.opts.lock.acquire(conn, this.opts.busyTimeoutMs);
    try {
      return await this.retryBusy(
        () => conn.run(prepared, scan, args, wantRows, enc),
        () => {
          conn.stuck = true;
        },
      );
    } finally {
      if (conn.autocommit) this.afterTransaction(stream, conn);
    }
  }

  /** Once a connection is back in autocommit it no longer needs the write lock. */
  private afterTransaction(stream: Stream, conn: SqlConnection): void {
    this.opts.lock.release(conn);
    if (conn.stuck && stream.conn === conn) {
      // Nothing of the stream's transaction is left to keep, so a fresh connection is safe.
      conn.close();
      stream.conn = this.opts.pool.acquire();
    }
  }

  async batch(
    stream: Stream,
    batch: Batch,
    enc: ValueEncoder,
    onStep?: (step: number, result: StmtResult | null, error: ProtoError | null) => void,
  ): Promise<BatchResult> {
    const n = batch.steps.length;
    const stepResults: (StmtResult | null)[] = new Array(n).fill(null);
    const stepErrors: (ProtoError | null)[] = new Array(n).fill(null);
    const evaluate = (cond: BatchCond): boolean => {
      switch (cond.type) {
        // A step that has not run yet (including this one and later ones) is neither ok nor error.
        case 'ok':
          return cond.step < n && stepResults[cond.step] !== null;
        case 'error':
          return cond.step < n && stepErrors[cond.step] !== null;
        case 'not':
          return !evaluate(cond.cond);
        case 'and':
          return cond.conds.every(evaluate);
        case 'or':
          return cond.conds.some(evaluate);
        case 'is_autocommit':
          return stream.conn.autocommit;
      }
    };
    for (let i = 0; i < n; i++) {
      const step = batch.steps[i];
      if (step === undefined) continue;
      if (step.condition != null && !evaluate(step.condition)) continue;
      try {
        stepResults[i] = await this.execute(stream, step.stmt, enc);
      } catch (e) {
        stepErrors[i] = toHranaError(e).toProto();
      }
      onStep?.(i, stepResults[i] ?? null, stepErrors[i] ?? null);
    }
    return { step_results: stepResults, step_errors: stepErrors };
  }

  /** Runs a batch and re-expresses its outcome as cursor entries, in execution order. */
  async cursor(stream: Stream, batch: Batch, enc: ValueEncoder): Promise<CursorEntry[]> {
    const entries: CursorEntry[] = [];
    await this.batch(stream, batch, enc, (step, result, error) => {
      if (error !== null) {
        entries.push({ type: 'step_error', step, error });
        return;
      }
      if (result === null) return;
      entries.push({ type: 'step_begin', step, cols: result.cols });
      for (const row of result.rows) entries.push({ type: 'row', row });
      entries.push({
        type: 'step_end',
        affected_row_count: result.affected_row_count,
        last_insert_rowid: result.last_insert_rowid,
      });
    });
    return entries;
  }

  private async sequence(stream: Stream, sql: string, enc: ValueEncoder): Promise<void> {
    // Statement by statement, so a busy statement can be retried without repeating the ones
    // before it. Rows are discarded, as the spec asks.
    for (const scan of splitStatements(sql)) {
      await this.runStatement(stream, scan, [], false, enc);
    }
  }

  /**
   * Retries `run` while SQLite reports the database busy. Between streams of this server the
   * write lock prevents that; it happens when another process holds the lock. `run` must retry
   * the same statement (see SqlConnection.run); `giveUp` runs when a busy error is final.
   */
  private async retryBusy<T>(run: () => T, giveUp?: () => void): Promise<T> {
    const deadline = performance.now() + this.opts.busyTimeoutMs;
    let pause = 1;
    for (;;) {
      try {
        return run();
      } catch (e) {
        const left = deadline - performance.now();
        if (isRetryableBusy(e) && left > 0 && !this.opts.isClosing()) {
          await new Promise((wake) => setTimeout(wake, Math.min(pause, left)));
          pause = Math.min(pause * 2, 50);
          continue;
        }
        if (isBusy(e)) giveUp?.();
        throw e;
      }
    }
  }
}

function resolveSql(
  stream: Stream,
  sql: string | null | undefined,
  sqlId: number | null | undefined,
): string {
  if (sql != null && sqlId != null) {
    throw new HranaError('Only one of sql and sql_id may be given', 'SQL_ID_AND_SQL_GIVEN');
  }
  if (sql != null) return sql;
  if (sqlId != null) {
    const stored = stream.sqls.get(sqlId);
    if (stored === undefined) {
      throw new HranaError(`SQL text ${sqlId} is not stored on this stream`, 'SQL_NOT_FOUND');
    }
    return stored;
  }
  throw new HranaError('Either sql or sql_id must be given', 'SQL_ID_OR_SQL_NOT_GIVEN');
}

function singleStatement(sql: string): ScannedStatement {
  const { first, hasMore } = scanStatement(sql);
  if (first === null) {
    throw new HranaError('SQL string does not contain any statement', 'SQL_NO_STATEMENT');
  }
  if (hasMore) {
    throw new HranaError('SQL string contains more than one statement', 'SQL_MANY_STATEMENTS');
  }
  return first;
}

function argsInvalid(detail: string): HranaError {
  return new HranaError(`Arguments do not match SQL parameters: ${detail}`, 'ARGS_INVALID');
}

/**
 * Lays the arguments out by parameter index, with the same rules as sqld: `?` and `?NNN` take
 * positional arguments, `:name`/`@name`/`$name` take named arguments given with or without their
 * prefix, every parameter needs a value (except under EXPLAIN) and no argument may be left over.
 */
function bindArgs(scan: ScannedStatement, stmt: Stmt): BindValue[] {
  const positional = stmt.args ?? [];
  const namedArgs = stmt.named_args ?? [];
  if (positional.length > 0 && namedArgs.length > 0) {
    throw new HranaError(
      'Specifying both positional and named arguments is not supported',
      'ARGS_BOTH_POSITIONAL_AND_NAMED',
    );
  }
  const named = new Map<string, BindValue>();
  for (const arg of namedArgs) named.set(arg.name, arg.value);
  const given = Math.max(positional.length, named.size);
  if (given > scan.params.length) {
    throw argsInvalid(`too many parameters, expected ${scan.params.length} found ${given}`);
  }
  const out: BindValue[] = new Array(scan.params.length);
  const isExplain = scan.keywords[0] === 'EXPLAIN';
  for (let i = 0; i < scan.params.length; i++) {
    const name = scan.params[i] ?? null;
    let value: BindValue | undefined;
    if (name === null) value = positional[i];
    else if (name[0] === '?') value = positional[Number(name.slice(1)) - 1];
    else value = named.has(name) ? named.get(name) : named.get(name.slice(1));
    if (value === undefined) {
      if (!isExplain) throw argsInvalid(`value for parameter ${name ?? i + 1} not found`);
      value = null;
    }
    out[i] = value;
  }
  return out;
}
