// The local libSQL server as @libsql/client (the /web build Workers use) sees it.
import { LibsqlBatchError, LibsqlError } from '@libsql/client/web';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './server-helpers';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

const VIETNAMESE = 'Đường bị ngập sâu ở phường Vị Thanh';

async function expectLibsqlError(p: Promise<unknown>, code: string, message?: RegExp) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LibsqlError);
  expect((err as LibsqlError).code).toBe(code);
  if (message) expect((err as LibsqlError).message).toMatch(message);
}

describe('execute', () => {
  it('binds positional and named arguments', async () => {
    const db = t.client();
    await db.execute('create table notes (id integer primary key, title text not null, n integer)');
    const ins = await db.execute({
      sql: 'insert into notes (title, n) values (?, ?)',
      args: ['a', 1],
    });
    expect(ins.rowsAffected).toBe(1);
    expect(ins.lastInsertRowid).toBe(1n);
    await db.execute({
      sql: 'insert into notes (title, n) values (:t, :n)',
      args: { t: 'b', n: 2 },
    });
    await db.execute({
      sql: 'insert into notes (title, n) values (@t, $n)',
      args: { '@t': 'c', n: 3 },
    });
    await db.execute({ sql: 'insert into notes (title, n) values (?2, ?1)', args: [4, 'd'] });

    const rs = await db.execute({
      sql: 'select id, title, n from notes where n >= :min and title != $skip order by id',
      args: { min: 2, $skip: 'c' },
    });
    expect(rs.columns).toEqual(['id', 'title', 'n']);
    expect(rs.columnTypes).toEqual(['INTEGER', 'TEXT', 'INTEGER']);
    expect(rs.rows.map((r) => [r.id, r.title, r.n])).toEqual([
      [2, 'b', 2],
      [4, 'd', 4],
    ]);
  });

  it('keeps 64-bit integers, floats, nulls and text exact', async () => {
    const db = t.client({ intMode: 'bigint' });
    await db.execute('create table v (id integer primary key, i integer, f real, x)');
    const big = 9007199254740993n; // 2^53 + 1, not representable as a JS number
    const values = [big, -(2n ** 63n), 2n ** 63n - 1n];
    for (const v of values) await db.execute({ sql: 'insert into v (i) values (?)', args: [v] });
    const ints = await db.execute('select i from v order by id');
    expect(ints.rows.map((r) => r.i)).toEqual(values);

    const rowid = await db.execute({
      sql: 'insert into v (id, f) values (?, ?)',
      args: [big, 2.5],
    });
    expect(rowid.lastInsertRowid).toBe(big);

    const rs = await db.execute({
      sql: 'select ? as f, typeof(?) as ft, ? as n, ? as s, 1e999 as inf',
      args: [3, 3, null, VIETNAMESE],
    });
    expect(rs.rows[0]).toMatchObject({ f: 3, ft: 'real', n: null, s: VIETNAMESE, inf: Infinity });
  });

  it('round-trips Vietnamese text through a table', async () => {
    const db = t.client();
    await db.execute('create table places (name text primary key)');
    await db.execute({ sql: 'insert into places values (?)', args: [VIETNAMESE] });
    const rs = await db.execute({
      sql: 'select name, length(name) as len from places where name = ?',
      args: [VIETNAMESE],
    });
    expect(rs.rows[0]?.name).toBe(VIETNAMESE);
    expect(rs.rows[0]?.len).toBe([...VIETNAMESE].length);
  });

  it('round-trips 5 MB blobs byte for byte', async () => {
    const db = t.client();
    await db.execute('create table files (id integer primary key, data blob)');
    const data = new Uint8Array(5 * 1024 * 1024);
    for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
    await db.execute({ sql: 'insert into files (data) values (?)', args: [data] });
    const rs = await db.execute('select data, length(data) as len from files');
    expect(rs.rows[0]?.len).toBe(data.length);
    const back = new Uint8Array(rs.rows[0]?.data as ArrayBuffer);
    expect(Buffer.compare(Buffer.from(back), Buffer.from(data))).toBe(0);
  });
});

