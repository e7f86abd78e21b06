// Streams a client forgets: rolled back, connection closed, write lock freed after the timeout.
import { LibsqlError } from '@libsql/client/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './server-helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ streamTimeoutMs: 400, busyTimeoutMs: 10_000 });
});
afterAll(async () => {
  await t.close();
});

describe('forgotten streams', () => {
  it('rolls back an abandoned transaction after the stream timeout', async () => {
    const db = t.client();
    await db.execute('create table jobs (id integer primary key, who text not null)');

    const abandoned = await t.client().transaction('write');
    await abandoned.execute({ sql: 'insert into jobs (who) values (?)', args: ['abandoned'] });
    expect((await t.health()).streams).toBe(1);

    // This write waits for the abandoned transaction's lock instead of failing, and goes
    // through once the server has rolled that transaction back.
    const started = Date.now();
    await db.execute({ sql: 'insert into jobs (who) values (?)', args: ['later'] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);

    const rs = await db.execute('select who from jobs order by id');
    expect(rs.rows.map((r) => r.who)).toEqual(['later']);
    expect((await t.health()).streams).toBe(0);

    // The client learns that its stream is gone when it finally comes back.
    const err = await abandoned.commit().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LibsqlError);
    expect((err as LibsqlError).code).toBe('STREAM_EXPIRED');
  });

  it('keeps a stream alive while the client keeps using it', async () => {
    const db = t.client();
    await db.execute('create table ticks (n integer)');
    const tx = await db.transaction('write');
    for (let i = 0; i < 4; i++) {
      await tx.execute({ sql: 'insert into ticks values (?)', args: [i] });
      await new Promise((r) => setTimeout(r, 250)); // each gap shorter than the timeout
    }
    await tx.commit();
    const rs = await db.execute('select count(*) as n from ticks');
    expect(rs.rows[0]?.n).toBe(4);
  });
});
