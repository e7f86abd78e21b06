import { env, exports } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toFtsQuery } from '../src/feed/params';
import { feedQuery, mapQuery } from '../src/feed/repo';
import { call } from './helpers';
import { marker, seedReports, testDb } from './seed-reports';

// Cursor paging of the feed, its database round trips, and the query plans behind it.

type Page = { items: { code: string }[]; nextCursor: string | null };

async function page(query: string): Promise<Page> {
  const res = await call(`/api/v1/feed?${query}`);
  if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
  return (await res.json()) as Page;
}

/** Follows nextCursor to the end; `between` runs after each page. */
async function allPages(query: string, between?: (n: number) => Promise<void>) {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const p: Page = await page(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
    pages.push(p.items.map((i) => i.code));
    cursor = p.nextCursor;
    await between?.(pages.length);
  } while (cursor && pages.length < 50);
  return pages;
}

describe('cursor paging', () => {
  it('walks every visible report once, newest first', async () => {
    const m = marker();
    const seeded = await seedReports(
      Array.from({ length: 8 }, (_, i) => ({ description: `Trang ${i} ${m}`, hidden: i === 5 })),
    );
    const expected = seeded
      .filter((_, i) => i !== 5)
      .reverse()
      .map((s) => s.code);
    const pages = await allPages(`q=${m}&limit=3`);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(expected);
  });

  it('has no duplicates or gaps when reports arrive or are hidden while paging', async () => {
    const m = marker();
    const seeded = await seedReports(
      Array.from({ length: 9 }, (_, i) => ({ description: `Đang đọc ${i} ${m}` })),
    );
    const codes = seeded.map((s) => s.code).reverse(); // newest first
    const arrived: string[] = [];
    const pages = await allPages(`q=${m}&limit=4`, async (n) => {
      if (n !== 1) return;
      // After the first page: two new reports arrive, and one not yet shown is hidden.
      const fresh = await seedReports([
        { description: `Mới ${m}` },
        { description: `Mới nữa ${m}` },
      ]);
      arrived.push(...fresh.map((f) => f.code));
      await testDb().run(sql`update reports set hidden = 1 where code = ${codes[6] as string}`);
    });
    const seen = pages.flat();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(codes.filter((c) => c !== codes[6]));
    for (const c of arrived) expect(seen).not.toContain(c);
    // A fresh first page shows the newcomers on top.
    expect((await page(`q=${m}&limit=2`)).items.map((i) => i.code)).toEqual(arrived.reverse());
  });

  it('ends with nextCursor null on the last full page', async () => {
    const m = marker();
    await seedReports(Array.from({ length: 4 }, (_, i) => ({ description: `Đủ ${i} ${m}` })));
    const first = await page(`q=${m}&limit=4`);
    expect(first.items).toHaveLength(4);
    expect(first.nextCursor).toBeNull();
    const halves = await allPages(`q=${m}&limit=2`);
    expect(halves.map((p) => p.length)).toEqual([2, 2]);
  });

  it('pages the unfiltered feed the same way', async () => {
    await seedReports(Array.from({ length: 5 }, (_, i) => ({ description: `Chung ${i}` })));
    const first = await page('limit=3');
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await page(`limit=3&cursor=${first.nextCursor}`);
    const both = [...first.items, ...second.items].map((i) => i.code);
    expect(new Set(both).size).toBe(both.length);
  });
});

