import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import { scanStatement, splitStatements } from '../src/server/sql-scan';

const params = (sql: string) => scanStatement(sql).first?.params;

describe('sql scanner: parameters', () => {
  it('numbers parameters the way SQLite does', () => {
    expect(params('select ?, ?')).toEqual([null, null]);
    expect(params('select ?2, ?')).toEqual([null, '?2', null]);
    expect(params('select :a, @b, $c, :a')).toEqual([':a', '@b', '$c']);
    expect(params('select :a, ?1, ?')).toEqual([':a', null]);
    expect(params('select ?3')).toEqual([null, null, '?3']);
    expect(params('select $a::b(x y), :a')).toEqual(['$a::b(x', ':a']);
  });

  it('ignores look-alikes in strings, identifiers and comments', () => {
    const sql = `select ':a', "?", [@b], \`$c\`, a$b -- :d ?
      /* ?2 :e */ from t where x = :real and y = 'it''s ?'`;
    expect(params(sql)).toEqual([':real']);
  });

  it('agrees with SQLite on names and count', () => {
    const db = new Database(':memory:');
    const statements = [
      'select :a, @b, $c',
      'select :a, :a, @a, $a',
      'select ?1, ?2, :x',
      'select :x, ?1, ?2',
      "select :a || 'x:y' || $b::c || @d",
      'select $a::b(xy), $z',
      'select :ẞtraße, :đường',
      "select /* :no */ :yes -- :no\n, 'q:no', @last",
    ];
    for (const sql of statements) {
      // libsql's object binding asks for every parameter by name (without its prefix), which
      // reveals SQLite's own numbering. It cannot be used with nameless slots (`?`, gaps left by
      // `?NNN`): libsql panics on those.
      const asked: string[] = [];
      const spy = new Proxy(
        {},
        {
          get: (_t, key) => {
            asked.push(String(key));
            return null;
          },
        },
      );
      db.prepare(sql).raw(true).all(spy);
      const ours = (params(sql) ?? []).map((name) => name?.slice(1) ?? null);
      expect(ours, sql).toEqual(asked);
    }
    db.close();
  });
});

describe('sql scanner: statements', () => {
  it('finds empty input and trailing statements', () => {
    expect(scanStatement('  -- nothing\n /* here */ ;;').first).toBeNull();
    expect(scanStatement('select 1; -- done').hasMore).toBe(false);
    expect(scanStatement('select 1;;  ').hasMore).toBe(false);
    expect(scanStatement('select 1; select 2').hasMore).toBe(true);
    expect(scanStatement("select ';'").hasMore).toBe(false);
    expect(scanStatement('select 1').first?.keywords).toEqual(['SELECT', '1']);
  });

  it('keeps a trigger body in one statement', () => {
    const trigger = `CREATE TRIGGER t_ai AFTER INSERT ON t WHEN (CASE WHEN new.a THEN 1 END) BEGIN
      INSERT INTO log VALUES (new.id, CASE WHEN new.a > 1 THEN 'big' ELSE 'small' END);
      UPDATE t SET n = n + 1 WHERE id = new.id;
    END`;
    const scan = scanStatement(`${trigger};`);
    expect(scan.hasMore).toBe(false);
    expect(scan.first?.text).toBe(trigger);
    const parts = splitStatements(
      `create table t(a); ${trigger}; create temp trigger x before delete on t begin select 1; end; select 2`,
    );
    expect(parts.map((p) => p.keywords[0])).toEqual(['CREATE', 'CREATE', 'CREATE', 'SELECT']);
    expect(parts[1]?.text).toBe(trigger);
  });

  it('produces statements SQLite accepts', () => {
    const db = new Database(':memory:');
    const script = `create table t(id integer primary key, a, n default 0);
      create table log(id, what);
      create trigger t_ai after insert on t begin
        insert into log values (new.id, case when new.a > 1 then 'big' else 'small' end);
      end;
      insert into t(a) values (1), (2);`;
    for (const stmt of splitStatements(script)) db.prepare(stmt.text).run([]);
    expect(db.prepare('select what from log order by id').raw(true).all([])).toEqual([
      ['small'],
      ['big'],
    ]);
    db.close();
  });
});
