import { env } from 'cloudflare:workers';
import { createClient } from '@libsql/client/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LISTINGS, seedDemoMarket } from '../../scripts/demo-market';
import { call } from './helpers';

// The demo market of `npm start` (scripts/demo-market.ts) seeded into the test database with
// the client `npm start` uses, then read through the real API: active listings readable
// (with OCOP stars) and found without tone marks, the expired one left out, idempotent.

const client = createClient({ url: env.LIBSQL_URL });

beforeAll(async () => {
  await call('/api/v1/health');
}, 60_000);

afterAll(() => client.close());

describe('demo market', () => {
  it('seeds listings searchable without tone marks, OCOP stars, expired left out; idempotent', async () => {
    await seedDemoMarket(client);
    await seedDemoMarket(client);
    const found = (await (await call('/api/v1/market/listings?q=khom%20cau%20duc')).json()) as {
      items: { id: string; ocopStars: number | null }[];
    };
    expect(found.items.map((i) => i.id)).toContain('demo-mk-khom-cau-duc');

    // Other test files' listings share the database: each demo listing is asked for by id.
    for (const l of DEMO_LISTINGS) {
      const res = await call(`/api/v1/market/listings/${l.id}`);
      expect(res.status, l.id).toBe(l.expiresIn > 0 ? 200 : 404);
    }
    // The OCOP product carries its stars (the order itself is market.test.ts's).
    expect(found.items.find((i) => i.id === 'demo-mk-khom-cau-duc')?.ocopStars).toBe(4);
    const expired = await call('/api/v1/market/listings/demo-mk-ca-tra-giong');
    expect(expired.status).toBe(404);
  });
});
