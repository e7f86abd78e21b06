// A small SQL tokenizer that follows SQLite's own lexical rules (tokenize.c) just far enough to
// answer three questions the `libsql` package cannot answer for us:
//   - which parameter sits at which index, so arguments can always be bound by position
//     (libsql 0.5's named binding panics the whole process on a nameless `?`, and a bound
//     statement keeps stale values for parameters we forget, so we always bind every slot);
//   - where the first statement ends, so `execute` can reject a second statement instead of
//     silently ignoring it (prepare() only compiles the first one);
//   - how to split a `sequence` into statements we can run one by one, so a busy database can
//     be retried per statement without re-running the ones that already succeeded.

export interface ScannedStatement {
  /** The statement text, without the terminating semicolon. */
  text: string;
  /** Upper-cased leading keywords (up to four), e.g. ['CREATE', 'TEMP', 'TABLE']. */
  keywords: string[];
  /** Whether INSERT, UPDATE, DELETE or REPLACE appears anywhere (tells WITH ... apart). */
  dml: boolean;
  /**
   * SQLite's parameter name for each index (slot i holds parameter i + 1): the name with its
   * prefix (`:a`, `@a`, `$a`, `?3`), or null for nameless `?` parameters and unused slots.
   */
  params: (string | null)[];
}

export interface ScanResult {
  /** The first statement, or null when the text holds only whitespace, comments and `;`. */
  first: ScannedStatement | null;
  /** True when another statement follows the first one. */
  hasMore: boolean;
}

const Tok = { Space: 0, Semi: 1, Word: 2, Var: 3, Other: 4 } as const;

interface Token {
  kind: (typeof Tok)[keyof typeof Tok];
  start: number;
  end: number;
}

function isIdChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    code === 0x5f || // _
    code === 0x24 || // $
    code >= 0x80
  );
}

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function skipQuoted(sql: string, start: number, close: string): number {
  let i = start + 1;
  for (;;) {
    const at = sql.indexOf(close, i);
    if (at < 0) return sql.length;
    // A doubled closing quote is an escaped quote, except for [bracketed] identifiers.
    if (close !== ']' && sql[at + 1] === close) {
      i = at + 2;
      continue;
    }
    return at + 1;
  }
}

function nextToken(sql: string, i: number): Token {
  const code = sql.charCodeAt(i);
  const ch = sql[i];
  if (isSpace(code)) {
    let j = i + 1;
    while (j < sql.length && isSpace(sql.charCodeAt(j))) j++;
    return { kind: Tok.Space, start: i, end: j };
  }
  if (ch === '-' && sql[i + 1] === '-') {
    const nl = sql.indexOf('\n', i + 2);
    return { kind: Tok.Space, start: i, end: nl < 0 ? sql.length : nl + 1 };
  }
  if (ch === '/' && sql[i + 1] === '*') {
    const close = sql.indexOf('*/', i + 2);
    return { kind: Tok.Space, start: i, end: close < 0 ? sql.length : close + 2 };
  }
  if (ch === ';') return { kind: Tok.Semi, start: i, end: i + 1 };
  if (ch === "'" || ch === '"' || ch === '`') {
    return { kind: Tok.Other, start: i, end: skipQuoted(sql, i, ch) };
  }
  if (ch === '[') return { kind: Tok.Other, start: i, end: skipQuoted(sql, i, ']') };
  if (ch === '?') {
    let j = i + 1;
    while (j < sql.length && isDigit(sql.charCodeAt(j))) j++;
    return { kind: Tok.Var, start: i, end: j };
  }
  if (ch === '$' || ch === '@' || ch === ':' || ch === '#') {
    // Same loop as SQLite: identifier characters, TCL-style `::` and a `(...)` suffix.
    let n = 0;
    let j = i + 1;
    while (j < sql.length) {
      const c = sql.charCodeAt(j);
      if (isIdChar(c)) {
        n++;
        j++;
      } else if (sql[j] === '(' && n > 0) {
        j++;
        while (j < sql.length && !isSpace(sql.charCodeAt(j)) && sql[j] !== ')') j++;
        if (sql[j] === ')') j++;
        break;
      } else if (sql[j] === ':' && sql[j + 1] === ':') {
        j += 2;
      } else {
        break;
      }
    }
    // A lone prefix is an illegal token for SQLite; prepare() will report it.
    return { kind: n > 0 ? Tok.Var : Tok.Other, start: i, end: n > 0 ? j : i + 1 };
  }
  if (isIdChar(code) || (ch === '.' && isDigit(sql.charCodeAt(i + 1)))) {
    // Identifiers, keywords and numbers. `$` inside a word belongs to the word (`a$b`).
    let j = i + 1;
    while (j < sql.length) {
      const c = sql.charCodeAt(j);
      if (isIdChar(c) || (sql[j] === '.' && isDigit(code))) j++;
      else break;
    }
    return { kind: Tok.Word, start: i, end: j };
  }
  return { kind: Tok.Other, start: i, end: i + 1 };
}