describe('batch', () => {
  it('runs a write batch as one transaction in one round trip', async () => {
    const db = t.client();
    await db.execute('create table items (id integer primary key, name text unique)');
    const before = (await t.health()).pipelines;
    const results = await db.batch(
      [
        { sql: 'insert into items (name) values (?)', args: ['a'] },
        { sql: 'insert into items (name) values (?)', args: ['b'] },
        'select count(*) as n from items',
      ],
      'write',
    );
    expect((await t.health()).pipelines - before).toBe(1);
    expect(results.map((r) => r.rowsAffected)).toEqual([1, 1, 0]);
    expect(results[2]?.rows[0]?.n).toBe(2);
  });

  it('rolls the whole batch back when one statement fails', async () => {
    const db = t.client();
    await db.execute('create table items (id integer primary key, name text unique)');
    await db.execute({ sql: 'insert into items (name) values (?)', args: ['taken'] });
    const err = await db
      .batch(
        [
          { sql: 'insert into items (name) values (?)', args: ['new'] },
          { sql: 'insert into items (name) values (?)', args: ['taken'] },
          { sql: 'insert into items (name) values (?)', args: ['never'] },
        ],
        'write',
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibsqlBatchError);
    expect((err as LibsqlBatchError).code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect((err as LibsqlBatchError).statementIndex).toBe(1);
    const rs = await db.execute('select name from items order by id');
    expect(rs.rows.map((r) => r.name)).toEqual(['taken']);
  });
});

describe('transactions', () => {
  it('commits after several round trips and stays isolated until then', async () => {
    const db = t.client();
    await db.execute('create table acct (id integer primary key, balance integer not null)');
    await db.execute('insert into acct values (1, 100), (2, 0)');
    const before = (await t.health()).pipelines;

    const tx = await db.transaction('write');
    await tx.execute({ sql: 'update acct set balance = balance - ? where id = 1', args: [30] });
    await tx.execute({ sql: 'update acct set balance = balance + ? where id = 2', args: [30] });
    const inside = await tx.execute('select balance from acct order by id');
    expect(inside.rows.map((r) => r.balance)).toEqual([70, 30]);
    // Another stream still sees the last committed state.
    const outside = await t.client().execute('select balance from acct order by id');
    expect(outside.rows.map((r) => r.balance)).toEqual([100, 0]);
    await tx.commit();

    const after = await db.execute('select balance from acct order by id');
    expect(after.rows.map((r) => r.balance)).toEqual([70, 30]);
    // 3 statements + commit, plus the two reads made from outside the transaction.
    expect((await t.health()).pipelines - before).toBe(6);
    expect((await t.health()).streams).toBe(0);
  });

  it('rolls back', async () => {
    const db = t.client();
    await db.execute('create table acct (id integer primary key, balance integer not null)');
    await db.execute('insert into acct values (1, 100)');
    const tx = await db.transaction('write');
    await tx.execute('update acct set balance = 0 where id = 1');
    await tx.execute('insert into acct values (2, 5)');
    await tx.rollback();
    const rs = await db.execute('select id, balance from acct');
    expect(rs.rows.map((r) => [r.id, r.balance])).toEqual([[1, 100]]);
    expect((await t.health()).streams).toBe(0);
  });

  it('serializes two concurrent write transactions without losing an update', async () => {
    const db = t.client();
    await db.execute('create table counter (id integer primary key, n integer not null)');
    await db.execute('insert into counter values (1, 0)');
    const events: string[] = [];

    const increment = async (name: string, pauseMs: number) => {
      const tx = await t.client().transaction('write');
      try {
        const rs = await tx.execute('select n from counter where id = 1');
        events.push(`${name} read`);
        await new Promise((r) => setTimeout(r, pauseMs));
        await tx.execute({
          sql: 'update counter set n = ? where id = 1',
          args: [Number(rs.rows[0]?.n) + 1],
        });
        await tx.commit();
        events.push(`${name} committed`);
      } finally {
        tx.close();
      }
    };
    const first = increment('first', 300);
    await new Promise((r) => setTimeout(r, 50));
    const second = increment('second', 0);
    await Promise.all([first, second]);

    const rs = await db.execute('select n from counter where id = 1');
    expect(rs.rows[0]?.n).toBe(2);
    // The second transaction waited for the first instead of failing or reading stale data.
    expect(events).toEqual(['first read', 'first committed', 'second read', 'second committed']);
  });
});

describe('many writers at once', () => {
  it('lets transactions, batches and single writes queue for the lock without errors', async () => {
    const db = t.client();
    await db.execute('create table counter (id integer primary key, n integer not null)');
    await db.execute('insert into counter values (1, 0)');
    const viaTransaction = async () => {
      const tx = await t.client().transaction('write');
      const rs = await tx.execute('select n from counter where id = 1');
      await tx.execute({
        sql: 'update counter set n = ? where id = 1',
        args: [Number(rs.rows[0]?.n) + 1],
      });
      await tx.commit();
    };
    const viaBatch = () =>
      t
        .client()
        .batch(['update counter set n = n + 1 where id = 1', 'select n from counter'], 'write');
    const viaExecute = () => t.client().execute('update counter set n = n + 1 where id = 1');
    const jobs: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) jobs.push(viaTransaction(), viaBatch(), viaExecute());
    await Promise.all(jobs);
    const rs = await db.execute('select n from counter where id = 1');
    expect(rs.rows[0]?.n).toBe(60);
    expect((await t.health()).streams).toBe(0);
  });
});

