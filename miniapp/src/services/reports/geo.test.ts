import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, distanceMeters, formatDistance, insideBounds, isValidLatLng } from './geo';

describe('province bounds', () => {
  it('matches the rectangle the server refuses points outside of', () => {
    const fixture = JSON.parse(
      readFileSync(new URL('../../../../fixtures/admin-units.json', import.meta.url), 'utf8'),
    ) as { province: { bounds: unknown } };
    expect(DEFAULT_BOUNDS).toEqual(fixture.province.bounds);
  });

  it('accepts Vị Thanh and Ngã Bảy, refuses points north of the province and Hà Nội', () => {
    expect(insideBounds({ lat: 9.7845, lng: 105.4701 }, DEFAULT_BOUNDS)).toBe(true);
    expect(insideBounds({ lat: 9.817, lng: 105.819 }, DEFAULT_BOUNDS)).toBe(true);
    expect(insideBounds({ lat: 10.12, lng: 105.78 }, DEFAULT_BOUNDS)).toBe(false);
    expect(insideBounds({ lat: 21.0285, lng: 105.8542 }, DEFAULT_BOUNDS)).toBe(false);
  });

  it('counts the edges as inside and anything not a number as outside', () => {
    expect(insideBounds({ lat: 9.5, lng: 105.2 }, DEFAULT_BOUNDS)).toBe(true);
    expect(insideBounds({ lat: 10.08, lng: 105.95 }, DEFAULT_BOUNDS)).toBe(true);
    expect(insideBounds({ lat: 9.4999, lng: 105.5 }, DEFAULT_BOUNDS)).toBe(false);
    expect(insideBounds({ lat: Number.NaN, lng: 105.5 }, DEFAULT_BOUNDS)).toBe(false);
    expect(isValidLatLng({ lat: 91, lng: 0 })).toBe(false);
    expect(isValidLatLng(null)).toBe(false);
  });
});

describe('distances', () => {
  it('measures metres on the ground', () => {
    // 0.001° of latitude is about 111 m everywhere.
    const d = distanceMeters({ lat: 9.78, lng: 105.47 }, { lat: 9.781, lng: 105.47 });
    expect(d).toBeGreaterThan(110);
    expect(d).toBeLessThan(112);
    expect(distanceMeters({ lat: 9.78, lng: 105.47 }, { lat: 9.78, lng: 105.47 })).toBe(0);
  });

  it('writes distances the Vietnamese way', () => {
    expect(formatDistance(120.4)).toBe('120 m');
    expect(formatDistance(1234)).toBe('1,2 km');
    expect(formatDistance(1234, 'en')).toBe('1.2 km');
  });
});
