import { describe, expect, it } from 'vitest';
import { type ClusterPoint, findClusters, type OpenAlert, planAlerts, summarise } from './detect';
import { distance, dominantTopic, draftWarning, period } from './warning-draft';

// Metres → degrees near the province (lat ≈ 9.8°): 1° of latitude ≈ 111.3 km.
const M_LAT = 1 / 111_320;
const M_LNG = 1 / (111_320 * Math.cos((9.8 * Math.PI) / 180));
const ORIGIN = { lat: 9.8, lng: 105.6 };

let nextId = 1;
function point(
  northMetres: number,
  eastMetres: number,
  extra: Partial<ClusterPoint> = {},
): ClusterPoint {
  const id = nextId++;
  return {
    id,
    lat: ORIGIN.lat + northMetres * M_LAT,
    lng: ORIGIN.lng + eastMetres * M_LNG,
    createdAt: new Date(Date.UTC(2025, 9, 12, 7, 0) + id * 60_000).toISOString(),
    communeId: 'vi-thanh',
    alertId: null,
    ...extra,
  };
}

const RULE = { minReports: 5, radiusMetres: 500 };
const ids = (cluster: ClusterPoint[]) => cluster.map((p) => p.id);

describe('findClusters', () => {
  it('finds N reports within R of a report, and nothing with one report fewer', () => {
    const five = [point(0, 0), point(100, 0), point(0, 200), point(-300, 0), point(0, -400)];
    expect(findClusters(five, RULE).map(ids)).toEqual([ids(five)]);
    expect(findClusters(five.slice(0, 4), RULE)).toEqual([]);
  });

  it('leaves out reports farther than R from every core', () => {
    const core = [point(0, 0), point(50, 0), point(0, 50), point(-50, 0), point(0, -50)];
    const border = point(540, 0); // within 500 m of (50, 0): joins as a border report
    const far = point(2000, 0);
    const clusters = findClusters([far, ...core, border], RULE);
    expect(clusters.map(ids)).toEqual([[...ids(core), border.id]]);
  });

  it('keeps a cluster that spreads along a street as one, and apart ones apart', () => {
    // Reports every 150 m along 1.5 km: each has at least 5 within 500 m.
    const street = Array.from({ length: 11 }, (_, i) => point(0, i * 150));
    const elsewhere = Array.from({ length: 5 }, (_, i) => point(5000, i * 50));
    const clusters = findClusters([...elsewhere, ...street], RULE);
    expect(clusters.map(ids)).toEqual([ids(street), ids(elsewhere)]);
  });

  it('measures the radius in metres on both axes (grid cells at least R wide)', () => {
    // East-west distances: the other 4 lie within 499 m east of the first report.
    const east = [point(0, 0), point(0, 499), point(0, 300), point(0, 200), point(0, 100)];
    expect(findClusters(east, RULE).map(ids)).toEqual([ids(east)]);
    const tooFar = [point(0, 0), point(0, 1100), point(0, 2200), point(0, 3300), point(0, 4400)];
    expect(findClusters(tooFar, RULE)).toEqual([]);
  });

  it('answers the same clusters whatever the order of the rows', () => {
    const pts = [
      ...Array.from({ length: 6 }, (_, i) => point(i * 60, 0)),
      ...Array.from({ length: 5 }, (_, i) => point(3000, i * 60)),
    ];
    const forward = findClusters(pts, RULE).map(ids);
    expect(findClusters([...pts].reverse(), RULE).map(ids)).toEqual(forward);
  });
});

describe('summarise', () => {
  it('gives the centroid, the spread, the main commune and the period', () => {
    const a = point(0, 0, { communeId: 'vi-tan' });
    const b = point(200, 0, { communeId: 'vi-thanh' });
    const c = point(-200, 0, { communeId: 'vi-thanh' });
    const s = summarise([c, a, b]);
    expect(s.centroid.lat).toBeCloseTo(ORIGIN.lat, 6);
    expect(s.spreadMetres).toBeGreaterThanOrEqual(199);
    expect(s.spreadMetres).toBeLessThanOrEqual(201);
    expect(s.communeId).toBe('vi-thanh');
    expect(s.communeCount).toBe(2);
    expect(s.reportCount).toBe(3);
    expect(s.firstReportAt).toBe(a.createdAt);
    expect(s.lastReportAt).toBe(c.createdAt);
  });
});

function alertOf(id: number, members: ClusterPoint[]): OpenAlert {
  const s = summarise(members);
  return {
    id,
    centroid: s.centroid,
    spreadMetres: s.spreadMetres,
    reportCount: members.length,
    members,
  };
}