describe('errors', () => {
  it('reports SQL errors with SQLite codes and keeps serving', async () => {
    const db = t.client();
    await db.execute('create table people (id integer primary key, email text unique not null)');
    await db.execute({ sql: 'insert into people (email) values (?)', args: ['a@x.vn'] });

    await expectLibsqlError(db.execute('selec * from people'), 'SQLITE_ERROR', /syntax error/);
    await expectLibsqlError(
      db.execute({ sql: 'insert into people (email) values (?)', args: ['a@x.vn'] }),
      'SQLITE_CONSTRAINT_UNIQUE',
      /UNIQUE constraint failed: people.email/,
    );
    await expectLibsqlError(
      db.execute({ sql: 'insert into people (email) values (?)', args: [null] }),
      'SQLITE_CONSTRAINT_NOTNULL',
      /NOT NULL constraint failed/,
    );
    await expectLibsqlError(db.execute('select * from nowhere'), 'SQLITE_ERROR', /no such table/);
    await expectLibsqlError(db.execute({ sql: 'select ?, ?', args: [1] }), 'ARGS_INVALID');
    await expectLibsqlError(db.execute({ sql: 'select ?', args: [1, 2] }), 'ARGS_INVALID');
    await expectLibsqlError(db.execute('select 1; select 2'), 'SQL_MANY_STATEMENTS');
    await expectLibsqlError(db.execute(' -- nothing'), 'SQL_NO_STATEMENT');

    const rs = await db.execute('select count(*) as n from people');
    expect(rs.rows[0]?.n).toBe(1);
    expect(await t.health()).toMatchObject({ ok: true, streams: 0 });
  });

  it('keeps a transaction usable after a failed statement', async () => {
    const db = t.client();
    await db.execute('create table u (id integer primary key, v text unique)');
    const tx = await db.transaction('write');
    await tx.execute("insert into u (v) values ('a')");
    await expect(tx.execute("insert into u (v) values ('a')")).rejects.toThrow(/UNIQUE/);
    await tx.execute("insert into u (v) values ('b')");
    await tx.commit();
    const rs = await db.execute('select v from u order by id');
    expect(rs.rows.map((r) => r.v)).toEqual(['a', 'b']);
  });
});

describe('scripts and migrations', () => {
  it('runs executeMultiple (sequence) including trigger bodies', async () => {
    const db = t.client();
    await db.executeMultiple(`
      create table reports (id integer primary key, title text);
      create table report_log (report_id integer, what text);
      create trigger reports_ai after insert on reports begin
        insert into report_log values (new.id, case when new.title like '%ngập%' then 'flood' else 'other' end);
      end;
      insert into reports (title) values ('${VIETNAMESE}');
    `);
    const rs = await db.execute('select what from report_log');
    expect(rs.rows.map((r) => r.what)).toEqual(['flood']);
    await expectLibsqlError(
      db.executeMultiple("insert into reports (title) values ('x'); oops"),
      'SQLITE_ERROR',
    );
    const count = await db.execute('select count(*) as n from reports');
    expect(count.rows[0]?.n).toBe(2);
  });

  it('runs client.migrate (foreign keys off for the batch, on again afterwards)', async () => {
    const db = t.client();
    await db.migrate([
      'create table parent (id integer primary key)',
      'create table child (id integer primary key, parent_id integer not null references parent(id))',
      'insert into child values (1, 42)',
      'delete from child',
    ]);
    await expectLibsqlError(
      db.execute('insert into child values (2, 42)'),
      'SQLITE_CONSTRAINT_FOREIGNKEY',
    );
  });
});
