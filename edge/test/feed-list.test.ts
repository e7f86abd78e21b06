import { exports } from 'cloudflare:workers';
import { hc, type InferResponseType } from 'hono/client';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { AppType } from '../src/app';
import { call, type ErrorJson, ORIGIN } from './helpers';
import { marker, type SeededReport, seedReports } from './seed-reports';

// The public feed: GET /api/v1/feed. Every test isolates its reports with a unique word in
// their descriptions and searches for it (the database is shared with other test files).

const client = hc<AppType>(ORIGIN, {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(input, init),
});

type FeedGet = (typeof client.api.v1.feed)['$get'];
type FeedBody = InferResponseType<FeedGet, 200>;
type FeedItem = FeedBody['items'][number];

async function feed(query: Record<string, string | string[]>): Promise<FeedBody> {
  const res = await client.api.v1.feed.$get({ query });
  if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
  return (await res.json()) as FeedBody;
}

const codes = (body: { items: { code: string }[] }) => body.items.map((i) => i.code);

describe('GET /api/v1/feed: typed client', () => {
  it('carries the query and the item shape into hc<AppType>', () => {
    type Query = NonNullable<Parameters<FeedGet>[0]>['query'];
    expectTypeOf<Query>().toHaveProperty('status');
    expectTypeOf<Query>().toHaveProperty('cursor');
    expectTypeOf<FeedItem['code']>().toEqualTypeOf<string>();
    expectTypeOf<FeedItem['photoUrl']>().toEqualTypeOf<string | null>();
    expectTypeOf<FeedBody['nextCursor']>().toEqualTypeOf<string | null>();
    expectTypeOf(client.api.v1.feed.map.$get).toBeFunction();
  });
});

