// Another program holding the database's write lock (a script, a migration tool, a shell): the
// server waits for it asynchronously, gives up with SQLITE_BUSY after busyTimeoutMs, and never
// keeps a connection that SQLite left stuck on an old snapshot.
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './server-helpers';

let t: TestServer;
let other: Database.Database;
beforeEach(async () => {
  t = await startTestServer({ busyTimeoutMs: 400 });
  await t.client().execute('create table t (id integer primary key, v text)');
  other = new Database(t.file);
});
afterEach(async () => {
  other.close();
  await t.close();
});

// biome-ignore lint/suspicious/noExplicitAny: responses are inspected structurally
type Json = any;
const stmt = (sql: string) => ({ type: 'execute', stmt: { sql } });
async function pipeline(body: unknown): Promise<Json> {
  const res = await t.post('/v2/pipeline', body);
  expect(res.status).toBe(200);
  return res.json();
}
const count = async () =>
  Number((await t.client().execute('select count(*) as n from t')).rows[0]?.n);

describe('a write lock held by another process', () => {
  it('is waited for, without blocking other requests', async () => {
    other.exec('begin immediate');
    other.exec("insert into t (v) values ('other')");
    const write = t.client().execute("insert into t (v) values ('server')");
    // Reads are still answered while the write waits.
    expect(await count()).toBe(0);
    setTimeout(() => other.exec('commit'), 150);
    await write;
    expect(await count()).toBe(2);
  });

  it('fails with SQLITE_BUSY after busyTimeoutMs, and the server stays current', async () => {
    other.exec('begin immediate');
    const err = await t
      .client()
      .execute("insert into t (v) values ('late')")
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SQLITE_BUSY' });
    other.exec("insert into t (v) values ('other')");
    other.exec('commit');
    await t.client().execute("insert into t (v) values ('after')");
    const rs = await t.client().execute('select v from t order by id');
    expect(rs.rows.map((r) => r.v)).toEqual(['other', 'after']);
  });

  it('reports a stale read snapshot as SQLITE_BUSY_SNAPSHOT and recovers on the same stream', async () => {
    const open = await pipeline({ requests: [stmt('begin'), stmt('select count(*) from t')] });
    other.exec("insert into t (v) values ('other')");
    const write = await pipeline({
      baton: open.baton,
      requests: [stmt("insert into t (v) values ('mine')")],
    });
    expect(write.results[0].error.code).toBe('SQLITE_BUSY_SNAPSHOT');
    const after = await pipeline({
      baton: write.baton,
      requests: [stmt('rollback'), stmt('select count(*) from t'), { type: 'close' }],
    });
    expect(after.results[0].type).toBe('ok');
    // The stream sees the other program's row: it is not left reading the old snapshot.
    expect(after.results[1].response.result.rows[0][0].value).toBe('1');
  });
});
