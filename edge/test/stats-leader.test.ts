import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LeaderStats } from '../src/stats/leader';
import { call, type ErrorJson } from './helpers';
import { marker, seedReports, testDb } from './seed-reports';
import {
  asAdmin,
  asAgencyHandler,
  asAgencyLeader,
  asCommuneOfficer,
  asIoc,
  asProvinceLeader,
} from './support/officials';

// Leaders' statistics on a known set of reports received in January and February 2007
// (Vietnam's time), months no other test uses. Every expected figure is worked out by hand
// in the comments next to the seed.

const H = 3_600_000;
const D = 24 * H;
const iso = (t: number) => new Date(t).toISOString();
const t0 = (day: string) => Date.parse(`2007-${day}T01:00:00.000Z`); // 08:00 in Vietnam

const roads = { categoryId: 'giao_thong' } as const;
const light = { categoryId: 'dien_chieu_sang' } as const;

interface Spec {
  name: string;
  seed: Parameters<typeof seedReports>[0][number];
  firstAssignedAfter?: number;
}

function specs(m: string): Spec[] {
  return [
    {
      // Received before the period, resolved inside it (on time): counted only in the trend's
      // "resolved" of the week of 1 January.
      name: 'R0',
      seed: {
        ...roads,
        agencyId: 'so_xay_dung',
        description: `R0 ${m}`,
        status: 'resolved',
        createdAt: iso(Date.parse('2006-12-30T01:00:00.000Z')),
        dueAt: iso(t0('01-04')),
        resolvedAt: iso(t0('01-03')),
      },
    },
    {
      // 2 days to resolve, on time, satisfied; intake 1 h.
      name: 'R1',
      seed: {
        ...roads,
        agencyId: 'so_xay_dung',
        communeId: 'vi-thanh',
        description: `R1 ${m}`,
        status: 'resolved',
        createdAt: iso(t0('01-02')),
        dueAt: iso(t0('01-05')),
        resolvedAt: iso(t0('01-04')),
        rating: 'satisfied',
        contact: { name: 'Nguyễn Văn Bí Mật', phone: '0912345678', agencyMayContact: true },
      },
      firstAssignedAfter: 1 * H,
    },
    {
      // 6 days, late, unsatisfied; intake 3 h.
      name: 'R2',
      seed: {
        ...roads,
        agencyId: 'so_xay_dung',
        communeId: 'vi-tan',
        description: `R2 ${m}`,
        status: 'resolved',
        createdAt: iso(t0('01-03')),
        dueAt: iso(t0('01-06')),
        resolvedAt: iso(t0('01-09')),
        rating: 'unsatisfied',
      },
      firstAssignedAfter: 3 * H,
    },
    {
      // In progress and past its deadline; intake 2 h.
      name: 'R3',
      seed: {
        ...roads,
        agencyId: 'so_xay_dung',
        communeId: 'vi-thanh',
        description: `R3 ${m}`,
        status: 'in_progress',
        createdAt: iso(t0('01-10')),
        dueAt: iso(t0('01-12')),
      },
      firstAssignedAfter: 2 * H,
    },
    {
      // 1 day, on time, acceptable; intake 30 min.
      name: 'R4',
      seed: {
        ...light,
        agencyId: 'dien_luc',
        communeId: 'vi-thanh',
        description: `R4 ${m}`,
        status: 'resolved',
        createdAt: iso(t0('01-15')),
        dueAt: iso(t0('01-18')),
        resolvedAt: iso(t0('01-16')),
        rating: 'acceptable',
      },
      firstAssignedAfter: 0.5 * H,
    },
    {
      // Assigned, deadline far away; intake 4 h.
      name: 'R5',
      seed: {
        ...light,
        agencyId: 'dien_luc',
        communeId: 'vi-tan',
        description: `R5 ${m}`,
        status: 'assigned',
        createdAt: iso(t0('02-01')),
        dueAt: '2999-01-01T00:00:00.000Z',
      },
      firstAssignedAfter: 4 * H,
    },
    {
      name: 'R6',
      seed: {
        ...roads,
        communeId: 'vi-thanh',
        description: `R6 ${m}`,
        status: 'received',
        createdAt: iso(t0('02-05')),
      },
    },
    {
      // Spam, hidden from the public: leaders still count it.
      name: 'R7',
      seed: {
        ...roads,
        communeId: 'vi-tan',
        description: `R7 ${m}`,
        status: 'rejected',
        hidden: true,
        createdAt: iso(t0('02-06')),
      },
    },
    {
      // Resolved exactly at its deadline (on time), 4 days, not rated; intake 5 h.
      name: 'R8',
      seed: {
        ...roads,
        agencyId: 'so_xay_dung',
        communeId: 'vi-tan',
        description: `R8 ${m}`,
        status: 'resolved',
        createdAt: iso(t0('02-10')),
        dueAt: '2007-02-14T01:00:00Z',
        resolvedAt: iso(t0('02-14')),
      },
      firstAssignedAfter: 5 * H,
    },
    {
      // 31 January 17:30 UTC is 1 February 00:30 in Vietnam: February, week of 29 January.
      name: 'R9',
      seed: {
        ...roads,
        communeId: 'vi-thanh',
        description: `R9 ${m}`,
        status: 'received',
        createdAt: '2007-01-31T17:30:00.000Z',
      },
    },
    {
      // 1 March in Vietnam: outside the period.
      name: 'R10',
      seed: {
        ...roads,
        communeId: 'vi-thanh',
        description: `R10 ${m}`,
        createdAt: '2007-02-28T17:00:00.000Z',
      },
    },
  ];
}

