// One SQLite connection (a `libsql` Database) and the synchronous work done on it: preparing,
// binding, stepping and turning the outcome into Hrana results.
import Database from 'libsql';
import { HranaError } from './errors';
import type { Col, DescribeResult, StmtResult } from './protocol';
import type { ScannedStatement } from './sql-scan';
import type { BindValue, ValueEncoder } from './values';

type Db = Database.Database;
export type Statement = Database.Statement;

export type Synchronous = 'full' | 'normal';

export interface ConnectionOptions {
  file: string;
  synchronous: Synchronous;
}

// Statements that change per-connection state (pragmas, attached or temporary databases). A
// connection that ran one is closed rather than handed to the next stream.
function changesConnectionState(keywords: string[]): boolean {
  const [first, second] = keywords;
  if (first === 'PRAGMA' || first === 'ATTACH' || first === 'DETACH') return true;
  return first === 'CREATE' && (second === 'TEMP' || second === 'TEMPORARY');
}

// Statements that can never change a row, so their change counters need not be read.
const PURE_READS = new Set(['SELECT', 'VALUES']);

export class SqlConnection {
  private readonly db: Db;
  private counters: Statement | undefined;
  /** Set once the connection's session state may differ from a fresh connection's. */
  tainted = false;
  /**
   * Set when a statement was abandoned after SQLITE_BUSY. libsql leaves such a statement in
   * progress until it is garbage collected, and while it is, the connection keeps reading an old
   * snapshot; the connection must be replaced as soon as it is back in autocommit.
   */
  stuck = false;

  constructor(opts: ConnectionOptions) {
    // No busy timeout inside SQLite: its busy handler sleeps on Node's only thread. Streams of
    // this server wait for each other in write-lock.ts instead, and a lock held by another
    // process is waited for asynchronously by the executor.
    this.db = new Database(opts.file);
    try {
      this.db.exec('PRAGMA busy_timeout = 0');
      // synchronous is a per-connection setting, so every connection sets it (see index.ts).
      this.db.exec(`PRAGMA synchronous = ${opts.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
      // libsql builds default to enforcing foreign keys; state it so every connection agrees.
      this.db.exec('PRAGMA foreign_keys = ON');
    } catch (e) {
      this.db.close();
      throw e;
    }
  }

  get autocommit(): boolean {
    return !this.db.inTransaction;
  }

  /** Compiles a statement; SQL errors (syntax, unknown table, ...) are thrown from here. */
  prepare(scan: ScannedStatement): Statement {
    return this.db.prepare(scan.text);
  }

  /**
   * Runs a prepared statement to completion. Running the same statement again after SQLITE_BUSY
   * resets it first, which is how a busy statement is retried without being left in progress.
   */
  run(
    stmt: Statement,
    scan: ScannedStatement,
    args: BindValue[],
    wantRows: boolean,
    enc: ValueEncoder,
  ): StmtResult {
    if (changesConnectionState(scan.keywords)) this.tainted = true;
    const started = performance.now();
    if (!stmt.reader) {
      const info = stmt.run(args);
      // libsql reports the rowid as a JS number; read it exactly when it may have been rounded.
      const rowid = Number.isSafeInteger(info.lastInsertRowid)
        ? String(info.lastInsertRowid)
        : this.readCounters().lastRowid;
      return {
        cols: [],
        rows: [],
        affected_row_count: info.changes,
        last_insert_rowid: rowid,
        query_duration_ms: performance.now() - started,
      };
    }

    stmt.raw(true);
    stmt.safeIntegers(true);
    const cols: Col[] = stmt.columns().map((c) => ({ name: c.name, decltype: c.type }));
    // INSERT ... RETURNING, PRAGMA and friends return rows and may also write; compare the
    // connection's total change count around the statement, as `run()` does internally.
    const mayWrite = !PURE_READS.has(scan.keywords[0] ?? '');
    const before = mayWrite ? this.readCounters() : undefined;
    const rows: StmtResult['rows'] = [];
    for (const row of stmt.iterate(args) as Iterable<unknown[]>) {
      if (wantRows) rows.push(row.map((v) => enc.encode(v)));
    }
    let affected = 0;
    let rowid: string | null = null;
    if (before !== undefined) {
      const after = this.readCounters();
      if (after.total !== before.total) affected = after.changes;
      rowid = after.lastRowid;
    }
    return {
      cols,
      rows,
      affected_row_count: affected,
      last_insert_rowid: rowid,
      query_duration_ms: performance.now() - started,
    };
  }

  describe(scan: ScannedStatement): DescribeResult {
    const stmt = this.db.prepare(scan.text);
    const cols = stmt.reader ? stmt.columns().map((c) => ({ name: c.name, decltype: c.type })) : [];
    const isExplain = scan.keywords[0] === 'EXPLAIN';
    return {
      params: scan.params.map((name) => ({ name })),
      cols,
      is_explain: isExplain,
      is_readonly: isExplain || this.isReadonly(scan.text),
    };
  }

  // sqlite3_stmt_readonly() is not exposed by libsql 0.5; it is derived from the same opcodes
  // SQLite itself inspects: a write transaction, a checkpoint, VACUUM or a journal mode change.
  private isReadonly(sql: string): boolean {
    const program = this.db.prepare(`EXPLAIN ${sql}`);
    program.raw(true);
    program.safeIntegers(false);
    for (const op of program.iterate([]) as Iterable<unknown[]>) {
      const opcode = op[1];
      if (opcode === 'Transaction' && op[3] !== 0) return false;
      if (opcode === 'Checkpoint' || opcode === 'Vacuum' || opcode === 'JournalMode') return false;
    }
    return true;
  }

  private readCounters(): { changes: number; total: number; lastRowid: string } {
    if (this.counters === undefined) {
      this.counters = this.db.prepare('SELECT changes(), total_changes(), last_insert_rowid()');
      this.counters.raw(true);
      this.counters.safeIntegers(true);
    }
    const row = this.counters.get([]) as [bigint, bigint, bigint] | undefined;
    if (row === undefined) throw new HranaError('could not read change counters', 'INTERNAL');
    return { changes: Number(row[0]), total: Number(row[1]), lastRowid: String(row[2]) };
  }

  /** Rolls back whatever transaction is open; returns false if the connection is unusable. */
  rollback(): boolean {
    if (this.autocommit) return true;
    try {
      this.db.exec('ROLLBACK');
      return this.autocommit;
    } catch {
      return false;
    }
  }

  close(): void {
    // libsql closes the SQLite handle only once its statements are garbage collected, so the
    // transaction is ended explicitly here instead of relying on close to release its locks.
    this.rollback();
    try {
      this.db.close();
    } catch {
      // Already closed; nothing left to release.
    }
  }
}
