import adminUnitsJson from '../../../fixtures/admin-units.json';

// The province's shape for field reports. Its bounds rectangle comes from the same fixture
// the database seed reads (fixtures/admin-units.json, deployment configuration): the
// admin_units table keeps centroids only, and the rectangle is needed on every submission,
// so it is bundled with the Worker instead of costing a query. A deployment that replaces
// the fixture redeploys the Worker anyway.

export interface Bounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

export interface LatLng {
  lat: number;
  lng: number;
}

export const PROVINCE: { id: string; name: string; center: LatLng; bounds: Bounds } = {
  id: adminUnitsJson.province.id,
  name: adminUnitsJson.province.name,
  center: { lat: adminUnitsJson.province.lat, lng: adminUnitsJson.province.lng },
  bounds: adminUnitsJson.province.bounds,
};

export function insideBounds(p: LatLng, b: Bounds = PROVINCE.bounds): boolean {
  return p.lat >= b.south && p.lat <= b.north && p.lng >= b.west && p.lng <= b.east;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres. */
export function haversineMetres(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A lat/lng rectangle containing every point within `metres` of `p` (prefilter for an index scan). */
export function boxAround(p: LatLng, metres: number): Bounds {
  const dLat = metres / 111_320;
  const dLng = metres / (111_320 * Math.max(0.01, Math.cos(rad(p.lat))));
  return { south: p.lat - dLat, north: p.lat + dLat, west: p.lng - dLng, east: p.lng + dLng };
}

/**
 * The commune whose centroid is nearest: an approximation of "the commune containing the
 * point" (no boundary polygons are available yet). Near a commune border it can pick the
 * neighbour; the IOC corrects the commune when it checks the report.
 */
export function nearestUnit<T extends { lat: number | null; lng: number | null }>(
  p: LatLng,
  units: readonly T[],
): T | undefined {
  let best: T | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const unit of units) {
    if (unit.lat === null || unit.lng === null) continue;
    const d = haversineMetres(p, { lat: unit.lat, lng: unit.lng });
    if (d < bestDistance) {
      best = unit;
      bestDistance = d;
    }
  }
  return best;
}

/** Public position of a report: 4 decimals (about 11 m), enough to find a pothole, no more. */
export const approximate = (value: number) => Math.round(value * 10_000) / 10_000;
