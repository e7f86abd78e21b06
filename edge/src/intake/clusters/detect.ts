import { haversineMetres, type LatLng } from '../../reports/geo';

// Early-warning clusters, the pure part: which reports of one category form a cluster, and
// what that means for the category's open alerts. No I/O here; job.ts reads the window's
// reports and writes what `planAlerts` decides.
//
// A cluster is DBSCAN's: a report with at least `minReports` reports (itself included)
// within `radiusMetres` is a core; cores within the radius of each other belong to one
// cluster, with every report within the radius of one of its cores. So "any N reports within
// R of a report" starts a cluster, and a flood that spreads along a street stays one cluster
// instead of splitting into overlapping circles.
//
// Neighbours come from an in-memory grid of cells at least R wide over the window's reports
// (bounded by the job: WINDOW_LIMIT per category), not from the R*Tree: the job reads the
// window's reports anyway (it needs each one's alert and time), so one read and a grid
// answer every neighbour query, where the R*Tree would cost a query per report.

export interface ClusterPoint extends LatLng {
  id: number;
  createdAt: string;
  communeId: string | null;
  /** The open alert the report already belongs to; null: in none yet. */
  alertId: number | null;
}

export interface ClusterRule {
  minReports: number;
  radiusMetres: number;
}

const METRES_PER_DEGREE = 111_320;

/** Clusters of `points` under `rule`, each sorted by report id, the clusters by first id. */
export function findClusters(points: readonly ClusterPoint[], rule: ClusterRule): ClusterPoint[][] {
  if (points.length < rule.minReports || points.length === 0) return [];
  const r = rule.radiusMetres;
  // Cells at least R wide everywhere: a longitude degree is shortest at the largest |lat|.
  const maxAbsLat = Math.max(...points.map((p) => Math.abs(p.lat)));
  const cellLat = r / METRES_PER_DEGREE;
  const cellLng = r / (METRES_PER_DEGREE * Math.max(0.01, Math.cos((maxAbsLat * Math.PI) / 180)));
  const cellOf = (p: LatLng) => [Math.floor(p.lat / cellLat), Math.floor(p.lng / cellLng)] as const;
  const grid = new Map<string, number[]>();
  points.forEach((p, i) => {
    const [y, x] = cellOf(p);
    const key = `${y}:${x}`;
    const cell = grid.get(key);
    if (cell) cell.push(i);
    else grid.set(key, [i]);
  });

  const neighbourCache = new Map<number, number[]>();
  const neighbours = (i: number): number[] => {
    const cached = neighbourCache.get(i);
    if (cached) return cached;
    const p = points[i] as ClusterPoint;
    const [y, x] = cellOf(p);
    const found: number[] = [];
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        for (const j of grid.get(`${y + dy}:${x + dx}`) ?? []) {
          if (haversineMetres(p, points[j] as ClusterPoint) <= r) found.push(j);
        }
      }
    }
    neighbourCache.set(i, found);
    return found;
  };
  const isCore = (i: number) => neighbours(i).length >= rule.minReports;

  // Visit in id order so that the result does not depend on the order the rows came in.
  const order = points.map((_, i) => i).sort((a, b) => (points[a]?.id ?? 0) - (points[b]?.id ?? 0));
  const clusterOf = new Int32Array(points.length).fill(-1);
  const clusters: number[][] = [];
  for (const start of order) {
    if (clusterOf[start] !== -1 || !isCore(start)) continue;
    const index = clusters.length;
    const members: number[] = [];
    clusters.push(members);
    const queue = [start];
    clusterOf[start] = index;
    while (queue.length > 0) {
      const i = queue.pop() as number;
      members.push(i);
      if (!isCore(i)) continue; // a border report joins the cluster but does not extend it
      for (const j of neighbours(i)) {
        if (clusterOf[j] !== -1) continue;
        clusterOf[j] = index;
        queue.push(j);
      }
    }
  }
  return clusters
    .map((members) => members.map((i) => points[i] as ClusterPoint).sort((a, b) => a.id - b.id))
    .sort((a, b) => (a[0]?.id ?? 0) - (b[0]?.id ?? 0));
}

