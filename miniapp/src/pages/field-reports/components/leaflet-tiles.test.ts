import { describe, expect, it } from 'vitest';
import { tileUrl } from './leaflet-tiles';

describe('map tiles', () => {
  it('are configuration: OpenStreetMap by default, a deployment URL, or none', () => {
    expect(tileUrl(undefined)).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(tileUrl('  ')).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(tileUrl('https://tiles.haugiang.gov.vn/{z}/{x}/{y}.png')).toBe(
      'https://tiles.haugiang.gov.vn/{z}/{x}/{y}.png',
    );
    expect(tileUrl('none')).toBeNull();
  });
});
