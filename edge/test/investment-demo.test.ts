import { env } from 'cloudflare:workers';
import { createClient } from '@libsql/client/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PROJECTS, seedDemoInvestment } from '../../scripts/demo-investment';
import { call } from './helpers';

// The demo investment content of `npm start` (scripts/demo-investment.ts) seeded into the test
// database with the client `npm start` uses, then read through the real API.

const client = createClient({ url: env.LIBSQL_URL });

beforeAll(async () => {
  await call('/api/v1/health');
  // The demo agency is added by scripts/demo-officials.ts, which the tests do not run.
  await client.execute(
    "insert into agencies (id, name, scope, phone, sort_order) values ('so_tai_chinh', 'Sở Tài chính', 'province', '02933870111', 990) on conflict (id) do nothing",
  );
}, 60_000);

afterAll(() => client.close());

describe('demo investment content', () => {
  it('seeds published projects and policies, a hidden draft, searchable without tone marks; idempotent', async () => {
    await seedDemoInvestment(client);
    await seedDemoInvestment(client);
    const published = DEMO_PROJECTS.filter((p) => p.status === 'published');
    expect(published.length).toBeGreaterThanOrEqual(5);

    const found = (await (
      await call('/api/v1/investment/projects?q=che%20bien%20khom%20cau%20duc')
    ).json()) as { items: { id: string; capitalVnd: number; agencyId: string }[] };
    expect(found.items.map((i) => i.id)).toContain('demo-inv-khom-cau-duc');

    for (const p of published) {
      const res = await call(`/api/v1/investment/projects/${p.id}`);
      expect(res.status, p.id).toBe(200);
      const body = (await res.json()) as { agencyId: string; capitalVnd: number };
      expect(body).toMatchObject({ agencyId: 'so_tai_chinh', capitalVnd: p.capitalVnd });
    }
    const draft = DEMO_PROJECTS.find((p) => p.status === 'draft');
    expect((await call(`/api/v1/investment/projects/${draft?.id}`)).status).toBe(404);

    const policies = (await (
      await call('/api/v1/investment/policies?q=uu%20dai%20khu%20cong%20nghiep')
    ).json()) as { items: { id: string }[] };
    expect(policies.items.map((i) => i.id)).toContain('demo-inv-csach-kcn');

    const rows = await client.execute(
      "select count(*) as n from investment_projects where id like 'demo-inv-%'",
    );
    expect(Number(rows.rows[0]?.n)).toBe(DEMO_PROJECTS.length);
  });
});
