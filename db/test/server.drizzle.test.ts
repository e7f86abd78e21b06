// drizzle-orm's libsql driver over the local server.
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './server-helpers';

const reports = sqliteTable('reports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  status: text('status', { enum: ['new', 'done'] })
    .notNull()
    .default('new'),
  votes: integer('votes').notNull().default(0),
});

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await t.client().execute(`create table reports (
    id integer primary key autoincrement,
    title text not null,
    status text not null default 'new',
    votes integer not null default 0
  )`);
});
afterAll(async () => {
  await t.close();
});

describe('drizzle over the local server', () => {
  it('inserts, selects and updates', async () => {
    const db = drizzle(t.client());
    const [created] = await db
      .insert(reports)
      .values({ title: 'Đường bị ngập sâu ở phường Vị Thanh' })
      .returning();
    expect(created).toMatchObject({
      title: 'Đường bị ngập sâu ở phường Vị Thanh',
      status: 'new',
      votes: 0,
    });

    await db
      .update(reports)
      .set({ status: 'done', votes: sql`${reports.votes} + 1` })
      .where(eq(reports.id, created?.id ?? -1));
    const rows = await db
      .select()
      .from(reports)
      .where(eq(reports.id, created?.id ?? -1));
    expect(rows).toEqual([{ ...created, status: 'done', votes: 1 }]);
  });

  it('commits and rolls back db.transaction', async () => {
    const db = drizzle(t.client());
    await db.transaction(async (tx) => {
      await tx.insert(reports).values({ title: 'committed' });
      await tx.update(reports).set({ votes: 5 }).where(eq(reports.title, 'committed'));
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(reports).values({ title: 'rolled back' });
        tx.rollback();
      }),
    ).rejects.toThrow(/Rollback/);
    const failed = await db
      .transaction(async (tx) => {
        await tx.insert(reports).values({ title: 'failed' });
        await tx.insert(reports).values({ title: null as unknown as string });
      })
      .catch((e: unknown) => e);
    // drizzle wraps the driver's error; the LibsqlError with SQLite's code is its cause.
    expect((failed as Error).cause).toMatchObject({ code: 'SQLITE_CONSTRAINT_NOTNULL' });

    const titles = (
      await db.select({ title: reports.title, votes: reports.votes }).from(reports)
    ).map((r) => `${r.title}:${r.votes}`);
    expect(titles).toContain('committed:5');
    expect(titles).not.toContain('rolled back:0');
    expect(titles).not.toContain('failed:0');
  });

  it('runs db.batch atomically', async () => {
    const db = drizzle(t.client());
    const [inserted, counted] = await db.batch([
      db.insert(reports).values({ title: 'batched' }).returning({ id: reports.id }),
      db.select({ n: sql<number>`count(*)` }).from(reports),
    ]);
    expect(inserted).toHaveLength(1);
    expect(counted[0]?.n).toBeGreaterThan(0);
  });
});