describe('planAlerts', () => {
  it('opens one alert for a new cluster', () => {
    const cluster = Array.from({ length: 5 }, (_, i) => point(i * 10, 0));
    const plans = planAlerts(findClusters(cluster, RULE), [], RULE);
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ kind: 'open', summary: { reportCount: 5 } });
  });

  it('changes nothing when every report of the cluster is in an alert already', () => {
    const members = Array.from({ length: 5 }, (_, i) => point(i * 10, 0, { alertId: 7 }));
    const plans = planAlerts(findClusters(members, RULE), [alertOf(7, members)], RULE);
    expect(plans).toEqual([]);
  });

  it('grows the alert that shares reports with the cluster', () => {
    const members = Array.from({ length: 5 }, (_, i) => point(i * 10, 0, { alertId: 7 }));
    const fresh = [point(100, 0), point(120, 0)];
    const plans = planAlerts(
      findClusters([...members, ...fresh], RULE),
      [alertOf(7, members)],
      RULE,
    );
    expect(plans).toHaveLength(1);
    const plan = plans[0];
    if (plan?.kind !== 'grow') throw new Error('expected growth');
    expect(plan.alert.id).toBe(7);
    expect(ids(plan.added)).toEqual(ids(fresh));
    expect(plan.summary.reportCount).toBe(7);
  });

  it('grows an alert whose area the new cluster lies in, even sharing no report', () => {
    // The alert's reports fell out of the window; new reports arrive in the same place.
    const old = Array.from({ length: 5 }, (_, i) => point(i * 10, 0, { alertId: 3 }));
    const fresh = Array.from({ length: 5 }, (_, i) => point(200 + i * 10, 0));
    const plans = planAlerts(findClusters(fresh, RULE), [alertOf(3, old)], RULE);
    expect(plans.map((p) => p.kind)).toEqual(['grow']);
    // …but a cluster 3 km away opens its own alert.
    const away = Array.from({ length: 5 }, (_, i) => point(3000 + i * 10, 0));
    expect(planAlerts(findClusters(away, RULE), [alertOf(3, old)], RULE)[0]?.kind).toBe('open');
  });

  it('adds to the oldest alert when a cluster touches two', () => {
    const a = Array.from({ length: 5 }, (_, i) => point(i * 10, 0, { alertId: 4 }));
    const b = Array.from({ length: 5 }, (_, i) => point(i * 10, 600, { alertId: 9 }));
    const bridge = [point(0, 300)];
    const plans = planAlerts(
      findClusters([...a, ...b, ...bridge], RULE),
      [alertOf(9, b), alertOf(4, a)],
      RULE,
    );
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ kind: 'grow', alert: { id: 4 } });
  });
});

describe('draftWarning', () => {
  const base = {
    categoryId: 'cap_thoat_nuoc',
    categoryName: 'Cấp thoát nước',
    place: 'Phường Vị Thanh',
    communeCount: 1,
    reportCount: 6,
    firstReportAt: '2025-10-12T07:05:00.000Z',
    lastReportAt: '2025-10-12T12:20:00.000Z',
    spreadMetres: 430,
  };

  it('names the topic most reports talk about, with or without diacritics', () => {
    const draft = draftWarning({
      ...base,
      descriptions: [
        'Đường Trần Hưng Đạo ngập sâu sau mưa lớn',
        'nuoc ngap toi dau goi, xe chet may',
        'Hẻm 12 ngập nước, nước tràn vào nhà',
        'Cống nghẹt, nước không thoát được',
      ],
    });
    expect(draft.title).toBe('Cảnh báo ngập úng tại Phường Vị Thanh');
    expect(draft.body).toContain('Từ 14:05 đến 19:20 ngày 12/10/2025');
    expect(draft.body).toContain('6 phản ánh của người dân về ngập úng tại Phường Vị Thanh');
    expect(draft.body).toContain('bán kính khoảng 450 m');
    expect(draft.body).toContain('hạn chế đi qua các đoạn đường ngập sâu');
  });

  it("falls back to the category's wording when no topic has half the reports", () => {
    const topic = dominantTopic('cap_thoat_nuoc', [
      'mất nước từ sáng',
      'đường ngập',
      'nước đục có mùi',
      'ống nước bể',
    ]);
    expect(topic).toBeNull();
    const draft = draftWarning({
      ...base,
      communeCount: 3,
      descriptions: ['mất nước từ sáng', 'đường ngập', 'nước đục', 'không rõ'],
    });
    expect(draft.title).toBe(
      'Cảnh báo sự cố cấp thoát nước tại Phường Vị Thanh và khu vực lân cận',
    );
  });

  it('matches whole syllables only', () => {
    // "rác" is a topic of the environment, "trác" (in "trác táng") is not.
    expect(dominantTopic('moi_truong', ['trac tang'])).toBeNull();
    expect(dominantTopic('moi_truong', ['RÁC chất đống'])?.label).toBe('rác thải tồn đọng');
  });

  it('writes periods over two days and distances in km', () => {
    expect(period('2025-10-12T16:30:00.000Z', '2025-10-13T02:00:00.000Z')).toBe(
      'từ 23:30 ngày 12/10/2025 đến 09:00 ngày 13/10/2025',
    );
    expect(period('2025-10-12T16:30:00.000Z', '2025-10-12T16:30:40.000Z')).toBe(
      'lúc 23:30 ngày 12/10/2025',
    );
    expect(distance(12)).toBe('khoảng 50 m');
    expect(distance(1234)).toBe('khoảng 1,3 km');
  });
});