const DML = new Set(['INSERT', 'UPDATE', 'DELETE', 'REPLACE']);

interface StatementScan {
  stmt: ScannedStatement | null;
  /** Offset just past the statement's terminating `;` (or the end of the text). */
  next: number;
}

function scanOne(sql: string, from: number): StatementScan {
  const keywords: string[] = [];
  const params: (string | null)[] = [];
  const named = new Map<string, number>();
  let start = -1;
  let end = from;
  let i = from;
  let words = 0;
  let inTrigger = false;
  let triggerBody = false;
  let caseDepth = 0;
  let triggerDone = false;
  let dml = false;

  while (i < sql.length) {
    const tok = nextToken(sql, i);
    i = tok.end;
    if (tok.kind === Tok.Space) continue;
    if (tok.kind === Tok.Semi) {
      if (start < 0) continue; // empty statements between semicolons
      // Inside CREATE TRIGGER ... BEGIN ... END the body's statements end with `;` too.
      if (inTrigger && !triggerDone) continue;
      return { stmt: { text: sql.slice(start, end), keywords, dml, params }, next: i };
    }
    if (start < 0) start = tok.start;
    end = tok.end;

    if (tok.kind === Tok.Word) {
      const word = sql.slice(tok.start, tok.end).toUpperCase();
      if (words < 4) keywords.push(word);
      words++;
      if (!dml && DML.has(word)) dml = true;
      if (!inTrigger && words <= 4 && word === 'TRIGGER' && isCreateTriggerPrefix(keywords)) {
        inTrigger = true;
      } else if (inTrigger) {
        if (word === 'CASE') caseDepth++;
        else if (word === 'BEGIN' && !triggerBody) triggerBody = true;
        else if (word === 'END') {
          if (caseDepth > 0) caseDepth--;
          else if (triggerBody) triggerDone = true;
        }
      }
    } else if (tok.kind === Tok.Var) {
      assignParam(sql.slice(tok.start, tok.end), params, named);
    }
  }
  const stmt = start < 0 ? null : { text: sql.slice(start, end), keywords, dml, params };
  return { stmt, next: i };
}

function isCreateTriggerPrefix(keywords: string[]): boolean {
  // [EXPLAIN [QUERY PLAN]] CREATE [TEMP | TEMPORARY] TRIGGER; EXPLAIN QUERY PLAN pushes
  // TRIGGER past the four keywords we keep, and nobody explains a CREATE TRIGGER anyway.
  const rest = keywords[0] === 'EXPLAIN' ? keywords.slice(1) : keywords;
  if (rest[0] !== 'CREATE') return false;
  const second = rest[1];
  if (second === 'TRIGGER') return rest.length === 2;
  return (second === 'TEMP' || second === 'TEMPORARY') && rest[2] === 'TRIGGER';
}

// Mirrors sqlite3ExprAssignVarNumber: `?` takes the next index, `?NNN` takes NNN, and a named
// parameter reuses the index of its earlier appearance (the prefix is part of the name).
function assignParam(token: string, params: (string | null)[], named: Map<string, number>): void {
  if (token === '?') {
    params.push(null);
    return;
  }
  if (token[0] === '?') {
    const index = Number(token.slice(1));
    // Out-of-range numbers are a prepare() error; keep the scan total anyway.
    if (!Number.isSafeInteger(index) || index < 1 || index > 32766) return;
    while (params.length < index) params.push(null);
    if (params[index - 1] === null) {
      params[index - 1] = `?${index}`;
      named.set(`?${index}`, index);
    }
    return;
  }
  if (named.has(token)) return;
  params.push(token);
  named.set(token, params.length);
}

/** Scans the first statement of `sql` and reports whether more statements follow. */
export function scanStatement(sql: string): ScanResult {
  const first = scanOne(sql, 0);
  if (first.stmt === null) return { first: null, hasMore: false };
  const second = scanOne(sql, first.next);
  return { first: first.stmt, hasMore: second.stmt !== null };
}

/** Splits a script into its statements (empty statements are dropped). */
export function splitStatements(sql: string): ScannedStatement[] {
  const out: ScannedStatement[] = [];
  let at = 0;
  while (at < sql.length) {
    const { stmt, next } = scanOne(sql, at);
    if (stmt !== null) out.push(stmt);
    if (next <= at) break;
    at = next;
  }
  return out;
}