describe('GET /api/v1/feed: content and filters', () => {
  const m = marker();
  let seeded: SeededReport[];
  // Index in `seeded` → what it is.
  const OLD_ROAD = 0;
  const FLOOD = 1;
  const HIDDEN = 2;
  const LIGHT = 3;
  const RESOLVED = 4;
  const LONG = 5;
  const NGA_BAY = 6;
  const LATE_EVENING = 7;
  const NEXT_MORNING = 8;

  beforeAll(async () => {
    seeded = await seedReports([
      {
        description: `Ổ gà trên đường Trần Hưng Đạo ${m}`,
        categoryId: 'giao_thong',
        status: 'received',
      },
      {
        description: `Đường bị ngập sâu sau cơn mưa chiều ${m}`,
        categoryId: 'cap_thoat_nuoc',
        status: 'assigned',
        agencyId: 'cap_thoat_nuoc',
        photos: 2,
        supporterCount: 3,
        dueAt: '2099-01-01T00:00:00.000Z',
      },
      { description: `Nội dung xúc phạm bị ẩn ${m}`, hidden: true, photos: 1 },
      {
        description: `Đèn đường hư cả tuần nay ${m}`,
        categoryId: 'dien_chieu_sang',
        status: 'in_progress',
        agencyId: 'dien_luc',
      },
      {
        description: `Rác thải tồn đọng ở chợ ${m}`,
        categoryId: 'moi_truong',
        status: 'resolved',
        agencyId: 'so_nong_nghiep_moi_truong',
        photos: 1,
        resultPhotos: 2,
        resolvedAt: '2025-01-05T03:00:00.000Z',
        dueAt: '2025-01-06T03:00:00.000Z',
        rating: 'acceptable',
      },
      { description: `${'Rất dài '.repeat(60)}${m}`, categoryId: 'khac' },
      { description: `Lấn chiếm vỉa hè ${m}`, categoryId: 'trat_tu_do_thi', communeId: 'nga-bay' },
      // 23:59:59.999 on 10 March 2024 in Vietnam, and midnight of the 11th.
      { description: `Khuya ${m}`, createdAt: '2024-03-10T16:59:59.999Z' },
      { description: `Sáng ${m}`, createdAt: '2024-03-10T17:00:00.000Z' },
    ]);
  });

  const code = (i: number) => seeded[i]?.code as string;

  it('lists visible reports newest first, never the hidden one', async () => {
    const body = await feed({ q: m, limit: '50' });
    expect(codes(body)).toEqual(
      [NGA_BAY, LONG, RESOLVED, LIGHT, FLOOD, OLD_ROAD, NEXT_MORNING, LATE_EVENING]
        .sort((a, b) => (seeded[b]?.id ?? 0) - (seeded[a]?.id ?? 0))
        .map(code),
    );
    expect(codes(body)).not.toContain(code(HIDDEN));
    expect(body.nextCursor).toBeNull();
  });

  it('gives the public fields of an item', async () => {
    const body = await feed({ q: m, limit: '50' });
    const flood = body.items.find((i) => i.code === code(FLOOD)) as FeedItem;
    expect(flood).toEqual({
      code: code(FLOOD),
      status: 'assigned',
      statusLabel: { vi: 'Đã chuyển xử lý', en: 'Assigned' },
      category: {
        id: 'cap_thoat_nuoc',
        name: 'Cấp thoát nước',
        nameEn: 'Water supply and drainage',
      },
      description: `Đường bị ngập sâu sau cơn mưa chiều ${m}`,
      descriptionTruncated: false,
      commune: { id: 'vi-thanh', name: 'Vị Thanh', fullName: 'Phường Vị Thanh' },
      agency: { id: 'cap_thoat_nuoc', name: expect.stringMatching(/Cấp thoát nước/) },
      location: { lat: 9.7845, lng: 105.4701 },
      photoUrl: `/api/v1/media/${seeded[FLOOD]?.photoIds[0]}`,
      resultPhotoUrl: null,
      supporterCount: 3,
      duplicateOf: null,
      rating: null,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      resolvedAt: null,
      dueAt: '2099-01-01T00:00:00.000Z',
    });
  });

  it('shows before and after photos and the rating of a resolved report', async () => {
    const body = await feed({ q: m, status: 'resolved' });
    expect(body.items).toHaveLength(1);
    const item = body.items[0] as FeedItem;
    expect(item.photoUrl).toBe(`/api/v1/media/${seeded[RESOLVED]?.photoIds[0]}`);
    expect(item.resultPhotoUrl).toBe(`/api/v1/media/${seeded[RESOLVED]?.resultPhotoIds[0]}`);
    expect(item.rating).toEqual({
      rating: 'acceptable',
      label: { vi: 'Chấp nhận được', en: 'Acceptable' },
    });
    expect(item.resolvedAt).toBe('2025-01-05T03:00:00.000Z');
  });

  it('truncates a long description for the list', async () => {
    const body = await feed({ q: m, categoryId: 'khac' });
    const item = body.items[0] as FeedItem;
    expect(item.descriptionTruncated).toBe(true);
    expect(item.description.length).toBeLessThanOrEqual(241);
    expect(item.description.endsWith('…')).toBe(true);
    expect(item.description.startsWith('Rất dài Rất dài')).toBe(true);
  });

  it('filters by category, commune and one or several statuses', async () => {
    expect(codes(await feed({ q: m, categoryId: 'dien_chieu_sang' }))).toEqual([code(LIGHT)]);
    expect(codes(await feed({ q: m, communeId: 'nga-bay' }))).toEqual([code(NGA_BAY)]);
    expect(codes(await feed({ q: m, status: 'in_progress' }))).toEqual([code(LIGHT)]);
    const several = [code(LIGHT), code(FLOOD)];
    expect(codes(await feed({ q: m, status: 'assigned,in_progress' }))).toEqual(several);
    expect(codes(await feed({ q: m, status: ['assigned', 'in_progress'] }))).toEqual(several);
    expect(codes(await feed({ q: m, categoryId: 'y_te' }))).toEqual([]);
  });

  it('filters by period in Vietnamese days (UTC+7)', async () => {
    expect(codes(await feed({ q: m, from: '2024-03-10', to: '2024-03-10' }))).toEqual([
      code(LATE_EVENING),
    ]);
    expect(codes(await feed({ q: m, from: '2024-03-11', to: '2024-03-11' }))).toEqual([
      code(NEXT_MORNING),
    ]);
    expect(codes(await feed({ q: m, to: '2024-03-31' }))).toEqual([
      code(NEXT_MORNING),
      code(LATE_EVENING),
    ]);
    const recent = codes(await feed({ q: m, from: '2025-01-01' }));
    expect(recent).not.toContain(code(LATE_EVENING));
    expect(recent).toContain(code(FLOOD));
  });

  it('searches without diacritics: "duong bi ngap" finds "Đường bị ngập"', async () => {
    expect(codes(await feed({ q: `duong bi ngap ${m}` }))).toEqual([code(FLOOD)]);
    expect(codes(await feed({ q: `${m} DUONG BI NGAP` }))).toEqual([code(FLOOD)]);
    expect(codes(await feed({ q: `${m} Đường bị ngập` }))).toEqual([code(FLOOD)]);
    // The last word is a prefix (search as you type).
    expect(codes(await feed({ q: `${m} duong bi ng` }))).toEqual([code(FLOOD)]);
    // All words must appear.
    expect(codes(await feed({ q: `${m} duong bi ngap rac` }))).toEqual([]);
    // "đ" folds to "d" both ways: "Đèn đường" is found by "den duong".
    expect(codes(await feed({ q: `${m} den duong` }))).toEqual([code(LIGHT)]);
    // By tracking code.
    expect(codes(await feed({ q: code(FLOOD) }))).toEqual([code(FLOOD)]);
  });

  it('reads FTS5 syntax in the search text as plain words', async () => {
    for (const q of [
      `${m} OR`,
      `${m} "`,
      `${m} NEAR(a b)`,
      `${m} body:duong`,
      `${m} * -x ^y`,
      `duong" OR 1=1 --`,
      `${m} AND NOT`,
    ]) {
      const res = await call(`/api/v1/feed?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
    // Only the words count: "body:duong" is the two words "body" and "duong".
    expect(codes(await feed({ q: `${m} duong:bi` }))).toEqual([code(FLOOD)]);
  });

  it('combines search with the other filters', async () => {
    expect(codes(await feed({ q: `${m} duong`, status: 'in_progress' }))).toEqual([code(LIGHT)]);
    expect(codes(await feed({ q: `${m} duong`, categoryId: 'cap_thoat_nuoc' }))).toEqual([
      code(FLOOD),
    ]);
  });
});

describe('GET /api/v1/feed: bad parameters', () => {
  const bad = async (query: string, path: string) => {
    const res = await call(`/api/v1/feed?${query}`);
    expect(res.status, query).toBe(400);
    expect(res.headers.get('cache-control')).toBeNull();
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('validation_failed');
    const issues = (body.error.details as { issues: { path: string; message: string }[] }).issues;
    expect(issues.map((i) => i.path)).toContain(path);
    // Vietnamese messages.
    expect(issues.find((i) => i.path === path)?.message).toMatch(
      /[àáảãạăâđèéêìíòóôơùúưỳý]|không|phải|tối/i,
    );
  };

  it('refuses them with 400 validation_failed and a Vietnamese message', async () => {
    await bad('cursor=abc', 'cursor');
    await bad(`cursor=${btoa('x12')}`, 'cursor');
    await bad('limit=0', 'limit');
    await bad('limit=51', 'limit');
    await bad('limit=ten', 'limit');
    await bad('status=open', 'status');
    await bad('status=received,,bogus', 'status');
    await bad('from=2025-02-30', 'from');
    await bad('from=01/07/2025', 'from');
    await bad('from=2025-07-02&to=2025-07-01', 'from');
    await bad('q=%22%22', 'q');
    await bad(`q=${'a'.repeat(101)}`, 'q');
    await bad('bbox=1,2,3', 'bbox');
    await bad('bbox=10,105,9,106', 'bbox');
    await bad('bbox=a,b,c,d', 'bbox');
  });
});

describe('GET /api/v1/feed: caching', () => {
  it('is publicly cacheable for a short while and revalidates with its ETag', async () => {
    const m = marker();
    await seedReports([{ description: `Cache ${m}` }]);
    const first = await call(`/api/v1/feed?q=${m}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=30');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    const again = await call(`/api/v1/feed?q=${m}`, {
      headers: { 'If-None-Match': tag as string },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('cache-control')).toBe('public, max-age=30');
    expect(await again.text()).toBe('');
    // A new matching report changes the page and its tag.
    await seedReports([{ description: `Cache mới ${m}` }]);
    const changed = await call(`/api/v1/feed?q=${m}`, {
      headers: { 'If-None-Match': tag as string },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
  });
});
