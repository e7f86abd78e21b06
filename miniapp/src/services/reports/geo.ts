/**
 * Where a report may be: the province's rectangle, the same one the server refuses
 * points outside of (fixtures/admin-units.json `province.bounds`). The API's config
 * endpoint sends the deployed bounds; this copy only covers the first screen before it
 * answers, and a unit test keeps it equal to the fixture.
 */

export type LatLng = { lat: number; lng: number };

export type Bounds = { south: number; west: number; north: number; east: number };

export const DEFAULT_BOUNDS: Bounds = { south: 9.5, west: 105.2, north: 10.08, east: 105.95 };

/** The provincial capital (Vị Thanh): where the map opens when nothing better is known. */
export const DEFAULT_CENTER: LatLng = { lat: 9.7845, lng: 105.4701 };

export function isValidLatLng(point: Partial<LatLng> | null | undefined): point is LatLng {
  return (
    !!point &&
    typeof point.lat === 'number' &&
    typeof point.lng === 'number' &&
    Number.isFinite(point.lat) &&
    Number.isFinite(point.lng) &&
    Math.abs(point.lat) <= 90 &&
    Math.abs(point.lng) <= 180
  );
}

/** Edges count as inside, like the server's `BETWEEN`. */
export function insideBounds(point: LatLng, bounds: Bounds): boolean {
  return (
    isValidLatLng(point) &&
    point.lat >= bounds.south &&
    point.lat <= bounds.north &&
    point.lng >= bounds.west &&
    point.lng <= bounds.east
  );
}

export function boundsCenter(bounds: Bounds): LatLng {
  return { lat: (bounds.south + bounds.north) / 2, lng: (bounds.west + bounds.east) / 2 };
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine); plenty for "within 250 m". */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** "9.78450, 105.47010": five decimals is about a metre, as precise as a phone's GPS. */
export function formatLatLng(point: LatLng): string {
  return `${point.lat.toFixed(5)}, ${point.lng.toFixed(5)}`;
}

/** "120 m", "1,2 km" in Vietnamese style (comma decimal). */
export function formatDistance(meters: number, language: 'vi' | 'en' = 'vi'): string {
  if (meters < 1000) return `${Math.max(1, Math.round(meters))} m`;
  const km = (meters / 1000).toFixed(1);
  return `${language === 'vi' ? km.replace('.', ',') : km} km`;
}
