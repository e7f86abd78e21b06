import { describe, expect, it } from 'vitest';
import { metricFromNames, normaliseName } from './metric-names';

describe('metricFromNames', () => {
  it('reads English, Vietnamese and abbreviated names', () => {
    expect(metricFromNames('water', ['Độ mặn'])).toBe('salinity');
    expect(metricFromNames('water', ['EC'])).toBe('conductivity');
    expect(metricFromNames('water', ['Electrical Conductivity at 25°C'])).toBe('conductivity');
    expect(metricFromNames('air', ['PM2.5 concentration'])).toBe('pm25');
    expect(metricFromNames('air', ['PM10'])).toBe('pm10');
    expect(metricFromNames('air', ['VN_AQI'])).toBe('aqi');
    expect(metricFromNames('weather', ['Tốc độ gió'])).toBe('wind_speed');
    expect(metricFromNames('weather', ['Wind direction'])).toBe('wind_direction');
    expect(metricFromNames('weather', ['Lượng mưa 5 phút'])).toBe('rainfall');
    expect(metricFromNames('weather', ['Global radiation'])).toBe('solar_radiation');
  });

  it('settles "temperature" by the station kind', () => {
    expect(metricFromNames('weather', ['Temperature'])).toBe('air_temperature');
    expect(metricFromNames('water', ['Temperature'])).toBe('water_temperature');
    expect(metricFromNames('air', ['Temperature'])).toBeNull();
  });

  it('takes the first text that names a metric: explicit id, property, definition, name', () => {
    expect(metricFromNames('water', ['salinity', 'Temperature'])).toBe('salinity');
    expect(metricFromNames('water', [null, 'http://vocab.example/def/phenomenon/Salinity'])).toBe(
      'salinity',
    );
    expect(metricFromNames('water', [undefined, '', 'Dissolved oxygen'])).toBeNull();
  });

  it('normalises names', () => {
    expect(normaliseName('  Đường PM2.5 (µg/m³). ')).toBe('duong pm2.5 ug m3');
  });
});
