import { describe, expect, it } from 'vitest';
import { METRICS } from '../../../../edge/src/environment/metrics';
import { METRIC_DISPLAY, metricLabel, primaryMetric, sortMetrics } from './metrics';

describe('metric display table', () => {
  it("has the server's metrics with the same kind, unit and decimals", () => {
    expect(Object.keys(METRIC_DISPLAY).sort()).toEqual(Object.keys(METRICS).sort());
    for (const [id, display] of Object.entries(METRIC_DISPLAY)) {
      const server = METRICS[id as keyof typeof METRICS];
      expect({ kind: display.kind, unit: display.unit, decimals: display.decimals }, id).toEqual({
        kind: server.kind,
        unit: server.unit,
        decimals: server.decimals,
      });
    }
  });

  it('leads with salinity for water, AQI for air, temperature for weather', () => {
    expect(primaryMetric('water')).toBe('salinity');
    expect(primaryMetric('air')).toBe('aqi');
    expect(primaryMetric('weather')).toBe('air_temperature');
  });

  it('orders readings, unknown metrics last, and labels them in both languages', () => {
    const sorted = sortMetrics([{ metric: 'ph' }, { metric: 'zzz' }, { metric: 'salinity' }]);
    expect(sorted.map((m) => m.metric)).toEqual(['salinity', 'ph', 'zzz']);
    expect(metricLabel('salinity', 'vi')).toBe('Độ mặn');
    expect(metricLabel('salinity', 'en')).toBe('Salinity');
    expect(metricLabel('zzz', 'en', 'Chỉ số mới')).toBe('Chỉ số mới');
  });
});