describe('database round trips', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Hrana requests (pipeline or cursor) the Worker sends to libSQL while serving `path`. */
  async function roundTrips(path: string): Promise<number> {
    const spy = vi.spyOn(globalThis, 'fetch');
    try {
      const res = await exports.default.fetch(new Request(`https://tinh.test${path}`));
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
      return spy.mock.calls.filter(([input]) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        return (
          url.origin === new URL(env.LIBSQL_URL).origin &&
          /^\/v[23]\/(pipeline|cursor)$/.test(url.pathname)
        );
      }).length;
    } finally {
      spy.mockRestore();
    }
  }

  /** The same, counted by the libSQL server (GET /health `pipelines`): the smallest of a few tries, since other test files share the server. */
  async function serverRoundTrips(path: string): Promise<number> {
    const pipelines = async () =>
      ((await (await fetch(`${env.LIBSQL_URL}/health`)).json()) as { pipelines: number }).pipelines;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 10 && best > 1; i++) {
      const before = await pipelines();
      await (await call(path)).arrayBuffer();
      best = Math.min(best, (await pipelines()) - before);
    }
    return best;
  }

  it('serves a feed page, a search, a map and the statistics with ONE round trip each', async () => {
    const m = marker();
    await seedReports([
      {
        description: `Một lần ${m}`,
        photos: 1,
        status: 'resolved',
        resultPhotos: 1,
        resolvedAt: '2025-01-01T00:00:00.000Z',
        rating: 'satisfied',
      },
    ]);
    for (const path of [
      '/api/v1/feed',
      `/api/v1/feed?q=${m}&status=resolved,received&categoryId=giao_thong&from=2020-01-01&to=2030-12-31`,
      '/api/v1/feed?bbox=9.7,105.4,9.8,105.5&communeId=vi-thanh&limit=50',
      '/api/v1/feed/map?bbox=9.5,105.2,10.08,105.95&status=received',
      '/api/v1/stats?from=2024-01-01&to=2024-12-31',
      '/open311/v2/requests.json',
    ]) {
      expect(await roundTrips(path), path).toBe(1);
    }
    expect(await serverRoundTrips('/api/v1/feed?limit=50')).toBe(1);
  });
});

describe('query plans (EXPLAIN QUERY PLAN)', () => {
  async function plan(statement: ReturnType<typeof feedQuery>): Promise<string[]> {
    const rows = await testDb().all<{ detail: string }>(sql`explain query plan ${statement}`);
    return rows.map((r) => r.detail);
  }
  const page = { take: 21 };
  const noFullScan = (details: string[]) => {
    for (const d of details) expect(d).not.toMatch(/^SCAN (r|reports)\b/);
  };

  it('uses the (…, id) indexes for the newest-first order', async () => {
    const plain = await plan(feedQuery({}, page));
    // Covering: the page's ids come from the index alone.
    expect(plain).toContain('SEARCH r USING COVERING INDEX reports_feed_idx (hidden=? AND id<?)');
    noFullScan(plain);
    const category = await plan(feedQuery({ categoryId: 'giao_thong' }, page));
    expect(category).toContain(
      'SEARCH r USING INDEX reports_category_idx (category_id=? AND id<?)',
    );
    const commune = await plan(feedQuery({ communeId: 'vi-thanh' }, { before: 1000, take: 21 }));
    expect(commune).toContain('SEARCH r USING INDEX reports_commune_idx (commune_id=? AND id<?)');
    const status = await plan(feedQuery({ statuses: ['resolved'] }, page));
    expect(status).toContain('SEARCH r USING INDEX reports_status_idx (status=? AND id<?)');
    for (const p of [category, commune, status]) noFullScan(p);
  });

  it('lets FTS5 drive a search, joined by primary key', async () => {
    const details = await plan(
      feedQuery({ match: toFtsQuery('duong bi ngap'), statuses: ['received'] }, page),
    );
    expect(details.some((d) => /^SCAN reports_fts VIRTUAL TABLE INDEX \d+:M/.test(d))).toBe(true);
    expect(details).toContain('SEARCH r USING INTEGER PRIMARY KEY (rowid=?)');
    noFullScan(details);
  });

  it('has both rectangle paths on indexes', async () => {
    const bbox = { south: 9.7, west: 105.4, north: 9.8, east: 105.5 };
    for (const statement of [feedQuery({ bbox }, page), mapQuery({ bbox }, 2001)]) {
      const details = await plan(statement);
      expect(details).toContain('SEARCH g USING COVERING INDEX reports_geo_idx (lat>? AND lat<?)');
      expect(details).toContain('SEARCH r USING INDEX reports_feed_idx (hidden=? AND id<?)');
      expect(details).toContain('SEARCH r USING INDEX reports_geo_idx (lat>? AND lat<?)');
      noFullScan(details);
    }
  });
});
