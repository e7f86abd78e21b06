import { env } from 'cloudflare:workers';
import { createClient } from '@libsql/client/web';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEV_OPEN311_API_KEY, ensureDevOpen311Client } from '../src/open311/dev-client';
import { call } from './helpers';
import { marker, type SeededReport, seedReports, testDb } from './seed-reports';

// Privacy: a reporter's contact details (stored in report_contacts for the IOC) never appear
// in any public answer: feed, map, statistics, Open311 (JSON and XML). Searched for in the
// raw bytes of every answer, in every spelling that could leak.

const NAME = 'Trần Thị Bích Ngọc';
const PHONE = '0987654321';
const SECRETS = [
  NAME,
  'Bích Ngọc',
  'Bich Ngoc',
  'bich ngoc',
  'Trần Thị',
  PHONE,
  '987654321',
  '+84987654321',
  '84987654321',
];
const FORBIDDEN_KEYS = [
  'contact',
  'phone',
  'email',
  'first_name',
  'last_name',
  'followToken',
  'deviceHash',
  'submissionId',
];

function expectNoContact(path: string, text: string) {
  for (const secret of SECRETS) expect(text, `${path} leaks "${secret}"`).not.toContain(secret);
  for (const key of FORBIDDEN_KEYS) {
    expect(text, `${path} has a "${key}" field`).not.toMatch(new RegExp(`["<]${key}["> ]`, 'i'));
  }
}

describe('no contact detail in any public answer', () => {
  const m = marker();
  let seeded: SeededReport[];

  beforeAll(async () => {
    seeded = await seedReports([
      {
        description: `Nước thải chảy ra kênh ${m}`,
        categoryId: 'moi_truong',
        status: 'resolved',
        agencyId: 'so_nong_nghiep_moi_truong',
        lat: 10.0301,
        lng: 105.9101,
        createdAt: '2002-06-10T02:00:00.000Z',
        dueAt: '2002-06-13T02:00:00.000Z',
        resolvedAt: '2002-06-12T02:00:00.000Z',
        rating: 'satisfied',
        ratingComment: 'Cảm ơn',
        photos: 1,
        resultPhotos: 1,
        contact: { name: NAME, phone: PHONE, agencyMayContact: true },
        events: [{ type: 'resolved', message: 'Đã xử lý xong.' }],
      },
      {
        description: `Phản ánh thứ hai ${m}`,
        lat: 10.0302,
        lng: 105.9102,
        createdAt: '2002-06-11T02:00:00.000Z',
        contact: { name: NAME, phone: PHONE },
      },
    ]);
    // A report sent through Open311 with contact fields, as a third-party app would.
    const client = createClient({ url: env.LIBSQL_URL });
    await ensureDevOpen311Client(client);
    client.close();
    const res = await call('/open311/v2/requests.json', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: DEV_OPEN311_API_KEY,
        service_code: 'moi_truong',
        lat: '10.0303',
        long: '105.9103',
        description: `Khói bụi từ lò gạch ${m}`,
        first_name: 'Bích Ngọc',
        last_name: 'Trần Thị',
        phone: PHONE,
        email: 'ngoc@example.vn',
      }).toString(),
    });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expectNoContact('POST /open311/v2/requests.json', text);
    // The contact was stored (for the IOC), so its absence below means something.
    const stored = await testDb().all<{ n: number }>(
      sql`select count(*) as n from report_contacts where phone like ${'%987654321'}`,
    );
    expect(stored[0]?.n).toBeGreaterThanOrEqual(3);
  });

  it('feed, map, statistics and Open311 never carry them', async () => {
    const codes = seeded.map((s) => s.code);
    const openAll = 'start_date=2002-06-01T00:00:00%2B07:00&end_date=2002-06-30T00:00:00%2B07:00';
    const paths = [
      `/api/v1/feed?q=${m}`,
      `/api/v1/feed?q=${m}&status=resolved`,
      `/api/v1/feed?q=${encodeURIComponent('Bich Ngoc')}`,
      `/api/v1/feed?q=${PHONE}`,
      '/api/v1/feed?bbox=10.03,105.91,10.031,105.911',
      '/api/v1/feed?limit=50',
      '/api/v1/feed/map?bbox=10.03,105.91,10.031,105.911',
      '/api/v1/stats?from=2002-06-01&to=2002-06-30',
      '/api/v1/stats',
      `/open311/v2/requests.json?${openAll}`,
      `/open311/v2/requests.xml?${openAll}`,
      '/open311/v2/requests.json',
      '/open311/v2/requests.xml',
      `/open311/v2/requests.json?service_request_id=${codes.join(',')}`,
      ...codes.flatMap((c) => [
        `/open311/v2/requests/${c}.json`,
        `/open311/v2/requests/${c}.xml`,
        `/open311/v2/tokens/${c}.json`,
        `/open311/v2/tokens/${c}.xml`,
      ]),
    ];
    let found = 0;
    for (const path of paths) {
      const res = await call(path);
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expectNoContact(path, text);
      if (codes.some((c) => text.includes(c))) found++;
    }
    // The reports themselves are there (so the answers above were about them).
    expect(found).toBeGreaterThanOrEqual(12);
  });

  it('contact details are not searchable', async () => {
    for (const q of ['Bich Ngoc', PHONE, 'Tran Thi Bich']) {
      const res = await call(`/api/v1/feed?q=${encodeURIComponent(`${m} ${q}`)}`);
      expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
    }
  });
});