export interface ClusterSummary {
  centroid: LatLng;
  /** Metres from the centroid to the farthest report, rounded up. */
  spreadMetres: number;
  /** The commune most reports lie in (ties: the one whose first report came first). */
  communeId: string | null;
  /** How many communes the reports lie in. */
  communeCount: number;
  reportCount: number;
  firstReportAt: string;
  lastReportAt: string;
}

type Member = LatLng & { id: number; createdAt: string; communeId: string | null };

export function summarise(members: readonly Member[]): ClusterSummary {
  if (members.length === 0) throw new Error('summarise: no reports');
  const sorted = [...members].sort((a, b) =>
    a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1,
  );
  const centroid = {
    lat: sorted.reduce((s, m) => s + m.lat, 0) / sorted.length,
    lng: sorted.reduce((s, m) => s + m.lng, 0) / sorted.length,
  };
  const spread = Math.max(...sorted.map((m) => haversineMetres(centroid, m)));
  const communes = new Map<string, number>();
  for (const m of sorted) {
    if (m.communeId) communes.set(m.communeId, (communes.get(m.communeId) ?? 0) + 1);
  }
  let communeId: string | null = null;
  let best = 0;
  // Map keeps insertion order (first report first), and only a strictly larger count wins.
  for (const [id, n] of communes) {
    if (n > best) {
      communeId = id;
      best = n;
    }
  }
  return {
    centroid,
    spreadMetres: Math.ceil(spread),
    communeId,
    communeCount: communes.size,
    reportCount: sorted.length,
    firstReportAt: (sorted[0] as Member).createdAt,
    lastReportAt: (sorted.at(-1) as Member).createdAt,
  };
}

export interface OpenAlert {
  id: number;
  centroid: LatLng;
  spreadMetres: number;
  reportCount: number;
  /** Every report of the alert, also those older than the rule's window. */
  members: Member[];
}

export type AlertPlan =
  | { kind: 'open'; reports: ClusterPoint[]; summary: ClusterSummary }
  | {
      kind: 'grow';
      alert: OpenAlert;
      added: ClusterPoint[];
      /** The alert's reports after the growth. */
      members: Member[];
      summary: ClusterSummary;
    };

/**
 * What the clusters of one category change. A cluster with no report outside an alert changes
 * nothing (a repeated run raises nothing). A cluster that shares a report with an open alert,
 * or whose centroid lies within the radius of an open alert's area (its spread around its
 * centroid), adds its new reports to that alert: the oldest such alert when there are
 * several, so two alerts are never merged behind the IOC's back. Any other cluster opens
 * one alert. Reports of closed alerts never reach here (the job leaves them out): a cluster
 * that goes on after the IOC closed its alert opens a new one only when its new reports
 * alone are enough.
 */
export function planAlerts(
  clusters: readonly ClusterPoint[][],
  openAlerts: readonly OpenAlert[],
  rule: ClusterRule,
): AlertPlan[] {
  const byId = new Map(openAlerts.map((a) => [a.id, a]));
  const growth = new Map<number, ClusterPoint[]>();
  const plans: AlertPlan[] = [];
  for (const cluster of clusters) {
    const fresh = cluster.filter((p) => p.alertId === null);
    if (fresh.length === 0) continue;
    const shared = [...new Set(cluster.flatMap((p) => (p.alertId === null ? [] : [p.alertId])))];
    let candidates = shared.filter((id) => byId.has(id));
    if (candidates.length === 0) {
      const { centroid } = summarise(cluster);
      candidates = openAlerts
        .filter((a) => haversineMetres(centroid, a.centroid) <= a.spreadMetres + rule.radiusMetres)
        .map((a) => a.id);
    }
    if (candidates.length === 0) {
      plans.push({ kind: 'open', reports: cluster, summary: summarise(cluster) });
      continue;
    }
    const target = Math.min(...candidates);
    growth.set(target, [...(growth.get(target) ?? []), ...fresh]);
  }
  for (const [id, added] of [...growth].sort((a, b) => a[0] - b[0])) {
    const alert = byId.get(id) as OpenAlert;
    const known = new Set(alert.members.map((m) => m.id));
    const fresh = added.filter((p) => !known.has(p.id)).sort((a, b) => a.id - b.id);
    if (fresh.length === 0) continue;
    const members = [...alert.members, ...fresh];
    plans.push({ kind: 'grow', alert, added: fresh, members, summary: summarise(members) });
  }
  return plans;
}
