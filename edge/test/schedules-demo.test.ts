import { env } from 'cloudflare:workers';
import { createClient } from '@libsql/client/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoSchedules } from '../../scripts/demo-schedules';
import { call } from './helpers';

// The demo schedules of `npm start` (scripts/demo-schedules.ts) seeded into the test database
// with the client `npm start` uses, then read through the real API.

const client = createClient({ url: env.LIBSQL_URL });

type Item = { id: string; status: string; revisedAt: string | null; revisionNote: string | null };
type Week = { nextWeek: string; days: { items: Item[] }[] };

beforeAll(async () => {
  await call('/api/v1/health');
  // The demo's agencies are added by the demo seed of agencies, not by the test fixtures.
  await client.batch(
    [
      `insert or ignore into agencies (id, name) values ('van_phong_ubnd_tinh', 'Văn phòng UBND tỉnh')`,
      `insert or ignore into agencies (id, name) values ('so_tai_chinh', 'Sở Tài chính')`,
    ],
    'write',
  );
}, 60_000);

afterAll(() => client.close());

const week = async (query: string) => {
  const res = await call(`/api/v1/schedules?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Week;
};
const items = (w: Week) => w.days.flatMap((d) => d.items);

describe('demo work schedules', () => {
  it('seeds this week and next, with a revised, a cancelled and a draft item; idempotent', async () => {
    const now = new Date();
    await seedDemoSchedules(client, now);
    await seedDemoSchedules(client, now);
    const thisWeek = await week('agency=van_phong_ubnd_tinh');
    const shown = items(thisWeek);
    expect(shown.filter((i) => i.id.startsWith('demo-sch-'))).toHaveLength(6);
    expect(shown.find((i) => i.status === 'cancelled')?.revisionNote).toContain('Hoãn');
    expect(shown.find((i) => i.status === 'published' && i.revisedAt)?.revisionNote).toContain(
      '14:00',
    );
    const next = items(await week(`agency=van_phong_ubnd_tinh&week=${thisWeek.nextWeek}`));
    // The all-day inspection of next week is still a draft.
    expect(next.filter((i) => i.id.startsWith('demo-sch-'))).toHaveLength(5);
    const found = items(await week('q=hoi%20nghi%20chuyen%20doi%20so'));
    expect(found.some((i) => i.id.startsWith('demo-sch-'))).toBe(true);
    const finance = items(await week('agency=so_tai_chinh'));
    expect(finance.filter((i) => i.id.startsWith('demo-sch-'))).toHaveLength(2);
  });
});
