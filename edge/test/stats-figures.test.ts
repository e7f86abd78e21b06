import { exports } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { hc, type InferResponseType } from 'hono/client';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { AppType } from '../src/app';
import { call, type ErrorJson, ORIGIN } from './helpers';
import { marker, seedReports, testDb } from './seed-reports';

// Public statistics on a known set of reports, all received in March 2003 (province time),
// a month no other test uses.

const client = hc<AppType>(ORIGIN, {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(input, init),
});
type StatsBody = InferResponseType<(typeof client.api.v1.stats)['$get'], 200>;

async function stats(query: { from?: string; to?: string }): Promise<StatsBody> {
  const res = await client.api.v1.stats.$get({ query });
  if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
  return (await res.json()) as StatsBody;
}

const at = (day: string, time = '03:00:00.000Z') => `2003-03-${day}T${time}`;

beforeAll(async () => {
  const m = marker();
  const roads = { categoryId: 'giao_thong', agencyId: 'so_xay_dung' } as const;
  const power = { categoryId: 'dien_chieu_sang', agencyId: 'dien_luc' } as const;
  const seeded = await seedReports([
    // Sở Xây dựng: 5 reports.
    {
      ...roads,
      description: `Đúng hạn, hài lòng ${m}`,
      status: 'resolved',
      createdAt: at('02'),
      dueAt: at('05'),
      resolvedAt: at('04'),
      rating: 'satisfied',
    },
    {
      ...roads,
      description: `Trễ hạn, không hài lòng ${m}`,
      status: 'resolved',
      createdAt: at('03'),
      dueAt: at('05'),
      resolvedAt: at('09'),
      rating: 'unsatisfied',
    },
    // Resolved exactly at its deadline, written without milliseconds: on time.
    {
      ...roads,
      description: `Đúng hạn sát giờ ${m}`,
      status: 'resolved',
      createdAt: at('04'),
      dueAt: '2003-03-08T03:00:00Z',
      resolvedAt: at('08'),
      rating: 'acceptable',
    },
    {
      ...roads,
      description: `Quá hạn, đang xử lý ${m}`,
      status: 'in_progress',
      createdAt: at('05'),
      dueAt: at('10'),
    },
    { ...roads, description: `Từ chối ${m}`, status: 'rejected', createdAt: at('06') },
    // Công ty Điện lực: 2 reports, both on time; one rated.
    {
      ...power,
      description: `Điện đúng hạn ${m}`,
      status: 'resolved',
      createdAt: at('07'),
      dueAt: at('09'),
      resolvedAt: at('08'),
    },
    {
      ...power,
      description: `Điện đúng hạn, chấp nhận ${m}`,
      status: 'resolved',
      createdAt: at('08'),
      dueAt: at('12'),
      resolvedAt: at('11'),
      rating: 'acceptable',
    },
    // Not yet assigned: counted for the province only.
    {
      description: `Mới tiếp nhận ${m}`,
      status: 'received',
      createdAt: at('09'),
      dueAt: '2999-01-01T00:00:00.000Z',
    },
    { description: `Trùng ${m}`, status: 'duplicate', createdAt: at('10') },
    // Hidden: never counted.
    {
      ...roads,
      description: `Ẩn ${m}`,
      status: 'resolved',
      hidden: true,
      createdAt: at('11'),
      dueAt: at('12'),
      resolvedAt: at('11'),
      rating: 'satisfied',
    },
    // The edges of the month in Vietnam (UTC+7): 00:00 on 1 March and 23:59:59.999 on 31 March are in…
    { description: `Đầu tháng ${m}`, createdAt: '2003-02-28T17:00:00.000Z' },
    { description: `Cuối tháng ${m}`, createdAt: '2003-03-31T16:59:59.999Z' },
    // …one millisecond either side is not.
    { description: `Trước ${m}`, createdAt: '2003-02-28T16:59:59.999Z' },
    { description: `Sau ${m}`, createdAt: '2003-03-31T17:00:00.000Z' },
  ]);
  // Intake-to-agency times (minutes after receipt), in the order seeded: roads 30, 120, 90,
  // 60; power 15, 45; the hidden report 1 (never counted).
  const intake: [number, number][] = [
    [0, 30],
    [1, 120],
    [2, 90],
    [3, 60],
    [5, 15],
    [6, 45],
    [9, 1],
  ];
  const db = testDb();
  const [first, ...rest] = intake.map(([i, minutes]) =>
    db.run(sql`update reports set first_assigned_at =
      strftime('%Y-%m-%dT%H:%M:%fZ', created_at, ${`+${minutes} minutes`})
      where code = ${seeded[i]?.code as string}`),
  );
  await db.batch([first as NonNullable<typeof first>, ...rest]);
});

