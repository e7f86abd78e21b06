import { beforeAll, describe, expect, it } from 'vitest';
import { call } from './helpers';
import { marker, type SeededReport, seedReports } from './seed-reports';

// The map: GET /api/v1/feed?bbox=… (list of a map view) and GET /api/v1/feed/map (points).
// Each test uses its own small rectangle in a corner of the province no other test uses.

type Page = {
  items: { code: string; location: { lat: number; lng: number } }[];
  nextCursor: string | null;
};
type Points = {
  items: { code: string; lat: number; lng: number; status: string; categoryId: string }[];
  truncated: boolean;
};

async function get<T>(path: string): Promise<T> {
  const res = await call(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('a sparse rectangle (few reports in it)', () => {
  // North-east corner of the province.
  const box = '10.050,105.920,10.060,105.930';
  let seeded: SeededReport[];

  beforeAll(async () => {
    const m = marker();
    seeded = await seedReports([
      { description: `Trong khung ${m}`, lat: 10.0512, lng: 105.9213, status: 'received' },
      { description: `Ngoài khung ${m}`, lat: 10.0612, lng: 105.9213 },
      { description: `Ẩn ${m}`, lat: 10.055, lng: 105.925, hidden: true },
      {
        description: `Trong khung, đã xử lý ${m}`,
        lat: 10.0599,
        lng: 105.9299,
        status: 'resolved',
        categoryId: 'moi_truong',
      },
      { description: `Trên cạnh ${m}`, lat: 10.05, lng: 105.93, status: 'assigned' },
    ]);
  });
  const code = (i: number) => seeded[i]?.code as string;

  it('lists the visible reports inside, newest first', async () => {
    const page = await get<Page>(`/api/v1/feed?bbox=${box}`);
    expect(page.items.map((i) => i.code)).toEqual([code(4), code(3), code(0)]);
    expect(page.items[1]?.location).toEqual({ lat: 10.0599, lng: 105.9299 });
    const resolved = await get<Page>(`/api/v1/feed?bbox=${box}&status=resolved`);
    expect(resolved.items.map((i) => i.code)).toEqual([code(3)]);
  });

  it('gives the points of the map', async () => {
    const points = await get<Points>(`/api/v1/feed/map?bbox=${box}`);
    expect(points).toEqual({
      items: [
        { code: code(4), lat: 10.05, lng: 105.93, status: 'assigned', categoryId: 'giao_thong' },
        {
          code: code(3),
          lat: 10.0599,
          lng: 105.9299,
          status: 'resolved',
          categoryId: 'moi_truong',
        },
        {
          code: code(0),
          lat: 10.0512,
          lng: 105.9213,
          status: 'received',
          categoryId: 'giao_thong',
        },
      ],
      truncated: false,
    });
    const open = await get<Points>(
      `/api/v1/feed/map?bbox=${box}&status=received,assigned,in_progress&categoryId=giao_thong`,
    );
    expect(open.items.map((p) => p.code)).toEqual([code(4), code(0)]);
  });

  it('requires a valid rectangle for the map', async () => {
    for (const query of ['', 'bbox=', 'bbox=1,2,3,4,5', 'bbox=91,0,92,1']) {
      const res = await call(`/api/v1/feed/map?${query}`);
      expect(res.status, query).toBe(400);
    }
  });
});

describe('a dense rectangle (more reports than a map view shows)', () => {
  // South-east corner; 2,005 reports: the list takes the newest-first scan, the map keeps
  // the newest 2,000.
  const box = '9.510,105.940,9.515,105.945';
  const COUNT = 2005;
  let seeded: SeededReport[];

  beforeAll(async () => {
    const m = marker();
    seeded = await seedReports(
      Array.from({ length: COUNT }, (_, i) => ({
        description: `Dày ${i} ${m}`,
        lat: 9.51 + (i % 50) * 0.0001,
        lng: 105.94 + Math.floor(i / 50) * 0.0001,
        status: i % 500 === 7 ? ('in_progress' as const) : ('resolved' as const),
        hidden: i === COUNT - 2,
        // Years ago, so that no "last 90 days" view elsewhere is crowded by them.
        createdAt: new Date(Date.UTC(2001, 0, 1) + i * 60_000).toISOString(),
      })),
    );
  }, 60_000);

  const newestFirst = () =>
    seeded
      .filter((_, i) => i !== COUNT - 2)
      .map((s) => s.code)
      .reverse();

  it('pages the newest reports of the rectangle', async () => {
    const expected = newestFirst();
    const first = await get<Page>(`/api/v1/feed?bbox=${box}&limit=50`);
    expect(first.items.map((i) => i.code)).toEqual(expected.slice(0, 50));
    const second = await get<Page>(`/api/v1/feed?bbox=${box}&limit=50&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.code)).toEqual(expected.slice(50, 100));
  });

  it('finds the rare matches of a filter in it', async () => {
    const inProgress = seeded.filter((_, i) => i % 500 === 7).map((s) => s.code);
    const page = await get<Page>(`/api/v1/feed?bbox=${box}&status=in_progress`);
    expect(page.items.map((i) => i.code)).toEqual(inProgress.reverse());
  });

  it('sends the newest 2,000 points and says there are more', async () => {
    const points = await get<Points>(`/api/v1/feed/map?bbox=${box}`);
    expect(points.truncated).toBe(true);
    expect(points.items).toHaveLength(2000);
    expect(points.items.map((p) => p.code)).toEqual(newestFirst().slice(0, 2000));
  });
});
