// A quick throughput probe for the benchmark: how many single round trips per second the server
// answers through @libsql/client over HTTP. Requests are sequential, so the figures measure the
// full per-request cost (HTTP, JSON, SQLite, and an fsync per insert with synchronous=FULL).
import { randomBytes } from 'node:crypto';
import { createClient } from '@libsql/client/http';

export async function probeThroughput(
  url: string,
  authToken?: string,
  seconds = 3,
): Promise<{ selectsPerSec: number; insertsPerSec: number }> {
  const client = createClient({ url, authToken });
  const table = `probe_${randomBytes(6).toString('hex')}`;
  const half = (seconds * 1000) / 2;
  const rate = async (op: (i: number) => Promise<unknown>): Promise<number> => {
    const started = performance.now();
    let done = 0;
    while (performance.now() - started < half) await op(done++);
    return Math.round(done / ((performance.now() - started) / 1000));
  };
  try {
    // The table name is generated above, never user input, so interpolating it is safe.
    await client.execute(`create table ${table} (id integer primary key, body text not null)`);
    const selectsPerSec = await rate((i) => client.execute({ sql: 'select ? as n', args: [i] }));
    const insertsPerSec = await rate((i) =>
      client.execute({ sql: `insert into ${table} (body) values (?)`, args: [`probe ${i}`] }),
    );
    return { selectsPerSec, insertsPerSec };
  } finally {
    await client.execute(`drop table if exists ${table}`).catch(() => undefined);
    client.close();
  }
}