describe('GET /api/v1/stats', () => {
  it('counts the province and each agency', async () => {
    const body = await stats({ from: '2003-03-01', to: '2003-03-31' });
    expect(body.period).toEqual({
      from: '2003-03-01',
      to: '2003-03-31',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(body.province).toEqual({
      received: 11,
      open: 4, // in progress, received, and the two month edges
      resolved: 5,
      rejected: 1,
      duplicate: 1,
      overdueOpen: 1,
      resolvedPercent: 45.5, // 5 / 11
      resolvedOnTime: 4,
      onTimePercent: 80, // 4 of 5
      rated: 4,
      ratings: { satisfied: 1, acceptable: 2, unsatisfied: 1 },
      satisfactionPercent: 75, // (1 + 2) / 4
      // 15 30 45 60 90 120 minutes: the 3rd of 6 (nearest rank)
      medianIntakeToAgencySeconds: 45 * 60,
      // resolved after 1 2 3 4 6 days: the 3rd of 5
      medianTimeToResolveSeconds: 3 * 86400,
    });
    expect(body.agencies).toEqual([
      {
        agency: { id: 'so_xay_dung', name: 'Sở Xây dựng' },
        received: 5,
        open: 1,
        resolved: 3,
        rejected: 1,
        duplicate: 0,
        overdueOpen: 1,
        resolvedPercent: 60,
        resolvedOnTime: 2,
        onTimePercent: 66.7,
        rated: 3,
        ratings: { satisfied: 1, acceptable: 1, unsatisfied: 1 },
        satisfactionPercent: 66.7,
      },
      {
        agency: { id: 'dien_luc', name: 'Công ty Điện lực tỉnh' },
        received: 2,
        open: 0,
        resolved: 2,
        rejected: 0,
        duplicate: 0,
        overdueOpen: 0,
        resolvedPercent: 100,
        resolvedOnTime: 2,
        onTimePercent: 100,
        rated: 1,
        ratings: { satisfied: 0, acceptable: 1, unsatisfied: 0 },
        satisfactionPercent: 100,
      },
    ]);
  });

  it('reads the period in Vietnamese days', async () => {
    const first = await stats({ from: '2003-03-01', to: '2003-03-01' });
    expect(first.province.received).toBe(1);
    const last = await stats({ from: '2003-03-31', to: '2003-03-31' });
    expect(last.province.received).toBe(1);
    const around = await stats({ from: '2003-02-28', to: '2003-04-01' });
    expect(around.province.received).toBe(13);
  });

  it('gives null percentages when there is nothing to divide', async () => {
    const empty = await stats({ from: '1999-01-01', to: '1999-01-31' });
    expect(empty.province).toMatchObject({
      received: 0,
      resolvedPercent: null,
      onTimePercent: null,
      satisfactionPercent: null,
      medianIntakeToAgencySeconds: null,
      medianTimeToResolveSeconds: null,
    });
    expect(empty.agencies).toEqual([]);
  });

  it('defaults to the last 30 days', async () => {
    const body = await stats({});
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(body.period).toEqual({ from, to: today, timeZone: 'Asia/Ho_Chi_Minh' });
    const since = await stats({ from: '2003-03-15' });
    expect(since.period).toEqual({ from: '2003-03-15', to: today, timeZone: 'Asia/Ho_Chi_Minh' });
    const until = await stats({ to: '2003-03-31' });
    expect(until.period.from).toBe('2003-03-02');
  });

  it('is cacheable and typed for the mini app', async () => {
    expectTypeOf<StatsBody['province']['onTimePercent']>().toEqualTypeOf<number | null>();
    expectTypeOf<StatsBody['province']['medianTimeToResolveSeconds']>().toEqualTypeOf<
      number | null
    >();
    expectTypeOf<StatsBody['agencies'][number]['agency']>().toEqualTypeOf<{
      id: string;
      name: string;
    }>();
    const res = await call('/api/v1/stats?from=2003-03-01&to=2003-03-31');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const tag = res.headers.get('etag') as string;
    const again = await call('/api/v1/stats?from=2003-03-01&to=2003-03-31', {
      headers: { 'If-None-Match': tag },
    });
    expect(again.status).toBe(304);
  });

  it('refuses a bad period with 400 and a Vietnamese message', async () => {
    for (const query of ['from=2003-03-31&to=2003-03-01', 'from=2003-02-29', 'to=31-03-2003']) {
      const res = await call(`/api/v1/stats?${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as ErrorJson;
      expect(body.error.code).toBe('validation_failed');
      expect(JSON.stringify(body.error.details)).toMatch(/Ngày/);
    }
  });
});
