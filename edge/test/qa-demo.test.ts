import { env } from 'cloudflare:workers';
import { createClient } from '@libsql/client/web';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoOfficials } from '../../scripts/demo-officials';
import { DEMO_QA_THREADS, seedDemoQa } from '../../scripts/demo-qa';
import { createDb } from '../src/platform/db';
import { call } from './helpers';
import { signedInOfficial } from './support/officials';

// The demo threads of `npm start` (scripts/demo-qa.ts) seeded into the test database with the
// client `npm start` uses, then read through the real API as an official of another commune.

const client = createClient({ url: env.LIBSQL_URL });

beforeAll(async () => {
  await call('/api/v1/health');
  await seedDemoOfficials(client);
}, 60_000);

afterAll(() => client.close());

interface Item {
  id: string;
  status: string;
  topic: string;
}

describe('demo two-level interaction', () => {
  it('seeds answered threads the handbook finds without diacritics; idempotent', async () => {
    await seedDemoQa(client);
    await seedDemoQa(client);
    const ids = DEMO_QA_THREADS.map((t) => t.id);
    const [threads] = await createDb(env).all<{ n: number }>(
      sql`select count(*) as n from qa_threads where id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
    expect(Number(threads?.n)).toBe(ids.length);
    const [docs] = await createDb(env).all<{ n: number }>(sql`select count(*) as n
      from content_search_docs d join content_search s on s.rowid = d.id
      where d.kind = 'qa_thread' and d.ref_id like 'demo-qa-%'`);
    expect(Number(docs?.n)).toBe(ids.length);

    const reader = await signedInOfficial({ roles: ['commune_officer'], communeId: 'vi-thuy' });
    const search = async (q: string) => {
      const res = await call(`/api/v1/work/qa/handbook?q=${encodeURIComponent(q)}`, {
        headers: reader.headers,
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: Item[] }).items.map((i) => i.id);
    };
    expect(await search('cap giay phep xay dung nha o nong thon')).toContain(
      'demo-qa-giay-phep-xay-dung',
    );
    expect(await search('han man')).toContain('demo-qa-ho-tro-han-man');
    // Found by its answer's words; closed after an answer, still in the handbook.
    expect(await search('nghi dinh 178')).toContain('demo-qa-cong-chuc-sau-sap-xep');
    // Unanswered questions stay between the two agencies.
    expect(await search('ho kinh doanh truc tuyen')).not.toContain(
      'demo-qa-ho-kinh-doanh-truc-tuyen',
    );
    const hidden = await call('/api/v1/work/qa/threads/demo-qa-ho-kinh-doanh-truc-tuyen', {
      headers: reader.headers,
    });
    expect(hidden.status).toBe(404);
  });
});