const PERIOD = 'from=2007-01-01&to=2007-02-28';

beforeAll(async () => {
  const list = specs(marker());
  const seeded = await seedReports(list.map((s) => s.seed));
  const db = testDb();
  const updates = list.flatMap((s, i) => {
    if (s.firstAssignedAfter === undefined) return [];
    const at = iso(Date.parse(s.seed.createdAt as string) + s.firstAssignedAfter);
    return [
      db.run(
        sql`update reports set first_assigned_at = ${at} where code = ${seeded[i]?.code as string}`,
      ),
    ];
  });
  await db.batch(updates as [(typeof updates)[number], ...typeof updates]);
});

async function statsAs(headers: Record<string, string>, query = PERIOD): Promise<LeaderStats> {
  const res = await call(`/api/v1/work/stats?${query}`, { headers });
  if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
  expect(res.headers.get('cache-control')).toBe('private, no-store');
  return (await res.json()) as LeaderStats;
}

describe('GET /api/v1/work/stats: the province', () => {
  it('counts, rates and percentiles of the period', async () => {
    const ioc = await asIoc();
    const body = await statsAs(ioc.headers);
    expect(body.period).toEqual({
      from: '2007-01-01',
      to: '2007-02-28',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    expect(body.scope).toEqual({ all: true, agencyId: null, communeId: null });
    expect(body.summary).toEqual({
      received: 9, // R1..R9
      open: 4, // R3 R5 R6 R9
      resolved: 4, // R1 R2 R4 R8
      rejected: 1, // R7, hidden but counted
      duplicate: 0,
      overdueOpen: 1, // R3
      resolvedPercent: 44.4, // 4 / 9
      resolvedOnTime: 3, // R1 R4 R8 (R8 exactly at its deadline)
      onTimePercent: 75,
      rated: 3,
      ratings: { satisfied: 1, acceptable: 1, unsatisfied: 1 },
      satisfactionPercent: 66.7, // (1 + 1) / 3
      satisfiedPercent: 33.3, // 1 / 3
      // 0.5 1 2 3 4 5 h: median = 3rd value, p90 = 6th; average 15.5 / 6 h
      intakeToAgency: {
        count: 6,
        medianSeconds: 2 * 3600,
        p90Seconds: 5 * 3600,
        averageSeconds: 9300,
      },
      // Assigned by hand in the seed (routed_by null, as before the smart intake): manual.
      intakeToAgencyByRoute: {
        auto: { count: 0, medianSeconds: null, p90Seconds: null, averageSeconds: null },
        manual: { count: 6, medianSeconds: 2 * 3600, p90Seconds: 5 * 3600, averageSeconds: 9300 },
      },
      // 1 2 4 6 days: median = 2nd value, p90 = 4th; average 3.25 days
      timeToResolve: {
        count: 4,
        medianSeconds: 2 * 86400,
        p90Seconds: 6 * 86400,
        averageSeconds: 280800,
      },
    });
    expect(body.byStatus).toEqual([
      { status: 'received', label: 'Đã tiếp nhận', count: 2 },
      { status: 'assigned', label: 'Đã chuyển xử lý', count: 1 },
      { status: 'in_progress', label: 'Đang xử lý', count: 1 },
      { status: 'resolved', label: 'Đã xử lý', count: 4 },
      { status: 'rejected', label: 'Không thuộc thẩm quyền / Từ chối', count: 1 },
      { status: 'duplicate', label: 'Trùng', count: 0 },
    ]);
  });

  it('breaks the figures down by category, agency and commune', async () => {
    const leader = await asProvinceLeader();
    const body = await statsAs(leader.headers);
    expect(body.byCategory.map((c) => [c.category.id, c.received, c.resolved])).toEqual([
      ['giao_thong', 7, 3],
      ['dien_chieu_sang', 2, 1],
    ]);
    expect(body.byCategory[0]?.category.name).toBe('Giao thông');

    const agencies = body.byAgency.map((a) => a.agency?.id ?? null);
    expect(agencies).toEqual(['so_xay_dung', 'dien_luc', null]);
    const roadsAgency = body.byAgency[0];
    expect(roadsAgency).toMatchObject({
      agency: { id: 'so_xay_dung', name: 'Sở Xây dựng' },
      received: 4, // R1 R2 R3 R8
      resolved: 3,
      resolvedOnTime: 2,
      onTimePercent: 66.7,
      overdueOpen: 1,
      avgIntakeToAgencySeconds: 11 * 900, // (1 + 3 + 2 + 5) h / 4
      avgTimeToResolveSeconds: 4 * 86400, // (2 + 6 + 4) days / 3
    });
    expect(body.byAgency[1]).toMatchObject({
      agency: { id: 'dien_luc' },
      received: 2,
      avgIntakeToAgencySeconds: 8100, // (0.5 + 4) h / 2
      avgTimeToResolveSeconds: 86400,
    });
    expect(body.byAgency[2]).toMatchObject({
      agency: null,
      received: 3, // R6 R7 R9
      avgIntakeToAgencySeconds: null,
      avgTimeToResolveSeconds: null,
    });
    expect(body.byCategory[1]).toMatchObject({
      category: { id: 'dien_chieu_sang' },
      avgIntakeToAgencySeconds: 8100,
    });

    const communes = Object.fromEntries(
      body.byCommune.map((c) => [c.commune?.id ?? 'none', [c.commune?.name, c.received]]),
    );
    expect(communes).toEqual({
      'vi-thanh': ['Phường Vị Thanh', 5], // R1 R3 R4 R6 R9
      'vi-tan': ['Phường Vị Tân', 4], // R2 R5 R7 R8
    });
  });

  it('gives weekly (Monday to Sunday) and monthly trends in Vietnam time', async () => {
    const ioc = await asIoc();
    const { trends } = await statsAs(ioc.headers);
    expect(trends.weekly.map((w) => [w.week, w.received, w.resolved, w.resolvedOnTime])).toEqual([
      ['2007-01-01', 2, 2, 2], // R1 R2 received; R0 R1 resolved on time
      ['2007-01-08', 1, 1, 0], // R3; R2 late
      ['2007-01-15', 1, 1, 1], // R4
      ['2007-01-22', 0, 0, 0],
      ['2007-01-29', 2, 0, 0], // R5, R9 (00:30 on 1 February)
      ['2007-02-05', 3, 0, 0], // R6 R7 R8
      ['2007-02-12', 0, 1, 1], // R8 resolved
      ['2007-02-19', 0, 0, 0],
      ['2007-02-26', 0, 0, 0],
    ]);
    expect(trends.weekly[0]).toMatchObject({ start: '2007-01-01', end: '2007-01-07' });
    expect(trends.weekly[1]?.onTimePercent).toBe(0);
    expect(trends.weekly[3]?.onTimePercent).toBeNull();
    expect(trends.weekly.at(-1)).toMatchObject({ start: '2007-02-26', end: '2007-02-28' });
    expect(trends.monthly).toEqual([
      {
        month: '2007-01',
        start: '2007-01-01',
        end: '2007-01-31',
        received: 4,
        resolved: 4,
        resolvedOnTime: 3,
        onTimePercent: 75,
      },
      {
        month: '2007-02',
        start: '2007-02-01',
        end: '2007-02-28',
        received: 5,
        resolved: 1,
        resolvedOnTime: 1,
        onTimePercent: 100,
      },
    ]);
  });

  it('narrows by category, commune and agency', async () => {
    const ioc = await asIoc();
    const light = await statsAs(ioc.headers, `${PERIOD}&categoryId=dien_chieu_sang`);
    expect(light.summary.received).toBe(2);
    expect(light.filters).toEqual({
      agencyId: null,
      communeId: null,
      categoryId: 'dien_chieu_sang',
    });
    const viTan = await statsAs(ioc.headers, `${PERIOD}&communeId=vi-tan`);
    expect(viTan.summary.received).toBe(4);
    const both = await statsAs(ioc.headers, `${PERIOD}&communeId=vi-tan&agencyId=so_xay_dung`);
    expect(both.summary.received).toBe(2); // R2 R8
    expect(both.summary.timeToResolve).toEqual({
      count: 2,
      medianSeconds: 4 * 86400, // 4 6 days: the lower middle
      p90Seconds: 6 * 86400,
      averageSeconds: 5 * 86400,
    });
    const single = await statsAs(ioc.headers, `${PERIOD}&agencyId=dien_luc`);
    // One value: it is both the median and the 90th percentile.
    expect(single.summary.timeToResolve).toEqual({
      count: 1,
      medianSeconds: 86400,
      p90Seconds: 86400,
      averageSeconds: 86400,
    });
  });
});

describe('GET /api/v1/work/stats: scope', () => {
  it('shows an agency leader only their agency', async () => {
    const leader = await asAgencyLeader('so_xay_dung');
    const body = await statsAs(leader.headers);
    expect(body.scope).toEqual({ all: false, agencyId: 'so_xay_dung', communeId: null });
    expect(body.summary).toMatchObject({
      received: 4,
      resolved: 3,
      resolvedOnTime: 2,
      overdueOpen: 1,
      rated: 2,
    });
    expect(body.byAgency.map((a) => a.agency?.id)).toEqual(['so_xay_dung']);
    // Filters narrow the scope, never widen it.
    const other = await statsAs(leader.headers, `${PERIOD}&agencyId=dien_luc`);
    expect(other.summary.received).toBe(0);
    expect(other.byAgency).toEqual([]);
    expect(other.summary.onTimePercent).toBeNull();
  });

  it('shows a commune officer the reports located in their commune', async () => {
    const officer = await asCommuneOfficer('vi-thanh');
    const body = await statsAs(officer.headers);
    expect(body.scope).toEqual({ all: false, agencyId: null, communeId: 'vi-thanh' });
    expect(body.summary.received).toBe(5); // R1 R3 R4 R6 R9
    expect(body.byCommune.map((c) => c.commune?.id)).toEqual(['vi-thanh']);
  });

  it('refuses officials without stats.read and anonymous callers', async () => {
    for (const who of [await asAgencyHandler(), await asAdmin()]) {
      const res = await call(`/api/v1/work/stats?${PERIOD}`, { headers: who.headers });
      expect(res.status).toBe(403);
      expect(((await res.json()) as ErrorJson).error.code).toBe('forbidden');
    }
    const anonymous = await call(`/api/v1/work/stats?${PERIOD}`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as ErrorJson).error.code).toBe('official_session_required');
  });
});

describe('GET /api/v1/work/stats: the period', () => {
  it('defaults to the last 30 days', async () => {
    const ioc = await asIoc();
    const body = await statsAs(ioc.headers, '');
    const today = new Date(Date.now() + 7 * H).toISOString().slice(0, 10);
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * D).toISOString().slice(0, 10);
    expect(body.period).toMatchObject({ from, to: today });
    expect(body.trends.monthly.length).toBeGreaterThanOrEqual(1);
  });

  it('takes up to two years and refuses more, or a reversed period, in Vietnamese', async () => {
    const ioc = await asIoc();
    const two = await statsAs(ioc.headers, 'from=2006-01-01&to=2007-12-31');
    expect(two.summary.received).toBeGreaterThanOrEqual(10);
    expect(two.trends.monthly).toHaveLength(24);
    for (const query of [
      'from=2000-01-01&to=2002-01-01',
      'from=2001-02-01&to=2001-01-01',
      'from=2001-02-30',
    ]) {
      const res = await call(`/api/v1/work/stats?${query}`, { headers: ioc.headers });
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as ErrorJson;
      expect(body.error.code).toBe('validation_failed');
      expect(JSON.stringify(body.error.details)).toMatch(/Ngày|Kỳ thống kê/);
    }
  });
});
